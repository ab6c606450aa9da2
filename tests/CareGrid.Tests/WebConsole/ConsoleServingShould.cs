using System.Net;
using CareGrid.Silo.WebConsole;
using CareGrid.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace CareGrid.Tests.WebConsole;

/// <summary>
/// The silo serves a built console at / (docs/console.md "Serving"): index.html revalidated every time, hashed assets cached
/// for a year, any other GET path that is not an API route answered with index.html (the console routes in the browser),
/// while API paths nobody mapped, missing assets and other methods stay 404 and the API itself is untouched. The console
/// here is a folder of fixture files (Console:Root), so the test needs no Node.js.
/// </summary>
[Trait("tier", "api")]
public sealed class ConsoleServingShould(ConsoleServingShould.BuiltConsoleFactory factory) : IClassFixture<ConsoleServingShould.BuiltConsoleFactory>
{
    private const string Marker = "<title>console-fixture</title>";
    private const string Script = "console.log('fixture');";

    /// <summary>The service with a built console in a temporary folder; no demo seed.</summary>
    public sealed class BuiltConsoleFactory : CareGridApiFactory
    {
        public string Root { get; } = Path.Combine(Path.GetTempPath(), "caregrid-tests", "console-" + Guid.NewGuid().ToString("N"));

        protected override bool SeedDemo => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            Directory.CreateDirectory(Path.Combine(Root, "assets"));
            File.WriteAllText(Path.Combine(Root, "index.html"), $"<!doctype html><html><head>{Marker}</head><body><div id=\"root\"></div></body></html>");
            File.WriteAllText(Path.Combine(Root, "assets", "index-AbC123.js"), Script);
            base.ConfigureWebHost(builder);
            builder.UseSetting("Console:Root", Root);
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            Directory.Delete(Root, recursive: true);
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/index.html")]
    [InlineData("/cases/case-school-1")]
    [InlineData("/admin/import")]
    [InlineData("/signin-callback?code=x&state=y")]
    public async Task Answer_the_console_with_no_cache(string path)
    {
        using var response = await factory.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(Marker, await response.Content.ReadAsStringAsync());
        Assert.Equal(ConsoleHosting.EntryCacheControl, response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Serve_hashed_assets_with_a_years_immutable_cache()
    {
        using var response = await factory.CreateClient().GetAsync("/assets/index-AbC123.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Script, await response.Content.ReadAsStringAsync());
        var cache = response.Headers.CacheControl!;
        Assert.True(cache.Public && cache.MaxAge == TimeSpan.FromDays(365) && cache.Extensions.Any(e => e.Name == "immutable"), cache.ToString());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/index.html")]
    [InlineData("/cases/case-school-1")]
    [InlineData("/graphiql")]
    [InlineData("/assets/index-AbC123.js")]
    public async Task Send_the_security_headers_with_every_console_answer(string path)
    {
        using var response = await factory.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        SecurityHeaders.AssertConsole(response, ConsoleSecurityHeaders.Policy);
    }

    [Fact]
    public async Task Mark_every_api_answer_nosniff()
    {
        using var api = await factory.CreateClient().PostAsync("/graphql",
            new StringContent("{\"query\":\"{ signInOptions { mode } }\"}", System.Text.Encoding.UTF8, "application/json"));
        using var missing = await factory.CreateClient().GetAsync("/assets/index-Gone99.js");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound), (api.StatusCode, missing.StatusCode));
        Assert.Equal(["nosniff"], api.Headers.GetValues("X-Content-Type-Options"));
        Assert.Equal(["nosniff"], missing.Headers.GetValues("X-Content-Type-Options"));
    }

    [Theory]
    [InlineData("GET", "/assets/index-Gone99.js")]
    [InlineData("GET", "/assets/nothing")]
    [InlineData("GET", "/t/demo-school/not-a-route")]
    [InlineData("GET", "/graphql/extra")]
    [InlineData("GET", "/healthz.json")]
    [InlineData("POST", "/cases/case-school-1")]
    [InlineData("DELETE", "/")]
    public async Task Answer_404_not_the_console_where_no_page_belongs(string method, string path)
    {
        using var response = await factory.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"{method} {path}: {(int)response.StatusCode}");
        Assert.DoesNotContain(Marker, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Leave_the_api_and_the_health_check_as_they_were()
    {
        var api = await factory.GraphQL().PostAsync("/graphql", "{ signInOptions { mode } }");
        Assert.Equal("DEVELOPMENT", api.EnsureNoErrors().Data!["signInOptions"]!["mode"]!.GetValue<string>());

        using var health = await factory.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.DoesNotContain(Marker, await health.Content.ReadAsStringAsync());
    }
}

/// <summary>
/// Without a built console (Node.js was missing at build time) / and the console's paths answer a small page in Chinese and
/// English saying how to get it — install Node.js 20+ and rebuild (docs/console.md "Building") — and the API still works.
/// </summary>
[Trait("tier", "api")]
public sealed class NoConsolePageShould(NoConsolePageShould.NoConsoleFactory factory) : IClassFixture<NoConsolePageShould.NoConsoleFactory>
{
    /// <summary>The service whose console folder does not exist; no demo seed.</summary>
    public sealed class NoConsoleFactory : CareGridApiFactory
    {
        protected override bool SeedDemo => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Console:Root", Path.Combine(Path.GetTempPath(), "caregrid-tests", "no-console-" + Guid.NewGuid().ToString("N")));
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/cases/case-school-1")]
    public async Task Say_in_both_languages_how_to_get_the_console(string path)
    {
        using var response = await factory.CreateClient().GetAsync(path);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("网页控制台尚未构建", page);
        Assert.Contains("the web console is not built", page);
        Assert.Contains("Node.js 20", page);
        Assert.Contains("dotnet run --project src/Silo", page);
        Assert.DoesNotContain("<script", page);
        SecurityHeaders.AssertConsole(response, ConsoleSecurityHeaders.Policy);
    }

    [Fact]
    public async Task Keep_missing_assets_404_and_the_api_working()
    {
        using var asset = await factory.CreateClient().GetAsync("/assets/index-AbC123.js");
        Assert.Equal(HttpStatusCode.NotFound, asset.StatusCode);

        var api = await factory.GraphQL().PostAsync("/graphql", "{ signInOptions { mode } }");
        api.EnsureNoErrors();
    }
}

/// <summary>What every answer the console is served as carries (docs/console.md "Serving").</summary>
internal static class SecurityHeaders
{
    public static void AssertConsole(HttpResponseMessage response, string policy)
    {
        Assert.Equal([policy], response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        Assert.Equal(["no-referrer"], response.Headers.GetValues("Referrer-Policy"));
        Assert.Equal(["DENY"], response.Headers.GetValues("X-Frame-Options"));
        foreach (var directive in new[] { "default-src 'self'", "script-src 'self';", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'" })
        {
            Assert.Contains(directive, policy, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
    }
}
