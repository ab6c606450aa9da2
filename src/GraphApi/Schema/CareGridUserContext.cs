using System.Security.Claims;
using CareGrid.GraphApi.Auth;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// Per-request context handed to every resolver: the caller, the admitted tenant (null on the platform
/// endpoint) and helpers that enforce authentication, tenant scope and roles, each failing with a stable code.
/// </summary>
public sealed class CareGridUserContext : Dictionary<string, object?>
{
    /// <summary>Creates the context of one request.</summary>
    public CareGridUserContext(ClaimsPrincipal user, TenantInfo? tenant, string correlationId)
    {
        User = user;
        Tenant = tenant;
        CorrelationId = correlationId;
        Subject = user.FindFirst(ClaimNames.Subject)?.Value;
        if (ReservedSubjects.IsReserved(Subject))
        {
            // Refused at sign-in and when a token is validated; here too, so no path that builds a caller from a principal
            // can act as a queue's named owner or as the service (round-31 red team). The request is anonymous.
            ReservedSubject = Subject;
            Subject = null;
        }

        var roles = user.FindAll(ClaimNames.Role).Select(c => Roles.Normalize(c.Value)).OfType<string>().Distinct().ToList();
        if (tenant is not null && !string.Equals(user.FindFirst(ClaimNames.Tenant)?.Value, tenant.Id, StringComparison.Ordinal))
        {
            // Tenant roles hold only in the token's own tenant: a PlatformAdmin who also holds a tenant role elsewhere
            // is here a PlatformAdmin only (no case data), never that role in every tenant.
            roles = roles.Where(r => r == Roles.PlatformAdmin).ToList();
        }

        Actor = Subject is null ? null : new Actor(Subject, roles);
    }

    /// <summary>The authenticated principal (anonymous when no token was sent).</summary>
    public ClaimsPrincipal User { get; }

    /// <summary>The admitted tenant (Active), or null on the platform endpoint.</summary>
    public TenantInfo? Tenant { get; }

    /// <summary>The request's correlation id (the <c>X-Correlation-Id</c> header or the trace identifier).</summary>
    public string CorrelationId { get; }

    /// <summary>The <c>sub</c> claim, or null when anonymous (also for a reserved subject, <see cref="ReservedSubjects"/>).</summary>
    public string? Subject { get; }

    /// <summary>The token's <c>sub</c> when it is reserved (<see cref="ReservedSubjects"/>) and the request was therefore taken as anonymous; else null.</summary>
    public string? ReservedSubject { get; }

    /// <summary>The caller as passed to grains, or null when anonymous.</summary>
    public Actor? Actor { get; }

    /// <summary>True when the caller holds PlatformAdmin.</summary>
    public bool IsPlatformAdmin => Actor?.Roles.Contains(Roles.PlatformAdmin) == true;

    /// <summary>The caller; <c>UNAUTHENTICATED</c> when no valid token was sent, or the token's subject is reserved (the message says so).</summary>
    public Actor RequireActor() => Actor ?? throw new CareGridException(ErrorCodes.Unauthenticated, ReservedSubject is { } reserved
        ? ReservedSubjects.Explain(reserved)
        : "This field needs a bearer token (Authorization: Bearer …). Get one with: dotnet run --project src/Silo -- token --tenant <id> --role <role>");

    /// <summary>The caller, who must hold PlatformAdmin; <c>UNAUTHENTICATED</c> or <c>FORBIDDEN</c> otherwise.</summary>
    public Actor RequirePlatformAdmin()
    {
        var actor = RequireActor();
        return IsPlatformAdmin ? actor : throw new CareGridException(ErrorCodes.Forbidden, "Only a PlatformAdmin may do this.");
    }

    /// <summary>
    /// The admitted tenant and the caller, who must hold one of <paramref name="roles"/> in it.
    /// <c>UNAUTHENTICATED</c>, <c>TENANT_REQUIRED</c> (platform endpoint) or <c>FORBIDDEN</c> otherwise.
    /// </summary>
    public (TenantInfo Tenant, Actor Actor) RequireTenantRole(IReadOnlyList<string> roles)
    {
        var actor = RequireActor();
        RequireTenant();

        if (!actor.HasAny(roles))
        {
            throw new CareGridException(ErrorCodes.Forbidden, "Your roles do not allow this in this tenant.",
                new Dictionary<string, string> { ["requiredRoles"] = string.Join(",", roles) });
        }

        return (Tenant!, actor);
    }

    /// <summary>The admitted tenant; <c>TENANT_REQUIRED</c> on the platform endpoint.</summary>
    public TenantInfo RequireTenant() => Tenant ?? throw new CareGridException(ErrorCodes.TenantRequired,
        "This field is tenant-scoped: call /t/{tenant}/graphql or send the X-Tenant header.");
}
