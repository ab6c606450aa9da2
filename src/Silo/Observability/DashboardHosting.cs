using System.Security.Claims;
using CareGrid.Grains.Security;
using CareGrid.GraphApi.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Orleans.Dashboard;

namespace CareGrid.Silo.Observability;

/// <summary>
/// The Orleans Dashboard at <see cref="Path"/>, for PlatformAdmin only (docs/observability.md "Dashboard"). A browser cannot send
/// a bearer token when it navigates, so a PlatformAdmin first calls <c>POST /dashboard/session</c> with its bearer token; the
/// answer (204) sets a session cookie <see cref="CookieName"/> — HttpOnly, <c>SameSite=Strict</c>, <c>Path=/dashboard</c>,
/// <c>Secure</c> over https, valid <see cref="DashboardOptions.SessionMinutes"/> minutes, not sliding — that the dashboard's
/// page and its polling then carry. <c>DELETE /dashboard/session</c> removes it. Every dashboard route accepts the cookie or a
/// PlatformAdmin bearer token; anyone else gets 401 (no credential) or 403 (another role). The grain-state browser
/// (<c>/dashboard/GrainState</c>) answers 404 — it would show case and person state past need-to-know — and the live log
/// stream (<c>/dashboard/Trace</c>) is off (403).
/// </summary>
public static class DashboardHosting
{
    /// <summary>Where the dashboard is served.</summary>
    public const string Path = "/dashboard";

    /// <summary>The authentication scheme of the dashboard's session cookie.</summary>
    public const string Scheme = "CareGridDashboard";

    /// <summary>The authorization policy of every dashboard route: role PlatformAdmin, by session cookie or bearer token.</summary>
    public const string Policy = "CareGridDashboard";

    /// <summary>Name of the session cookie.</summary>
    public const string CookieName = "caregrid-dashboard";

    /// <summary>Adds the dashboard to the silo (when <c>Dashboard:Enabled</c>, default true), with the live log stream off.</summary>
    public static ISiloBuilder AddCareGridDashboard(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        if (DashboardOptions.Read(configuration).Enabled)
        {
            silo.AddDashboard(options => options.HideTrace = true);
        }

        return silo;
    }

    /// <summary>Registers the session cookie scheme and the <see cref="Policy"/> policy.</summary>
    public static IServiceCollection AddCareGridDashboardAccess(this IServiceCollection services, IConfiguration configuration)
    {
        var options = DashboardOptions.Read(configuration);
        services.AddAuthentication().AddCookie(Scheme, cookie =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.Path = Path;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromMinutes(options.SessionMinutes);
            cookie.SlidingExpiration = false;
            // An API answers with a status, never a redirect to a login page.
            cookie.Events.OnRedirectToLogin = context => Status(context.Response, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => Status(context.Response, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(Scheme, JwtBearerDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .RequireRole(Roles.PlatformAdmin));
        return services;
    }

    /// <summary>Maps the session routes and, when enabled, the dashboard behind <see cref="Policy"/>.</summary>
    public static WebApplication MapCareGridDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!DashboardOptions.Read(app.Configuration).Enabled)
        {
            return app;
        }

        var session = app.MapGroup(Path + "/session").DisableRateLimiting();
        // Minting takes the bearer token only: a cookie cannot renew itself past its lifetime.
        session.MapPost("", OpenSessionAsync).RequireAuthorization(bearer => bearer
            .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser().RequireRole(Roles.PlatformAdmin));
        session.MapDelete("", async context =>
        {
            await context.SignOutAsync(Scheme);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });
        var dashboard = app.MapOrleansDashboard(Path).RequireAuthorization(Policy).DisableRateLimiting();
        ((IEndpointConventionBuilder)dashboard).Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder route && route.RoutePattern.RawText?.EndsWith("/GrainState", StringComparison.OrdinalIgnoreCase) == true)
            {
                route.RequestDelegate = static context =>
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                };
            }
        });
        return app;
    }

    private static async Task OpenSessionAsync(HttpContext context)
    {
        var subject = context.User.FindFirst(ClaimNames.Subject)?.Value ?? string.Empty;
        var identity = new ClaimsIdentity([new Claim(ClaimNames.Subject, subject), new Claim(ClaimNames.Role, Roles.PlatformAdmin)],
            Scheme, ClaimNames.Subject, ClaimNames.Role);
        await context.SignInAsync(Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false });
        context.Response.Headers.CacheControl = "no-store";
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}

/// <summary>
/// Section <c>Dashboard</c>: <c>Enabled</c> (default true) serves the Orleans Dashboard at <c>/dashboard</c>;
/// <c>SessionMinutes</c> (default 15) is the lifetime of the session cookie; a value outside 1–480 stops the start naming the key.
/// </summary>
/// <param name="Enabled">Whether the dashboard runs (its grain profiler and counters cost a little CPU on every silo).</param>
/// <param name="SessionMinutes">Minutes a dashboard session cookie stays valid (1–480).</param>
public sealed record DashboardOptions(bool Enabled, int SessionMinutes)
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Dashboard";

    /// <summary>Reads <see cref="Section"/>; a missing key takes its default.</summary>
    public static DashboardOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var minutes = section.GetValue("SessionMinutes", 15);
        if (minutes is < 1 or > 480)
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException(Section, typeof(DashboardOptions),
                [$"Dashboard:SessionMinutes must be between 1 and 480 minutes; got {minutes}."]);
        }

        return new DashboardOptions(section.GetValue("Enabled", true), minutes);
    }
}
