using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;

namespace CareGrid.Grains.Tenancy;

/// <summary>Persisted state of the <see cref="TenantRegistryGrain"/>.</summary>
[GenerateSerializer, Alias("CareGrid.TenantRegistryState")]
public sealed class TenantRegistryState
{
    /// <summary>Tenants by id; a null value is a reservation whose onboarding is in progress.</summary>
    [Id(0)] public Dictionary<string, TenantInfo?> Tenants { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>The platform-wide tenant list.</summary>
[GrainType("tenant-registry")]
public sealed class TenantRegistryGrain(
    [PersistentState("tenant-registry", StorageNames.Default)] IPersistentState<TenantRegistryState> state)
    : Grain, ITenantRegistryGrain
{
    /// <inheritdoc />
    public async Task Reserve(string tenantId)
    {
        if (state.State.Tenants.ContainsKey(tenantId))
        {
            throw new CareGridException(ErrorCodes.AlreadyExists, $"Tenant '{tenantId}' already exists.",
                new Dictionary<string, string> { ["field"] = "id" });
        }

        state.State.Tenants[tenantId] = null;
        await state.CommitAsync();
    }

    /// <inheritdoc />
    public async Task Release(string tenantId)
    {
        if (state.State.Tenants.TryGetValue(tenantId, out var info) && info is null)
        {
            state.State.Tenants.Remove(tenantId);
            await state.CommitAsync();
        }
    }

    /// <inheritdoc />
    public async Task Update(TenantInfo info)
    {
        state.State.Tenants[info.Id] = info;
        await state.CommitAsync();
    }

    /// <inheritdoc />
    public Task<TenantInfo?> Get(string tenantId) =>
        Task.FromResult(state.State.Tenants.TryGetValue(tenantId, out var info) ? info : null);

    /// <inheritdoc />
    public Task<IReadOnlyList<TenantInfo>> List() =>
        Task.FromResult<IReadOnlyList<TenantInfo>>(state.State.Tenants.Values.OfType<TenantInfo>().OrderBy(t => t.Id, StringComparer.Ordinal).ToList());
}
