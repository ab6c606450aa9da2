using CareGrid.GraphApi.Auth;
using CareGrid.GraphApi.Configuration;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace CareGrid.Silo.WebConsole;

/// <summary>
/// Serves the web console at <c>/</c> (docs/console.md "Serving"): the files of <see cref="ConsoleOptions.Folder"/> — hashed
/// <c>assets/</c> with a year's immutable cache, everything else (<c>index.html</c> first) with <c>no-cache</c> so a new
/// build is seen at once — and, for a GET or HEAD of any other path that is not an API route (<c>/graphql</c>, <c>/t/…</c>,
/// <c>/health</c>, <c>/dashboard</c>), a missing asset or a file name, <c>index.html</c> (the console routes in the browser). Without a built
/// console those paths answer a small bilingual page saying how to get it (<see cref="NoConsolePage"/>). Nothing here
/// needs a token: the console holds no data, it calls the public API like any integrator. Every one of those answers carries
/// the headers of <see cref="ConsoleSecurityHeaders"/>; every other answer of the service <c>X-Content-Type-Options: nosniff</c>.
/// </summary>
public static class ConsoleHosting
{
    /// <summary>Cache-Control of the hashed files under <c>assets/</c>: their names change with their content.</summary>
    public const string AssetCacheControl = "public, max-age=31536000, immutable";

    /// <summary>Cache-Control of <c>index.html</c> and the other unhashed files: revalidate every time.</summary>
    public const string EntryCacheControl = "no-cache";

    private static readonly string[] ApiPrefixes = ["/graphql", "/t/", "/health", "/assets/", "/dashboard"];

    /// <summary>Registers <see cref="ConsoleOptions"/> (section <c>Console</c>, checked at start).</summary>
    public static IServiceCollection AddCareGridConsole(this IServiceCollection services)
    {
        services.AddValidatedOptions<ConsoleOptions, ConsoleOptionsValidator>(ConsoleOptions.Section);
        return services;
    }

    /// <summary>
    /// Adds the static files of the console (before authentication: they carry no data) and the fallback endpoint; call before
    /// mapping the API. The folder is read from configuration as the host is built, so a console built later needs a restart.
    /// </summary>
    public static WebApplication UseCareGridConsole(this WebApplication app)
    {
        var options = ValidatedOptions.BindOrDefaults(app.Configuration, ConsoleOptions.Section, new ConsoleOptionsValidator());
        var folder = options.Folder;
        var files = Directory.Exists(folder) ? new PhysicalFileProvider(folder) : null;
        var policy = ConsoleSecurityHeaders.PolicyFor(app.Services.GetService<AuthOptions>());
        app.UseNoSniff();
        if (files is not null)
        {
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = files,
                ContentTypeProvider = new FileExtensionContentTypeProvider(),
                OnPrepareResponse = file =>
                {
                    file.Context.Response.Headers.CacheControl =
                        file.Context.Request.Path.StartsWithSegments("/assets", StringComparison.Ordinal) ? AssetCacheControl : EntryCacheControl;
                    ConsoleSecurityHeaders.Apply(file.Context.Response, policy);
                },
            });
        }

        app.MapFallback(async context => await FallbackAsync(context, files, policy));
        return app;
    }

    /// <summary>True when the folder holds a built console (its <c>index.html</c>).</summary>
    public static bool IsBuilt(IConfiguration configuration) =>
        File.Exists(Path.Combine(ValidatedOptions.BindOrDefaults(configuration, ConsoleOptions.Section, new ConsoleOptionsValidator()).Folder, "index.html"));

    private static async Task FallbackAsync(HttpContext context, PhysicalFileProvider? files, string policy)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || ApiPrefixes.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase) || path.Equals(p.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
            || Path.HasExtension(path))
        {
            // Not the console's: an API path nobody mapped, a missing asset or file (never HTML where a script is expected).
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.Headers.CacheControl = EntryCacheControl;
        ConsoleSecurityHeaders.Apply(context.Response, policy);
        if (files?.GetFileInfo("index.html") is { Exists: true } index)
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.ContentLength = index.Length;
            if (HttpMethods.IsGet(request.Method))
            {
                await context.Response.SendFileAsync(index, context.RequestAborted);
            }

            return;
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        if (HttpMethods.IsGet(request.Method))
        {
            await context.Response.WriteAsync(NoConsolePage.Html, context.RequestAborted);
        }
    }
}
