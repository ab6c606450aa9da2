using CareGrid.Grains.Calendar;
using CareGrid.Grains.Cases;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Statistics;
using static CareGrid.Tests.Domain.CaseDomain;

namespace CareGrid.Tests.Statistics;

/// <summary>
/// The timeliness section of the statistics projection (docs/statistics.md "Timeliness") over case rows with facts:
/// percentiles and working days, the period's weeks and the units asked for, replace semantics, the clock turning a
/// pending protocol or open hand-over into a miss, and both languages of its tables.
/// </summary>
[Trait("tier", "domain")]
public sealed class TimelinessSectionShould
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Default; // Shanghai, Saturday–Sunday weekend
    private static readonly StatisticsPeriod Week = StatisticsPeriod.Of(new DateOnly(2024, 3, 4), new DateOnly(2024, 3, 10));

    private static CaseRow Row(string id, CaseFacts facts, string unit = "class-1", DateTimeOffset? reported = null) =>
        new("t", id, "p-" + id, unit, CaseStatus.Active, RiskLevel.High, 3, null, reported ?? Friday, Friday) { Facts = facts };

    private static CaseFacts Opened => CaseFacts.Opened("Asia/Shanghai");

    private static TimelinessFigures Figures(TenantStatistics stats, DateTimeOffset now, StatisticsPeriod? period = null, params string[] units) =>
        stats.Report(new StatisticsRequest(period ?? Week, units.Length == 0 ? null : units), now).Timeliness!;

    private static CaseTask Task(string id, CaseTaskKind kind, DateTimeOffset due) => new(id, kind, "q", CaseTaskStatus.Open, Friday, due, 0, null, null, null, null, null);

    private static CaseTask Closed(CaseTask task, CaseTaskStatus status, DateTimeOffset at) => task with { Status = status, ClosedAt = at };

    [Fact]
    public void Give_the_median_and_90th_percentile_in_hours_and_working_days_and_count_who_still_waits()
    {
        var stats = new TenantStatistics(Calendar);
        stats.Apply(Row("c1", Opened.ProfessionalContact(Friday.AddHours(1))));
        stats.Apply(Row("c2", Opened.ProfessionalContact(Friday.AddHours(2))));
        stats.Apply(Row("c3", Opened.ProfessionalContact(Friday.AddHours(72)))); // Friday 15:00 to Monday 15:00: 9 h + 15 h of working days
        stats.Apply(Row("c4", Opened));

        var first = Figures(stats, Friday.AddDays(5)).FirstProfessionalContact;
        Assert.Equal(new DurationFigures(3, 1, 2m, 72m, 0.08m, 1m), first);

        stats.Apply(Row("c4", Opened.ProfessionalContact(Friday.AddHours(3)))); // replaces the row: no longer waiting
        stats.Apply(Row("c4", Opened.ProfessionalContact(Friday.AddHours(3)))); // sent twice: counted once
        Assert.Equal(new DurationFigures(4, 0, 2m, 72m, 0.08m, 1m), Figures(stats, Friday.AddDays(5)).FirstProfessionalContact);
    }

    [Fact]
    public void Count_only_the_weeks_of_the_period_and_the_units_asked_for()
    {
        var stats = new TenantStatistics(Calendar);
        stats.Apply(Row("c1", Opened.ProfessionalContact(Friday.AddHours(1))));
        stats.Apply(Row("c2", Opened.ProfessionalContact(Friday.AddHours(5)), unit: "class-2"));
        stats.Apply(Row("c3", Opened.ProfessionalContact(Friday.AddDays(7).AddHours(9)), reported: Friday.AddDays(7)));

        Assert.Equal(2, Figures(stats, Friday.AddDays(30)).FirstProfessionalContact.Measured);
        Assert.Equal(5m, Figures(stats, Friday.AddDays(30), null, "class-2").FirstProfessionalContact.MedianHours);
        var next = StatisticsPeriod.Of(new DateOnly(2024, 3, 11), new DateOnly(2024, 3, 17));
        Assert.Equal(9m, Figures(stats, Friday.AddDays(30), next).FirstProfessionalContact.MedianHours);
    }

    [Fact]
    public void Turn_a_pending_protocol_into_a_miss_when_the_clock_passes_its_earliest_open_deadline()
    {
        var stats = new TenantStatistics(Calendar);
        var notify = Task("t1", CaseTaskKind.NotifyFamilyEmergencyContact, Friday.AddHours(2));
        var crisis = Task("t2", CaseTaskKind.ProfessionalCrisisIntervention, Friday.AddHours(24));
        var episode = Opened.HighRiskBegan(Friday).TaskOpened(notify).TaskOpened(crisis);
        stats.Apply(Row("met", episode.TaskClosed(Closed(notify, CaseTaskStatus.Done, Friday.AddHours(1))).TaskClosed(Closed(crisis, CaseTaskStatus.Done, Friday.AddHours(4)))));
        stats.Apply(Row("late", episode.TaskClosed(Closed(notify, CaseTaskStatus.Done, Friday.AddHours(3)))));
        stats.Apply(Row("pending", episode.TaskClosed(Closed(notify, CaseTaskStatus.Done, Friday.AddHours(1)))));
        stats.Apply(Row("cancelled", episode.TaskClosed(Closed(notify, CaseTaskStatus.Cancelled, Friday.AddHours(1))).TaskClosed(Closed(crisis, CaseTaskStatus.Done, Friday.AddHours(2)))));

        Assert.Equal(new ProtocolFigures(4, 1, 1, 1, 1, 0.3333m), Figures(stats, Friday.AddHours(10)).Protocol);
        Assert.Equal(new ProtocolFigures(4, 1, 2, 1, 0, 0.25m), Figures(stats, Friday.AddHours(25)).Protocol); // crisis task of "pending" now overdue

        var crisisTimes = Figures(stats, Friday.AddHours(25)).CrisisIntervention;
        Assert.Equal((2L, 2L, 2m, 4m), (crisisTimes.Measured, crisisTimes.Waiting, crisisTimes.MedianHours, crisisTimes.P90Hours));
    }

    [Fact]
    public void Count_discharge_hand_overs_by_their_deadline_and_the_clock()
    {
        var due = Friday.AddDays(1); // Saturday: in the week of 4 March
        var stats = new TenantStatistics(Calendar);
        var h = Task("t9", CaseTaskKind.DischargeHandOver, due);
        stats.Apply(Row("in-time", Opened.TaskOpened(h).TaskClosed(Closed(h, CaseTaskStatus.Done, due))));
        stats.Apply(Row("late", Opened.TaskOpened(h).TaskClosed(Closed(h, CaseTaskStatus.Done, due.AddMinutes(1)))));
        stats.Apply(Row("open", Opened.TaskOpened(h)));
        stats.Apply(Row("cancelled", Opened.TaskOpened(h).TaskClosed(Closed(h, CaseTaskStatus.Cancelled, Friday))));

        Assert.Equal(new HandOverFigures(1, 1, 0, 1, 1, 0.5m), Figures(stats, due.AddMinutes(-1)).DischargeHandOvers);
        Assert.Equal(new HandOverFigures(1, 1, 1, 0, 1, 0.3333m), Figures(stats, due.AddMinutes(1)).DischargeHandOvers);
    }

    [Fact]
    public void Count_referrals_by_outcome_with_time_to_acceptance_and_service_per_provider_unit()
    {
        static Referral Referral(string id, ReferralStatus status, DateTimeOffset? sent, DateTimeOffset? responded) =>
            new(id, "Centre", "why", status, Friday, "psych@t", sent, [], new Dictionary<string, string>(), null, responded, null, null);

        var stats = new TenantStatistics(Calendar);
        stats.Apply(Row("c1", Opened.Referral(Referral("r1", ReferralStatus.Accepted, Friday.AddHours(1), Friday.AddHours(7)))
            .Referral(Referral("r2", ReferralStatus.Declined, Friday.AddHours(1), Friday.AddHours(2)))
            .Contact("class-1", Friday, 30).Contact("centre", Friday.AddHours(1), 45).Contact("centre", Friday.AddDays(3), 10)));
        stats.Apply(Row("c2", Opened.Referral(Referral("r1", ReferralStatus.Sent, Friday.AddHours(1), null)).Contact("class-1", Friday, 15), unit: "class-2"));

        var t = Figures(stats, Friday.AddDays(10));
        Assert.Equal([0L, 1L, 1L, 1L, 0L], t.Referrals.ByOutcome.Select(c => c.Count));
        Assert.Equal(new DurationFigures(1, 1, 6m, 6m, 0.25m, 0.25m), t.Referrals.TimeToAcceptance);
        Assert.Equal([new ServiceVolume("centre", 1, 45), new ServiceVolume("class-1", 2, 45)], t.ServiceVolume); // the provider unit, not the case's
        Assert.Equal([new ServiceVolume("centre", 1, 45)], Figures(stats, Friday.AddDays(10), null, "centre").ServiceVolume);
    }

    [Fact]
    public void Give_its_tables_in_english_and_simplified_chinese()
    {
        // shares as percentages, as the key figures show them (round-31 trial: the table said 1 and 0.5)
        Assert.Equal((50.0m, 66.7m, 100m, null), (CareGrid.Grains.Statistics.Sections.TimelinessSection.Percent(0.5m), CareGrid.Grains.Statistics.Sections.TimelinessSection.Percent(0.6667m),
            CareGrid.Grains.Statistics.Sections.TimelinessSection.Percent(1m), CareGrid.Grains.Statistics.Sections.TimelinessSection.Percent(null)));
        var stats = new TenantStatistics(Calendar);
        stats.Apply(Row("c1", Opened.ProfessionalContact(Friday.AddHours(1)).Contact("class-1", Friday, 30)));
        var report = stats.Report(new StatisticsRequest(Week, null), Friday.AddDays(1));
        var keys = new[] { "timeliness-durations", "high-risk-protocol", "discharge-hand-overs", "referrals-by-outcome", "service-volume-by-unit" };
        var en = StatisticsSections.Tables(report, ReportLanguage.En).Where(x => keys.Contains(x.Key)).ToList();
        var zh = StatisticsSections.Tables(report, ReportLanguage.ZhHans).Where(x => keys.Contains(x.Key)).ToList();

        Assert.Equal(keys, en.Select(x => x.Key));
        Assert.Equal(keys, zh.Select(x => x.Key));
        Assert.Equal("Report to first professional contact", en[0].Rows[0][0].Text);
        Assert.Equal("从报告到首次专业接触", zh[0].Rows[0][0].Text);
        Assert.Equal([1m, 0m, 1m, 1m, 0.04m, 0.04m], en[0].Rows[0].Skip(1).Select(c => c.Number));
        Assert.All(zh.SelectMany(x => x.Columns.Append(x.Title)), text => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", text));
        Assert.All(en.Concat(zh), table => Assert.All(table.Rows, row => Assert.Equal(table.Columns.Count, row.Count)));
        // no requirement codes in what a supervisor reads (round-32 trial: "高危处置流程（R-1.10）执行情况")
        Assert.All(en.Concat(zh), table => Assert.DoesNotMatch(@"R-\d", table.Title));
        Assert.Equal(["class-1", "1", "30"], en[4].Rows.Single().Select(c => c.Text ?? c.Number!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
