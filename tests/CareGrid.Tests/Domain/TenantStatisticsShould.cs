using CareGrid.Grains.Calendar;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Statistics;

namespace CareGrid.Tests.Domain;

/// <summary>The statistics projection without a silo (docs/statistics.md): replace semantics, units, whole-week periods.</summary>
[Trait("tier", "domain")]
public sealed class TenantStatisticsShould
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static CaseRow Row(string id, CaseStatus status, string? unit = "class-1") =>
        new("t", id, "p-" + id, unit, status, RiskLevel.Low, 1, null, Now.AddDays(-1), Now);

    private static long Count(StatisticsReport report, CaseStatus status) => report.Cases!.ByStatus.Single(c => c.Key == status).Count;

    [Fact]
    public void Count_a_row_sent_twice_once_and_move_it_when_it_changes()
    {
        var stats = new TenantStatistics(WorkingCalendar.Default);
        stats.Apply(Row("c1", CaseStatus.Reported));
        stats.Apply(Row("c1", CaseStatus.Reported));
        stats.Apply(Row("c2", CaseStatus.Reported));
        Assert.Equal(2, Count(stats.Report(new StatisticsRequest(null, null), Now), CaseStatus.Reported));

        stats.Apply(Row("c1", CaseStatus.Triage));
        var report = stats.Report(new StatisticsRequest(null, null), Now);
        Assert.Equal(1, Count(report, CaseStatus.Reported));
        Assert.Equal(1, Count(report, CaseStatus.Triage));
    }

    [Fact]
    public void Count_only_the_units_asked_for_and_unit_less_cases_only_for_the_whole_tenant()
    {
        var stats = new TenantStatistics(WorkingCalendar.Default);
        stats.Apply(Row("c1", CaseStatus.Reported, "class-1"));
        stats.Apply(Row("c2", CaseStatus.Reported, "class-2"));
        stats.Apply(Row("c3", CaseStatus.Reported, null));
        Assert.Equal(3, Count(stats.Report(new StatisticsRequest(null, null), Now), CaseStatus.Reported));
        Assert.Equal(1, Count(stats.Report(new StatisticsRequest(null, ["class-2"]), Now), CaseStatus.Reported));
        Assert.Equal(0, Count(stats.Report(new StatisticsRequest(null, []), Now), CaseStatus.Reported));
    }

    [Fact]
    public void Default_to_the_current_week_and_the_three_before_in_the_tenant_time_zone()
    {
        // 2026-12-06 20:00 UTC is Monday 2026-12-07 04:00 in Shanghai.
        var period = StatisticsPeriod.Default(new DateTimeOffset(2026, 12, 6, 20, 0, 0, TimeSpan.Zero), WorkingCalendar.Default);
        Assert.Equal((new DateOnly(2026, 11, 16), new DateOnly(2026, 12, 13)), (period.From, period.To));
        Assert.Equal(4, period.Weeks);
    }

    [Fact]
    public void Refuse_a_period_of_part_weeks_or_more_than_53_weeks()
    {
        Assert.Equal("period.from", Assert.Throws<CareGridException>(() => StatisticsPeriod.Of(new(2026, 11, 3), new(2026, 11, 29))).Details!["field"]);
        Assert.Equal("period.to", Assert.Throws<CareGridException>(() => StatisticsPeriod.Of(new(2026, 11, 2), new(2026, 11, 28))).Details!["field"]);
        Assert.Equal("period", Assert.Throws<CareGridException>(() => StatisticsPeriod.Of(new(2025, 11, 3), new(2026, 11, 29))).Details!["field"]);
        Assert.Equal(53, StatisticsPeriod.Of(new(2025, 12, 1), new(2026, 12, 6)).Weeks);
    }
}
