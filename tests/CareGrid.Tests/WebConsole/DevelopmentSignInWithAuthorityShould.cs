using CareGrid.Grains.Audit;
using CareGrid.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Tests.WebConsole;

/// <summary>
/// With <c>Auth:Authority</c> set the service issues no development token (docs/console.md "Sign-in"):
/// <c>developmentSignIn</c> is refused with <c>DEVELOPMENT_SIGN_IN_DISABLED</c>, returns no data and leaves one DENIED
/// record; <c>signInOptions</c> names the authority, the console's client id and scopes. The authority is never contacted
/// (no request here carries a token).
/// </summary>
[Trait("tier", "api")]
public sealed class DevelopmentSignInWithAuthorityShould(DevelopmentSignInWithAuthorityShould.AuthorityFactory factory)
    : IClassFixture<DevelopmentSignInWithAuthorityShould.AuthorityFactory>
{
    /// <summary>The service with an OpenID Connect authority configured, no demo seed.</summary>
    public sealed class AuthorityFactory : CareGridApiFactory
    {
        public const string Authority = "https://127.0.0.1:9/realms/caregrid";

        protected override bool SeedDemo => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Auth:Authority", Authority);
            builder.UseSetting("Auth:ConsoleClientId", "caregrid-console");
            builder.UseSetting("Auth:ConsoleScopes", "openid profile caregrid");
        }
    }

    [Theory]
    [InlineData("PlatformAdmin", null)]
    [InlineData("Counsellor", "demo-school")]
    public async Task Refuse_development_sign_in_and_audit_the_refusal(string role, string? tenant)
    {
        var operation = "Disabled" + Guid.NewGuid().ToString("N")[..12];
        var response = await factory.GraphQL().PostAsync("/graphql",
            $"mutation {operation}($tenant: ID) {{ developmentSignIn(tenant: $tenant, role: \"{role}\", sub: \"intruder\") {{ token }} }}",
            new { tenant }, operationName: operation);

        Assert.Equal("DEVELOPMENT_SIGN_IN_DISABLED", response.FirstCode);
        Assert.Null(response.Data?["developmentSignIn"]);
        var denied = new List<AuditRecord>();
        await foreach (var record in factory.Services.GetRequiredService<IAuditStore>().ReadAllAsync("platform"))
        {
            if (record.Fields.Contains("operation:" + operation))
            {
                denied.Add(record);
            }
        }

        var one = Assert.Single(denied);
        Assert.Equal(("DENIED", "DEVELOPMENT_SIGN_IN_DISABLED", "anonymous"), (one.Action, one.Refusal!.Code, one.Actor));
    }

    [Fact]
    public async Task Name_the_authority_client_id_and_scopes()
    {
        var options = (await factory.GraphQL().PostAsync("/graphql", "{ signInOptions { mode authority clientId scopes tenants { id } developmentSignInAvailable } }"))
            .EnsureNoErrors().Data!["signInOptions"]!;

        Assert.Equal("OIDC", options["mode"]!.GetValue<string>());
        Assert.Equal(AuthorityFactory.Authority, options["authority"]!.GetValue<string>());
        Assert.Equal("caregrid-console", options["clientId"]!.GetValue<string>());
        Assert.Equal(["openid", "profile", "caregrid"], options["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Empty(options["tenants"]!.AsArray());
        Assert.False(options["developmentSignInAvailable"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Let_the_console_reach_the_authority_and_nothing_else()
    {
        using var response = await factory.CreateClient().GetAsync(new Uri("/", UriKind.Relative));

        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("connect-src 'self' https://127.0.0.1:9;", policy, StringComparison.Ordinal);
        SecurityHeaders.AssertConsole(response, policy);
    }
}
