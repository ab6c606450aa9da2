using System.Text.Json;
using CareGrid.Grains.Calendar;
using CareGrid.Grains.Cases;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Statistics;

namespace CareGrid.Tests.Domain;

/// <summary>
/// The case, task and caseload sections of the statistics projection without a silo (docs/statistics.md "Cases and tasks"):
/// snapshot counts, weekly flow, overdue exact at now in both directions of the clock, deadlines met, caseload, tables, and
/// a projection rebuilt from the final rows equal to one fed every change.
/// </summary>
[Trait("tier", "domain")]
public sealed class CaseTaskStatisticsShould
{
    // Tuesday 2026-12-01 16:00 in Shanghai; its week starts Monday 2026-11-30.
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly StatisticsRequest All = new(null, null);

    private static CaseRow Case(string id, CaseStatus status = CaseStatus.Active, RiskLevel risk = RiskLevel.Low, int level = 1, string? unit = "class-1",
        string? assignee = "teacher", DateTimeOffset? reported = null, DateTimeOffset? updated = null) =>
        new("t", id, "p-" + id, unit, status, risk, level, assignee, reported ?? Now.AddDays(-1), updated ?? Now);

    private static TaskRow Task(string id, DateTimeOffset due, CaseTaskKind kind = CaseTaskKind.FollowUpVisit, string owner = "teacher",
        string? unit = "class-1", CaseTaskStatus status = CaseTaskStatus.Open, DateTimeOffset? completed = null) =>
        new("t", "c1:" + id, "c1", kind, owner, status, due, 0, Now.AddDays(-3)) { OrganizationId = unit, CompletedAt = completed };

    private static long Of<T>(IEnumerable<CountOf<T>> counts, T key) => counts.Single(c => EqualityComparer<T>.Default.Equals(c.Key, key)).Count;

    [Fact]
    public void Count_open_cases_by_risk_level_escalation_level_and_unit_with_unit_names()
    {
        var stats = new TenantStatistics(WorkingCalendar.Default);
        stats.Apply(Case("c1", risk: RiskLevel.High, level: 3));
        stats.Apply(Case("c2", risk: RiskLevel.High, level: 2, unit: "class-2"));
        stats.Apply(Case("c3", CaseStatus.Closed, RiskLevel.Imminent, 3));
        stats.Apply(Case("c4", CaseStatus.Reported, unit: null));
        var cases = stats.Report(All, Now, new Dictionary<string, string> { ["class-1"] = "Class 1" }).Cases!;
        Assert.Equal(2, Of(cases.OpenByRiskLevel, RiskLevel.High));
        Assert.Equal(1, Of(cases.OpenByRiskLevel, RiskLevel.Low));
        Assert.Equal(0, Of(cases.OpenByRiskLevel, RiskLevel.Imminent));
        Assert.Equal([1L, 1L, 1L], cases.OpenByEscalationLevel.Select(c => c.Count));
        Assert.Equal([new UnitCases("class-1", "Class 1", 1, 1), new UnitCases("class-2", null, 1, 0), new UnitCases(null, null, 1, 0)], cases.ByUnit);

        var unit2 = stats.Report(new StatisticsRequest(null, ["class-2"]), Now).Cases!;
        Assert.Equal([new UnitCases("class-2", null, 1, 0)], unit2.ByUnit);
        Assert.Equal(1, Of(unit2.OpenByRiskLevel, RiskLevel.High));
    }

    [Fact]
    public void Count_cases_reported_and_closed_in_the_week_of_the_tenant_time_zone()
    {
        var stats = new TenantStatistics(WorkingCalendar.Default);
        // Sunday 2026-11-29 17:00 UTC is Monday 2026-11-30 01:00 in Shanghai: this week, not the last.
        stats.Apply(Case("c1", reported: new DateTimeOffset(2026, 11, 29, 17, 0, 0, TimeSpan.Zero)));
        stats.Apply(Case("c2", reported: new DateTimeOffset(2026, 11, 29, 15, 0, 0, TimeSpan.Zero)));
        stats.Apply(Case("c3", CaseStatus.Closed, reported: new DateTimeOffset(2026, 11, 10, 0, 0, 0, TimeSpan.Zero), updated: Now));
        stats.Apply(Case("c4", reported: new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero)));
        var weeks = stats.Report(All, Now).Cases!.Weeks;
        Assert.Equal([new DateOnly(2026, 11, 9), new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 30)], weeks.Select(w => w.Week));
        Assert.Equal([1L, 0, 1, 1], weeks.Select(w => w.New));
        Assert.Equal([0L, 0, 0, 1], weeks.Select(w => w.Closed));

        stats.Apply(Case("c3", CaseStatus.Triage, reported: new DateTimeOffset(2026, 11, 10, 0, 0, 0, TimeSpan.Zero), updated: Now.AddHours(1)));
        Assert.Equal(0, stats.Report(All, Now).Cases!.Weeks[^1].Closed);
        var october = stats.Report(new StatisticsRequest(StatisticsPeriod.Of(new(2026, 9, 28), new(2026, 10, 4)), null), Now).Cases!;
        Assert.Equal(1, october.Weeks.Single().New);
    }

    [Fact]
    public void Count_a_task_overdue_exactly_once_its_deadline_is_before_now_forwards_and_backwards()
    {
        var stats = new TenantStatistics(WorkingCalendar.Default);
        stats.Apply(Task("t1", Now.AddHours(1), CaseTaskKind.ProfessionalCrisisIntervention));
        stats.Apply(Task("t2", Now.AddHours(2), unit: "class-2"));
        stats.Apply(Task("t3", Now.AddHours(-1)));
        Assert.Equal((3L, 1L), Totals(stats.Report(All, Now).Tasks!));
        Assert.Equal((3L, 1L), Totals(stats.Report(All, Now.AddHours(1)).Tasks!)); // due at now is not yet overdue
        var later = stats.Report(All, Now.AddHours(1).AddTicks(1)).Tasks!;
        Assert.Equal((3L, 2L), Totals(later));
        Assert.Equal(1, Of(later.OverdueByKind, CaseTaskKind.ProfessionalCrisisIntervention));
        Assert.Equal(3, Totals(stats.Report(All, Now.AddDays(1)).Tasks!).Overdue);
        Assert.Equal([new UnitCount("class-1", null, 2), new UnitCount("class-2", null, 1)], stats.Report(All, Now.AddDays(1)).Tasks!.OverdueByUnit);

        // The clock set back (a test clock, a corrected server clock): the counts follow it.
        Assert.Equal(0, Totals(stats.Report(All, Now.AddDays(-1)).Tasks!).Overdue);
        Assert.Equal(1, Totals(stats.Report(All, Now).Tasks!).Overdue);

        // A task added or moved behind the frontier counts at once; a done one leaves.
        stats.Apply(Task("t4", Now.AddHours(-5)));
        stats.Apply(Task("t3", Now.AddHours(-1), status: CaseTaskStatus.Done, completed: Now.AddMinutes(-10)));
        stats.Apply(Task("t1", Now.AddHours(-3), CaseTaskKind.ProfessionalCrisisIntervention));
        Assert.Equal((3L, 2L), Totals(stats.Report(All, Now).Tasks!));
        Assert.Equal(1, Totals(stats.Report(new StatisticsRequest(null, ["class-2"]), Now.AddDays(1)).Tasks!).Overdue);
    }

    private static (long Open, long Overdue) Totals(TaskFigures tasks) => (tasks.Open, tasks.Overdue);

    [Fact]
    public void Count_tasks_done_within_and_past_their_deadline_in_the_week_they_were_done()
    {
        var stats = new TenantStatistics(WorkingCalendar.Default);
        stats.Apply(Task("t1", Now, CaseTaskKind.NotifyFamilyEmergencyContact, status: CaseTaskStatus.Done, completed: Now));
        stats.Apply(Task("t2", Now.AddHours(-2), CaseTaskKind.NotifyFamilyEmergencyContact, status: CaseTaskStatus.Done, completed: Now.AddHours(-1)));
        stats.Apply(Task("t3", Now, CaseTaskKind.DischargeHandOver, status: CaseTaskStatus.Done, completed: Now.AddDays(-60)));
        stats.Apply(Task("t4", Now, CaseTaskKind.DischargeHandOver, status: CaseTaskStatus.Cancelled));
        stats.Apply(Task("t5", Now, CaseTaskKind.DischargeHandOver, status: CaseTaskStatus.Done)); // an old row without its instant
        var deadlines = stats.Report(All, Now).Tasks!.DeadlinesByKind;
        Assert.Equal(new DeadlineCount(CaseTaskKind.NotifyFamilyEmergencyContact, 1, 1), deadlines.Single(d => d.Kind == CaseTaskKind.NotifyFamilyEmergencyContact));
        Assert.Equal(new DeadlineCount(CaseTaskKind.DischargeHandOver, 0, 0), deadlines.Single(d => d.Kind == CaseTaskKind.DischargeHandOver));
        Assert.Equal(Enum.GetValues<CaseTaskKind>().Length, deadlines.Count);
        Assert.Equal(0, stats.Report(All, Now).Tasks!.Open);
    }

    [Fact]
    public void Give_caseload_per_worker_with_queues_as_queues_and_unassigned_cases_apart()
    {
        var stats = new TenantStatistics(WorkingCalendar.Default);
        stats.Apply(Case("c1", risk: RiskLevel.High, assignee: "counsellor-1"));
        stats.Apply(Case("c2", risk: RiskLevel.Low, assignee: "counsellor-1"));
        stats.Apply(Case("c3", CaseStatus.Closed, assignee: "counsellor-1"));
        stats.Apply(Case("c4", risk: RiskLevel.Imminent, assignee: CaseQueues.Level3));
        stats.Apply(Case("c5", CaseStatus.Reported, assignee: null));
        stats.Apply(Task("t1", Now.AddHours(-1), owner: CaseQueues.Level3));
        stats.Apply(Task("t2", Now.AddHours(1), owner: "counsellor-1"));
        var caseload = stats.Report(All, Now).Caseload!;
        Assert.Equal(["counsellor-1", CaseQueues.Level3, null], caseload.Select(w => w.Worker));
        var counsellor = caseload[0];
        Assert.Equal((2L, false, 1L, 0L), (counsellor.OpenCases, counsellor.IsQueue, counsellor.OpenTasks, counsellor.OverdueTasks));
        Assert.Equal([1L, 0, 1, 0], counsellor.OpenCasesByRisk.Select(r => r.Count));
        Assert.Equal((1L, true, 1L, 1L), (caseload[1].OpenCases, caseload[1].IsQueue, caseload[1].OpenTasks, caseload[1].OverdueTasks));
        Assert.Equal(1, caseload[2].OpenCases);
        Assert.Empty(stats.Report(new StatisticsRequest(null, ["class-9"]), Now).Caseload!);
    }

    [Fact]
    public void Give_every_table_under_the_same_keys_in_english_and_simplified_chinese()
    {
        var stats = new TenantStatistics(WorkingCalendar.Default);
        stats.Apply(Case("c1", risk: RiskLevel.High));
        stats.Apply(Task("t1", Now.AddHours(-1)));
        var report = stats.Report(All, Now);
        var en = StatisticsSections.Tables(report, ReportLanguage.En).ToList();
        var zh = StatisticsSections.Tables(report, ReportLanguage.ZhHans).ToList();
        string[] keys = ["cases-by-status", "cases-by-risk-level", "cases-by-escalation-level", "cases-by-unit", "cases-per-week",
            "overdue-tasks-by-kind", "overdue-tasks-by-unit", "task-deadlines-by-kind", "caseload"];
        // The case and task tables come first, in this order; other sections' tables follow (docs/statistics.md).
        Assert.Equal(keys, en.Select(t => t.Key).Take(keys.Length));
        Assert.Equal(en.Select(t => t.Key), zh.Select(t => t.Key));
        foreach (var (e, z) in en.Zip(zh))
        {
            Assert.NotEqual(e.Title, z.Title);
            Assert.All(e.Rows, r => Assert.Equal(e.Columns.Count, r.Count));
            Assert.Equal(e.Rows.Count, z.Rows.Count);
        }

        Assert.Contains(zh.Single(t => t.Key == "overdue-tasks-by-kind").Rows, r => r[0].Text == "随访" && r[1].Number == 1);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Count_the_same_when_rebuilt_from_the_rows_as_when_fed_every_change(int seed)
    {
        var random = new Random(seed);
        var fed = new TenantStatistics(WorkingCalendar.Default);
        var cases = new Dictionary<string, CaseRow>();
        var tasks = new Dictionary<string, TaskRow>();
        var now = Now;
        for (var step = 0; step < 600; step++)
        {
            now += TimeSpan.FromMinutes(random.Next(-120, 600));
            if (random.Next(3) == 0)
            {
                var row = RandomTask(random, now);
                tasks[row.Id] = row;
                fed.Apply(row);
            }
            else
            {
                var row = RandomCase(random, now);
                cases[row.Id] = row;
                fed.Apply(row);
            }

            if (step % 50 == 0)
            {
                fed.Report(All, now); // moves the overdue frontier back and forth on the way
            }
        }

        var rebuilt = new TenantStatistics(WorkingCalendar.Default);
        foreach (var row in cases.Values.Reverse())
        {
            rebuilt.Apply(row);
        }

        foreach (var row in tasks.Values)
        {
            rebuilt.Apply(row);
        }

        var period = StatisticsPeriod.Of(StatisticsPeriod.WeekOf(DateOnly.FromDateTime(Now.UtcDateTime)).AddDays(-14), StatisticsPeriod.WeekOf(DateOnly.FromDateTime(now.UtcDateTime)).AddDays(13));
        foreach (var request in new[] { new StatisticsRequest(period, null), new StatisticsRequest(period, ["u1", "u2"]) })
        {
            Assert.Equal(Figures(fed.Report(request, now)), Figures(rebuilt.Report(request, now)));
        }
    }

    private static readonly string?[] Units = ["u1", "u2", "u3", null];
    private static readonly string?[] Workers = ["w1", "w2", CaseQueues.Level2, null];

    private static CaseRow RandomCase(Random random, DateTimeOffset now) =>
        Case("c" + random.Next(40), Enum.GetValues<CaseStatus>()[random.Next(6)], (RiskLevel)random.Next(4), 1 + random.Next(3),
            Units[random.Next(Units.Length)], Workers[random.Next(Workers.Length)], Now.AddDays(-random.Next(30)), now);

    private static TaskRow RandomTask(Random random, DateTimeOffset now)
    {
        var status = (CaseTaskStatus)random.Next(3);
        var due = now.AddHours(random.Next(-48, 48));
        return Task("t" + random.Next(60), due, (CaseTaskKind)random.Next(7), Workers[random.Next(3)]!, Units[random.Next(Units.Length)], status,
            status == CaseTaskStatus.Done ? now.AddHours(-random.Next(5)) : null);
    }

    private static string Figures(StatisticsReport report) => JsonSerializer.Serialize(new { report.Cases, report.Tasks, report.Caseload });
}
