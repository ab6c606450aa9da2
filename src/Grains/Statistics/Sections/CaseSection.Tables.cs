namespace CareGrid.Grains.Statistics.Sections;

/// <summary>The tables of <see cref="StatisticsReport.Cases"/> (docs/statistics.md "Cases and tasks").</summary>
public sealed partial class CaseSection
{
    /// <summary>The tables of <see cref="StatisticsReport.Cases"/>: by status, risk level, escalation level, unit, and per week.</summary>
    public static IEnumerable<StatisticsTable> Tables(StatisticsReport report, ReportLanguage language)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Cases is not { } cases)
        {
            yield break;
        }

        string L(string en, string zh) => new LocalizedText(en, zh).In(language);
        var open = CoreLabels.OpenCases.In(language);
        yield return new StatisticsTable("cases-by-status", L("Cases by status (now)", "按状态统计的个案（当前）"), [L("Status", "状态"), L("Cases", "个案数")],
            [.. cases.ByStatus.Select(c => CoreLabels.Row(StatisticsCell.Of(StatisticsLabels.Status(c.Key).In(language)), StatisticsCell.Of(c.Count)))]);
        yield return new StatisticsTable("cases-by-risk-level", L("Open cases by risk level (now)", "按风险等级统计的在案个案（当前）"), [L("Risk level", "风险等级"), open],
            [.. cases.OpenByRiskLevel.Select(c => CoreLabels.Row(StatisticsCell.Of(StatisticsLabels.Risk(c.Key).In(language)), StatisticsCell.Of(c.Count))),
                CoreLabels.Row(StatisticsCell.Of(StatisticsLabels.Ungraded.In(language)), StatisticsCell.Of(cases.OpenUngraded))]);
        yield return new StatisticsTable("cases-by-escalation-level", L("Open cases by escalation level (now)", "按预警级别统计的在案个案（当前）"), [L("Escalation level", "预警级别"), open],
            [.. cases.OpenByEscalationLevel.Select(c => CoreLabels.Row(StatisticsCell.Of(CoreLabels.Level(c.Key).In(language)), StatisticsCell.Of(c.Count)))]);
        yield return new StatisticsTable("cases-by-unit", L("Cases by unit (now)", "按单位统计的个案（当前）"), [CoreLabels.UnitHeader.In(language), open, L("Closed cases", "已结案个案数")],
            [.. cases.ByUnit.Select(u => CoreLabels.Row(StatisticsCell.Of(CoreLabels.Unit(u.OrganizationId, u.Name, language)), StatisticsCell.Of(u.Open), StatisticsCell.Of(u.Closed)))]);
        yield return new StatisticsTable("cases-per-week", L("Cases reported, closed and reopened per week (period)", "每周新报告、结案和重新开案的个案（统计期内）"),
            [L("Week (Monday)", "周（周一）"), L("Reported", "新报告"), L("Closed", "结案"), L("Reopened", "重新开案")],
            [.. cases.Weeks.Select(w => CoreLabels.Row(StatisticsCell.Of(w.Week.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
                StatisticsCell.Of(w.New), StatisticsCell.Of(w.Closed), StatisticsCell.Of(w.Reopened)))]);
    }
}
