using CareGrid.Grains.Hosting;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Activities;

/// <summary>The units of a tenant with an activity plan or hazard ledger (<see cref="IActivityRegistryGrain"/>, docs/activities.md).</summary>
[GrainType("activity-registry")]
public sealed class ActivityRegistryGrain(
    [PersistentState("activityRegistry", StorageNames.Default)] IPersistentState<ActivityRegistryState> state) : Grain, IActivityRegistryGrain
{
    /// <inheritdoc />
    public async Task Track(string organizationId)
    {
        if (state.State.OrganizationIds.Add(organizationId))
        {
            await state.CommitAsync();
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> Units() => Task.FromResult<IReadOnlyList<string>>([.. state.State.OrganizationIds]);

    /// <inheritdoc />
    public async Task Purge()
    {
        var tenantId = this.GetPrimaryKeyString();
        foreach (var unit in state.State.OrganizationIds)
        {
            await GrainFactory.GetRef<IActivityPlanGrain>(TenantIds.Key(tenantId, unit)).Purge();
        }

        await state.ClearStateAsync();
        state.State = new ActivityRegistryState();
        DeactivateOnIdle();
    }
}
