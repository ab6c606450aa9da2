using CareGrid.Grains.Cases;
using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.Security;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Screening;
using static CareGrid.Tests.Domain.CaseDomain;

namespace CareGrid.Tests.Domain;

/// <summary>
/// The high-risk protocol of on the case aggregate alone: High or Imminent escalates to level 3 in the same change,
/// gives the case an owner, tells level 2, raises the visit frequency and creates the protocol's deadline tasks from the
/// tenant's settings; only level 3 lowers the risk.
/// </summary>
[Trait("tier", "domain")]
public sealed class HighRiskProtocolShould
{
    [Fact]
    public void Create_the_four_protocol_tasks_with_the_tenants_deadlines_when_risk_becomes_High()
    {
        var c = Reported();

        var change = c.Then().AssessRisk(RiskLevel.High, "talks about self-harm", Homeroom);

        var s = c.State;
        Assert.Equal(RiskLevel.High, s.RiskLevel);
        Assert.Equal(3, s.EscalationLevel);
        Assert.Equal(CaseQueues.Level3, s.AssigneeId); // the homeroom teacher is level 1: the level-3 queue owns it
        Assert.Equal(
            [CaseTaskKind.NotifyFamilyEmergencyContact, CaseTaskKind.ProfessionalCrisisIntervention, CaseTaskKind.RaiseVisitFrequency, CaseTaskKind.GuideToPsychiatricInstitution],
            s.Tasks.Select(t => t.Kind));
        Assert.Equal(
            [Friday.AddHours(2), Friday.AddHours(24), Friday.AddHours(24), At("2024-03-13T16:00:00Z")], // guidance: end of the 3rd working day, Wednesday, local midnight
            s.Tasks.Select(t => t.DueAt));
        Assert.All(s.Tasks, t => Assert.Equal((CaseTaskStatus.Open, CaseQueues.Level3, Friday), (t.Status, t.OwnerId, t.CreatedAt)));
        Assert.DoesNotContain(s.Tasks, t => t.Kind == CaseTaskKind.PoliceTransportAssistance);
        Assert.Equal(48, s.VisitEveryHours);
        Assert.Equal(Friday, s.HighRiskSince);
        var notice = Assert.Single(s.Notifications);
        Assert.Equal(CaseQueues.Level2, notice.To);
        Assert.Equal(["AssessRisk", "Escalate", "Assign", "NotifyLevel2", "TaskCreated", "TaskCreated", "TaskCreated", "TaskCreated"],
            change.Timeline.Select(e => e.Action));
        Assert.Contains("level 1 → 3", change.Timeline[1].Reason);
        Assert.Equal(4, change.TasksCreated.Count);
        Assert.True(change.AffectsReminder);
    }

    [Fact]
    public void Add_police_transport_due_in_one_hour_and_raise_visits_to_daily_at_Imminent()
    {
        var c = Reported(RiskLevel.Imminent);

        Assert.Equal(5, c.State.Tasks.Count);
        var police = Assert.Single(c.State.Tasks, t => t.Kind == CaseTaskKind.PoliceTransportAssistance);
        Assert.Equal(Friday.AddHours(1), police.DueAt);
        Assert.Equal(24, c.State.VisitEveryHours);
        Assert.Equal(3, c.State.EscalationLevel);
        Assert.Equal(["Report", "AssessRisk", "Escalate", "Assign", "NotifyLevel2"], c.State.Timeline.Take(5).Select(e => e.Action));
    }

    [Fact]
    public void Give_the_case_and_its_tasks_to_the_level_3_professional_who_raises_the_risk()
    {
        var c = Reported(RiskLevel.High, by: Psych);

        Assert.Equal(Psych.Subject, c.State.AssigneeId);
        Assert.All(c.State.Tasks, t => Assert.Equal(Psych.Subject, t.OwnerId));
    }

    /// <summary>
    /// Round 17 red team RT17-7: a report's grading runs the protocol with the reporter's scope (<c>ViewerScope</c>); a
    /// level-3 reporter whose units do not cover the case's unit is answered with a receipt, so the protocol leaves the case
    /// to the level-3 queue instead of making them its owner (owning it would open it to them). Within their units, or with
    /// no scope given (assessRisk on a case they already work), they become the owner as before.
    /// </summary>
    [Theory]
    [InlineData(false, "queue:level-3")]
    [InlineData(true, "psych@t")]
    public void Give_the_case_to_a_reporting_level_3_professional_only_within_their_units_RT17_7(bool covers, string owner)
    {
        var opened = CaseAggregate.Open("student-1", "class-1", "Said she wants to die", Psych, Shanghai, Friday);
        opened.ViewerScope = new StaffScope(false, [covers ? "class-1" : "class-2"]);

        opened.RaiseRisk(RiskLevel.High, Psych, "initial grading by the reporter");

        Assert.Equal((owner, 3), (opened.State.AssigneeId, opened.State.EscalationLevel));
        Assert.Equal(4, opened.State.Tasks.Count);
    }

    [Fact]
    public void Keep_a_named_owner_when_risk_becomes_High()
    {
        var c = Reported();
        c.Then().Fire(CaseTrigger.Triage, new CaseCommand(null), Homeroom);
        c.Then().Known("counsellor-2@t", Roles.Counsellor).Fire(CaseTrigger.Activate, new CaseCommand(null, "counsellor-2@t"), Homeroom);

        c.Then().AssessRisk(RiskLevel.High, "self-harm", Homeroom);

        Assert.Equal("counsellor-2@t", c.State.AssigneeId);
        Assert.DoesNotContain(c.State.Timeline, e => e.Action == "Assign");
        Assert.All(c.State.Tasks, t => Assert.Equal("counsellor-2@t", t.OwnerId));
    }

    [Fact]
    public void Not_duplicate_open_tasks_or_notices_when_the_risk_is_assessed_again()
    {
        var c = Reported(RiskLevel.High);
        var later = Friday.AddMinutes(30);

        var again = c.Then(later).AssessRisk(RiskLevel.High, "still talks about it", Homeroom);
        Assert.Empty(again.TasksCreated);
        Assert.Empty(again.Notifications);
        Assert.Equal("High confirmed: still talks about it", Assert.Single(again.Timeline).Reason);

        var imminent = c.Then(later).AssessRisk(RiskLevel.Imminent, "has a plan", Homeroom);
        Assert.Equal([CaseTaskKind.PoliceTransportAssistance], imminent.TasksCreated.Select(t => t.Kind));
        // level 2 was told when the risk first rose, and is told of the rise to Imminent (round-31 trial: it was not), once
        Assert.Equal("Risk raised from High to Imminent (R-1.10).", Assert.Single(imminent.Notifications).Message);
        Assert.Empty(c.Then(later).AssessRisk(RiskLevel.Imminent, "still has a plan", Homeroom).Notifications);
        Assert.Equal(5, c.State.Tasks.Count);
        Assert.Equal(2, c.State.Notifications.Count);
        Assert.Equal(Friday, c.State.HighRiskSince);
    }

    [Fact]
    public void Not_create_again_a_protocol_task_done_in_this_episode_when_the_risk_is_confirmed()
    {
        // Round-29 new-user trial: the family phoned and the task done, confirming High an hour later set the family notice
        // (and the other done tasks) due again.
        var c = Reported(RiskLevel.High);
        var notify = c.State.Tasks.Single(t => t.Kind == CaseTaskKind.NotifyFamilyEmergencyContact);
        var done = c.Then(Friday.AddMinutes(30));
        done.CloseTask(done.PrepareTaskClosure(notify.Id, "phoned the father", Homeroom, CaseTaskStatus.Done)!);

        var again = c.Then(Friday.AddHours(1)).AssessRisk(RiskLevel.High, "still talks about it", Psych);

        Assert.Empty(again.TasksCreated);
        Assert.Single(c.State.Tasks, t => t.Kind == CaseTaskKind.NotifyFamilyEmergencyContact);

        // Lowered and raised again: a new episode, whose checklist starts afresh.
        c.Then(Friday.AddHours(2)).AssessRisk(RiskLevel.Moderate, "calmer", Psych);
        var rose = c.Then(Friday.AddDays(2)).AssessRisk(RiskLevel.High, "worse again", Psych);
        Assert.Contains(rose.TasksCreated, t => t.Kind == CaseTaskKind.NotifyFamilyEmergencyContact);
    }

    [Fact]
    public void Let_only_level_3_lower_a_High_risk_and_count_it_as_a_reassessment()
    {
        var c = Reported(RiskLevel.High);
        var later = Friday.AddDays(3);

        Refused(c, ErrorCodes.Forbidden, () => c.Then(later).AssessRisk(RiskLevel.Low, "seems fine", Homeroom));
        Refused(c, ErrorCodes.Forbidden, () => c.Then(later).AssessRisk(RiskLevel.Moderate, "a bit better", GradeLeader));

        c.Then(later).AssessRisk(RiskLevel.Low, "reassessed after two sessions: no ideation", Clinician);

        Assert.Equal(RiskLevel.Low, c.State.RiskLevel);
        Assert.Equal(later, c.State.Level3ReassessedAt);
        Assert.Null(c.State.HighRiskSince);
        Assert.Equal(336, c.State.VisitEveryHours);
        Assert.Equal(3, c.State.EscalationLevel); // lowering the risk does not lower the escalation
        Assert.All(c.State.Tasks, t => Assert.Equal(CaseTaskStatus.Open, t.Status)); // nor closes the protocol's tasks
        Assert.Equal(["Reassess", "AssessRisk", "NotifyLevel2"], c.State.Timeline.TakeLast(3).Select(e => e.Action));
        // level 2 hears of the lowering as of the rise (round-32 red team F5)
        Assert.Equal((CaseQueues.Level2, "Risk lowered from High to Low by clinician@t: reassessed after two sessions: no ideation"),
            (c.State.Notifications[^1].To, c.State.Notifications[^1].Message));
    }

    [Fact]
    public void Let_any_case_staff_raise_the_risk_and_refuse_bad_assessments_changing_nothing()
    {
        var c = Reported(RiskLevel.Moderate);

        Assert.Equal("riskLevel", Refused(c, ErrorCodes.ValidationFailed, () => c.Then().AssessRisk((RiskLevel)9, "x", Homeroom)).Details["field"]);
        Assert.Equal("reason", Refused(c, ErrorCodes.ValidationFailed, () => c.Then().AssessRisk(RiskLevel.High, "  ", Homeroom)).Details["field"]);
        Refused(c, ErrorCodes.Forbidden, () => c.Then().AssessRisk(RiskLevel.High, "x", Volunteer));
        Refused(c, ErrorCodes.Forbidden, () => c.Then().AssessRisk(RiskLevel.High, "x", Auditor));

        c.Then().AssessRisk(RiskLevel.High, "worse", GradeLeader);
        Assert.Equal(RiskLevel.High, c.State.RiskLevel);
    }

    [Fact]
    public void Refuse_an_assessment_of_a_closed_case()
    {
        var c = Reported();
        c.Then().Fire(CaseTrigger.Triage, new CaseCommand(null), Homeroom);
        c.Then().Fire(CaseTrigger.Close, new CaseCommand("resolved"), Homeroom);

        var error = Refused(c, ErrorCodes.InvalidTransition, () => c.Then().AssessRisk(RiskLevel.High, "again", Psych));
        Assert.Equal("CLOSED", error.Details["state"]);
        Assert.Equal("reopenCase", error.Details["permittedTriggers"]);
    }

    [Fact]
    public void Run_the_protocol_when_a_screening_flags_suicidal_ideation_R_1_10()
    {
        var c = Reported(RiskLevel.Moderate);
        var answers = new ScreeningAnswers(ScreeningInstrument.Phq9, [1, 1, 1, 1, 0, 0, 0, 1, 1]);
        var result = c.Then().PrepareScreening(answers, Homeroom);

        var record = c.Then().RecordScreening(answers, result, Homeroom);

        Assert.True(record.Result.SuicidalIdeationFlag);
        Assert.Equal(RiskLevel.High, c.State.RiskLevel);
        Assert.Equal(3, c.State.EscalationLevel);
        Assert.Equal(4, c.State.Tasks.Count);
        Assert.Equal("s1", record.Id); // screenings and tasks share one sequence
        Assert.Equal(["t2", "t3", "t4", "t5"], c.State.Tasks.Select(t => t.Id));
        Assert.Contains(c.State.Timeline, e => e.Action == "AssessRisk" && e.Reason!.Contains("screening s1"));
    }

    [Fact]
    public void Never_lower_the_risk_from_a_low_screening_score()
    {
        var c = Reported(RiskLevel.Moderate);
        var answers = new ScreeningAnswers(ScreeningInstrument.Gad7, [0, 0, 0, 0, 0, 0, 0]);

        var record = c.Then().RecordScreening(answers, c.Then().PrepareScreening(answers, Homeroom), Homeroom);

        Assert.Equal(RiskLevel.Low, record.Result.SuggestedRiskLevel);
        Assert.Equal(RiskLevel.Moderate, c.State.RiskLevel);
        Assert.Equal("RecordScreening", c.State.Timeline[^1].Action);
    }

    [Fact]
    public void Refuse_invalid_screening_answers_naming_the_answer_and_change_nothing()
    {
        var c = Reported();

        var error = Refused(c, ErrorCodes.ValidationFailed, () => c.Then().PrepareScreening(new ScreeningAnswers(ScreeningInstrument.Phq9, [0, 0, 0, 0, 0, 0, 0, 0, 4]), Homeroom));

        Assert.Equal("answers[8]", error.Details["field"]);
    }
}
