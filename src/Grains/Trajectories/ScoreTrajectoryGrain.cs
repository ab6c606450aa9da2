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
/// <remarks>
/// The state (name <c>scoreTrajectory</c> in <see cref="StorageNames.Default"/>, exactly as <c>[PersistentState]</c> stores
/// it) is read when a call first needs it (<see cref="OnDemandPersistentState{T}"/>), not on activation: a
/// <see cref="Record"/> that is likely the person's first screening (<c>likelyFirst</c>) writes the new trajectory
/// insert-only without reading it first — one storage round trip instead of two (docs/storage-requests.md). If the
/// trajectory existed after all, storage refuses the insert (nothing is overwritten), the state is read and the point
/// added to it as usual.
/// </remarks>
[GrainType("score-trajectory")]
public sealed class ScoreTrajectoryGrain(
    IGrainContext grainContext,
    IReadModelStore readModel,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : Grain, IScoreTrajectoryGrain
{
    private readonly OnDemandPersistentState<ScoreTrajectoryState> state =
        new("scoreTrajectory", grainContext.GrainId, StorageNames.Default, grainContext.ActivationServices);

    private string TenantId => TenantIds.TenantOf(this.GetPrimaryKeyString());
    private string LocalId => TenantIds.LocalOf(this.GetPrimaryKeyString());

    /// <inheritdoc />
    public async Task Record(ScorePoint point, bool likelyFirst)
    {
        if (!state.IsLoaded && likelyFirst && await TryInsertAsync(point))
        {
            return;
        }

        await state.EnsureLoadedAsync();
        if (new ScoreTrajectory(state.State).Add(point))
        {
            await state.CommitAsync();
        }
    }

    /// <summary>
    /// Writes a trajectory holding only <paramref name="point"/>, insert-only (no ETag: storage adds the record or refuses it
    /// because it exists). True when stored; false when it existed (the state has then been read, so the caller adds the
    /// point to what is stored). Any other failure forgets the unsaved point and propagates.
    /// </summary>
    private async Task<bool> TryInsertAsync(ScorePoint point)
    {
        var fresh = new ScoreTrajectoryState();
        if (!new ScoreTrajectory(fresh).Add(point))
        {
            return false;
        }

        state.State = fresh;
        try
        {
            await state.WriteStateAsync();
            return true;
        }
        catch (Exception ex) when (PersistentStateExtensions.IsWriteConflict(ex))
        {
            await state.ReadStateAsync();
            return false;
        }
        catch
        {
            state.Unload();
            state.State = new ScoreTrajectoryState();
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<ScoreTrajectoryView?> Get(Actor viewer)
    {
        await state.EnsureLoadedAsync();
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
        await state.EnsureLoadedAsync();
        await state.ClearStateAsync();
        state.State = new ScoreTrajectoryState();
        DeactivateOnIdle();
    }
}
