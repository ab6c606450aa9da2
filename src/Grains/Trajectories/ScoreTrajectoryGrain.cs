using CareGrid.Grains.Hosting;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Grains.Trajectories;

/// <summary>
/// Loads a person's trajectory, applies <see cref="ScoreTrajectory"/>, saves (R-3.6, R-6.3; docs/trajectories.md).
/// Whether the person is followed up (has an open case) is read from the read side when the trajectory is read.
/// </summary>
[GrainType("score-trajectory")]
public sealed class ScoreTrajectoryGrain(
    [PersistentState("scoreTrajectory", StorageNames.Default)] IPersistentState<ScoreTrajectoryState> state,
    IReadModelStore readModel,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : Grain, IScoreTrajectoryGrain
{
    private string TenantId => TenantIds.TenantOf(this.GetPrimaryKeyString());
    private string LocalId => TenantIds.LocalOf(this.GetPrimaryKeyString());

    /// <inheritdoc />
    public async Task Record(ScorePoint point)
    {
        if (new ScoreTrajectory(state.State).Add(point))
        {
            await state.CommitAsync();
        }
    }

    /// <inheritdoc />
    public async Task<ScoreTrajectoryView?> Get(Actor viewer)
    {
        if (await GrainFactory.GetRef<IPersonGrain>(this.GetPrimaryKeyString()).Get(viewer) is null)
        {
            return null;
        }

        var settings = await GrainFactory.GetRef<ITenantGrain>(TenantId).GetSettings();
        var open = await readModel.QueryCasesAsync(TenantId, new CaseQuery(PersonId: LocalId, OpenOnly: true), 1, null);
        return new ScoreTrajectory(state.State).Read(LocalId, clock.GetUtcNow(), settings.ReviewWeeks, open.Items.Count > 0);
    }

    /// <inheritdoc />
    public async Task Purge()
    {
        await state.ClearStateAsync();
        state.State = new ScoreTrajectoryState();
        DeactivateOnIdle();
    }
}
