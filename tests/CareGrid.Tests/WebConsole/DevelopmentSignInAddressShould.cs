using CareGrid.Grains.Audit;
using CareGrid.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Tests.WebConsole;

/// <summary>
/// <c>developmentSignIn</c> mints any role of any tenant, so while <c>Auth:Authority</c> is empty it is accepted only from a
/// loopback address of the connection (127.0.0.0/8, ::1, IPv4-mapped loopback) unless <c>Auth:DevelopmentSignInFromAnyAddress</c>
/// is true (docs/console.md "Sign-in"). From another address: DEVELOPMENT_SIGN_IN_DISABLED naming the key, no data, one
/// DENIED record — and X-Forwarded-For claiming loopback changes nothing. <c>signInOptions.developmentSignInAvailable</c> tells
/// the console which applies to it. The remote address is set per request by <see cref="RemoteAddressStartupFilter"/>.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class DevelopmentSignInAddressShould(CareGridApiFactory factory)
{
    internal const string Available = "{ signInOptions { mode developmentSignInAvailable } }";

    [Theory]
    [InlineData("203.0.113.7", null)]
    [InlineData("10.0.0.5", null)]
    [InlineData("::ffff:192.0.2.1", null)]
    [InlineData("2001:db8::1", null)]
    [InlineData("203.0.113.7", "127.0.0.1")]
    public async Task Refuse_a_caller_off_loopback_naming_the_key_and_audit_the_refusal(string address, string? forwardedFor)
    {
        var client = Client(factory, address);
        if (forwardedFor is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
            client.DefaultRequestHeaders.Add("X-Real-IP", forwardedFor);
        }

        var operation = "Remote" + Guid.NewGuid().ToString("N")[..12];
        var response = await new GraphQLClient(client).PostAsync("/graphql",
            $"mutation {operation} {{ developmentSignIn(tenant: \"demo-school\", role: \"TenantAdmin\", sub: \"intruder\") {{ token }} }}", operationName: operation);

        Assert.Equal("DEVELOPMENT_SIGN_IN_DISABLED", response.FirstCode);
        Assert.Contains("Auth:DevelopmentSignInFromAnyAddress", response.Errors![0]!["message"]!.GetValue<string>());
        Assert.Null(response.Data?["developmentSignIn"]);
        var denied = await DeniedAsync(factory, operation);
        Assert.Equal(("DENIED", "DEVELOPMENT_SIGN_IN_DISABLED"), (Assert.Single(denied).Action, denied[0].Refusal!.Code));

        var options = (await new GraphQLClient(client).PostAsync("/graphql", Available)).EnsureNoErrors().Data!["signInOptions"]!;
        Assert.Equal(("DEVELOPMENT", false), (options["mode"]!.GetValue<string>(), options["developmentSignInAvailable"]!.GetValue<bool>()));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public async Task Accept_a_caller_on_loopback(string address)
    {
        var client = new GraphQLClient(Client(factory, address));

        var answer = await client.PostAsync("/graphql", "mutation { developmentSignIn(tenant: \"demo-school\", role: \"Counsellor\", sub: \"local@demo-school\") { token } }");

        Assert.False(string.IsNullOrEmpty(answer.EnsureNoErrors().Data!["developmentSignIn"]!["token"]!.GetValue<string>()));
        Assert.True((await client.PostAsync("/graphql", Available)).EnsureNoErrors().Data!["signInOptions"]!["developmentSignInAvailable"]!.GetValue<bool>());
    }

    internal static HttpClient Client(CareGridApiFactory factory, string address)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(RemoteAddressStartupFilter.Header, address);
        return client;
    }

    internal static async Task<List<AuditRecord>> DeniedAsync(CareGridApiFactory factory, string operation)
    {
        var found = new List<AuditRecord>();
        await foreach (var record in factory.Services.GetRequiredService<IAuditStore>().ReadAllAsync("platform"))
        {
            if (record.Fields.Contains("operation:" + operation))
            {
                found.Add(record);
            }
        }

        return found;
    }
}

/// <summary>
/// With <c>Auth:DevelopmentSignInFromAnyAddress</c> true (a closed test network, docs/operations.md) the development sign-in
/// is accepted from any address, and <c>signInOptions</c> says it is available.
/// </summary>
[Trait("tier", "api")]
public sealed class DevelopmentSignInFromAnyAddressShould(DevelopmentSignInFromAnyAddressShould.AnyAddressFactory factory)
    : IClassFixture<DevelopmentSignInFromAnyAddressShould.AnyAddressFactory>
{
    /// <summary>The service with the development sign-in opened to every address.</summary>
    public sealed class AnyAddressFactory : CareGridApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Auth:DevelopmentSignInFromAnyAddress", "true");
        }
    }

    [Fact]
    public async Task Accept_a_caller_from_another_address()
    {
        var client = new GraphQLClient(DevelopmentSignInAddressShould.Client(factory, "203.0.113.7"));

        var answer = await client.PostAsync("/graphql", "mutation { developmentSignIn(tenant: \"demo-school\", role: \"Counsellor\", sub: \"remote@demo-school\") { token } }");

        Assert.False(string.IsNullOrEmpty(answer.EnsureNoErrors().Data!["developmentSignIn"]!["token"]!.GetValue<string>()));
        var options = (await client.PostAsync("/graphql", DevelopmentSignInAddressShould.Available)).EnsureNoErrors().Data!["signInOptions"]!;
        Assert.True(options["developmentSignInAvailable"]!.GetValue<bool>());
    }
}
