using CareGrid.Grains.Cases;
using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Security;
using static CareGrid.Tests.Domain.CaseDomain;

namespace CareGrid.Tests.Domain;

/// <summary>
/// Moving a departing member's work on one case (docs/staff-changes.md): the case aggregate's rules alone — only what is
/// still theirs moves, to a receiver whose role may own the case at its level, each move on the timeline.
/// </summary>
[Trait("tier", "domain")]
public sealed class WorkReassignmentShould
{
    private static readonly Actor Admin = new("admin@t", [Roles.TenantAdmin]);
    private static readonly string[] Counsellor = [Roles.Counsellor];

    private static CaseWorkMove Move(CaseAggregate c, string to = "psych2@t", IReadOnlyList<string>? roles = null, bool moveCase = true) =>
        new("psych@t", to, roles ?? Counsellor, moveCase, [.. c.State.Tasks.Where(t => t.Status == CaseTaskStatus.Open).Select(t => t.Id)], "left the school");

    [Fact]
    public void Move_the_case_and_its_open_tasks_and_say_so_on_the_timeline()
    {
        var c = Reported(RiskLevel.High, Psych);
        Assert.Equal("psych@t", c.State.AssigneeId);
        var taskIds = c.State.Tasks.Where(t => t.OwnerId == "psych@t").Select(t => t.Id).ToList();
        Assert.NotEmpty(taskIds);

        var moved = c.Then().Reassign("case-1", Move(c), GradeLeader);

        Assert.True(moved.CaseMoved);
        Assert.Equal(taskIds, moved.TaskIds);
        Assert.Equal("psych2@t", c.State.AssigneeId);
        Assert.All(c.State.Tasks.Where(t => t.Status == CaseTaskStatus.Open), t => Assert.Equal("psych2@t", t.OwnerId));
        var entries = c.State.Timeline.Where(e => e.Action is "Reassign" or "TaskReassigned").ToList();
        Assert.Equal(1 + taskIds.Count, entries.Count);
        Assert.All(entries, e => Assert.Equal("grade@t", e.Actor));
        Assert.Equal("owner psych@t → psych2@t: left the school", entries[0].Reason);
        Assert.EndsWith("owner psych@t → psych2@t: left the school", entries[1].Reason);
    }

    [Fact]
    public void Refuse_a_receiver_whose_role_may_not_own_the_case_at_its_level_and_change_nothing()
    {
        var c = Reported(RiskLevel.High, Psych);

        var error = Refused(c.Then(), ErrorCodes.ReceiverNotEligible, () => c.Then().Reassign("case-1", Move(c, "homeroom@t", [Roles.Caseworker]), Admin));

        Assert.Equal(("case-1", "3", "Counsellor,Clinician"), (error.Details["caseId"], error.Details["escalationLevel"], error.Details["requiredRoles"]));
        Assert.Contains("Caseworker", error.Message);
    }

    [Fact]
    public void Let_level_one_work_go_to_a_caseworker_but_not_to_a_supervisor()
    {
        var c = Reported(RiskLevel.Moderate, Psych);
        c.Then().Fire(CaseTrigger.Triage, new CaseCommand(null), Psych);
        c.Then().Fire(CaseTrigger.Activate, new CaseCommand(null, "psych@t"), Psych);

        Refused(c, ErrorCodes.ReceiverNotEligible, () => c.Then().Reassign("case-1", Move(c, "principal@t", [Roles.Supervisor]), Admin));
        Assert.True(c.Then().Reassign("case-1", Move(c, "homeroom@t", [Roles.Caseworker]), Admin).CaseMoved);
        Assert.Equal("homeroom@t", c.State.AssigneeId);
    }

    [Fact]
    public void Refuse_other_roles_a_closed_case_a_missing_reason_and_the_departing_member_as_receiver()
    {
        var c = Reported(RiskLevel.High, Psych);
        Refused(c, ErrorCodes.Forbidden, () => c.Then().Reassign("case-1", Move(c), Psych));
        Refused(c, ErrorCodes.ValidationFailed, () => c.Then().Reassign("case-1", Move(c) with { Reason = " " }, Admin));
        Refused(c, ErrorCodes.ValidationFailed, () => c.Then().Reassign("case-1", Move(c, "psych@t"), Admin));

        var closed = Reported(RiskLevel.Low, Psych);
        closed.Then().Fire(CaseTrigger.Triage, new CaseCommand(null), Psych);
        closed.Then().Fire(CaseTrigger.Close, new CaseCommand("nothing to do"), Psych);
        Refused(closed, ErrorCodes.InvalidTransition, () => closed.Then().Reassign("case-1", Move(closed), Admin));
    }

    [Fact]
    public void Leave_work_someone_else_took_and_count_work_already_moved_without_a_second_entry()
    {
        var c = Reported(RiskLevel.High, Psych);
        var move = Move(c);
        c.Then().Reassign("case-1", move, Admin);
        var entries = c.State.Timeline.Count;

        var again = c.Then().Reassign("case-1", move, Admin);

        Assert.True(again.CaseMoved);
        Assert.Equal(move.TaskIds, again.TaskIds);
        Assert.Equal(entries, c.State.Timeline.Count);

        var other = c.Then().Reassign("case-1", move with { ToSubject = "clinician@t" }, Admin);
        Assert.False(other.CaseMoved);
        Assert.Empty(other.TaskIds);
        Assert.Equal("psych2@t", c.State.AssigneeId);
    }

    [Fact]
    public void Describe_the_case_for_a_plan()
    {
        var c = Reported(RiskLevel.Imminent, Psych);

        var facts = c.WorkFacts("case-1");

        Assert.Equal(("case-1", "class-1", 3, RiskLevel.Imminent, true, "psych@t"),
            (facts.CaseId, facts.OrganizationId, facts.EscalationLevel, facts.RiskLevel, facts.Open, facts.AssigneeId));
        Assert.Equal(c.State.Tasks.Count(t => t.Status == CaseTaskStatus.Open), facts.OpenTasks.Count);
    }
}
