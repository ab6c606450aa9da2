using CareGrid.Grains.Cases;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Trajectories;

/// <summary>The one call the case grain makes when a screening is stored (R-3.6; docs/trajectories.md).</summary>
public static class ScoreTrajectories
{
    /// <summary>
    /// Sends a stored screening with a total to the person's trajectory (<see cref="IScoreTrajectoryGrain.Record"/>); a
    /// screening without a total (the C-SSRS screener) is not sent. Idempotent by case and screening id.
    /// <paramref name="earlier"/> are the case's other screenings: when none of them is tracked, the screening is likely
    /// the person's first and the trajectory is written insert-only, without a read first (docs/storage-requests.md).
    /// </summary>
    public static Task RecordAsync(IGrainFactory grains, string tenantId, string personId, string caseId, ScreeningRecord screening,
        IEnumerable<ScreeningRecord> earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(screening);
        if (screening.Result.TotalScore is not { } total || !ScoreTrajectory.Tracks(screening.Result.Instrument))
        {
            return Task.CompletedTask;
        }

        var point = new ScorePoint(caseId, screening.Id, screening.At, screening.Result.Instrument, total);
        var likelyFirst = !earlier.Any(s => s.Id != screening.Id && s.Result.TotalScore is not null && ScoreTrajectory.Tracks(s.Result.Instrument));
        return grains.GetRef<IScoreTrajectoryGrain>(TenantIds.Key(tenantId, personId)).Record(point, likelyFirst);
    }
}
