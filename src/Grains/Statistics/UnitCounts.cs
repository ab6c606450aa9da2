namespace CareGrid.Grains.Statistics;

/// <summary>
/// Counts by (unit, key) — the bucket store of a section (<see cref="IStatisticsSection"/>). A sum costs the number of
/// buckets (units × keys), never the number of records counted. A bucket that falls to zero is removed.
/// </summary>
/// <typeparam name="TKey">What is counted within a unit: a status, a (week, kind) pair, …</typeparam>
public sealed class UnitCounts<TKey> where TKey : notnull
{
    private readonly Dictionary<(string Unit, TKey Key), long> _counts = [];

    /// <summary>The unit key used for records without a unit (never a real unit id: ids have no leading NUL).</summary>
    private const string NoUnit = "\0";

    /// <summary>Adds <paramref name="delta"/> (may be negative) to the bucket of <paramref name="unit"/> (null: no unit) and <paramref name="key"/>.</summary>
    public void Add(string? unit, TKey key, long delta = 1)
    {
        var bucket = (unit ?? NoUnit, key);
        var value = _counts.GetValueOrDefault(bucket) + delta;
        if (value == 0)
        {
            _counts.Remove(bucket);
        }
        else
        {
            _counts[bucket] = value;
        }
    }

    /// <summary>The sum over the buckets whose unit <paramref name="context"/> covers, grouped by key (keys without count are absent).</summary>
    public Dictionary<TKey, long> Sum(StatisticsContext context, Func<TKey, bool>? keyFilter = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sums = new Dictionary<TKey, long>();
        foreach (var ((unit, key), count) in _counts)
        {
            if (context.Covers(unit == NoUnit ? null : unit) && (keyFilter is null || keyFilter(key)))
            {
                sums[key] = sums.GetValueOrDefault(key) + count;
            }
        }

        return sums;
    }

    /// <summary>The sum over the buckets whose unit <paramref name="context"/> covers, grouped by unit and key (records without a unit under null).</summary>
    public IEnumerable<(string? Unit, TKey Key, long Count)> ByUnit(StatisticsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var ((unit, key), count) in _counts)
        {
            var u = unit == NoUnit ? null : unit;
            if (context.Covers(u))
            {
                yield return (u, key, count);
            }
        }
    }
}
