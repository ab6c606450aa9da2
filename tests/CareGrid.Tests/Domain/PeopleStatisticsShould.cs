using CareGrid.Grains.Calendar;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Statistics;

namespace CareGrid.Tests.Domain;

/// <summary>
/// People served in the statistics projection without a silo (docs/statistics.md "People and census"): by target group
/// (R-1.2, R-7.2; a person in several groups counts in each), by monitoring level (R-7.4) and by unit, staff left out,
/// rows replaced by id, tables in English and Simplified Chinese.
/// </summary>
[Trait("tier", "domain")]
public sealed class PeopleStatisticsShould
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static PersonRow Person(string id, string? unit, MonitoringLevel level = MonitoringLevel.None, bool staff = false, params string[] groups) =>
        new("t", id, "Name " + id, unit) { Monitoring = level, IsStaff = staff, TargetGroups = groups };

    private static PeopleFigures People(TenantStatistics stats, IReadOnlyList<string>? units = null) =>
        stats.Report(new StatisticsRequest(null, units), Now).People!;

    private static string Groups(PeopleFigures p) => string.Join(",", p.ByTargetGroup.Select(c => $"{c.Key}:{c.Count}")) + $";none:{p.WithoutTargetGroup}";

    private static string Levels(IEnumerable<CountOf<MonitoringLevel>> levels) => string.Join(",", levels.Select(c => $"{c.Key}:{c.Count}"));

    private static string Units(PeopleFigures p) => string.Join(",", p.ByUnit.Select(u => $"{u.OrganizationId ?? "-"}:{u.Served}"));

    [Fact]
    public void Count_people_served_by_target_group_level_and_unit_and_leave_staff_out()
    {
        var stats = new TenantStatistics(WorkingCalendar.Default);
        stats.Apply(Person("p1", "class-1", MonitoringLevel.Census, false, "LeftBehindChild", "Hardship"));
        stats.Apply(Person("p2", "class-1", MonitoringLevel.Tracking));
        stats.Apply(Person("p3", "class-2", MonitoringLevel.IndividualCase, false, "LeftBehindChild"));
        stats.Apply(Person("s1", "class-1", MonitoringLevel.None, true, "LeftBehindChild"));

        var whole = People(stats);
        Assert.Equal(3, whole.Served);
        Assert.Equal("Hardship:1,LeftBehindChild:2;none:1", Groups(whole)); // p1 counts in both of its groups
        Assert.Equal("None:0,Census:1,Tracking:1,IndividualCase:1", Levels(whole.ByMonitoring));
        Assert.Equal("class-1:2,class-2:1", Units(whole));
        Assert.Equal("None:0,Census:1,Tracking:1,IndividualCase:0", Levels(whole.ByUnit[0].ByMonitoring));

        var class2 = People(stats, ["class-2"]);
        Assert.Equal(1, class2.Served);
        Assert.Equal("LeftBehindChild:1;none:0", Groups(class2));
        Assert.Equal("class-2:1", Units(class2));
        Assert.Equal(0, People(stats, []).Served);
    }

    [Fact]
    public void Move_a_person_as_the_row_changes_and_count_a_row_sent_twice_once()
    {
        var stats = new TenantStatistics(WorkingCalendar.Default);
        stats.Apply(Person("p1", "class-1", MonitoringLevel.Census, false, "Hardship"));
        stats.Apply(Person("p1", "class-1", MonitoringLevel.Census, false, "Hardship"));
        Assert.Equal((1L, "Hardship:1;none:0"), (People(stats).Served, Groups(People(stats))));

        stats.Apply(Person("p1", "class-2", MonitoringLevel.Tracking));
        var moved = People(stats);
        Assert.Equal((";none:1", "class-2:1"), (Groups(moved), Units(moved)));
        Assert.Equal("None:0,Census:0,Tracking:1,IndividualCase:0", Levels(moved.ByMonitoring));

        stats.Apply(Person("p1", "class-2", MonitoringLevel.Tracking, staff: true)); // became staff: no longer served
        var staff = People(stats);
        Assert.Equal((0L, ";none:0", ""), (staff.Served, Groups(staff), Units(staff)));
    }

    [Fact]
    public void Keep_the_counts_when_the_calendar_changes()
    {
        var stats = new TenantStatistics(WorkingCalendar.Default);
        stats.Apply(Person("p1", "class-1", MonitoringLevel.Census, false, "Hardship"));
        stats.Recalibrate(new WorkingCalendar("UTC"));
        Assert.Equal("Hardship:1;none:0", Groups(People(stats)));
    }

    [Theory]
    [InlineData(ReportLanguage.En, "People served by target group (a person in several groups counts in each) (now)", "No target group", "Archive level 2: tracking", "People in hardship")]
    [InlineData(ReportLanguage.ZhHans, "按目标群体统计的服务对象（同属多个群体者在每个群体中各计一次）（当前）", "无目标群体", "档案二级：追踪", "生活困难人员")]
    public void Give_the_people_tables_in_english_and_simplified_chinese(ReportLanguage language, string groupTitle, string noGroup, string tracking, string hardship)
    {
        var stats = new TenantStatistics(WorkingCalendar.Default);
        stats.Apply(Person("p1", "class-1", MonitoringLevel.Tracking, false, "Hardship"));
        stats.Apply(Person("p2", "class-1"));
        var tables = StatisticsSections.Tables(stats.Report(new StatisticsRequest(null, null), Now), language).ToDictionary(t => t.Key);

        var groups = tables["people-by-target-group"];
        Assert.Equal(groupTitle, groups.Title);
        Assert.Equal([(hardship, 1m), (noGroup, 1m)], groups.Rows.Select(r => (r[0].Text, r[1].Number!.Value)));
        Assert.Contains(tables["people-by-monitoring-level"].Rows, r => r[0].Text == tracking && r[1].Number == 1);
        var byUnit = tables["people-by-unit"];
        Assert.Equal(6, byUnit.Columns.Count);
        Assert.Equal([2m, 1m, 0m, 1m, 0m], byUnit.Rows.Single().Skip(1).Select(c => c.Number!.Value));
    }
}
