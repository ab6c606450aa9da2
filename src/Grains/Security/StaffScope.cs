using CareGrid.Grains.Hosting;
namespace CareGrid.Grains.Security;

/// <summary>
/// The organization units whose cases, tasks and people a staff member's queue and level visibility reaches
/// (need-to-know by organization, docs/access.md): the units they belong to (<c>addOrganizationMember</c>) with every unit
/// below them, widened by what the tenant's template says a unit serves (<c>serves</c>: a school's counselling centre,
/// student affairs office and leadership group serve the whole school, R-4.3, R-4.4, R-4.1). Resolved by
/// <see cref="StaffScopes.ResolveAsync"/>.
/// </summary>
/// <param name="WholeTenant">True when the scope is the whole tenant (the service itself, TenantAdmin, and members of a unit
/// whose kind serves the tenant).</param>
/// <param name="OrganizationIds">The local ids of every covered unit, subtree expanded, ordinal order (empty when
/// <paramref name="WholeTenant"/>, and for a staff member who is a member of no unit: <see cref="IsUnassigned"/>).</param>
[GenerateSerializer, Alias("CareGrid.StaffScope"), Immutable]
public sealed record StaffScope([property: Id(0)] bool WholeTenant, [property: Id(1)] IReadOnlyList<string> OrganizationIds)
{
    /// <summary>The whole tenant.</summary>
    public static readonly StaffScope Tenant = new(true, []);

    /// <summary>A staff member who is a member of no unit: their queue and level visibility reaches only records without a unit.</summary>
    public static readonly StaffScope Unassigned = new(false, []);

    /// <summary>True for a staff member who is a member of no unit (ask the TenantAdmin for <c>addOrganizationMember</c>).</summary>
    public bool IsUnassigned => !WholeTenant && OrganizationIds.Count == 0;

    /// <summary>
    /// True when a record of unit <paramref name="organizationId"/> is in scope. A record without a unit (null) belongs to no
    /// unit's need-to-know and is in every scope: its queue and level decide, as before the scope existed.
    /// </summary>
    public bool Covers(string? organizationId) =>
        WholeTenant || organizationId is null || OrganizationIds.Contains(organizationId, StringComparer.Ordinal);

    /// <summary>
    /// The unit filter of a list (<c>cases</c>, <c>myTasks</c>, <c>overdueTasks</c>): null for the whole tenant, else the
    /// covered units. A list row without a unit is shown to whole-tenant scopes only (docs/access.md).
    /// </summary>
    public IReadOnlyCollection<string>? ListFilter => WholeTenant ? null : OrganizationIds;

    /// <summary>Value equality, with <see cref="OrganizationIds"/> compared by its elements in order.</summary>
    public bool Equals(StaffScope? other) =>
        other is not null && WholeTenant == other.WholeTenant && OrganizationIds.SequenceEqual(other.OrganizationIds, StringComparer.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(WholeTenant, OrganizationIds.Count);
}

/// <summary>Resolves a staff member's <see cref="StaffScope"/> in a tenant (docs/access.md, need-to-know by organization).</summary>
public static class StaffScopes
{
    /// <summary>True when <paramref name="actor"/>'s scope is the whole tenant by who they are, without a lookup: the service itself and a TenantAdmin.</summary>
    public static bool WholeTenantByRole(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.IsSystem || actor.HasAny([Roles.TenantAdmin]);
    }

    /// <summary>
    /// The scope of <paramref name="actor"/> in tenant <paramref name="tenantId"/>: the whole tenant for the service itself
    /// (<see cref="Actor.IsSystem"/>) and a <see cref="Roles.TenantAdmin"/>; otherwise one call to the
    /// <see cref="IStaffScopeGrain"/> of the actor's <c>sub</c>, which knows the units where the person records carrying that
    /// sub (<c>StaffSubject</c>) are members and expands them on the tenant's organization tree. A staff member who is a
    /// member of no unit gets <see cref="StaffScope.Unassigned"/>.
    /// </summary>
    public static Task<StaffScope> ResolveAsync(IGrainFactory grains, string tenantId, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(actor);
        return WholeTenantByRole(actor)
            ? Task.FromResult(StaffScope.Tenant)
            : grains.GetRef<IStaffScopeGrain>(IStaffScopeGrain.KeyOf(tenantId, actor.Subject)).Resolve();
    }
}
