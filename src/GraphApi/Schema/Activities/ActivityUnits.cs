using CareGrid.Grains.Activities;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// The unit check of every activity and hazard field (docs/activities.md): the unit must exist, and a caller who does not
/// see the whole tenant must have it in scope (the units they are members of and those below, docs/access.md).
/// </summary>
public sealed class ActivityUnits(IGrainFactory grains, IReadModelStore readModel)
{
    /// <summary>Roles that see every unit's plan and ledger: the tenant's admin, the leadership (Supervisor) and the Auditor.</summary>
    public static readonly IReadOnlyList<string> WholeTenantRoles = [Roles.TenantAdmin, Roles.Supervisor, Roles.Auditor];

    /// <summary>The plan grain of <paramref name="organizationId"/> after the checks.</summary>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c> (<c>organizationId</c>, malformed); <c>NOT_FOUND</c> (the unit);
    /// <c>FORBIDDEN</c> with <c>rule</c> <c>need-to-know</c> and <c>scope</c> when the unit is outside the caller's units.</exception>
    public async Task<IActivityPlanGrain> PlanAsync(TenantInfo tenant, Actor actor, string? organizationId)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(actor);
        var unit = LocalIds.Check(organizationId, "organizationId");
        var rows = await readModel.ListOrganizationsAsync(tenant.Id);
        if (!rows.Any(r => r.Id == unit))
        {
            throw CareGridException.NotFound("Organization", unit);
        }

        if (!actor.HasAny(WholeTenantRoles))
        {
            var scope = await StaffScopes.ResolveAsync(grains, tenant.Id, actor);
            if (!scope.WholeTenant && !scope.OrganizationIds.Contains(unit, StringComparer.Ordinal))
            {
                throw new CareGridException(ErrorCodes.Forbidden,
                    $"Unit '{unit}' is outside the units you serve: activity plans and hazard ledgers are open to the staff of the unit and of the units above it (docs/activities.md).",
                    new Dictionary<string, string> { ["rule"] = "need-to-know", ["entity"] = "Organization", ["id"] = unit, ["scope"] = scope.IsUnassigned ? "unassigned" : "units" });
            }
        }

        return grains.GetRef<IActivityPlanGrain>(TenantIds.Key(tenant.Id, unit));
    }
}
