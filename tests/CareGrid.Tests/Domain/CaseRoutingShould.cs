using CareGrid.Grains.Cases;
using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using static CareGrid.Tests.Domain.CaseDomain;

namespace CareGrid.Tests.Domain;

/// <summary>
/// How a concern reaches the professional, on the case aggregate alone (docs/protocol.md "How a concern travels"): the
/// tenant's intake rule gives a new case to its queue at level 1; <c>takeCase</c> makes a coordinator or professional the
/// case reached its owner; <c>requestProfessionalReview</c> takes a level-1 case to level 3.
/// </summary>
[Trait("tier", "domain")]
public sealed class CaseRoutingShould
{
    private static readonly TenantSettings School = Shanghai with { Intake = IntakeRule.Professionals };
    private static readonly TenantSettings District = Shanghai with { Intake = IntakeRule.Coordinator };
    private static readonly Actor Psych2 = new("psych-2@t", [Roles.Counsellor]);

    [Fact]
    public void Give_a_new_school_concern_to_the_level_3_queue_at_level_1_and_a_district_one_to_the_level_2_queue()
    {
        var school = Reported(RiskLevel.Moderate, settings: School);
        var district = Reported(RiskLevel.Moderate, settings: District);

        Assert.Equal((CaseQueues.Level3, 1), (school.State.AssigneeId, school.State.EscalationLevel));
        Assert.Equal((CaseQueues.Level2, 1), (district.State.AssigneeId, district.State.EscalationLevel));
        Assert.Equal(["Report", "Intake", "AssessRisk"], school.State.Timeline.Select(e => e.Action));
        Assert.Equal(("system", "owner queue:level-3: the tenant's intake rule sends a new concern to level 3"),
            (school.State.Timeline[1].Actor, school.State.Timeline[1].Reason));
        Assert.Null(Reported(settings: Shanghai).State.AssigneeId); // no rule (settings built in code): unowned
    }

    [Fact]
    public void Give_a_school_concern_graded_High_by_a_psychology_teacher_to_that_teacher_and_one_graded_by_level_1_to_the_queue()
    {
        Assert.Equal(Psych.Subject, Reported(RiskLevel.High, by: Psych, settings: School).State.AssigneeId);
        var byHomeroom = Reported(RiskLevel.High, settings: School);
        Assert.Equal((CaseQueues.Level3, 3), (byHomeroom.State.AssigneeId, byHomeroom.State.EscalationLevel));
    }

    [Fact]
    public void Let_a_psychology_teacher_take_a_concern_owned_by_the_level_3_queue_without_changing_its_level_or_status()
    {
        var c = Reported(RiskLevel.Moderate, settings: School);
        Assert.True(c.MayTake(Psych));
        Assert.False(c.MayTake(GradeLeader)); // queue:level-3 at level 1 does not reach level 2

        var change = c.Then().Take(Psych);

        Assert.Equal((Psych.Subject, 1, CaseStatus.Reported), (c.State.AssigneeId, c.State.EscalationLevel, c.State.Status));
        var entry = Assert.Single(change.Timeline);
        Assert.Equal(("TakeCase", Psych.Subject, "owner queue:level-3 → psych@t"), (entry.Action, entry.Actor, entry.Reason));
        Assert.Empty(change.Notifications); // a queue is not told
        Assert.False(c.MayTake(Psych));
        Assert.Empty(c.Then().Take(Psych).Timeline); // the owner again: nothing changes
    }

    [Fact]
    public void Let_a_professional_on_the_escalation_chain_take_a_case_from_a_named_owner_and_tell_that_owner()
    {
        var c = Reported(settings: School);
        c.Then().Take(Psych);
        c.Then().RequestProfessionalReview("second opinion", Homeroom);

        var change = c.Then().Take(Psych2);

        Assert.Equal(Psych2.Subject, c.State.AssigneeId);
        var notice = Assert.Single(change.Notifications);
        Assert.Equal((Psych.Subject, "Case taken over by psych-2@t."), (notice.To, notice.Message));
    }

    [Fact]
    public void Let_a_district_coordinator_take_a_level_2_case_but_not_a_level_3_one()
    {
        var c = Reported(RiskLevel.Moderate, settings: District);
        Assert.True(c.MayTake(GradeLeader));
        Assert.False(c.MayTake(Psych)); // queue:level-2 at level 1 does not reach level 3

        c.Then().RequestProfessionalReview("needs a professional", Homeroom);

        Assert.False(c.MayTake(GradeLeader));
        var error = Refused(c, ErrorCodes.Forbidden, () => c.Then().Take(GradeLeader));
        Assert.Equal("level-3", error.Details["rule"]);
        Assert.True(c.MayTake(Clinician));
    }

    [Fact]
    public void Refuse_takeCase_to_other_roles_to_a_caller_the_routing_does_not_reach_and_on_a_closed_case()
    {
        var c = Reported(RiskLevel.Moderate, by: Psych, settings: District);

        Assert.Equal("Coordinator,Counsellor,Clinician", Refused(c, ErrorCodes.Forbidden, () => c.Then().Take(Homeroom)).Details["requiredRoles"]);
        // The psychology teacher reported it, but a district concern goes to level 2 first.
        Assert.Equal("take-case", Refused(c, ErrorCodes.Forbidden, () => c.Then().Take(Psych)).Details["rule"]);
        c.Then().Fire(CaseTrigger.Triage, new CaseCommand(null), Homeroom);
        c.Then().Fire(CaseTrigger.Close, new CaseCommand("resolved"), Homeroom);
        Assert.Equal("CLOSED", Refused(c, ErrorCodes.InvalidTransition, () => c.Then().Take(GradeLeader)).Details["state"]);
        Assert.False(c.MayTake(GradeLeader));
    }

    [Fact]
    public void Escalate_to_level_3_with_the_reason_when_level_1_asks_for_professional_review()
    {
        var c = Reported(RiskLevel.Moderate, settings: District);
        Assert.True(c.MayRequestReview(Homeroom));
        Assert.True(c.MayRequestReview(Volunteer));
        Assert.False(c.MayRequestReview(Psych)); // a professional takes the case instead

        var change = c.Then().RequestProfessionalReview("  draws pictures of graves  ", Volunteer);

        Assert.Equal((3, CaseQueues.Level3), (c.State.EscalationLevel, c.State.AssigneeId));
        var entry = Assert.Single(change.Timeline);
        Assert.Equal(("RequestProfessionalReview", Volunteer.Subject, "level 1 → 3: draws pictures of graves"), (entry.Action, entry.Actor, entry.Reason));
        Assert.Equal(CaseQueues.Level3, Assert.Single(change.Notifications).To);
        Assert.False(c.MayRequestReview(Homeroom));

        var again = c.Then().RequestProfessionalReview("again", Homeroom);
        Assert.Empty(again.Timeline);
        Assert.Empty(again.Notifications);
    }

    [Fact]
    public void Pass_a_named_caseworker_owner_to_the_level_3_queue_when_level_1_asks_for_professional_review()
    {
        var c = Reported(settings: School);
        c.Then().Fire(CaseTrigger.Triage, new CaseCommand(null), Homeroom);
        c.Then().Fire(CaseTrigger.Activate, new CaseCommand(null, Homeroom.Subject), Homeroom);

        c.Then().RequestProfessionalReview("beyond me", Homeroom);

        Assert.Equal((3, CaseQueues.Level3), (c.State.EscalationLevel, c.State.AssigneeId));
        Assert.True(c.MayTake(Psych)); // the escalation chain reaches level 3
    }

    [Fact]
    public void Refuse_professional_review_without_a_reason_by_other_roles_or_on_a_closed_case()
    {
        var c = Reported(settings: School);

        Assert.Equal("reason", Refused(c, ErrorCodes.ValidationFailed, () => c.Then().RequestProfessionalReview(" ", Homeroom)).Details["field"]);
        Assert.Equal("reason", Refused(c, ErrorCodes.ValidationFailed, () => c.Then().RequestProfessionalReview(new string('x', CaseAggregate.MaxText + 1), Homeroom)).Details["field"]);
        Refused(c, ErrorCodes.Forbidden, () => c.Then().RequestProfessionalReview("why", Auditor));
        Refused(c, ErrorCodes.Forbidden, () => c.Then().RequestProfessionalReview("why", new Actor("committee@t", [Roles.Reporter])));
        c.Then().Fire(CaseTrigger.Triage, new CaseCommand(null), Homeroom);
        c.Then().Fire(CaseTrigger.Close, new CaseCommand("resolved"), Homeroom);
        Refused(c, ErrorCodes.InvalidTransition, () => c.Then().RequestProfessionalReview("why", Homeroom));
        Assert.False(c.MayRequestReview(Homeroom));
    }

    [Fact]
    public void Offer_the_two_actions_in_availableActions_to_whom_they_apply()
    {
        var c = Reported(RiskLevel.Moderate, settings: School);

        Assert.Contains("requestProfessionalReview", CaseActions.For(c, Homeroom, CaseConsent.None));
        Assert.DoesNotContain("takeCase", CaseActions.For(c, Homeroom, CaseConsent.None));
        Assert.Contains("takeCase", CaseActions.For(c, Psych, CaseConsent.None));
        Assert.DoesNotContain("requestProfessionalReview", CaseActions.For(c, Psych, CaseConsent.None));
    }

    [Theory]
    [InlineData(TenantKind.School, 3)]
    [InlineData(TenantKind.District, 2)]
    [InlineData(TenantKind.Town, 2)]
    public void Give_a_tenant_stored_before_intake_rules_its_kinds_rule_and_a_new_one_its_kinds_rule_at_onboarding(TenantKind kind, int level)
    {
        var stored = new TenantState { Exists = true, Kind = kind, TimeZone = "Asia/Shanghai", Settings = Shanghai }; // no Intake: as stored before
        Assert.Equal(level, new TenantAggregate("t", stored, Friday).Settings.Intake!.OwnerLevel);
        Assert.Null(stored.Settings!.Intake); // read, not rewritten

        var onboarded = new TenantAggregate("t", new TenantState(), Friday).Onboard(new OnboardTenant("t", "T", kind, null, "Asia/Shanghai", "admin@t", "Admin"), Psych);
        Assert.Equal(level, onboarded.Settings!.Intake!.OwnerLevel);
    }

    [Fact]
    public void Accept_an_intake_rule_of_level_2_or_3_only()
    {
        TenantSettingsRules.Ensure(School);
        TenantSettingsRules.Ensure(District);
        var error = Assert.Throws<CareGridException>(() => TenantSettingsRules.Ensure(Shanghai with { Intake = new IntakeRule(1) }));
        Assert.Equal((ErrorCodes.ValidationFailed, "intake"), (error.Code, error.Details["field"]));
        Assert.Equal((IntakeRule.Professionals, IntakeRule.Coordinator, IntakeRule.Coordinator),
            (IntakeRule.ForKind(TenantKind.School), IntakeRule.ForKind(TenantKind.District), IntakeRule.ForKind(TenantKind.Town)));
    }
}
