using CareGrid.GraphApi.Auth;
using Microsoft.AspNetCore.Http;

namespace CareGrid.GraphApi.Tenancy;

/// <summary>One way to find the tenant a request is for (Finbuckle-style strategy).</summary>
public interface ITenantResolutionStrategy
{
    /// <summary>The tenant id named by the request, or null when this strategy finds none. The id is not validated here.</summary>
    string? Resolve(HttpContext context);
}

/// <summary>The route value <c>{tenant}</c> of <c>/t/{tenant}/graphql</c>.</summary>
public sealed class RouteTenantStrategy : ITenantResolutionStrategy
{
    /// <inheritdoc />
    public string? Resolve(HttpContext context) => context.Request.RouteValues.TryGetValue("tenant", out var v) ? v as string : null;
}

/// <summary>The <c>X-Tenant</c> request header.</summary>
public sealed class HeaderTenantStrategy : ITenantResolutionStrategy
{
    /// <summary>The header name.</summary>
    public const string HeaderName = "X-Tenant";

    /// <inheritdoc />
    public string? Resolve(HttpContext context) =>
        context.Request.Headers.TryGetValue(HeaderName, out var v) && v.Count > 0 && !string.IsNullOrWhiteSpace(v[0]) ? v[0]!.Trim() : null;
}

/// <summary>The authenticated user's <c>tenant</c> claim, used only when neither route nor header names a tenant.</summary>
public sealed class ClaimTenantStrategy : ITenantResolutionStrategy
{
    /// <inheritdoc />
    public string? Resolve(HttpContext context) => context.User.FindFirst(ClaimNames.Tenant)?.Value;
}

/// <summary>
/// Resolves the request's tenant by asking the strategies in order — route, header, claim — and taking the
/// first answer. A route and a header that disagree are a conflict, reported as such.
/// </summary>
public sealed class TenantResolver
{
    private static readonly RouteTenantStrategy Route = new();
    private static readonly HeaderTenantStrategy Header = new();
    private static readonly ClaimTenantStrategy Claim = new();

    /// <summary>The resolved tenant id (or null for the platform scope) and whether route and header conflict.</summary>
    public static (string? TenantId, bool Conflict) Resolve(HttpContext context)
    {
        var route = Route.Resolve(context);
        var header = Header.Resolve(context);
        if (route is not null && header is not null && !string.Equals(route, header, StringComparison.Ordinal))
        {
            return (route, true);
        }

        return (route ?? header ?? Claim.Resolve(context), false);
    }
}
