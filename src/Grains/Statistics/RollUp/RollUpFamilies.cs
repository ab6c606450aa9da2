using System.Globalization;
using CareGrid.Grains.Statistics.Sections;

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
    /// Every family: open cases now by current risk level (<see cref="CaseFigures.OpenByRiskLevel"/>, Low to Imminent; ),
    /// then those not yet graded (<see cref="CaseFigures.OpenUngraded"/>, key <c>UNGRADED</c>, never counted as Low)
    /// and cases reported per week of the period (<see cref="CaseWeek.New"/> of <see cref="CaseFigures.Weeks"/>, oldest week
    /// first, each column headed by the week's Monday in the child's time zone), and the high-risk protocol's outcomes of the
    /// episodes begun in the period (<see cref="Protocol"/>). Their populations differ (open now, reported in the period,
    /// high-risk episodes begun in the period), so no cell or total of one is a cell, total or sum of cells of another (their totals can still coincide in
    /// a tenant: the known limit in docs/statistics.md "Roll-up"). Cases by status is not a
    /// family: its open statuses count the same cases as open-by-risk, so a count withheld in one table could be read from the
    /// other.
    /// </summary>
    public static IReadOnlyList<RollUpFamily> All { get; } =
    [
        new("rollup-open-cases-by-risk-level", new("Open cases by risk level, per tenant", "各单位在案个案（按风险等级）"), "open cases now",
            OpenByRisk),
        new("rollup-new-cases-per-week", new("New cases per week, per tenant", "各单位新报告个案（按周）"), "cases reported in the period",
            report => report.Cases?.Weeks.Select(w => new RollUpCategory(WeekKey(w.Week), WeekLabel(w.Week), w.New)).ToList()),
        new("rollup-high-risk-protocol", new("High-risk protocol deadlines of episodes begun in the period, per tenant", "各单位高危处置时限执行情况（统计期内开始的高危事件）"),
            "high-risk episodes begun in the period", Protocol),
    ];

    /// <summary>
    /// The protocol outcomes of the high-risk episodes that began in the period (<see cref="ProtocolFigures"/>): every
    /// task done in time, some task late (or open past its deadline now), some cancelled, under way — so a district supervisor
    /// sees whether its schools kept the deadlines (round-31 new-user trial: the roll-up had no deadline figure). Null
    /// without timeliness figures.
    /// </summary>
    private static List<RollUpCategory>? Protocol(StatisticsReport report) => report.Timeliness?.Protocol is not { } p ? null :
        [
            new("MET", new("Every task done in time", "全部任务按时完成"), p.Met),
            new("MISSED", new("Some task late", "有任务逾期"), p.Missed),
            new("CANCELLED", new("Some task cancelled", "有任务取消"), p.Cancelled),
            new("PENDING", new("Under way", "进行中"), p.Pending),
        ];

    /// <summary>Open cases by risk level, Low to Imminent, then the ungraded bucket (key <c>UNGRADED</c>); null without case figures.</summary>
    private static List<RollUpCategory>? OpenByRisk(StatisticsReport report) => report.Cases is not { } cases ? null :
        [.. cases.OpenByRiskLevel.Select(c => new RollUpCategory(c.Key.ToString(), StatisticsLabels.Risk(c.Key), c.Count)),
            new RollUpCategory(StatisticsRisk.UngradedKey, StatisticsLabels.Ungraded, cases.OpenUngraded)];

    /// <summary>An ISO week's Monday as <c>yyyy-MM-dd</c>: the category key, the same in every child (docs/statistics.md "Roll-up").</summary>
    private static string WeekKey(DateOnly monday) => monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The column header of a week: "Week of 2026-11-02" / "2026-11-02 当周".</summary>
    private static LocalizedText WeekLabel(DateOnly monday) => new($"Week of {WeekKey(monday)}", $"{WeekKey(monday)} 当周");
}
