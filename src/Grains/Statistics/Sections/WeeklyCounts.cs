namespace CareGrid.Grains.Statistics.Sections;

/// <summary>
/// Counts per (week, unit, key): a <see cref="UnitCounts{TKey}"/> per week (a Monday, tenant time zone), so a sum over a
/// period visits only the period's weeks — the cost is weeks × units × keys, never the number of records, nor the tenant's age.
/// </summary>
/// <typeparam name="TKey">What is counted within a unit and week.</typeparam>
public sealed class WeeklyCounts<TKey> where TKey : notnull
{
    private readonly Dictionary<DateOnly, UnitCounts<TKey>> _weeks = [];

    /// <summary>Adds <paramref name="delta"/> to the bucket of <paramref name="week"/>, <paramref name="unit"/> and <paramref name="key"/>.</summary>
    public void Add(DateOnly week, string? unit, TKey key, long delta = 1)
    {
        if (!_weeks.TryGetValue(week, out var counts))
        {
            _weeks[week] = counts = new UnitCounts<TKey>();
        }

        counts.Add(unit, key, delta);
    }

    /// <summary>The sums of one week over the units <paramref name="context"/> covers, by key.</summary>
    public Dictionary<TKey, long> Week(DateOnly week, StatisticsContext context) =>
        _weeks.TryGetValue(week, out var counts) ? counts.Sum(context) : [];

    /// <summary>The sums over the weeks of <paramref name="context"/>'s period and the units it covers, by key.</summary>
    public Dictionary<TKey, long> Period(StatisticsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sums = new Dictionary<TKey, long>();
        foreach (var monday in context.Period.Mondays())
        {
            foreach (var (key, count) in Week(monday, context))
            {
                sums[key] = sums.GetValueOrDefault(key) + count;
            }
        }

        return sums;
    }
}
