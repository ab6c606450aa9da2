namespace CareGrid.Grains.Security;

/// <summary>
/// The organization units whose cases, tasks and people a staff member's queue and level visibility reaches
/// (need-to-know by organization, docs/access.md): the units they belong to (<c>addOrganizationMember</c>) with every unit
/// below them, widened by what the tenant's template says a unit serves. Resolved by <see cref="StaffScopes.ResolveAsync"/>.
/// </summary>
/// <param name="WholeTenant">True when the scope is the whole tenant (the service itself, and roles that administer the tenant).</param>
/// <param name="OrganizationIds">The local ids of every covered unit, subtree expanded (empty when <paramref name="WholeTenant"/>).</param>
[GenerateSerializer, Alias("CareGrid.StaffScope"), Immutable]
public sealed record StaffScope([property: Id(0)] bool WholeTenant, [property: Id(1)] IReadOnlyList<string> OrganizationIds)
{
    /// <summary>The whole tenant.</summary>
    public static readonly StaffScope Tenant = new(true, []);

    /// <summary>True when a record of unit <paramref name="organizationId"/> (null: a record without a unit) is in scope.</summary>
    public bool Covers(string? organizationId) =>
        WholeTenant || (organizationId is not null && OrganizationIds.Contains(organizationId, StringComparer.Ordinal));
}

/// <summary>Resolves a staff member's <see cref="StaffScope"/> in a tenant (docs/access.md, need-to-know by organization).</summary>
public static class StaffScopes
{
    /// <summary>
    /// The scope of <paramref name="actor"/> in tenant <paramref name="tenantId"/>. Placeholder until the organization
    /// scope lands: the whole tenant (the behaviour before need-to-know followed the organization tree).
    /// </summary>
    public static Task<StaffScope> ResolveAsync(IGrainFactory grains, string tenantId, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(actor);
        return Task.FromResult(StaffScope.Tenant);
    }
}
