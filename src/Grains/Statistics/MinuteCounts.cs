namespace CareGrid.Grains.Statistics;

/// <summary>
/// A count map of durations at minute resolution (how many cases took exactly m minutes), kept per statistics bucket so that
/// exact percentiles of any set of buckets cost what the buckets hold, not what the cases number (docs/statistics.md
/// "Timeliness"). Counts are kept per minute and per hour (60 minutes), so a percentile walks the merged hours and then only
/// the 60 minutes of the hour that holds the rank.
/// </summary>
public sealed class MinuteCounts
{
    private readonly SortedDictionary<long, long> _hours = [];
    private readonly Dictionary<long, long> _minutes = [];

    /// <summary>How many durations are counted.</summary>
    public long Count { get; private set; }

    /// <summary>Counts one more duration of <paramref name="minutes"/> (negative counts as 0), or one less when <paramref name="delta"/> is -1.</summary>
    public void Add(long minutes, int delta = 1)
    {
        var m = Math.Max(0, minutes);
        Bump(_minutes, m, delta);
        Bump(_hours, m / 60, delta);
        Count += delta;
    }

    /// <summary>
    /// The exact nearest-rank percentiles of the durations counted in <paramref name="maps"/> together: for p in
    /// <paramref name="percents"/> (0 &lt; p ≤ 100), the smallest duration d such that at least ⌈p/100 · N⌉ of the N durations
    /// are ≤ d (so the median is the ⌈N/2⌉-th smallest, never an average of two). Null entries when N is 0.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A percent outside (0, 100].</exception>
    public static IReadOnlyList<long?> Percentiles(IReadOnlyCollection<MinuteCounts> maps, params double[] percents)
    {
        ArgumentNullException.ThrowIfNull(maps);
        ArgumentNullException.ThrowIfNull(percents);
        if (percents.Any(p => p is <= 0 or > 100 || double.IsNaN(p)))
        {
            throw new ArgumentOutOfRangeException(nameof(percents), "A percentile is above 0 and at most 100.");
        }

        var total = maps.Sum(m => m.Count);
        if (total == 0)
        {
            return [.. percents.Select(_ => (long?)null)];
        }

        var hours = new SortedDictionary<long, long>();
        foreach (var map in maps)
        {
            foreach (var (hour, count) in map._hours)
            {
                hours[hour] = hours.GetValueOrDefault(hour) + count;
            }
        }

        return [.. percents.Select(p => (long?)Rank(maps, hours, (long)Math.Ceiling(p / 100.0 * total - 1e-9)))];
    }

    /// <summary>The <paramref name="rank"/>-th smallest duration (1-based, at least 1) of the merged <paramref name="hours"/>.</summary>
    private static long Rank(IReadOnlyCollection<MinuteCounts> maps, SortedDictionary<long, long> hours, long rank)
    {
        rank = Math.Max(1, rank);
        var seen = 0L;
        foreach (var (hour, count) in hours)
        {
            if (seen + count < rank)
            {
                seen += count;
                continue;
            }

            for (var minute = hour * 60; minute < (hour + 1) * 60; minute++)
            {
                seen += maps.Sum(m => m._minutes.GetValueOrDefault(minute));
                if (seen >= rank)
                {
                    return minute;
                }
            }
        }

        throw new InvalidOperationException("The minute counts disagree with their hour counts.");
    }

    private static void Bump(IDictionary<long, long> counts, long key, int delta)
    {
        var next = counts.TryGetValue(key, out var current) ? current + delta : delta;
        if (next == 0)
        {
            counts.Remove(key);
        }
        else
        {
            counts[key] = next;
        }
    }
}
