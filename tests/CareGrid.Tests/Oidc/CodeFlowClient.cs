using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Web;
using Microsoft.IdentityModel.Tokens;

namespace CareGrid.Tests.Oidc;

/// <summary>
/// Signs in at an OpenID Connect provider the way the console's <c>oidc-client-ts</c> does (docs/console.md "Sign-in"):
/// authorization code flow with PKCE (S256) and a state, as a public client, driving the provider's login page with plain
/// HTTP requests (a cookie jar, redirects followed by hand so the code on the redirect URI is read, never fetched).
/// </summary>
public sealed class CodeFlowClient(Uri issuer, string clientId, Uri redirectUri) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true });

    /// <summary>The provider's token response: <c>access_token</c>, <c>id_token</c>, ... ; null when the sign-in did not reach a code.</summary>
    public async Task<JsonObject?> SignInAsync(string login, string password, string scope = "openid profile")
    {
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var state = Guid.NewGuid().ToString("N");
        var query = HttpUtility.ParseQueryString(string.Empty);
        query["client_id"] = clientId;
        query["response_type"] = "code";
        query["scope"] = scope;
        query["redirect_uri"] = redirectUri.ToString();
        query["state"] = state;
        query["code_challenge"] = challenge;
        query["code_challenge_method"] = "S256";

        var location = await RedirectOf(await _http.GetAsync(new Uri(issuer, "/auth?" + query)));
        using var page = await _http.GetAsync(location);
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK && html.Contains($"action=\"{location.AbsolutePath}/login\"", StringComparison.Ordinal),
            $"Expected the provider's login form at {location}, got {(int)page.StatusCode}:\n{html}");

        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["login"] = login, ["password"] = password });
        using var posted = await _http.PostAsync(new Uri(location, location.AbsolutePath + "/login"), form);
        if (posted.StatusCode == HttpStatusCode.OK)
        {
            return null; // the login form again: refused
        }

        location = await RedirectOf(posted);
        for (var hop = 0; hop < 10 && !location.ToString().StartsWith(redirectUri.ToString(), StringComparison.Ordinal); hop++)
        {
            location = await RedirectOf(await _http.GetAsync(location));
        }

        var back = HttpUtility.ParseQueryString(location.Query);
        Assert.Equal(state, back["state"]);
        Assert.Equal(issuer.GetLeftPart(UriPartial.Authority), back["iss"]);
        var code = back["code"] ?? throw new InvalidOperationException($"No code on the redirect: {location}");
        return await RedeemAsync(code, verifier);
    }

    /// <summary>Redeems <paramref name="code"/> at the token endpoint with the PKCE <paramref name="verifier"/>.</summary>
    private async Task<JsonObject> RedeemAsync(string code, string verifier)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["client_id"] = clientId, ["code"] = code,
            ["redirect_uri"] = redirectUri.ToString(), ["code_verifier"] = verifier,
        });
        using var response = await _http.PostAsync(new Uri(issuer, "/token"), form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"The token endpoint answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>The absolute target of a 302/303 redirect.</summary>
    private async Task<Uri> RedirectOf(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.True(response.StatusCode is HttpStatusCode.Found or HttpStatusCode.SeeOther,
                $"Expected a redirect from the provider, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            var location = response.Headers.Location!;
            return location.IsAbsoluteUri ? location : new Uri(issuer, location);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
