namespace CareGrid.Grains.Tenancy;

/// <summary>
/// Marker for grains whose string key starts with a tenant id (<c>"{tenant}/{localId}"</c>, or the bare
/// tenant id for <see cref="ITenantGrain"/>). Calls to them are checked by <see cref="TenantIsolationFilter"/>.
/// </summary>
public interface ITenantScopedGrain : IGrainWithStringKey;
