using System.Net;
using System.Net.Http.Headers;
using CareGrid.Grains.Security;
using CareGrid.Silo.Observability;
using CareGrid.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CareGrid.Tests.Observability;

/// <summary>
/// The Orleans Dashboard at <c>/dashboard</c> over HTTP (docs/observability.md "Dashboard"): refused to anonymous callers (401)
/// and to every role but PlatformAdmin (403); a PlatformAdmin's bearer token mints a short-lived, HttpOnly, SameSite=Strict
/// cookie scoped to <c>/dashboard</c> that a browser's navigation then carries; the grain-state browser and the log stream stay shut.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class DashboardShould(CareGridApiFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });

    [Theory]
    [InlineData("/dashboard/")]
    [InlineData("/dashboard/index.html")]
    [InlineData("/dashboard/ClusterStats")]
    [InlineData("/dashboard/DashboardCounters")]
    public async Task Refuse_anonymous_callers_with_401(string path)
    {
        using var response = await _client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("demo-school", Roles.TenantAdmin)]
    [InlineData("demo-school", Roles.Counsellor)]
    [InlineData("demo-district", Roles.Supervisor)]
    public async Task Refuse_every_role_but_PlatformAdmin_with_403_and_mint_them_no_cookie(string tenant, string role)
    {
        var token = factory.Token(tenant, role);
        using var page = await SendAsync(HttpMethod.Get, "/dashboard/ClusterStats", bearer: token);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);

        using var session = await SendAsync(HttpMethod.Post, "/dashboard/session", bearer: token);
        Assert.Equal(HttpStatusCode.Forbidden, session.StatusCode);
        Assert.False(session.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Refuse_to_mint_a_session_without_a_token()
    {
        using var session = await SendAsync(HttpMethod.Post, "/dashboard/session");
        Assert.Equal(HttpStatusCode.Unauthorized, session.StatusCode);
        Assert.False(session.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Serve_a_PlatformAdmin_through_a_scoped_HttpOnly_SameSite_Strict_session_cookie()
    {
        using var session = await SendAsync(HttpMethod.Post, "/dashboard/session", bearer: factory.Token(null, Roles.PlatformAdmin));
        Assert.Equal(HttpStatusCode.NoContent, session.StatusCode);
        var setCookie = Assert.Single(session.Headers.GetValues("Set-Cookie"));
        var attributes = setCookie.Split(';', StringSplitOptions.TrimEntries).Select(a => a.ToLowerInvariant()).ToList();
        Assert.StartsWith(DashboardHosting.CookieName + "=", setCookie, StringComparison.Ordinal);
        Assert.Contains("path=/dashboard", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        var cookie = setCookie.Split(';')[0];

        using var page = await SendAsync(HttpMethod.Get, "/dashboard/", cookie: cookie);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);

        using var stats = await SendAsync(HttpMethod.Get, "/dashboard/ClusterStats", cookie: cookie);
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
        Assert.Equal("application/json", stats.Content.Headers.ContentType?.MediaType);

        // Past need-to-know: no grain state, no live log stream.
        using var state = await SendAsync(HttpMethod.Get, "/dashboard/GrainState?grainId=demo-school/case-school-1&grainType=CareGrid.Grains.Cases.CaseGrain", cookie: cookie);
        Assert.Equal(HttpStatusCode.NotFound, state.StatusCode);
        using var trace = await SendAsync(HttpMethod.Get, "/dashboard/Trace", cookie: cookie);
        Assert.Equal(HttpStatusCode.Forbidden, trace.StatusCode);

        // A tampered cookie is nobody's.
        using var forged = await SendAsync(HttpMethod.Get, "/dashboard/ClusterStats", cookie: cookie[..^4] + "AAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    [Fact]
    public async Task Serve_a_PlatformAdmin_bearer_token_directly()
    {
        using var stats = await SendAsync(HttpMethod.Get, "/dashboard/ClusterStats", bearer: factory.Token(null, Roles.PlatformAdmin));
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? bearer = null, string? cookie = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return await _client.SendAsync(request);
    }
}
