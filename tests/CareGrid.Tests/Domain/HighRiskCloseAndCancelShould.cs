using CareGrid.Grains.Cases;
using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Security;
using static CareGrid.Tests.Domain.CaseDomain;

namespace CareGrid.Tests.Domain;

/// <summary>
/// Round-31 new-user trial: a psychology teacher graded a case Imminent and closed it six minutes later — the grading that
/// raised the risk counted as the level-3 reassessment the close rule asks for — and a grade leader cancelled the
/// professionals' crisis-intervention task. A reassessment now confirms or lowers the risk after it rose; a case still at
/// High or Imminent closes only once the crisis was worked since the rise (re-check F1); and cancelling a task takes a role
/// that may do its work, or supervision (docs/protocol.md "Guards").
/// </summary>
[Trait("tier", "domain")]
public sealed class HighRiskCloseAndCancelShould
{
    [Fact]
    public void Not_count_the_level_3_grading_that_raised_the_risk_as_the_reassessment_that_lets_it_close()
    {
        var c = Reported(RiskLevel.High, Homeroom);
        c.Then(Friday.AddMinutes(5)).AssessRisk(RiskLevel.Imminent, "has a plan", Psych);

        var refused = Assert.Throws<CareGridException>(() => c.Then(Friday.AddMinutes(11)).EnsureMayClose(Psych));
        Assert.Equal(ErrorCodes.ReassessmentRequired, refused.Code);
        Assert.False(c.Then(Friday.AddMinutes(11)).MayFire(CaseTrigger.Close, Psych));

        // a later reassessment that confirms it (or lowers it) lets level 3 close
        c.Then(Friday.AddHours(3)).AssessRisk(RiskLevel.Imminent, "admitted to the mental health centre; hand-over done", Psych);
        c.Then(Friday.AddHours(3)).GuidedToHospital();
        c.Then(Friday.AddHours(3)).EnsureMayClose(Psych);
        Assert.Contains(c.State.Timeline, e => e.Action == "Reassess" && e.At == Friday.AddHours(3));
        Assert.DoesNotContain(c.State.Timeline, e => e.Action == "Reassess" && e.At == Friday.AddMinutes(5));
    }

    [Fact]
    public void Ask_for_a_new_reassessment_after_the_risk_rises_from_High_to_Imminent()
    {
        var c = Reported(RiskLevel.High, Homeroom);
        c.Then(Friday.AddHours(1)).AssessRisk(RiskLevel.High, "calmer, family with her", Psych);
        c.Then(Friday.AddHours(1)).GuidedToHospital();
        c.Then(Friday.AddHours(1)).EnsureMayClose(Psych);

        c.Then(Friday.AddHours(2)).AssessRisk(RiskLevel.Imminent, "wrote a goodbye note", Homeroom);

        Assert.Equal(ErrorCodes.ReassessmentRequired, Assert.Throws<CareGridException>(() => c.Then(Friday.AddHours(2)).EnsureMayClose(Psych)).Code);
    }

    [Fact]
    public void Refuse_to_close_a_case_one_counsellor_graded_Imminent_and_confirmed_until_the_crisis_was_worked_or_the_risk_lowered()
    {
        // Round-31 re-check F1: graded Imminent, confirmed a minute later and closed, all by one Counsellor in one request.
        var c = Reported(RiskLevel.Low, Homeroom);
        c.Then(Friday.AddMinutes(1)).AssessRisk(RiskLevel.Imminent, "has a plan and the means", Psych);
        c.Then(Friday.AddMinutes(2)).AssessRisk(RiskLevel.Imminent, "confirmed after talking to her", Psych);
        c.Then(Friday.AddMinutes(2)).Fire(CaseTrigger.Triage, new CaseCommand("triaged"), Psych);

        var refused = Refused(c.Then(Friday.AddMinutes(3)), ErrorCodes.ReassessmentRequired,
            () => c.Then(Friday.AddMinutes(3)).Fire(CaseTrigger.Close, new CaseCommand("talked it through"), Psych));
        Assert.Equal("crisis-unworked", refused.Details["rule"]);
        Assert.Contains("未作任何更改", refused.Message, StringComparison.Ordinal);
        Assert.False(c.Then(Friday.AddMinutes(3)).MayFire(CaseTrigger.Close, Psych));
        Assert.False(c.CrisisWorkedThisEpisode);

        // the family notice and the visit plan are not crisis work; a lower grading by level 3 is the other way out
        var family = c.State.Tasks.Single(t => t.Kind == CaseTaskKind.NotifyFamilyEmergencyContact);
        var notice = c.Then(Friday.AddMinutes(4));
        notice.CloseTask(notice.PrepareTaskClosure(family.Id, "mother called", Homeroom, CaseTaskStatus.Done)!);
        Assert.False(c.Then(Friday.AddMinutes(4)).MayFire(CaseTrigger.Close, Psych));
        c.Then(Friday.AddHours(2)).AssessRisk(RiskLevel.Moderate, "safety plan agreed with the parents, means removed", Psych);
        c.Then(Friday.AddHours(2)).Fire(CaseTrigger.Close, new CaseCommand("safety plan in place"), Psych);
        Assert.Equal(CaseStatus.Closed, c.State.Status);
    }

    [Fact]
    public void Count_professional_intervention_started_since_the_rise_as_the_crisis_worked_but_not_a_referral_sent_before_it()
    {
        var granted = CaseWorkFixtures.Granted;
        var c = Reported(RiskLevel.Moderate, Homeroom);
        var start = c.Then().PrepareTransition(CaseTrigger.StartIntervention, new CaseCommand(null), Psych);
        CaseConsent.Gate(c, start.Gate!.Value, Psych, granted, null);
        c.Fire(start);
        var referrals = new CaseReferrals(c.Then(Friday.AddMinutes(10)), "case-1");
        referrals.Propose("District counselling centre", "weekly sessions", Psych, granted, null);
        c.CompleteOpenTasks(referrals.Send(Psych, granted, "Li Wei", null), Psych);

        c.Then(Friday.AddHours(1)).AssessRisk(RiskLevel.High, "self-harm marks seen in PE", Homeroom);
        c.Then(Friday.AddHours(2)).AssessRisk(RiskLevel.High, "confirmed: still high", Psych);
        Assert.True(c.ReassessedSinceHighRisk);
        Assert.False(c.CrisisWorkedThisEpisode); // the referral went out at Moderate, before this crisis

        var crisis = c.State.Tasks.Single(t => t.Kind == CaseTaskKind.ProfessionalCrisisIntervention && t.Status == CaseTaskStatus.Open);
        var done = c.Then(Friday.AddHours(3));
        var closure = done.PrepareTaskClosure(crisis.Id, "crisis session held", Psych, CaseTaskStatus.Done)!;
        CaseConsent.Gate(done, closure.Gate!.Value, Psych, granted, null);
        done.CloseTask(closure);
        Assert.True(c.Then(Friday.AddHours(3)).CrisisWorkedThisEpisode);
    }

    [Fact]
    public void Not_count_guidance_done_at_High_once_the_risk_rose_to_Imminent()
    {
        // Round-32 red team F3: guidance ticked at High, a rise to Imminent, and one request confirming and closing.
        var c = Reported(RiskLevel.High, Homeroom);
        c.Then(Friday.AddMinutes(10)).TaskDoneBy(CaseTaskKind.GuideToPsychiatricInstitution, GradeLeader, "gave the family the clinic's address");
        Assert.True(c.Then(Friday.AddMinutes(10)).CrisisWorkedThisEpisode);
        c.Then(Friday.AddMinutes(20)).AssessRisk(RiskLevel.Imminent, "now has a plan for tonight", GradeLeader);
        c.Then(Friday.AddMinutes(21)).Fire(CaseTrigger.Triage, new CaseCommand("triaged"), Psych);
        c.Then(Friday.AddMinutes(21)).AssessRisk(RiskLevel.Imminent, "confirmed", Psych);

        var refused = Refused(c.Then(Friday.AddMinutes(22)), ErrorCodes.ReassessmentRequired,
            () => c.Then(Friday.AddMinutes(22)).Fire(CaseTrigger.Close, new CaseCommand("closing"), Psych));
        Assert.Equal("crisis-unworked", refused.Details["rule"]);
        Assert.Equal(Friday.AddMinutes(20), c.State.RiskRoseAt);

        c.Then(Friday.AddMinutes(50)).TaskDoneBy(CaseTaskKind.PoliceTransportAssistance, Homeroom, "police took him to the city mental health centre");
        Assert.True(c.Then(Friday.AddMinutes(51)).MayFire(CaseTrigger.Close, Psych));
    }

    [Fact]
    public void Refuse_to_complete_a_crisis_task_without_a_written_note_and_not_count_one_stored_without()
    {
        // Round-32 red team F1/F4 and new-user trial: police transport ticked with no word of what happened let the case close,
        // then (once it no longer counted) was used up without counting.
        var c = Reported(RiskLevel.Imminent, Homeroom);
        var police = c.State.Tasks.Single(t => t.Kind == CaseTaskKind.PoliceTransportAssistance);
        foreach (var blank in new string?[] { null, "\u200c", "\u200e\u200c\u00ad\u180e", "\u2800\u2800\u2800\u2800\u2800\u2800\u2800\u2800\u2800\u2800", "\u034f\u0301\ufe0f", ".", "ok ok ok ok", "已送医" })
        {
            // invisible or blank-looking notes (format characters, a blank Braille cell, marks), a filler, three characters
            var refused = Refused(c.Then(Friday.AddMinutes(6)), ErrorCodes.ValidationFailed,
                () => c.Then(Friday.AddMinutes(6)).PrepareTaskClosure(police.Id, blank, Homeroom, CaseTaskStatus.Done));
            Assert.Equal(("note", "crisis-note"), (refused.Details["field"], refused.Details["rule"]));
            Assert.Contains("未作任何更改", refused.Message, StringComparison.Ordinal);
        }

        Assert.NotNull(c.Then().PrepareTaskClosure(police.Id, null, Psych, CaseTaskStatus.Cancelled)); // cancelling needs no account
        var family = c.State.Tasks.Single(t => t.Kind == CaseTaskKind.NotifyFamilyEmergencyContact);
        Assert.NotNull(c.Then().PrepareTaskClosure(family.Id, null, Homeroom, CaseTaskStatus.Done)); // nor other tasks

        // a task stored done without a note (before this rule) does not count as crisis work
        var i = c.State.Tasks.FindIndex(t => t.Id == police.Id);
        c.State.Tasks[i] = police with { Status = CaseTaskStatus.Done, ClosedAt = Friday.AddMinutes(7), ClosedBy = "homeroom@t", Note = "\u200c" };
        Assert.False(c.Then(Friday.AddMinutes(8)).CrisisWorkedThisEpisode);

        c.Then(Friday.AddMinutes(9)).TaskDoneBy(CaseTaskKind.GuideToPsychiatricInstitution, GradeLeader, "已送医院");
        Assert.True(c.Then(Friday.AddMinutes(9)).CrisisWorkedThisEpisode); // four Chinese characters say it
    }

    [Fact]
    public void Not_count_a_declined_referral_nor_the_guidance_its_sending_completed()
    {
        // Round-32 red team F2: sendReferral, declineReferral and closeCase in one request closed an Imminent case.
        var granted = CaseWorkFixtures.Granted;
        var c = Reported(RiskLevel.Imminent, Homeroom);
        var start = c.Then(Friday.AddMinutes(5)).PrepareTransition(CaseTrigger.StartIntervention, new CaseCommand(null), Psych);
        CaseConsent.Gate(c, start.Gate!.Value, Psych, granted, null);
        c.Fire(start);
        c.Then(Friday.AddMinutes(6)).AssessRisk(RiskLevel.Imminent, "confirmed", Psych);
        Assert.True(c.Then(Friday.AddMinutes(6)).CrisisWorkedThisEpisode); // startIntervention is crisis work
        var unworked = Reported(RiskLevel.Imminent, Homeroom); // the same steps without the intervention
        unworked.Then(Friday.AddMinutes(5)).Fire(CaseTrigger.Triage, new CaseCommand("triaged"), Psych);
        unworked.Then(Friday.AddMinutes(5)).Fire(CaseTrigger.Activate, new CaseCommand(null, "psych@t"), Psych);
        var referrals = new CaseReferrals(unworked.Then(Friday.AddMinutes(6)), "case-2");
        referrals.Propose("City mental health centre", "admission", Psych, granted, null);
        unworked.CompleteOpenTasks(referrals.Send(Psych, granted, "Li Wei", null), Psych);
        Assert.True(unworked.Then(Friday.AddMinutes(6)).CrisisWorkedThisEpisode); // sent, not yet answered

        new CaseReferrals(unworked.Then(Friday.AddMinutes(7)), "case-2").Respond(false, "no beds", Psych);

        Assert.False(unworked.Then(Friday.AddMinutes(7)).CrisisWorkedThisEpisode);
        Assert.Contains(unworked.State.Tasks, t => t.Kind == CaseTaskKind.GuideToPsychiatricInstitution && t.ClosedByAction == "sendReferral");
    }

    [Fact]
    public void Tell_level_2_of_a_case_closed_while_still_High()
    {
        var c = Reported(RiskLevel.High, Homeroom);
        c.Then(Friday.AddHours(1)).Fire(CaseTrigger.Triage, new CaseCommand("triaged"), Psych);
        c.Then(Friday.AddHours(1)).AssessRisk(RiskLevel.High, "still high", Psych);
        c.Then(Friday.AddHours(1)).GuidedToHospital();

        c.Then(Friday.AddHours(2)).Fire(CaseTrigger.Close, new CaseCommand("admitted to the mental health centre"), Psych);

        Assert.Equal((CaseQueues.Level2, "Case closed at risk High by psych@t: admitted to the mental health centre"),
            (c.State.Notifications[^1].To, c.State.Notifications[^1].Message));
        Assert.Equal("NotifyLevel2", c.State.Timeline[^1].Action);
    }

    [Fact]
    public void Let_level_3_grade_a_case_for_the_first_time_without_that_counting_as_a_reassessment()
    {
        var c = Reported(RiskLevel.Low, Homeroom);
        c.Then(Friday.AddMinutes(1)).AssessRisk(RiskLevel.High, "talks about self-harm", Psych);

        Assert.Equal(ErrorCodes.ReassessmentRequired, Assert.Throws<CareGridException>(() => c.Then(Friday.AddMinutes(2)).EnsureMayClose(Psych)).Code);
        c.Then(Friday.AddMinutes(30)).AssessRisk(RiskLevel.Moderate, "safety plan agreed with the family", Psych);
        c.Then(Friday.AddMinutes(30)).EnsureMayClose(Psych);
    }

    [Fact]
    public void Refuse_a_grade_leader_cancelling_the_crisis_intervention_task_but_let_level_3_and_supervision()
    {
        var c = Reported(RiskLevel.High, Homeroom);
        var crisis = c.State.Tasks.Single(t => t.Kind == CaseTaskKind.ProfessionalCrisisIntervention);

        var refused = Assert.Throws<CareGridException>(() => c.Then().PrepareTaskClosure(crisis.Id, "not needed", GradeLeader, CaseTaskStatus.Cancelled));
        Assert.Equal((ErrorCodes.Forbidden, "task-role"), (refused.Code, refused.Details!["rule"]));
        Assert.Contains("未作任何更改", refused.Message, StringComparison.Ordinal);
        Assert.Equal(CaseTaskStatus.Open, c.State.Tasks.Single(t => t.Id == crisis.Id).Status);

        // the grade leader may still cancel what the grade leader may do (the family notice, the guidance to an institution)
        var family = c.State.Tasks.Single(t => t.Kind == CaseTaskKind.NotifyFamilyEmergencyContact);
        Assert.NotNull(c.Then().PrepareTaskClosure(family.Id, "family told in person", GradeLeader, CaseTaskStatus.Cancelled));
        Assert.NotNull(c.Then().PrepareTaskClosure(crisis.Id, "another professional took over", Psych, CaseTaskStatus.Cancelled));
        Assert.NotNull(c.Then().PrepareTaskClosure(crisis.Id, "handled by the centre", new CareGrid.Grains.Security.Actor("principal@t", [CareGrid.Grains.Security.Roles.Supervisor]), CaseTaskStatus.Cancelled));
    }
}
