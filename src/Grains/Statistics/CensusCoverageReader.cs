using CareGrid.Grains.Calendar;
using CareGrid.Grains.Census;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Statistics;

/// <summary>
/// Census coverage per round and unit (R-3.5, R-7.4; docs/statistics.md "People and census"). The tenant's rounds are
/// found in the list the jurisdiction grain keeps of them (<see cref="IJurisdictionGrain.Tracked"/>), never by a scan, and
/// each round answers the counts it keeps per unit (<see cref="ICensusRoundGrain.GetCoverage"/>), never by walking its people.
/// </summary>
public static class CensusCoverageReader
{
    /// <summary>The coverage of the tenant's rounds that <paramref name="report"/>'s period and units select (<see cref="Select"/>).</summary>
    public static async Task<IReadOnlyList<CensusCoverage>> ReadAsync(IGrainFactory grains, string tenantId, StatisticsReport report, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(report);
        var ids = await grains.GetGrain<IJurisdictionGrain>(tenantId).Tracked(TrackedKind.CensusRound);
        var rounds = await Task.WhenAll(ids.Select(id => grains.GetRef<ICensusRoundGrain>(TenantIds.Key(tenantId, id)).GetCoverage()));
        return Select(rounds, report.Period, report.OrganizationIds, calendar);
    }

    /// <summary>
    /// The rounds that are open, or whose weeks (from the week it started to the week it closed, in the tenant's time zone)
    /// overlap <paramref name="period"/>; in each, only the units of <paramref name="units"/> (null: all), and rounds left
    /// without a unit dropped. Ordered by start, then round id.
    /// </summary>
    public static IReadOnlyList<CensusCoverage> Select(IEnumerable<CensusCoverage?> rounds, StatisticsPeriod period, IReadOnlyCollection<string>? units, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        ArgumentNullException.ThrowIfNull(period);
        var wanted = units is null ? null : new HashSet<string>(units, StringComparer.Ordinal);
        var selected = new List<CensusCoverage>();
        foreach (var round in rounds)
        {
            if (round is null || !Overlaps(round, period, calendar))
            {
                continue;
            }

            var kept = wanted is null ? round.Units : [.. round.Units.Where(u => wanted.Contains(u.OrganizationId))];
            if (kept.Count > 0)
            {
                selected.Add(round with { Units = kept });
            }
        }

        return [.. selected.OrderBy(r => r.StartedAt).ThenBy(r => r.RoundId, StringComparer.Ordinal)];
    }

    private static bool Overlaps(CensusCoverage round, StatisticsPeriod period, WorkingCalendar calendar) =>
        round.Status == CensusRoundStatus.Open
        || (StatisticsPeriod.WeekOf(round.StartedAt, calendar) <= period.To
            && (round.ClosedAt is not { } closed || StatisticsPeriod.WeekOf(closed, calendar) >= period.From));

    /// <summary>Screened / expected, 0–1 rounded to 4 places, or null when nobody is expected (R-3.5 coverage).</summary>
    public static decimal? Share(CensusUnitProgress unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return unit.Expected == 0 ? null : Math.Round(Math.Min(1m, (decimal)unit.Recorded / unit.Expected), 4);
    }
}
