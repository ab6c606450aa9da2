using CareGrid.Grains.Cases;
using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.Security;
using CareGrid.Grains.Errors;
using static CareGrid.Tests.Domain.CaseDomain;

namespace CareGrid.Tests.Domain;

/// <summary>
/// The case lifecycle on the aggregate alone: <c>Reported → Triage → Active → (Referred) → FollowUp → Closed</c>, each
/// transition checked for the lifecycle, the actor's roles and its inputs, and the close rule of a High/Imminent case
/// . A refused transition changes nothing.
/// </summary>
[Trait("tier", "domain")]
public sealed class CaseTransitionsShould
{
    [Fact]
    public void Walk_reported_triage_active_closed_and_record_each_step()
    {
        var c = Reported();
        var later = Friday.AddHours(3);

        c.Then(later).Fire(CaseTrigger.Triage, new CaseCommand("looked at it"), Homeroom);
        c.Then(later).Known("psych@t", Roles.Counsellor).Fire(CaseTrigger.Activate, new CaseCommand(null, " psych@t "), Homeroom);
        var closed = c.Then(later).Fire(CaseTrigger.Close, new CaseCommand("resolved after two talks"), Homeroom);

        Assert.Equal(CaseStatus.Closed, c.State.Status);
        Assert.Equal("psych@t", c.State.AssigneeId);
        Assert.Equal(later, c.State.UpdatedAt);
        Assert.Equal(["Report", "Triage", "Activate", "Close"], c.State.Timeline.Select(e => e.Action));
        var close = Assert.Single(closed.Timeline);
        Assert.Equal((CaseStatus.Active, CaseStatus.Closed, "resolved after two talks"), (close.FromStatus, close.ToStatus, close.Reason));
        Assert.Equal([CaseTrigger.Reopen], c.Then().PermittedTriggers(Homeroom));
    }

    [Fact]
    public void Refuse_a_transition_the_lifecycle_does_not_permit_with_state_and_permitted_triggers()
    {
        var c = Reported();

        var error = Refused(c, ErrorCodes.InvalidTransition, () => c.Then().Fire(CaseTrigger.Close, new CaseCommand("done"), Homeroom));

        Assert.Equal("REPORTED", error.Details["state"]);
        Assert.Equal("closeCase", error.Details["trigger"]);
        Assert.Equal("startIntervention,triageCase", error.Details["permittedTriggers"]);
    }

    [Fact]
    public void Refuse_referral_triggers_fired_as_plain_transitions()
    {
        var c = Reported();
        c.Then().Fire(CaseTrigger.Triage, new CaseCommand(null), Homeroom);
        c.Then().Known("psych@t", Roles.Counsellor).Fire(CaseTrigger.Activate, new CaseCommand(null, "psych@t"), Homeroom);

        var error = Refused(c, ErrorCodes.ValidationFailed, () => c.Then().PrepareTransition(CaseTrigger.Refer, new CaseCommand(null), Psych));

        Assert.Equal("trigger", error.Details["field"]);
    }

    [Fact]
    public void Refuse_activation_without_an_assignee_or_with_an_overlong_one()
    {
        var c = Reported();
        c.Then().Fire(CaseTrigger.Triage, new CaseCommand(null), Homeroom);

        Assert.Equal("assigneeId", Refused(c, ErrorCodes.ValidationFailed, () => c.Then().Fire(CaseTrigger.Activate, new CaseCommand(null, " "), Homeroom)).Details["field"]);
        Assert.Equal("assigneeId", Refused(c, ErrorCodes.ValidationFailed, () => c.Then().Fire(CaseTrigger.Activate, new CaseCommand(null, new string('a', 201)), Homeroom)).Details["field"]);
        Assert.Equal(CaseStatus.Triage, c.State.Status);
    }

    [Theory]
    [InlineData(CaseTrigger.Close)]
    [InlineData(CaseTrigger.Reopen)]
    public void Refuse_closing_or_reopening_without_a_reason(CaseTrigger trigger)
    {
        var c = Reported();
        c.Then().Fire(CaseTrigger.Triage, new CaseCommand(null), Homeroom);
        if (trigger == CaseTrigger.Reopen)
        {
            c.Then().Fire(CaseTrigger.Close, new CaseCommand("resolved"), Homeroom);
        }

        var error = Refused(c, ErrorCodes.ValidationFailed, () => c.Then().Fire(trigger, new CaseCommand("   "), Homeroom));

        Assert.Equal("reason", error.Details["field"]);
    }

    [Fact]
    public void Refuse_roles_outside_case_staff_and_let_only_level_3_start_intervention()
    {
        var c = Reported();

        Assert.Equal("Counsellor,Clinician", Refused(c, ErrorCodes.Forbidden, () => c.Then().PrepareTransition(CaseTrigger.StartIntervention, new CaseCommand(null), Homeroom)).Details["requiredRoles"]);
        Refused(c, ErrorCodes.Forbidden, () => c.Then().Fire(CaseTrigger.Triage, new CaseCommand(null), Volunteer));
        Refused(c, ErrorCodes.Forbidden, () => c.Then().Fire(CaseTrigger.Triage, new CaseCommand(null), Auditor));
    }

    [Fact]
    public void Gate_start_intervention_on_consent_then_give_the_case_to_the_professional_and_complete_the_crisis_task()
    {
        var c = Reported(RiskLevel.High);
        var later = Friday.AddHours(5);

        var transition = c.Then(later).PrepareTransition(CaseTrigger.StartIntervention, new CaseCommand("crisis session"), Psych);
        Assert.Equal(GatedAction.StartIntervention, transition.Gate);
        Assert.Equal(Psych.Subject, transition.AssigneeId); // the level-3 queue owned it
        Assert.Throws<InvalidOperationException>(() => c.Then(later).Fire(CaseTrigger.StartIntervention, new CaseCommand(null), Psych));

        var change = c.Then(later).Fire(transition);

        Assert.Equal(CaseStatus.Active, c.State.Status);
        Assert.Equal(Psych.Subject, c.State.AssigneeId);
        Assert.Equal(later, c.State.InterventionStartedAt);
        var done = Assert.Single(change.TasksClosed);
        Assert.Equal((CaseTaskKind.ProfessionalCrisisIntervention, CaseTaskStatus.Done, Psych.Subject), (done.Kind, done.Status, done.ClosedBy));
        Assert.Equal(["StartIntervention", "TaskDone"], change.Timeline.Select(e => e.Action));
        Assert.DoesNotContain(CaseTrigger.StartIntervention, c.Then().PermittedTriggers(Psych)); // once per case
    }

    [Fact]
    public void Close_a_High_case_only_by_level_3_after_a_level_3_reassessment()
    {
        var c = Reported(RiskLevel.High);
        c.Then().Fire(CaseTrigger.Triage, new CaseCommand(null), Homeroom);
        var later = Friday.AddDays(2);

        Refused(c, ErrorCodes.Forbidden, () => c.Then(later).Fire(CaseTrigger.Close, new CaseCommand("seems fine"), Homeroom));
        Refused(c, ErrorCodes.ReassessmentRequired, () => c.Then(later).Fire(CaseTrigger.Close, new CaseCommand("no risk"), Psych));
        Assert.DoesNotContain(CaseTrigger.Close, c.Then(later).PermittedTriggers(Psych));

        c.Then(later).AssessRisk(RiskLevel.High, "reassessed: still High, safety plan in place", Psych); // a reassessment need not lower it
        var unworked = Refused(c, ErrorCodes.ReassessmentRequired, () => c.Then(later).Fire(CaseTrigger.Close, new CaseCommand("no risk"), Psych));
        Assert.Equal("crisis-unworked", unworked.Details["rule"]); // still High: the crisis is worked first
        c.Then(later).GuidedToHospital();
        Assert.Contains(CaseTrigger.Close, c.Then(later).PermittedTriggers(Psych));
        Assert.DoesNotContain(CaseTrigger.Close, c.Then(later).PermittedTriggers(Homeroom));
        var closed = c.Then(later).Fire(CaseTrigger.Close, new CaseCommand("admitted to hospital care"), Psych);

        Assert.Equal(CaseStatus.Closed, c.State.Status);
        Assert.Equal(3, closed.TasksClosed.Count);
        var cancelled = c.State.Tasks.Where(t => t.Kind != CaseTaskKind.GuideToPsychiatricInstitution).ToList();
        Assert.All(cancelled, t => Assert.Equal(CaseTaskStatus.Cancelled, t.Status));
        Assert.All(cancelled, t => Assert.Equal("case closed: admitted to hospital care", t.Note));
    }

    [Fact]
    public void Not_count_a_reassessment_made_before_the_risk_rose_again()
    {
        var c = Reported(RiskLevel.Moderate);
        c.Then().Fire(CaseTrigger.Triage, new CaseCommand(null), Homeroom);
        c.Then(Friday.AddHours(1)).AssessRisk(RiskLevel.Moderate, "reassessed", Psych);
        c.Then(Friday.AddHours(2)).AssessRisk(RiskLevel.High, "self-harm marks", Homeroom);

        Refused(c, ErrorCodes.ReassessmentRequired, () => c.Then(Friday.AddHours(3)).Fire(CaseTrigger.Close, new CaseCommand("done"), Psych));
    }

    [Fact]
    public void Let_case_staff_close_a_Low_or_Moderate_case_without_a_reassessment()
    {
        var c = Reported(RiskLevel.Moderate);
        c.Then().Fire(CaseTrigger.Triage, new CaseCommand(null), Homeroom);

        Assert.Contains(CaseTrigger.Close, c.Then().PermittedTriggers(Homeroom));
        c.Then().Fire(CaseTrigger.Close, new CaseCommand("resolved"), Homeroom);

        Assert.Equal(CaseStatus.Closed, c.State.Status);
    }

    [Fact]
    public void Reopen_a_closed_case_into_triage()
    {
        var c = Reported();
        c.Then().Fire(CaseTrigger.Triage, new CaseCommand(null), Homeroom);
        c.Then().Fire(CaseTrigger.Close, new CaseCommand("resolved"), Homeroom);

        c.Then().Fire(CaseTrigger.Reopen, new CaseCommand("new incident"), GradeLeader);

        Assert.Equal(CaseStatus.Triage, c.State.Status);
        Assert.Equal((CaseStatus.Closed, CaseStatus.Triage), (c.State.Timeline[^1].FromStatus, c.State.Timeline[^1].ToStatus));
    }
}
