using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Trajectories;

/// <summary>
/// A person's score trajectory (R-3.6, R-6.3; docs/trajectories.md). Key: <c>"{tenant}/{personId}"</c> (grain type
/// <c>score-trajectory</c>), one per person, so the state is bounded by the person's own screenings.
/// </summary>
public interface IScoreTrajectoryGrain : ITenantScopedGrain
{
    /// <summary>
    /// Adds a scored screening (the case grain calls it after it stored the screening). A repeat of the same case and
    /// screening, or a C-SSRS screening (no total), changes nothing. <paramref name="likelyFirst"/> is a hint only (it
    /// never changes the result): true when the caller knows of no earlier scored screening of the person (the case has
    /// none), so a trajectory not yet read by this activation is written insert-only without reading it first; should
    /// one exist after all, storage refuses the insert and the point is added to the stored trajectory as usual.
    /// </summary>
    Task Record(ScorePoint point, bool likelyFirst);

    /// <summary>
    /// The trajectory at the domain clock's now, with the tenant's review period; null when the person does not exist.
    /// <c>FORBIDDEN</c> (<c>extensions.rule = need-to-know</c>) unless the person's record opens to <paramref name="viewer"/>
    /// (the same rule as <c>person(id)</c>, docs/access.md).
    /// </summary>
    Task<ScoreTrajectoryView?> Get(Actor viewer);

    /// <summary>Erases the trajectory (tenant deletion after export).</summary>
    Task Purge();
}
