using CareGrid.GraphApi.Auth;

namespace CareGrid.Silo.WebConsole;

/// <summary>
/// The security headers of everything the console is served as (docs/console.md "Serving"): <c>index.html</c>, the SPA
/// fallback, the files and hashed assets, and the page saying no console is built — a Content-Security-Policy that lets the
/// page load only the service's own scripts, styles, images, fonts and workers and talk only to the service (plus the OpenID
/// Connect authority's origin when <c>Auth:Authority</c> is set: the console fetches its discovery document and token
/// endpoint), never be framed, never post a form elsewhere; <c>X-Content-Type-Options: nosniff</c>,
/// <c>Referrer-Policy: no-referrer</c> and <c>X-Frame-Options: DENY</c>. Every other answer of the service (the API included)
/// carries <c>X-Content-Type-Options: nosniff</c>. Inline styles are allowed (<c>style-src 'unsafe-inline'</c>): GraphiQL's
/// editor and the no-console page set them; inline scripts are not.
/// </summary>
public static class ConsoleSecurityHeaders
{
    /// <summary>The Content-Security-Policy of the console without an OpenID Connect authority.</summary>
    public const string Policy = "default-src 'self'; script-src 'self'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; "
        + "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
        + "form-action 'self'; object-src 'none'";

    /// <summary>
    /// The policy for <paramref name="auth"/>: <see cref="Policy"/>, with the authority's origin (scheme, host, port) added to
    /// <c>connect-src</c> when <c>Auth:Authority</c> is set.
    /// </summary>
    public static string PolicyFor(AuthOptions? auth) =>
        auth is { UsesAuthority: true } && Uri.TryCreate(auth.Authority, UriKind.Absolute, out var authority)
            ? Policy.Replace("connect-src 'self'", "connect-src 'self' " + authority.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal)
            : Policy;

    /// <summary>Sets the console's headers on <paramref name="response"/> (before it starts).</summary>
    public static void Apply(HttpResponse response, string policy)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.ContentSecurityPolicy = policy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.XFrameOptions = "DENY";
    }

    /// <summary>Adds <c>X-Content-Type-Options: nosniff</c> to every answer of the service (the API included) that has none.</summary>
    public static WebApplication UseNoSniff(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var response = context.Response;
            response.OnStarting(() =>
            {
                response.Headers.XContentTypeOptions = "nosniff";
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }
}
