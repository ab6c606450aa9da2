using CareGrid.Grains.Hosting;
using CareGrid.Grains.Security;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Grains.GroupCrisis;

/// <summary>A tenant's group-crisis alerts (see <see cref="IGroupCrisisAlertsGrain"/>); the rules are in <see cref="GroupCrisisAlertBook"/>.</summary>
[GrainType("group-crisis-alerts")]
public sealed class GroupCrisisAlertsGrain(
    [PersistentState("groupCrisisAlerts", StorageNames.Default)] IPersistentState<GroupCrisisAlertsState> state,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : Grain, IGroupCrisisAlertsGrain
{
    private GroupCrisisAlertBook Book() => new(state.State);

    /// <inheritdoc />
    public async Task Raise(GroupCrisisAlert alert)
    {
        if (Book().Raise(alert))
        {
            await state.CommitAsync();
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<GroupCrisisAlert>> List(StaffScope scope, GroupCrisisAlertStatus? status, int first) =>
        Task.FromResult(Book().List(scope, status, Math.Clamp(first, 1, GroupCrisisAlertBook.MaxAlerts)));

    /// <inheritdoc />
    public async Task<GroupCrisisAlert> Acknowledge(string id, string response, StaffScope scope, Actor actor)
    {
        var acknowledged = Book().Acknowledge(id, response, scope, actor, clock.GetUtcNow());
        await state.CommitAsync();
        return acknowledged;
    }

    /// <inheritdoc />
    public async Task Purge()
    {
        await state.ClearStateAsync();
        state.State = new GroupCrisisAlertsState();
        DeactivateOnIdle();
    }
}
