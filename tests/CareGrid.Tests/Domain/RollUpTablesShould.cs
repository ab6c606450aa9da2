using CareGrid.Grains.Cases;
using CareGrid.Grains.Statistics;
using CareGrid.Grains.Statistics.RollUp;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Tests.Domain;

/// <summary>
/// The roll-up's tables built from children's reports without a silo (RollUpTables, docs/statistics.md "Roll-up"): a row per
/// tenant with its name and kind, the total row, labels in the requested language, and a withheld cell carrying no value.
/// </summary>
[Trait("tier", "domain")]
public sealed class RollUpTablesShould
{
    private static readonly DateOnly[] Mondays = [new(2026, 11, 2), new(2026, 11, 9), new(2026, 11, 16), new(2026, 11, 23)];

    /// <summary>A child's report: open cases by risk level (Low..Imminent) and cases reported per week of the period.</summary>
    private static StatisticsReport Report(long[] openByRisk, long[] newPerWeek) => new()
    {
        Period = new StatisticsPeriod(Mondays[0], new DateOnly(2026, 11, 29)),
        AsOf = new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero),
        TimeZoneId = "Asia/Shanghai",
        Cases = new CaseFigures([.. Enum.GetValues<CaseStatus>().Select(s => new CountOf<CaseStatus>(s, 1000))])
        {
            OpenByRiskLevel = [.. Enum.GetValues<RiskLevel>().Select((r, k) => new CountOf<RiskLevel>(r, openByRisk[k]))],
            OpenUngraded = 10, // cases not yet graded: their own column, never under Low (docs/protocol.md "Ungraded reports")
            Weeks = [.. Mondays.Select((m, k) => new CaseWeek(m, newPerWeek[k], 500, 500))],
        },
    };

    private static readonly RollUpTenant[] Tenants = [new("school-a", "School A", TenantKind.School), new("town-b", "Town B", TenantKind.Town)];

    private static IReadOnlyList<StatisticsTable> Build(ReportLanguage language) =>
        RollUpTables.Build(Tenants, [Report([20, 30, 2, 6], [10, 12, 14, 8]), Report([25, 35, 1, 7], [9, 15, 11, 6])], language);

    [Fact]
    public void Give_open_cases_by_risk_level_and_new_cases_per_week_with_a_row_per_tenant_and_the_total_row_withholding_small_counts()
    {
        var tables = Build(ReportLanguage.En);

        // Cases by status is no family: its open statuses count the cases open-by-risk counts (docs/statistics.md "Roll-up").
        Assert.Equal(["rollup-open-cases-by-risk-level", "rollup-new-cases-per-week"], tables.Select(t => t.Key));
        var risk = tables[0];
        Assert.Equal(["Tenant", "Kind", "Low", "Moderate", "High", "Imminent", "Not yet graded", "Total"], risk.Columns);
        Assert.Equal(["School A", "Town B", "Total"], risk.Rows.Select(r => r[0].Text));
        Assert.Equal(["School", "Town", ""], risk.Rows.Select(r => r[1].Text));
        Assert.Equal(20m, risk.Rows[0][2].Number);
        Assert.Equal(45m, risk.Rows[2][2].Number);
        Assert.Equal([10m, 10m, 20m], risk.Rows.Select(r => r[6].Number));
        // One withheld cell per row: each row total, and the grand total, would give it (docs/statistics.md "Suppression").
        Assert.All(risk.Rows.Select(r => r[7]), c => Assert.Equal(StatisticsCell.Withheld, c));
        Assert.All(risk.Rows.Select(r => r[4]), c => Assert.Equal(StatisticsCell.Withheld, c));

        var weeks = tables[1];
        Assert.Equal(["Tenant", "Kind", "Week of 2026-11-02", "Week of 2026-11-09", "Week of 2026-11-16", "Week of 2026-11-23", "Total"], weeks.Columns);
        // Reported in the period, not open now nor every case: the status counts (1000 each) and closed/reopened flows are not read.
        // Row totals of a per-week table change with the period, so they are withheld (docs/statistics.md "Suppression").
        Assert.Equal([10m, 12m, 14m, 8m, null], weeks.Rows[0].Skip(2).Select(c => c.Number));
        Assert.Equal([19m, 27m, 25m, 14m, null], weeks.Rows[2].Skip(2).Select(c => c.Number));
        Assert.All(tables.SelectMany(t => t.Rows).SelectMany(r => r.Skip(2)),
            c => Assert.True(c.Suppressed ? c.Number is null && c.Text is null : c.Number >= RollUpSuppression.Threshold));
    }

    [Fact]
    public void Write_titles_headers_kinds_and_the_total_in_simplified_chinese()
    {
        var tables = Build(ReportLanguage.ZhHans);

        const string Note = "（少于5的数字及可推算出它们的合计不公布）";
        Assert.Equal(["各单位在案个案（按风险等级）" + Note, "各单位新报告个案（按周）" + Note], tables.Select(t => t.Title));
        Assert.All(Build(ReportLanguage.En), t => Assert.EndsWith(" (counts under 5 and the totals that would reveal them are withheld)", t.Title, StringComparison.Ordinal));
        Assert.Equal(["单位", "类型", "低", "中", "高", "紧急", "未评估", "合计"], tables[0].Columns);
        Assert.Equal(["单位", "类型", "2026-11-02 当周", "2026-11-09 当周", "2026-11-16 当周", "2026-11-23 当周", "合计"], tables[1].Columns);
        Assert.All(tables, t => Assert.Equal(["学校", "镇（街道）", ""], t.Rows.Select(r => r[1].Text)));
        Assert.All(tables, t => Assert.Equal("合计", t.Rows[2][0].Text));
    }

    /// <summary>A child's report that also holds timeliness figures: protocol outcomes met, missed, cancelled, pending.</summary>
    private static StatisticsReport WithProtocol(long met, long missed, long cancelled, long pending)
    {
        var none = new DurationFigures(0, 0, null, null, null, null);
        var report = Report([20, 30, 2, 6], [10, 12, 14, 8]);
        report.Timeliness = new TimelinessFigures(none, none, new ProtocolFigures(met + missed + cancelled + pending, met, missed, cancelled, pending, null),
            new HandOverFigures(0, 0, 0, 0, 0, null), new ReferralFigures([], none), []);
        return report;
    }

    [Fact]
    public void Give_a_district_the_high_risk_protocol_outcomes_per_tenant_withholding_small_counts()
    {
        // Round-31 new-user trial: the district supervisor's roll-up had no deadline figure at all.
        var tables = RollUpTables.Build(Tenants, [WithProtocol(12, 6, 0, 7), WithProtocol(9, 2, 5, 0)], ReportLanguage.ZhHans);

        var protocol = Assert.Single(tables, t => t.Key == "rollup-high-risk-protocol");
        Assert.Equal("各单位高危处置时限执行情况（统计期内开始的高危事件）（少于5的数字及可推算出它们的合计不公布）", protocol.Title);
        Assert.Equal(["单位", "类型", "全部任务按时完成", "有任务逾期", "有任务取消", "进行中", "合计"], protocol.Columns);
        Assert.Equal([12m, 6m, null, 7m, null], protocol.Rows[0].Skip(2).Select(c => c.Number)); // a 0 is withheld too; the total moves with the period
        Assert.Equal([9m, null, 5m, null, null], protocol.Rows[1].Skip(2).Select(c => c.Number));
        Assert.Equal(21m, protocol.Rows[2][2].Number); // a column without a withheld cell has its total
        Assert.All(protocol.Rows[2].Skip(3), c => Assert.True(c.Suppressed));
        Assert.Equal(["rollup-open-cases-by-risk-level", "rollup-new-cases-per-week", "rollup-high-risk-protocol"], tables.Select(t => t.Key));
    }

    [Fact]
    public void Build_no_table_without_a_tenant_or_when_a_report_is_missing_for_one()
    {
        Assert.Empty(RollUpTables.Build([], [], ReportLanguage.En));
        Assert.Empty(RollUpTables.Build(Tenants, [Report([20, 30, 0, 0], [10, 12, 14, 8])], ReportLanguage.En));
    }
}
