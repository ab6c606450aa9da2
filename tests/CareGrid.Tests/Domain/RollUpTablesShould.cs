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
    private static StatisticsReport Report(params long[] byStatus) => new()
    {
        Period = new StatisticsPeriod(new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 29)),
        AsOf = new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero),
        TimeZoneId = "Asia/Shanghai",
        Cases = new CaseFigures([.. Enum.GetValues<CaseStatus>().Select((s, k) => new CountOf<CaseStatus>(s, byStatus[k]))]),
    };

    private static readonly RollUpTenant[] Tenants = [new("school-a", "School A", TenantKind.School), new("town-b", "Town B", TenantKind.Town)];

    [Fact]
    public void Give_a_row_per_tenant_and_the_total_row_publishing_large_counts_and_withholding_small_ones()
    {
        var table = Assert.Single(RollUpTables.Build(Tenants, [Report(20, 30, 40, 2, 6, 50), Report(25, 35, 45, 1, 7, 60)], ReportLanguage.En));

        Assert.Equal("rollup-cases-by-status", table.Key);
        Assert.Equal(["Tenant", "Kind", "Reported", "Triage", "Active", "Referred", "Follow-up", "Closed", "Total"], table.Columns);
        Assert.Equal(["School A", "Town B", "Total"], table.Rows.Select(r => r[0].Text));
        Assert.Equal(["School", "Town", ""], table.Rows.Select(r => r[1].Text));
        Assert.Equal(20m, table.Rows[0][2].Number);
        Assert.Equal(45m, table.Rows[2][2].Number);
        Assert.Equal(321m, table.Rows[2][8].Number);
        var referred = table.Rows.Select(r => r[5]).ToList();
        Assert.All(referred, c => Assert.Equal(StatisticsCell.Withheld, c));
        Assert.All(table.Rows.SelectMany(r => r.Skip(2)), c => Assert.True(c.Suppressed ? c.Number is null && c.Text is null : c.Number >= RollUpSuppression.Threshold));
    }

    [Fact]
    public void Write_titles_headers_kinds_and_the_total_in_simplified_chinese()
    {
        var table = Assert.Single(RollUpTables.Build(Tenants, [Report(20, 30, 40, 2, 6, 50), Report(25, 35, 45, 1, 7, 60)], ReportLanguage.ZhHans));

        Assert.Equal("各单位个案（按状态）（少于5的数字及可推算出它们的数字不公布）", table.Title);
        var english = Assert.Single(RollUpTables.Build(Tenants, [Report(20, 30, 40, 2, 6, 50), Report(25, 35, 45, 1, 7, 60)], ReportLanguage.En));
        Assert.EndsWith(" (cells under 5 and the cells that would reveal them are withheld)", english.Title, StringComparison.Ordinal);
        Assert.Equal(["单位", "类型", "已报告", "分诊中", "干预中", "已转介", "随访中", "已结案", "合计"], table.Columns);
        Assert.Equal(["学校", "镇（街道）", ""], table.Rows.Select(r => r[1].Text));
        Assert.Equal("合计", table.Rows[2][0].Text);
    }

    [Fact]
    public void Build_no_table_without_a_tenant_or_when_a_report_is_missing_for_one()
    {
        Assert.Empty(RollUpTables.Build([], [], ReportLanguage.En));
        Assert.Empty(RollUpTables.Build(Tenants, [Report(20, 30, 40, 0, 0, 50)], ReportLanguage.En));
    }
}
