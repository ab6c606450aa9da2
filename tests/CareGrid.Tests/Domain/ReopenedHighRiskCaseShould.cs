using CareGrid.Grains.Cases;
using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.Errors;
using static CareGrid.Tests.Domain.CaseDomain;

namespace CareGrid.Tests.Domain;

/// <summary>
/// Closing a case cancels every open task, and reopening is the one way back to an open status (<c>CLOSED → TRIAGE</c>):
/// a reopened High or Imminent case runs the protocol again — a new high-risk episode, level 2 notified, and each
/// protocol deadline task due from the reopening — so an open case at High risk always has a deadline that escalates it
/// (red team round 16, F2; docs/protocol.md "Reopening a High or Imminent case"). Of the same kind: a declined referral
/// (<c>REFERRED → ACTIVE</c>) of a High case opens the guidance task again, which sending the referral had completed.
/// </summary>
[Trait("tier", "domain")]
public sealed class ReopenedHighRiskCaseShould
{
    private static readonly DateTimeOffset Reopening = Friday.AddDays(3);

    /// <summary>
    /// A case reported at <paramref name="risk"/> on <see cref="Friday"/>, reassessed by level 3, triaged, guided to a
    /// psychiatric institution (the crisis worked, so it may close at High) and closed an hour later.
    /// </summary>
    private static CaseAggregate Closed(RiskLevel risk)
    {
        var c = Reported(risk);
        var later = Friday.AddHours(1);
        c.Then(later).AssessRisk(risk, "met her, still " + risk, Psych);
        c.Then(later).Fire(CaseTrigger.Triage, new CaseCommand("triaged"), Psych);
        c.Then(later).GuidedToHospital();
        c.Then(later).Fire(CaseTrigger.Close, new CaseCommand("handed over to the hospital"), Psych);
        Assert.DoesNotContain(c.State.Tasks, t => t.Status == CaseTaskStatus.Open);
        return c;
    }

    [Fact]
    public void Create_the_protocol_deadline_tasks_again_due_from_the_reopening_of_a_High_case()
    {
        var c = Closed(RiskLevel.High);
        var notices = c.State.Notifications.Count;

        var change = c.Then(Reopening).Fire(CaseTrigger.Reopen, new CaseCommand("she is talking about it again"), Homeroom);

        var s = c.State;
        Assert.Equal((CaseStatus.Triage, RiskLevel.High, 3), (s.Status, s.RiskLevel, s.EscalationLevel));
        var open = s.Tasks.Where(t => t.Status == CaseTaskStatus.Open).ToList();
        Assert.Equal(CaseAggregate.HighRiskTasks, open.Select(t => t.Kind));
        Assert.All(open, t => Assert.Equal(Reopening, t.CreatedAt));
        Assert.Equal(Reopening.AddHours(2), open.Single(t => t.Kind == CaseTaskKind.NotifyFamilyEmergencyContact).DueAt);
        Assert.Equal(Reopening.AddHours(24), open.Single(t => t.Kind == CaseTaskKind.ProfessionalCrisisIntervention).DueAt);
        Assert.All(open, t => Assert.Equal("psych@t", t.OwnerId)); // the level-3 owner kept the case through closing
        Assert.Equal(4, change.TasksCreated.Count);
        Assert.True(change.AffectsReminder);
        Assert.Equal(Reopening.AddHours(2), c.Then(Reopening).NextDeadline);
        Assert.Equal(notices + 1, s.Notifications.Count);
        Assert.Equal((CaseQueues.Level2, "Case reopened at risk High: the high-risk protocol runs again at level 3 (R-1.10)."),
            (s.Notifications[^1].To, s.Notifications[^1].Message));
        Assert.Equal(Reopening, s.HighRiskSince);
        Assert.Equal(48, s.VisitEveryHours);
        Assert.Equal(["Reopen", "NotifyLevel2", "TaskCreated", "TaskCreated", "TaskCreated", "TaskCreated"], change.Timeline.Select(e => e.Action));
    }

    [Fact]
    public void Keep_the_deadlines_closing_stopped_when_the_case_is_reopened_before_they_pass()
    {
        // Round-28 red team: closed and reopened five minutes before the 2-hour deadline, the case got 2 hours more and
        // its figures said "cancelled", not "missed".
        var c = Closed(RiskLevel.High);
        var before = c.State.Tasks.Where(t => t.Status == CaseTaskStatus.Cancelled).ToDictionary(t => t.Kind, t => t.DueAt);
        var reopening = Friday.AddHours(1).AddMinutes(55);

        var change = c.Then(reopening).Fire(CaseTrigger.Reopen, new CaseCommand("she is talking about it again"), Homeroom);

        var open = c.State.Tasks.Where(t => t.Status == CaseTaskStatus.Open).ToList();
        Assert.Equal(CaseAggregate.HighRiskTasks, open.Select(t => t.Kind));
        Assert.All(open.Where(t => t.Kind != CaseTaskKind.GuideToPsychiatricInstitution), t => Assert.Equal(before[t.Kind], t.DueAt));
        Assert.Equal(reopening, open.Single(t => t.Kind == CaseTaskKind.GuideToPsychiatricInstitution).CreatedAt); // done before closing: a new one
        Assert.Equal(Friday.AddHours(2), open.Single(t => t.Kind == CaseTaskKind.NotifyFamilyEmergencyContact).DueAt);
        var created = change.Timeline.Where(e => e.Action == "TaskCreated").Select(e => e.Reason).ToList();
        Assert.Contains(created, n => n!.Contains("NotifyFamilyEmergencyContact", StringComparison.Ordinal)
            && n.EndsWith($"due {Friday.AddHours(2):O} (kept from before the case was closed; counted from now it would fall due {reopening.AddHours(2):O}; R-1.10)", StringComparison.Ordinal));

        // Done ten minutes after the kept deadline: the reopened episode's protocol is missed, not met.
        var notify = open.Single(t => t.Kind == CaseTaskKind.NotifyFamilyEmergencyContact);
        var late = c.Then(Friday.AddHours(2).AddMinutes(10));
        var closure = late.PrepareTaskClosure(notify.Id, "called the mother", Homeroom, CaseTaskStatus.Done)!;
        if (closure.Gate is { } gate)
        {
            CaseConsent.Gate(late, gate, Homeroom, CaseWorkFixtures.Granted, null);
        }

        late.CloseTask(closure);
        Assert.Equal(1, c.State.Facts!.ProtocolMissed);
        Assert.Equal(CareGrid.Grains.Statistics.ProtocolOutcome.Missed, c.State.Facts.Protocol);
    }

    [Fact]
    public void Count_a_deadline_that_passed_while_the_case_was_closed_from_the_reopening_and_keep_the_later_ones()
    {
        var c = Closed(RiskLevel.High);
        var reopening = Friday.AddHours(5); // past the 2-hour family notice, before the 24-hour crisis intervention

        c.Then(reopening).Fire(CaseTrigger.Reopen, new CaseCommand("she is talking about it again"), Homeroom);

        var open = c.State.Tasks.Where(t => t.Status == CaseTaskStatus.Open).ToDictionary(t => t.Kind, t => t.DueAt);
        Assert.Equal(reopening.AddHours(2), open[CaseTaskKind.NotifyFamilyEmergencyContact]);
        Assert.Equal(Friday.AddHours(24), open[CaseTaskKind.ProfessionalCrisisIntervention]);
    }

    [Fact]
    public void Keep_only_the_deadlines_the_last_closing_stopped()
    {
        var c = Closed(RiskLevel.High);
        c.Then(Reopening).Fire(CaseTrigger.Reopen, new CaseCommand("she is talking about it again"), Homeroom);
        var secondRound = c.State.Tasks.Where(t => t.Status == CaseTaskStatus.Open).ToDictionary(t => t.Kind, t => t.DueAt);
        c.Then(Reopening.AddHours(1)).AssessRisk(RiskLevel.High, "met her again, still high", Psych);
        c.Then(Reopening.AddHours(1)).GuidedToHospital();
        c.Then(Reopening.AddHours(1)).Fire(CaseTrigger.Close, new CaseCommand("admitted to hospital"), Psych);

        c.Then(Reopening.AddHours(1).AddMinutes(30)).Fire(CaseTrigger.Reopen, new CaseCommand("discharged the same day"), Homeroom);

        var open = c.State.Tasks.Where(t => t.Status == CaseTaskStatus.Open).ToDictionary(t => t.Kind, t => t.DueAt);
        secondRound.Remove(CaseTaskKind.GuideToPsychiatricInstitution); // done in the second round: the third has a new one
        Assert.Equal(Reopening.AddHours(1).AddMinutes(30), c.State.Tasks.Single(t => t.Kind == CaseTaskKind.GuideToPsychiatricInstitution && t.Status == CaseTaskStatus.Open).CreatedAt);
        open.Remove(CaseTaskKind.GuideToPsychiatricInstitution);
        Assert.Equal(secondRound, open);
    }

    /// <summary>Reported at <paramref name="risk"/> on <see cref="Friday"/>, reassessed, triaged, guided to hospital and closed at <paramref name="at"/> for <paramref name="reason"/>.</summary>
    private static CaseAggregate ClosedAt(RiskLevel risk, DateTimeOffset at, string reason)
    {
        var c = Reported(risk);
        c.Then(at).AssessRisk(risk, "met her, still " + risk, Psych);
        c.Then(at).Fire(CaseTrigger.Triage, new CaseCommand("triaged"), Psych);
        c.Then(at).GuidedToHospital();
        c.Then(at).Fire(CaseTrigger.Close, new CaseCommand(reason), Psych);
        return c;
    }

    private static Dictionary<CaseTaskKind, DateTimeOffset> OpenDue(CaseAggregate c) =>
        c.State.Tasks.Where(t => t.Status == CaseTaskStatus.Open).ToDictionary(t => t.Kind, t => t.DueAt);

    [Fact]
    public void Keep_the_deadline_when_the_cancelled_tasks_went_to_the_archive_on_saving_the_closing()
    {
        // Round-29 red team F1: a long closing reason, copied into each cancelled task's note, sent the tasks to the archive
        // when the grain saved, and the reopening found nothing to keep.
        var c = ClosedAt(RiskLevel.High, Friday.AddHours(1).AddMinutes(50), "handed over: " + new string('x', 3980));
        HistoryWindow.Trim(c.State); // what CaseGrain.ArchiveHistoryAsync does on saving the closeCase

        c.Then(Friday.AddHours(1).AddMinutes(55)).Fire(CaseTrigger.Reopen, new CaseCommand("she is talking about it again"), Homeroom);

        Assert.Equal(Friday.AddHours(2), OpenDue(c)[CaseTaskKind.NotifyFamilyEmergencyContact]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)] // reopened below High and closed again before the risk is raised: the first closing's deadlines stay
    public void Keep_the_deadline_when_the_risk_was_lowered_before_closing_and_raised_after_reopening(int closings)
    {
        // Round-29 red team F2: lowered to Moderate at 1 h 50 (the tasks stay open), closed (cancelled "in time"), reopened
        // below High, raised to High at 1 h 55: the rise gave fresh deadlines.
        var c = Reported(RiskLevel.High);
        var t = Friday.AddHours(1).AddMinutes(50);
        c.Then(t).AssessRisk(RiskLevel.Moderate, "calmer now", Psych);
        c.Then(t).Fire(CaseTrigger.Triage, new CaseCommand("triaged"), Psych);
        for (var i = 0; i < closings; i++)
        {
            c.Then(t).Fire(CaseTrigger.Close, new CaseCommand("calmer"), Psych);
            c.Then(t.AddMinutes(2)).Fire(CaseTrigger.Reopen, new CaseCommand("again"), Homeroom);
        }

        c.Then(t.AddMinutes(5)).AssessRisk(RiskLevel.High, "talking about it again", Homeroom);

        Assert.Equal(Friday.AddHours(2), OpenDue(c)[CaseTaskKind.NotifyFamilyEmergencyContact]);
        Assert.Null(c.State.StoppedDeadlines); // spent: a later rise counts from itself
    }

    [Fact]
    public void Keep_the_police_transport_deadline_for_a_rise_to_Imminent_after_the_case_came_back_at_High()
    {
        // Round-29 red team (second round): lowered from Imminent to High at 0 h 50, closed, reopened at High (which spent
        // every kept deadline, police transport's too), raised to Imminent at 0 h 55: police transport got until 1 h 55.
        var c = Reported(RiskLevel.Imminent);
        var t = Friday.AddMinutes(50);
        c.Then(t).AssessRisk(RiskLevel.High, "off the roof, still high", Psych);
        c.Then(t).Fire(CaseTrigger.Triage, new CaseCommand("triaged"), Psych);
        c.Then(t).GuidedToHospital();
        c.Then(t).Fire(CaseTrigger.Close, new CaseCommand("handed over"), Psych);
        c.Then(t.AddMinutes(2)).Fire(CaseTrigger.Reopen, new CaseCommand("back"), Homeroom);
        Assert.Equal([CaseTaskKind.PoliceTransportAssistance], c.State.StoppedDeadlines!.Select(d => d.Kind));

        c.Then(t.AddMinutes(5)).AssessRisk(RiskLevel.Imminent, "on the roof again", Homeroom);

        Assert.Equal(Friday.AddHours(1), OpenDue(c)[CaseTaskKind.PoliceTransportAssistance]);
        Assert.Equal(1, c.Then(Friday.AddHours(1).AddMinutes(1)).CheckDeadlines());
        Assert.Null(c.State.StoppedDeadlines);
    }

    [Fact]
    public void Not_keep_a_deadline_an_earlier_closing_stopped_once_a_reopening_has_used_it()
    {
        // Round-29 red team F3: the last closing cancelled nothing (every task closed by hand), and the reopening took the
        // first closing's deadline.
        var c = ClosedAt(RiskLevel.High, Friday.AddHours(1), "handed over to the hospital");
        c.Then(Friday.AddHours(1).AddMinutes(30)).Fire(CaseTrigger.Reopen, new CaseCommand("back"), Homeroom);
        var t = Friday.AddHours(1).AddMinutes(40);
        c.Then(t).AssessRisk(RiskLevel.High, "still high", Psych);
        c.Then(t).GuidedToHospital();
        foreach (var task in c.State.Tasks.Where(x => x.Status == CaseTaskStatus.Open).ToList())
        {
            var a = c.Then(t);
            a.CloseTask(a.PrepareTaskClosure(task.Id, "handled elsewhere", Psych, CaseTaskStatus.Cancelled)!);
        }

        c.Then(t).Fire(CaseTrigger.Close, new CaseCommand("admitted"), Psych);
        var reopening = Friday.AddHours(10);
        var change = c.Then(reopening).Fire(CaseTrigger.Reopen, new CaseCommand("discharged"), Homeroom);

        Assert.Equal(reopening.AddHours(24), OpenDue(c)[CaseTaskKind.ProfessionalCrisisIntervention]);
        Assert.DoesNotContain(change.Timeline, e => e.Reason!.Contains("kept from before", StringComparison.Ordinal));
    }

    [Fact]
    public void Make_the_task_overdue_at_once_when_its_deadline_passed_while_the_case_was_closed_a_moment()
    {
        // Round-29 red team F4: closed at 1 h 59 and reopened at 2 h 01 of the 2-hour family notice, the case got until 4 h 01.
        var c = ClosedAt(RiskLevel.High, Friday.AddHours(1).AddMinutes(59), "handed over");
        var reopening = Friday.AddHours(2).AddMinutes(1);

        c.Then(reopening).Fire(CaseTrigger.Reopen, new CaseCommand("not handed over after all"), Homeroom);

        Assert.Equal(Friday.AddHours(2), OpenDue(c)[CaseTaskKind.NotifyFamilyEmergencyContact]);
        Assert.Equal(1, c.Then(reopening).CheckDeadlines()); // escalated at once
        Assert.Equal(CareGrid.Grains.Statistics.ProtocolOutcome.Pending, c.State.Facts!.Protocol);
        Assert.Equal(Friday.AddHours(2), c.State.Facts.ProtocolPendingDue); // the figures count it missed, the clock being past it
    }

    [Fact]
    public void Escalate_the_reopened_cases_first_deadline_when_it_passes()
    {
        var c = Closed(RiskLevel.High);
        c.Then(Reopening).Fire(CaseTrigger.Reopen, new CaseCommand("she is talking about it again"), Homeroom);

        var escalated = c.Then(Reopening.AddHours(3)).CheckDeadlines();

        Assert.Equal(1, escalated);
        var notify = c.State.Tasks.Single(t => t.Kind == CaseTaskKind.NotifyFamilyEmergencyContact && t.Status == CaseTaskStatus.Open);
        Assert.Equal((1, "psych@t"), (notify.EscalationCount, notify.OriginalOwnerId));
    }

    [Fact]
    public void Add_police_transport_when_an_Imminent_case_is_reopened()
    {
        var c = Closed(RiskLevel.Imminent);

        c.Then(Reopening).Fire(CaseTrigger.Reopen, new CaseCommand("on the roof again"), Homeroom);

        var open = c.State.Tasks.Where(t => t.Status == CaseTaskStatus.Open).Select(t => t.Kind).ToList();
        Assert.Equal([.. CaseAggregate.HighRiskTasks, CaseTaskKind.PoliceTransportAssistance], open);
        Assert.Equal(Reopening.AddHours(1), c.State.Tasks.Single(t => t.Kind == CaseTaskKind.PoliceTransportAssistance && t.Status == CaseTaskStatus.Open).DueAt);
        Assert.Equal(24, c.State.VisitEveryHours);
    }

    [Fact]
    public void Need_a_new_level_3_reassessment_before_closing_the_reopened_High_case_again()
    {
        var c = Closed(RiskLevel.High);
        c.Then(Reopening).Fire(CaseTrigger.Reopen, new CaseCommand("she is talking about it again"), Homeroom);

        Refused(c.Then(Reopening.AddHours(1)), ErrorCodes.ReassessmentRequired,
            () => c.Then(Reopening.AddHours(1)).Fire(CaseTrigger.Close, new CaseCommand("nothing new"), Psych));
        Assert.False(c.Then(Reopening.AddHours(1)).MayFire(CaseTrigger.Close, Psych));

        c.Then(Reopening.AddHours(2)).AssessRisk(RiskLevel.High, "met her again, still high", Psych);
        // reassessed, but the guidance done in the first episode does not count for this one (round-31 re-check F1)
        var unworked = Refused(c.Then(Reopening.AddHours(2)), ErrorCodes.ReassessmentRequired,
            () => c.Then(Reopening.AddHours(2)).Fire(CaseTrigger.Close, new CaseCommand("admitted to hospital"), Psych));
        Assert.Equal("crisis-unworked", unworked.Details["rule"]);
        Assert.False(c.Then(Reopening.AddHours(2)).MayFire(CaseTrigger.Close, Psych));
        c.Then(Reopening.AddHours(2)).GuidedToHospital();
        c.Then(Reopening.AddHours(2)).Fire(CaseTrigger.Close, new CaseCommand("admitted to hospital"), Psych);
        Assert.Equal(CaseStatus.Closed, c.State.Status);
        Assert.DoesNotContain(c.State.Tasks, t => t.Status == CaseTaskStatus.Open);
    }

    [Fact]
    public void Open_the_guidance_task_again_when_the_referral_of_a_High_case_is_declined()
    {
        var c = Reported(RiskLevel.High);
        var granted = CaseWorkFixtures.Granted;
        var start = c.Then().PrepareTransition(CaseTrigger.StartIntervention, new CaseCommand(null), Psych);
        CaseConsent.Gate(c, start.Gate!.Value, Psych, granted, null);
        c.Fire(start);
        var referrals = new CaseReferrals(c.Then(Friday.AddHours(1)), "case-1");
        referrals.Propose("City mental health centre", "assessment", Psych, granted, null);
        c.CompleteOpenTasks(referrals.Send(Psych, granted, "Li Wei", null), Psych);
        Assert.DoesNotContain(c.State.Tasks, t => t.Kind == CaseTaskKind.GuideToPsychiatricInstitution && t.Status == CaseTaskStatus.Open);

        new CaseReferrals(c.Then(Reopening), "case-1").Respond(false, "no beds", Psych);

        Assert.Equal(CaseStatus.Active, c.State.Status);
        var guide = Assert.Single(c.State.Tasks, t => t.Kind == CaseTaskKind.GuideToPsychiatricInstitution && t.Status == CaseTaskStatus.Open);
        Assert.Equal(Reopening, guide.CreatedAt);
        Assert.Equal(At("2024-03-14T16:00:00Z"), guide.DueAt); // the end of the 3rd working day after Monday 11 March: Thursday, local midnight
    }

    [Fact]
    public void Open_no_task_when_the_referral_of_a_case_below_High_is_declined()
    {
        var c = Reported(RiskLevel.Moderate);
        var granted = CaseWorkFixtures.Granted;
        var start = c.Then().PrepareTransition(CaseTrigger.StartIntervention, new CaseCommand(null), Psych);
        CaseConsent.Gate(c, start.Gate!.Value, Psych, granted, null);
        c.Fire(start);
        var referrals = new CaseReferrals(c.Then(), "case-1");
        referrals.Propose("City mental health centre", "assessment", Psych, granted, null);
        c.CompleteOpenTasks(referrals.Send(Psych, granted, "Li Wei", null), Psych);
        var tasks = c.State.Tasks.Count;

        new CaseReferrals(CaseWorkFixtures.At(c.State), "case-1").Respond(false, "no beds", Psych); // needs no settings below High

        Assert.Equal(tasks, c.State.Tasks.Count);
    }

    [Theory]
    [InlineData(RiskLevel.Low)]
    [InlineData(RiskLevel.Moderate)]
    public void Create_no_task_when_a_case_below_High_is_reopened(RiskLevel risk)
    {
        var c = Reported(risk);
        c.Then(Friday.AddHours(1)).Fire(CaseTrigger.Triage, new CaseCommand("triaged"), Homeroom);
        c.Then(Friday.AddHours(1)).Fire(CaseTrigger.Close, new CaseCommand("resolved"), Homeroom);
        var notices = c.State.Notifications.Count;

        var change = c.Then(Reopening).Fire(CaseTrigger.Reopen, new CaseCommand("asked again"), Homeroom);

        Assert.Empty(change.TasksCreated);
        Assert.Equal(notices, c.State.Notifications.Count);
        Assert.Null(c.State.HighRiskSince);
    }
}
