using CareGrid.Grains.Cases;
using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using static CareGrid.Tests.Domain.CaseDomain;

namespace CareGrid.Tests.Domain;

/// <summary>
/// Who owns crisis work (docs/protocol.md "Who owns crisis work", R-4.3, R-1.10): a level-3 case and its protocol tasks never
/// stay with a named owner who may not own a level-3 case, and activateCase names only a staff member who may work the case.
/// </summary>
[Trait("tier", "domain")]
public sealed class CrisisOwnershipShould
{
    private static readonly TenantSettings District = Shanghai with { Intake = IntakeRule.Coordinator };

    [Theory]
    [InlineData(RiskLevel.Imminent)]
    [InlineData(RiskLevel.High)]
    public void Pass_a_case_a_coordinator_took_to_the_level_3_queue_with_every_protocol_task_when_risk_rises(RiskLevel risk)
    {
        var c = Reported(RiskLevel.Moderate, settings: District);
        c.Then().Take(GradeLeader);

        var change = c.Then().AssessRisk(risk, "plan and means", GradeLeader);

        Assert.Equal((CaseQueues.Level3, 3), (c.State.AssigneeId, c.State.EscalationLevel));
        Assert.NotEmpty(c.State.Tasks);
        Assert.All(c.State.Tasks, t => Assert.Equal(CaseQueues.Level3, t.OwnerId));
        Assert.Contains(change.Timeline, e => e.Action == "Assign" && e.Reason!.Contains("grade@t → queue:level-3", StringComparison.Ordinal));
        Assert.Contains(change.Notifications, n => n.To == GradeLeader.Subject);
    }

    [Fact]
    public void Pass_a_case_a_coordinator_owns_to_the_level_3_queue_when_escalated_to_level_3_then_keep_the_queue_for_imminent_tasks()
    {
        var c = Reported(RiskLevel.Moderate, settings: District);
        c.Then().Take(GradeLeader);

        var change = c.Then().Escalate(3, "talks about a plan", GradeLeader);
        c.Then().AssessRisk(RiskLevel.Imminent, "has the means", GradeLeader);

        Assert.Equal(CaseQueues.Level3, c.State.AssigneeId);
        Assert.Contains(change.Notifications, n => n.To == GradeLeader.Subject);
        Assert.Contains(c.State.Tasks, t => t.Kind == CaseTaskKind.PoliceTransportAssistance);
        Assert.All(c.State.Tasks, t => Assert.Equal(CaseQueues.Level3, t.OwnerId));
    }

    [Fact]
    public void Keep_a_level_3_professional_who_took_the_case_as_owner_of_it_and_its_protocol_tasks()
    {
        var c = Reported(RiskLevel.Moderate, settings: District);
        c.Then().Take(GradeLeader);
        c.Then().Escalate(3, "needs a professional", GradeLeader);
        c.Then().Take(Psych);

        c.Then().AssessRisk(RiskLevel.Imminent, "plan and means", GradeLeader);

        Assert.Equal(Psych.Subject, c.State.AssigneeId);
        Assert.All(c.State.Tasks, t => Assert.Equal(Psych.Subject, t.OwnerId));
    }

    [Fact]
    public void Keep_activateCase_without_an_assignee_for_a_reporter()
    {
        var c = Reported(RiskLevel.Moderate, settings: District);
        c.Then().Take(GradeLeader);
        c.Then().Fire(CaseTrigger.Triage, new CaseCommand(null), Homeroom);

        c.Then().Fire(CaseTrigger.Activate, new CaseCommand(null), Homeroom);

        Assert.Equal((GradeLeader.Subject, CaseStatus.Active), (c.State.AssigneeId, c.State.Status));
    }
}
