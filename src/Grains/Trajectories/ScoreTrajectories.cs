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
    /// </summary>
    public static Task RecordAsync(IGrainFactory grains, string tenantId, string personId, string caseId, ScreeningRecord screening)
    {
        ArgumentNullException.ThrowIfNull(screening);
        if (screening.Result.TotalScore is not { } total || !ScoreTrajectory.Tracks(screening.Result.Instrument))
        {
            return Task.CompletedTask;
        }

        var point = new ScorePoint(caseId, screening.Id, screening.At, screening.Result.Instrument, total);
        return grains.GetRef<IScoreTrajectoryGrain>(TenantIds.Key(tenantId, personId)).Record(point);
    }
}
