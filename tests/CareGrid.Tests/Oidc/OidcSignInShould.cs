using System.Security.Claims;
using CareGrid.GraphApi.Auth;
using CareGrid.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CareGrid.Tests.Oidc;

/// <summary>
/// Real sign-in (docs/oidc.md): a real OpenID Connect provider on 127.0.0.1 (<see cref="OidcFixture"/>), the service with
/// <c>Auth:Authority</c> pointing at it. A user signs in through the provider (code flow with PKCE, as the console does),
/// and the service reads the access token's tenant and role through the configured mapping (<c>me</c>, a role-guarded
/// query). A development token is refused in that mode, and so is every token that fails one check — audience, issuer,
/// lifetime — even when the provider's own key signed it.
/// </summary>
[Trait("tier", "api")]
public sealed class OidcSignInShould(OidcFixture fixture) : IClassFixture<OidcFixture>
{
    private const string Query = "{ me { subject tenantId roles } organizations { id } }";
    private static readonly string Endpoint = $"/t/{OidcFixture.Tenant}/graphql";

    [SkippableFact]
    public async Task Sign_in_through_the_provider_and_read_tenant_and_role_through_the_mapping()
    {
        fixture.Require();
        using var client = fixture.SignInClient();
        var tokens = await client.SignInAsync(OidcFixture.Alice.Login, OidcFixture.Alice.Password);
        var accessToken = tokens!["access_token"]!.GetValue<string>();

        var response = (await fixture.Service.GraphQL().PostAsync(Endpoint, Query, token: accessToken)).EnsureNoErrors();

        var me = response.Data!["me"]!;
        Assert.Equal(OidcFixture.Alice.Subject, me["subject"]!.GetValue<string>());
        Assert.Equal(OidcFixture.Tenant, me["tenantId"]!.GetValue<string>());
        Assert.Equal(["Counsellor"], me["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.NotEmpty(response.Data!["organizations"]!.AsArray());
    }

    [SkippableFact]
    public async Task Refuse_a_development_token_when_an_authority_is_set()
    {
        fixture.Require();
        var keyPath = Path.Combine(Path.GetTempPath(), "caregrid-tests", "oidc-dev-" + Guid.NewGuid().ToString("N") + ".key");
        try
        {
            var development = new DevelopmentTokens(new AuthOptions { SigningKeyPath = keyPath }, TimeProvider.System)
                .Issue(OidcFixture.Alice.Subject, OidcFixture.Tenant, ["Counsellor"]);

            await AssertRefused(development);
            var signIn = await fixture.Service.GraphQL().PostAsync("/graphql",
                "mutation { developmentSignIn(tenant: \"demo-school\", role: \"Counsellor\", sub: \"x\") { token } }");
            Assert.Equal("DEVELOPMENT_SIGN_IN_DISABLED", signIn.FirstCode);
        }
        finally
        {
            File.Delete(keyPath);
        }
    }

    [SkippableFact]
    public async Task Give_no_code_for_a_wrong_password()
    {
        fixture.Require();
        using var client = fixture.SignInClient();

        Assert.Null(await client.SignInAsync(OidcFixture.Alice.Login, "not-" + OidcFixture.Alice.Password));
    }

    [SkippableFact]
    public async Task Give_no_role_that_the_mapping_does_not_name()
    {
        fixture.Require();
        using var client = fixture.SignInClient();
        var accessToken = (await client.SignInAsync(OidcFixture.Bob.Login, OidcFixture.Bob.Password))!["access_token"]!.GetValue<string>();
        Assert.Equal("PlatformAdmin", new JsonWebToken(accessToken).GetClaim("role").Value); // the provider did issue it

        var response = await fixture.Service.GraphQL().PostAsync(Endpoint, "{ me { subject roles } }", token: accessToken);
        var forbidden = await fixture.Service.GraphQL().PostAsync(Endpoint, "{ organizations { id } }", token: accessToken);

        Assert.Equal(OidcFixture.Bob.Subject, response.EnsureNoErrors().Data!["me"]!["subject"]!.GetValue<string>());
        Assert.Empty(response.Data!["me"]!["roles"]!.AsArray());
        Assert.Equal("FORBIDDEN", forbidden.FirstCode);
    }

    [SkippableTheory]
    [InlineData("audience")]
    [InlineData("issuer")]
    [InlineData("expired")]
    [InlineData("not yet valid")]
    [InlineData("unsigned")]
    public async Task Refuse_a_token_of_the_providers_key_that_fails_one_check(string flaw)
    {
        fixture.Require();
        // The same token without the flaw is accepted, so the flaw alone is what is refused.
        var control = Mint(null);
        var accepted = (await fixture.Service.GraphQL().PostAsync(Endpoint, Query, token: control)).EnsureNoErrors();
        Assert.Equal(OidcFixture.Alice.Subject, accepted.Data!["me"]!["subject"]!.GetValue<string>());

        await AssertRefused(Mint(flaw));
    }

    [SkippableFact]
    public async Task Refuse_the_id_token_as_a_bearer_token()
    {
        fixture.Require();
        using var client = fixture.SignInClient();
        var idToken = (await client.SignInAsync(OidcFixture.Alice.Login, OidcFixture.Alice.Password))!["id_token"]!.GetValue<string>();

        await AssertRefused(idToken); // its audience is the client id, not Auth:Audience
    }

    /// <summary>The service treats the token as absent: <c>me</c> is null and a role-guarded query is <c>UNAUTHENTICATED</c>.</summary>
    private async Task AssertRefused(string token)
    {
        var response = await fixture.Service.GraphQL().PostAsync(Endpoint, Query, token: token);

        Assert.Equal("UNAUTHENTICATED", response.FirstCode);
        Assert.True(response.Data is null || response.Data["me"] is null, response.Body?.ToJsonString());
    }

    /// <summary>An access token like the provider's, signed with its key, with one <paramref name="flaw"/> (or none).</summary>
    private string Mint(string? flaw)
    {
        var now = DateTime.UtcNow;
        var (notBefore, expires) = flaw switch
        {
            "expired" => (now.AddHours(-1), now.AddMinutes(-10)),
            "not yet valid" => (now.AddMinutes(10), now.AddHours(1)),
            _ => (now.AddMinutes(-1), now.AddMinutes(10)),
        };
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = flaw == "issuer" ? "http://127.0.0.1:1" : fixture.Provider.IssuerText,
            Audience = flaw == "audience" ? OidcFixture.ClientId : "caregrid",
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            Subject = new ClaimsIdentity([new Claim("sub", OidcFixture.Alice.Subject), new Claim("school", OidcFixture.Tenant), new Claim("groups", "cg-counsellors")]),
            SigningCredentials = flaw == "unsigned" ? null : new SigningCredentials(fixture.Provider.SigningKey, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
