namespace CareGrid.Grains.Tenancy;

/// <summary>
/// The platform-wide list of tenants and their lifecycle status (one grain, key <see cref="Key"/>).
/// The API answers "does this tenant exist and is it active" from here, so an unknown or suspended
/// tenant's grains are never touched.
/// </summary>
public interface ITenantRegistryGrain : IGrainWithStringKey
{
    /// <summary>The registry's grain key.</summary>
    const string Key = "platform";

    /// <summary>Claims a tenant id for onboarding. Fails with <c>ALREADY_EXISTS</c> when the id is taken (deleted ids stay taken).</summary>
    Task Reserve(string tenantId);

    /// <summary>Releases a reservation whose onboarding failed before the tenant was written.</summary>
    Task Release(string tenantId);

    /// <summary>Records the tenant's current description (called by the tenant grain on every change).</summary>
    Task Update(TenantInfo info);

    /// <summary>The tenant, or null when unknown.</summary>
    Task<TenantInfo?> Get(string tenantId);

    /// <summary>Every tenant, ordered by id, deleted ones included.</summary>
    Task<IReadOnlyList<TenantInfo>> List();
}
