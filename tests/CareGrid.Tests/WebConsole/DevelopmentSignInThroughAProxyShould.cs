using CareGrid.GraphApi.Schema;
using CareGrid.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace CareGrid.Tests.WebConsole;

/// <summary>
/// A development sign-in relayed by a reverse proxy on the service's own machine is refused: the connection is loopback,
/// but a forwarding header (<c>X-Forwarded-For</c>, <c>Forwarded</c>, <c>X-Real-IP</c>, any <c>X-Forwarded-*</c>, <c>Via</c>, …)
/// shows a caller who may be anywhere (docs/console.md "Sign-in"; round 16 red team F10: an outsider minted a
/// PlatformAdmin token through such a proxy). The refusal is <c>DEVELOPMENT_SIGN_IN_DISABLED</c>, audited once, and
/// <c>signInOptions.developmentSignInAvailable</c> is false for such a request.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class DevelopmentSignInThroughAProxyShould(CareGridApiFactory factory)
{
    [Fact]
    public async Task Refuse_a_development_sign_in_that_a_proxy_forwarded_for_an_outside_client()
    {
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.Add(RemoteAddressStartupFilter.Header, "127.0.0.1"); // the reverse proxy on the same host
        http.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");              // …forwarding a caller from outside
        var client = new GraphQLClient(http);

        var answer = await client.PostAsync("/graphql", "mutation { developmentSignIn(role: \"PlatformAdmin\", sub: \"rt16-outsider\") { token } }");

        Assert.Equal("DEVELOPMENT_SIGN_IN_DISABLED", answer.FirstCode);
        Assert.Null(answer.Data?["developmentSignIn"]);
    }

    [Theory]
    [InlineData("Forwarded", "for=203.0.113.9;proto=https")]
    [InlineData("X-Forwarded-For", "127.0.0.1")] // a header claiming loopback is still a proxy's header
    [InlineData("x-forwarded-for", "203.0.113.9")]
    [InlineData("X-Real-IP", "203.0.113.9")]
    [InlineData("X-Forwarded-Host", "caregrid.example.org")]
    [InlineData("X-Forwarded-Proto", "https")]
    [InlineData("X-Forwarded-Ssl", "on")] // any X-Forwarded-* header
    [InlineData("X-Original-For", "203.0.113.9")]
    [InlineData("Via", "1.1 proxy.example.org")]
    public async Task Refuse_a_loopback_request_carrying_any_forwarding_header_and_audit_it(string header, string value)
    {
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.Add(RemoteAddressStartupFilter.Header, "::1");
        http.DefaultRequestHeaders.TryAddWithoutValidation(header, value);
        var client = new GraphQLClient(http);
        var operation = "Proxied" + Guid.NewGuid().ToString("N")[..12];

        var answer = await client.PostAsync("/graphql",
            $"mutation {operation} {{ developmentSignIn(tenant: \"demo-school\", role: \"TenantAdmin\", sub: \"proxied@demo-school\") {{ token }} }}",
            operationName: operation);

        Assert.Equal("DEVELOPMENT_SIGN_IN_DISABLED", answer.FirstCode);
        Assert.Contains("proxy", answer.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(answer.Data?["developmentSignIn"]);
        var denied = await DevelopmentSignInAddressShould.DeniedAsync(factory, operation);
        Assert.Equal(("DENIED", "DEVELOPMENT_SIGN_IN_DISABLED"), (Assert.Single(denied).Action, denied[0].Refusal!.Code));
        var options = (await client.PostAsync("/graphql", DevelopmentSignInAddressShould.Available)).EnsureNoErrors().Data!["signInOptions"]!;
        Assert.False(options["developmentSignInAvailable"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Still_accept_a_loopback_request_without_a_forwarding_header()
    {
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.Add(RemoteAddressStartupFilter.Header, "127.0.0.1");
        http.DefaultRequestHeaders.Add("X-Correlation-Id", "not-a-forwarding-header");

        var answer = await new GraphQLClient(http).PostAsync("/graphql",
            "mutation { developmentSignIn(tenant: \"demo-school\", role: \"Counsellor\", sub: \"local-no-proxy@demo-school\") { token } }");

        Assert.False(string.IsNullOrEmpty(answer.EnsureNoErrors().Data!["developmentSignIn"]!["token"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("X-Forwarded-For", true)]
    [InlineData("FORWARDED", true)]
    [InlineData("x-real-ip", true)]
    [InlineData("X-Forwarded-Anything", true)]
    [InlineData("Via", true)]
    [InlineData("X-Correlation-Id", false)]
    [InlineData("Authorization", false)]
    [InlineData("X-Tenant", false)]
    public void Tell_a_forwarding_header_by_its_name_in_any_case(string name, bool forwarded)
    {
        var headers = new HeaderDictionary { [name] = "x" };

        Assert.Equal(forwarded, SignInAddress.IsForwarded(headers));
    }
}
