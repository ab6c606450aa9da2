using CareGrid.Grains.Cases;

namespace CareGrid.Grains.Statistics.Sections;

public sealed partial class TimelinessSection
{
    /// <inheritdoc />
    public void Fill(StatisticsContext context, StatisticsReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        var buckets = new List<TimelinessBucket>();
        var service = new Dictionary<string, (long Contacts, long Minutes)>(StringComparer.Ordinal);
        foreach (var week in context.Period.Mondays())
        {
            if (!_weeks.TryGetValue(week, out var units))
            {
                continue;
            }

            foreach (var (unit, bucket) in units)
            {
                if (!context.Covers(unit == NoUnit ? null : unit))
                {
                    continue;
                }

                buckets.Add(bucket);
                var sum = service.GetValueOrDefault(unit);
                service[unit] = (sum.Contacts + bucket.Contacts, sum.Minutes + bucket.Minutes);
            }
        }

        report.Timeliness = new TimelinessFigures(
            Durations(buckets.Select(b => b.FirstContact)),
            Durations(buckets.Select(b => b.Crisis)),
            Protocol(buckets, context.Now),
            HandOvers(buckets, context.Now),
            new ReferralFigures(
                [.. Enum.GetValues<ReferralStatus>().Select(s => new CountOf<ReferralStatus>(s, buckets.Sum(b => b.Referrals[(int)s])))],
                Durations(buckets.Select(b => b.Acceptance))),
            [.. service.Where(s => s.Value.Contacts != 0).OrderBy(s => s.Key == NoUnit ? 1 : 0).ThenBy(s => s.Key, StringComparer.Ordinal)
                .Select(s => new ServiceVolume(s.Key == NoUnit ? null : s.Key, s.Value.Contacts, s.Value.Minutes) { Name = context.UnitName(s.Key == NoUnit ? null : s.Key) })]);
    }

    /// <summary>Nearest-rank median and 90th percentile of the buckets' durations, in hours and working days (two decimals, halves away from zero).</summary>
    private static DurationFigures Durations(IEnumerable<DurationCounts> counts)
    {
        var list = counts.ToList();
        var elapsed = MinuteCounts.Percentiles([.. list.Select(c => c.Elapsed)], 50, 90);
        var working = MinuteCounts.Percentiles([.. list.Select(c => c.Working)], 50, 90);
        return new DurationFigures(list.Sum(c => c.Elapsed.Count), list.Sum(c => c.Waiting),
            Hours(elapsed[0]), Hours(elapsed[1]), Days(working[0]), Days(working[1]));
    }

    private static decimal? Hours(long? minutes) => minutes is { } m ? Math.Round(m / 60m, 2, MidpointRounding.AwayFromZero) : null;

    private static decimal? Days(long? workingMinutes) => workingMinutes is { } m ? Math.Round(m / (decimal)StatisticsMath.MinutesPerDay, 2, MidpointRounding.AwayFromZero) : null;

    private static decimal? Share(long part, long whole) => whole == 0 ? null : Math.Round(part / (decimal)whole, 4, MidpointRounding.AwayFromZero);

    /// <summary>Protocol outcomes; a pending episode whose earliest open task is past its deadline at <paramref name="now"/> is missed.</summary>
    private static ProtocolFigures Protocol(List<TimelinessBucket> buckets, DateTimeOffset now)
    {
        long Of(ProtocolOutcome o) => buckets.Sum(b => b.Protocol[(int)o]);
        var (late, pending) = buckets.Aggregate((0L, 0L), (sum, b) =>
        {
            var (past, ahead) = b.ProtocolPending.Split(now);
            return (sum.Item1 + past, sum.Item2 + ahead);
        });
        var (met, missed, cancelled) = (Of(ProtocolOutcome.Met), Of(ProtocolOutcome.Missed) + late, Of(ProtocolOutcome.Cancelled));
        return new ProtocolFigures(met + missed + cancelled + pending, met, missed, cancelled, pending, Share(met, met + missed + cancelled));
    }

    /// <summary>Hand-overs; an open one past its deadline at <paramref name="now"/> is overdue.</summary>
    private static HandOverFigures HandOvers(List<TimelinessBucket> buckets, DateTimeOffset now)
    {
        var (overdue, open) = buckets.Aggregate((0L, 0L), (sum, b) =>
        {
            var (past, ahead) = b.HandOversOpen.Split(now);
            return (sum.Item1 + past, sum.Item2 + ahead);
        });
        var (inTime, late) = (buckets.Sum(b => b.HandOversInTime), buckets.Sum(b => b.HandOversLate));
        return new HandOverFigures(inTime, late, overdue, open, buckets.Sum(b => b.HandOversCancelled), Share(inTime, inTime + late + overdue));
    }
}
