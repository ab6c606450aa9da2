using CareGrid.Grains.Hosting;

namespace CareGrid.Grains.Aid;

/// <summary>The tenant's aid counts per provider (R-1.8; docs/aid.md).</summary>
[GrainType("aid-tally")]
public sealed class AidTallyGrain(
    [PersistentState("aidTally", StorageNames.Default)] IPersistentState<AidTallyState> state) : Grain, IAidTallyGrain
{
    /// <inheritdoc />
    public async Task Count(string providerOrganizationId, AidStatus status)
    {
        var providers = state.State.Providers;
        var current = providers.TryGetValue(providerOrganizationId, out var counts) ? counts : new AidProviderCounts(providerOrganizationId, 0, 0, 0, 0);
        providers[providerOrganizationId] = current.Plus(status);
        await state.CommitAsync();
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AidProviderCounts>> Providers() =>
        Task.FromResult<IReadOnlyList<AidProviderCounts>>([.. state.State.Providers.Values.OrderBy(p => p.ProviderOrganizationId, StringComparer.Ordinal)]);

    /// <inheritdoc />
    public async Task Purge()
    {
        await state.ClearStateAsync();
        state.State = new AidTallyState();
        DeactivateOnIdle();
    }
}
