using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using static CareGrid.Tests.Domain.CaseDomain;

namespace CareGrid.Tests.Domain;

/// <summary>Escalation along the three-level chain on the case aggregate alone: only up, with a reason, to the queue of the new level.</summary>
[Trait("tier", "domain")]
public sealed class EscalationShould
{
    [Fact]
    public void Move_an_unowned_case_to_the_queue_of_the_new_level_and_notify_that_queue()
    {
        var c = Reported(RiskLevel.Moderate);

        var change = c.Then().Escalate(2, "parents unreachable", Homeroom);

        Assert.Equal(2, c.State.EscalationLevel);
        Assert.Equal(CaseQueues.Level2, c.State.AssigneeId);
        var notice = Assert.Single(change.Notifications);
        Assert.Equal((CaseQueues.Level2, "Escalated to level 2: parents unreachable"), (notice.To, notice.Message));
        Assert.Equal("level 1 → 2: parents unreachable", Assert.Single(change.Timeline).Reason);

        c.Then().Escalate(3, "needs a professional", GradeLeader);
        Assert.Equal(CaseQueues.Level3, c.State.AssigneeId);
    }

    [Fact]
    public void Pass_a_named_caseworker_owner_to_the_level_3_queue_when_escalating_to_level_3_and_tell_them()
    {
        var c = Reported();
        c.Then().Fire(CaseTrigger.Triage, new CaseCommand(null), Homeroom);
        c.Then().Fire(CaseTrigger.Activate, new CaseCommand(null, "homeroom@t"), Homeroom);

        c.Then().Escalate(3, "worse", Homeroom);

        Assert.Equal(3, c.State.EscalationLevel);
        Assert.Equal(CaseQueues.Level3, c.State.AssigneeId); // a Caseworker may not own a level-3 case (docs/protocol.md)
        Assert.Equal(["homeroom@t", CaseQueues.Level3], c.State.Notifications.Select(n => n.To));
    }

    [Theory]
    [InlineData(1)] // not up
    [InlineData(0)]
    [InlineData(4)] // above the chain
    public void Refuse_a_level_that_is_not_above_the_current_one_and_at_most_3(int level)
    {
        var c = Reported();

        var error = Refused(c, ErrorCodes.ValidationFailed, () => c.Then().Escalate(level, "because", Homeroom));

        Assert.Equal("level", error.Details["field"]);
    }

    [Fact]
    public void Refuse_an_escalation_without_a_reason_by_a_non_staff_role_or_of_a_closed_case()
    {
        var c = Reported();

        Assert.Equal("reason", Refused(c, ErrorCodes.ValidationFailed, () => c.Then().Escalate(2, " ", Homeroom)).Details["field"]);
        Refused(c, ErrorCodes.Forbidden, () => c.Then().Escalate(2, "because", Volunteer));
        c.Then().Fire(CaseTrigger.Triage, new CaseCommand(null), Homeroom);
        c.Then().Fire(CaseTrigger.Close, new CaseCommand("resolved"), Homeroom);
        Refused(c, ErrorCodes.InvalidTransition, () => c.Then().Escalate(2, "because", Homeroom));
    }

    [Fact]
    public void Refuse_escalating_a_High_case_that_the_protocol_already_put_at_level_3()
    {
        var c = Reported(RiskLevel.High);

        Refused(c, ErrorCodes.ValidationFailed, () => c.Then().Escalate(3, "again", GradeLeader));
    }
}
