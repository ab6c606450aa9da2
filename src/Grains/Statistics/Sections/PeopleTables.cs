using CareGrid.Grains.People;

namespace CareGrid.Grains.Statistics.Sections;

/// <summary>
/// The tables of <see cref="StatisticsReport.People"/> and <see cref="StatisticsReport.Census"/> in one language
/// (docs/statistics.md "People and census"): counts, unit ids, round ids and labels — no names, notes or person ids.
/// </summary>
public static class PeopleTables
{
    /// <summary>Every people and census table of <paramref name="report"/> in <paramref name="language"/>.</summary>
    public static IEnumerable<StatisticsTable> Tables(StatisticsReport report, ReportLanguage language)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.People is { } people)
        {
            yield return ByMonitoring(people, language);
            yield return ByTargetGroup(people, language);
            yield return ByUnit(people, language);
        }

        if (report.Census is { } census)
        {
            yield return Census(census, language);
        }
    }

    private static StatisticsCell Text(LocalizedText text, ReportLanguage language) => StatisticsCell.Of(text.In(language));

    private static StatisticsTable ByMonitoring(PeopleFigures people, ReportLanguage language) => new("people-by-monitoring-level",
        new LocalizedText("People served by archive level of the census (census, tracking, individual case; R-7.4), not the warning level of their cases (staff not counted) (now)",
            "按心理档案级别（普查、追踪、个案建档）统计的服务对象，不是个案的预警级别（不含工作人员）（当前）").In(language),
        [new LocalizedText("Monitoring level", "档案级别").In(language), new LocalizedText("People", "人数").In(language)],
        [.. people.ByMonitoring.Select(c => (IReadOnlyList<StatisticsCell>)[Text(PeopleLabels.Level(c.Key), language), StatisticsCell.Of(c.Count)]),
            [Text(PeopleLabels.AllServed, language), StatisticsCell.Of(people.Served)]]);

    private static StatisticsTable ByTargetGroup(PeopleFigures people, ReportLanguage language) => new("people-by-target-group",
        new LocalizedText("People served by target group (a person in several groups counts in each) (now)", "按目标群体统计的服务对象（同属多个群体者在每个群体中各计一次）（当前）").In(language),
        [new LocalizedText("Target group", "目标群体").In(language), new LocalizedText("People", "人数").In(language)],
        [.. people.ByTargetGroup.Select(c => (IReadOnlyList<StatisticsCell>)[Text(TargetGroupCatalog.Label(c.Key), language), StatisticsCell.Of(c.Count)]),
            [Text(PeopleLabels.NoTargetGroup, language), StatisticsCell.Of(people.WithoutTargetGroup)]]);

    private static StatisticsTable ByUnit(PeopleFigures people, ReportLanguage language) => new("people-by-unit",
        new LocalizedText("People served by unit and monitoring level (now)", "按单位和档案级别统计的服务对象（当前）").In(language),
        [new LocalizedText("Unit", "单位").In(language), new LocalizedText("People", "人数").In(language),
            .. Enum.GetValues<MonitoringLevel>().Select(l => PeopleLabels.Level(l).In(language))],
        [.. people.ByUnit.Select(u => (IReadOnlyList<StatisticsCell>)[
            u.OrganizationId is not null ? StatisticsCell.Of(u.Name ?? u.OrganizationId) : Text(PeopleLabels.NoUnit, language),
            StatisticsCell.Of(u.Served),
            .. u.ByMonitoring.Select(c => StatisticsCell.Of(c.Count))])]);

    private static StatisticsTable Census(IReadOnlyList<Census.CensusCoverage> rounds, ReportLanguage language) => new("census-coverage",
        new LocalizedText("Census coverage by round and unit (rounds open now or in the period; counts now)", "各轮摸排按单位的覆盖情况（当前开展或统计期内的轮次；当前数字）").In(language),
        [new LocalizedText("Census round", "摸排轮次").In(language), new LocalizedText("Status", "状态").In(language),
            new LocalizedText("Started (UTC date)", "开始日期（UTC）").In(language), new LocalizedText("Unit", "单位").In(language),
            new LocalizedText("Expected", "应摸排人数").In(language), new LocalizedText("Screened", "已摸排人数").In(language),
            new LocalizedText("Flagged to tracking", "转入追踪人数").In(language), new LocalizedText("Cases opened", "转为个案数").In(language),
            new LocalizedText("Coverage (share)", "覆盖率").In(language)],
        [.. rounds.SelectMany(r => r.Units.Select(u => (IReadOnlyList<StatisticsCell>)[
            StatisticsCell.Of(r.RoundId), Text(PeopleLabels.RoundStatus(r.Status), language),
            StatisticsCell.Of(r.StartedAt.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            StatisticsCell.Of(u.OrganizationId), StatisticsCell.Of(u.Expected), StatisticsCell.Of(u.Recorded),
            StatisticsCell.Of(u.Flagged), StatisticsCell.Of(u.CasesOpened), StatisticsCell.Of(CensusCoverageReader.Share(u))]))]);
}
