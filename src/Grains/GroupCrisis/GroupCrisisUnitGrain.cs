using CareGrid.Grains.Hosting;
using CareGrid.Grains.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Grains.GroupCrisis;

/// <summary>
/// One unit's group-crisis counter (see <see cref="IGroupCrisisUnitGrain"/>): loads the tenant's rule and calendar, applies the
/// signal through <see cref="GroupCrisisCounter"/>, raises or updates the alert, then saves. The alert is written before the
/// counter: its id is fixed by unit and window, so when the counter's write fails the next signal writes the same alert
/// again instead of a second one (once per window, R-4.5).
/// </summary>
[GrainType("group-crisis-unit")]
public sealed class GroupCrisisUnitGrain(
    [PersistentState("groupCrisisUnit", StorageNames.Default)] IPersistentState<GroupCrisisUnitState> state,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : Grain, IGroupCrisisUnitGrain
{
    private const string KeyPrefix = "group-crisis/";

    private string TenantId => TenantIds.TenantOf(this.GetPrimaryKeyString());
    private string OrganizationId => TenantIds.LocalOf(this.GetPrimaryKeyString())[KeyPrefix.Length..];

    /// <inheritdoc />
    public async Task Observe(GroupCrisisSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var settings = await GrainFactory.GetRef<ITenantGrain>(TenantId).GetSettings();
        var observation = new GroupCrisisCounter(OrganizationId, state.State).Observe(signal, settings.GroupCrisis, settings.Calendar, clock.GetUtcNow());
        if (!observation.Changed)
        {
            return;
        }

        try
        {
            if (observation.Alert is { } alert)
            {
                await GrainFactory.GetRef<IGroupCrisisAlertsGrain>(IGroupCrisisAlertsGrain.KeyOf(TenantId)).Raise(alert);
            }

            await state.CommitAsync();
        }
        catch
        {
            await state.ReadStateAsync(); // memory never holds an unsaved change (docs/architecture.md "One persistence pattern")
            throw;
        }
    }

    /// <inheritdoc />
    public async Task Purge()
    {
        await state.ClearStateAsync();
        state.State = new GroupCrisisUnitState();
        DeactivateOnIdle();
    }
}
