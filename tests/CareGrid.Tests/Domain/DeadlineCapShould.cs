using CareGrid.Grains.Calendar;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Tenancy;
using static CareGrid.Tests.Domain.CaseDomain;

namespace CareGrid.Tests.Domain;

/// <summary>
/// The calendar cap of protocol deadlines without a silo (round 17 red team RT17-9, docs/protocol.md "How long a deadline may
/// be"): a run of declared holidays cannot push a task's due time past its kind's cap, while a true national calendar keeps
/// the plan's working days.
/// </summary>
[Trait("tier", "domain")]
public sealed class DeadlineCapShould
{
    /// <summary>Friday 13 February 2026, 15:00 in Shanghai: the afternoon before the 2026 Spring Festival break.</summary>
    private static readonly DateTimeOffset BeforeSpringFestival = At("2026-02-13T07:00:00Z");

    /// <summary>The tenant of the RT17-9 repro: 40 holidays in a row from <see cref="Friday"/>'s date.</summary>
    private static TenantSettings FortyHolidays(IReadOnlyDictionary<CaseTaskKind, DeadlineSpec>? deadlines = null) => new(
        new WorkingCalendar("Asia/Shanghai", holidays: Enumerable.Range(0, 40).Select(d => new DateOnly(2024, 3, 8).AddDays(d))),
        deadlines ?? TenantSettings.DefaultDeadlines);

    /// <summary>China's 2026 Spring Festival: 15–23 February off, make-up working days Saturday 14 and Saturday 28 February.</summary>
    private static TenantSettings SpringFestival2026(IReadOnlyDictionary<CaseTaskKind, DeadlineSpec>? deadlines = null) => new(
        new WorkingCalendar("Asia/Shanghai",
            holidays: Enumerable.Range(15, 9).Select(d => new DateOnly(2026, 2, d)),
            extraWorkingDays: [new DateOnly(2026, 2, 14), new DateOnly(2026, 2, 28)]),
        deadlines ?? TenantSettings.DefaultDeadlines);

    [Fact]
    public void Keep_a_high_risk_guidance_deadline_within_14_days_whatever_the_holidays_RT17_9()
    {
        var settings = FortyHolidays();
        var c = Reported(RiskLevel.High, by: Psych, settings: settings);

        var guide = c.State.Tasks.Single(t => t.Kind == CaseTaskKind.GuideToPsychiatricInstitution);

        Assert.Equal(Friday.AddDays(14), guide.DueAt); // 3 working days on this calendar would end on 19 April, 42 days on
        var created = c.State.Timeline.Single(e => e.Action == "TaskCreated" && (e.Reason ?? "").Contains(nameof(CaseTaskKind.GuideToPsychiatricInstitution), StringComparison.Ordinal));
        Assert.Contains("capped at 14 days", created.Reason!, StringComparison.Ordinal);
        Assert.Contains("2024-04-19T16:00:00.0000000+00:00", created.Reason!, StringComparison.Ordinal); // where the calendar alone put it
        Assert.Equal(3, c.Then(guide.DueAt.AddSeconds(-1), settings).CheckDeadlines()); // the three hour-deadlines
        Assert.Equal(1, c.Then(guide.DueAt, settings).CheckDeadlines()); // overdue at the cap: escalated, not weeks later
    }

    [Fact]
    public void Leave_the_working_days_of_a_true_national_holiday_in_force()
    {
        var c = Reported(RiskLevel.High, by: Psych, at: BeforeSpringFestival, settings: SpringFestival2026());

        var guide = c.State.Tasks.Single(t => t.Kind == CaseTaskKind.GuideToPsychiatricInstitution);

        Assert.Equal(At("2026-02-25T16:00:00Z"), guide.DueAt); // 14 Feb (make-up day), 24 and 25 Feb: 12 days 9 hours, under the cap
        Assert.DoesNotContain(c.State.Timeline, e => (e.Reason ?? "").Contains("capped", StringComparison.Ordinal));
    }

    [Fact]
    public void Cut_the_bound_itself_only_by_the_hours_past_the_cap_over_the_spring_festival()
    {
        var fiveDays = new DeadlineSpec(5, DeadlineUnit.WorkingDays);

        var due = ProtocolDeadlineBounds.Due(CaseTaskKind.DischargeHandOver, fiveDays, BeforeSpringFestival, SpringFestival2026().Calendar);

        Assert.Equal((BeforeSpringFestival.AddDays(14), At("2026-02-27T16:00:00Z")), (due.DueAt, due.Uncapped)); // 14 Feb, 24–27 Feb
    }

    [Theory]
    [InlineData(CaseTaskKind.NotifyFamilyEmergencyContact, 24)]
    [InlineData(CaseTaskKind.PoliceTransportAssistance, 24)]
    [InlineData(CaseTaskKind.ProfessionalCrisisIntervention, 72)]
    [InlineData(CaseTaskKind.RaiseVisitFrequency, 72)]
    [InlineData(CaseTaskKind.GuideToPsychiatricInstitution, 14 * 24)]
    [InlineData(CaseTaskKind.DischargeHandOver, 14 * 24)]
    [InlineData(CaseTaskKind.DischargeCommunityCheck, 14 * 24)]
    [InlineData(CaseTaskKind.FollowUpVisit, 39 * 24)]
    public void Cap_every_kind_counted_in_working_days_over_a_run_of_holidays(CaseTaskKind kind, int capHours)
    {
        var bound = ProtocolDeadlineBounds.Max(kind);
        var spec = bound.Unit == DeadlineUnit.WorkingDays ? bound : new DeadlineSpec(bound.Unit == DeadlineUnit.CalendarDays ? bound.Amount : 3, DeadlineUnit.WorkingDays);

        var due = ProtocolDeadlineBounds.Due(kind, spec, Friday, FortyHolidays().Calendar);

        Assert.Equal(TimeSpan.FromHours(capHours), ProtocolDeadlineBounds.CalendarCap(kind));
        Assert.Equal(Friday.AddHours(capHours), due.DueAt);
        Assert.True(due.Capped);
    }

    [Fact]
    public void Cap_a_deadline_stored_before_the_bounds_existed_and_say_so_on_the_timeline()
    {
        // Settings stored before F13 and RT17-1 keep working as stored; the tasks they create fall due by the cap.
        var deadlines = new Dictionary<CaseTaskKind, DeadlineSpec>(TenantSettings.DefaultDeadlines)
        {
            [CaseTaskKind.NotifyFamilyEmergencyContact] = new(1, DeadlineUnit.WorkingDays),
            [CaseTaskKind.ProfessionalCrisisIntervention] = new(90, DeadlineUnit.CalendarDays),
        };

        var c = Reported(RiskLevel.High, by: Psych, settings: Shanghai with { Deadlines = deadlines });

        var due = c.State.Tasks.ToDictionary(t => t.Kind, t => t.DueAt);
        Assert.Equal((Friday.AddHours(24), Friday.AddHours(72)), (due[CaseTaskKind.NotifyFamilyEmergencyContact], due[CaseTaskKind.ProfessionalCrisisIntervention]));
        Assert.Equal(2, c.State.Timeline.Count(e => e.Action == "TaskCreated" && (e.Reason ?? "").Contains("; RT17-9)", StringComparison.Ordinal)));
        Assert.Contains(c.State.Timeline, e => (e.Reason ?? "").Contains("capped at 24 hours, its kind's longest: the tenant's 1 WORKING_DAYS", StringComparison.Ordinal));
    }
}
