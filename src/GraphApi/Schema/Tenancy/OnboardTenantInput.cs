using CareGrid.Grains.Tenancy;

namespace CareGrid.GraphApi.Schema;

/// <summary>The <c>input</c> of <c>onboardTenant</c> (<see cref="OnboardTenantInputType"/>); null members were not sent.</summary>
public sealed class OnboardTenantInput
{
    /// <summary>The tenant's slug id (checked by <c>TenantIds.EnsureAvailable</c>).</summary>
    public string? Id { get; set; }

    /// <summary>Display name.</summary>
    public string? Name { get; set; }

    /// <summary>District, town or school.</summary>
    public TenantKind? Kind { get; set; }

    /// <summary>Parent tenant id, or null.</summary>
    public string? ParentId { get; set; }

    /// <summary>IANA time zone, or null for the default.</summary>
    public string? TimeZone { get; set; }

    /// <summary>The sub of the first TenantAdmin.</summary>
    public string? FirstAdminSubject { get; set; }

    /// <summary>The first TenantAdmin's name, or null.</summary>
    public string? FirstAdminName { get; set; }

    /// <summary>Jurisdiction template id (seeds/templates), or null.</summary>
    public string? Template { get; set; }
}
