namespace CareGrid.Grains.Statistics.RollUp;

/// <summary>One category of a roll-up family as a child tenant's report gives it.</summary>
/// <param name="Key">Stable key of the category (an enum name, an ISO week), the same in every tenant's report.</param>
/// <param name="Label">The column header in both report languages.</param>
/// <param name="Count">The tenant's count.</param>
public sealed record RollUpCategory(string Key, LocalizedText Label, long Count);

/// <summary>
/// A family of figures the roll-up publishes as one table (docs/statistics.md "Roll-up"): a row per sharing tenant, a column per
/// category, with row totals, column totals and the grand total, suppressed by <see cref="RollUpSuppression"/>.
/// </summary>
/// <param name="Key">Stable table key, <c>rollup-…</c>.</param>
/// <param name="Title">The table's title in both report languages.</param>
/// <param name="Population">What a row total counts. Two families never count the same population, nor one of them part of
/// another's cells or totals: suppression is per table, so a figure shared by two tables could be published by one and
/// withheld by the other (docs/statistics.md "Roll-up", "Families are independent").</param>
/// <param name="Read">The family's categories in a child's report, or null when the report does not hold it.</param>
public sealed record RollUpFamily(string Key, LocalizedText Title, string Population, Func<StatisticsReport, IReadOnlyList<RollUpCategory>?> Read);

/// <summary>The families the roll-up publishes, in table order (docs/statistics.md "Roll-up").</summary>
public static class RollUpFamilies
{
    /// <summary>
    /// Every family. Today: every case now by status (<see cref="StatisticsReport.Cases"/>). A family of open cases (by risk
    /// level, by escalation level) counts part of this one's cells, so it replaces this family rather than joins it; a flow
    /// family (new cases per week) counts another population and may join it.
    /// </summary>
    public static IReadOnlyList<RollUpFamily> All { get; } =
    [
        new("rollup-cases-by-status", new("Cases by status, per tenant", "各单位个案（按状态）"), "every case now",
            report => report.Cases?.ByStatus.Select(c => new RollUpCategory(c.Key.ToString(), StatisticsLabels.Status(c.Key), c.Count)).ToList()),
    ];
}
