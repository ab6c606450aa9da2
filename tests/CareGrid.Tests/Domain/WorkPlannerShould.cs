using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Security;
using CareGrid.Grains.Staff;

namespace CareGrid.Tests.Domain;

/// <summary>
/// Planning a <c>reassignWork</c> (docs/staff-changes.md): scope, the per-call bound, one receiver or balanced by open
/// high-risk load (High/Imminent cases, then cases, then tasks, then sub), and all-or-nothing refusal by level (R-4.3).
/// </summary>
[Trait("tier", "domain")]
public sealed class WorkPlannerShould
{
    private const string From = "psych@t";

    private static CaseWorkFacts Case(string id, RiskLevel risk, int level, string? owner = From, int tasks = 0, string org = "school") =>
        new(id, org, level, risk, true, owner, [.. Enumerable.Range(1, tasks).Select(i => new CaseWorkTask($"t{i}", From))]);

    private static WorkReceiver Receiver(string sub, string role, WorkLoad? load = null) => new("p-" + sub, sub, [role], load ?? WorkLoad.None);

    private static string Shape(WorkPlan plan) =>
        string.Join(" ", plan.Moves.Select(m => $"{m.CaseId}{(m.MoveCase ? "" : "*")}{(m.TaskIds.Count > 0 ? "+" + m.TaskIds.Count : "")}>{m.To.Subject}"));

    [Fact]
    public void Move_high_risk_cases_first_then_other_cases_then_cases_where_only_tasks_are_theirs()
    {
        var cases = new[]
        {
            Case("c1", RiskLevel.Low, 1), Case("c2", RiskLevel.High, 3, tasks: 2), Case("c0", RiskLevel.Moderate, 1, owner: "someone@t", tasks: 1),
            Case("c3", RiskLevel.Imminent, 3),
        };

        var plan = WorkPlanner.Plan(From, cases, [Receiver("psych2@t", Roles.Counsellor)], StaffScope.Tenant, "toPersonId");

        Assert.Equal("c3>psych2@t c2+2>psych2@t c1>psych2@t c0*+1>psych2@t", Shape(plan));
        Assert.Equal((0, 0, 0, 0), (plan.RemainingCases, plan.RemainingTasks, plan.OutsideScopeCases, plan.OutsideScopeTasks));
    }

    [Fact]
    public void Hand_over_an_ungraded_case_right_after_high_and_imminent_never_as_low()
    {
        // c2 was reported as unsure: LOW is only its placeholder (docs/protocol.md "Ungraded reports").
        var cases = new[]
        {
            Case("c1", RiskLevel.Low, 1), Case("c2", RiskLevel.Low, 1) with { RiskUngraded = true }, Case("c3", RiskLevel.Moderate, 1),
            Case("c4", RiskLevel.High, 3), Case("c5", RiskLevel.Imminent, 3),
        };

        var all = WorkPlanner.Plan(From, cases, [Receiver("psych2@t", Roles.Counsellor)], StaffScope.Tenant, "toPersonId");
        var firstThree = WorkPlanner.Plan(From, cases, [Receiver("psych2@t", Roles.Counsellor)], StaffScope.Tenant, "toPersonId", maxItems: 3);

        Assert.Equal("c5>psych2@t c4>psych2@t c2>psych2@t c3>psych2@t c1>psych2@t", Shape(all));
        Assert.Equal(("c5>psych2@t c4>psych2@t c2>psych2@t", 2), (Shape(firstThree), firstThree.RemainingCases));
    }

    [Fact]
    public void Balance_by_high_risk_load_then_cases_then_tasks_then_sub()
    {
        var cases = new[]
        {
            Case("c1", RiskLevel.High, 3), Case("c2", RiskLevel.High, 3), Case("c3", RiskLevel.Low, 1),
            Case("c4", RiskLevel.Low, 1), Case("c5", RiskLevel.Low, 1, owner: "x@t", tasks: 1),
        };
        // b already owns one high-risk case; a and c own none, c has more open cases than a.
        var receivers = new[]
        {
            Receiver("b@t", Roles.Counsellor, new WorkLoad(1, 1, 0)), Receiver("c@t", Roles.Counsellor, new WorkLoad(0, 2, 0)),
            Receiver("a@t", Roles.Counsellor, new WorkLoad(0, 1, 5)),
        };

        var plan = WorkPlanner.Plan(From, cases, receivers, StaffScope.Tenant, "toPersonIds");

        // c1 → a (0 high, 1 case); c2 → c (0 high; a has 1 high now); c3 → b (all 1 high; b has the fewest cases);
        // c4 → b (a and b have 2 cases, b fewer tasks); c5's task → a (2 cases against 3).
        Assert.Equal("c1>a@t c2>c@t c3>b@t c4>b@t c5*+1>a@t", Shape(plan));
    }

    [Fact]
    public void Balance_a_case_not_yet_graded_as_urgent_like_a_high_risk_one()
    {
        // c2 was reported as unsure (its LOW a placeholder): it weighs as urgent, like c1 (docs/staff-changes.md "Balanced").
        var cases = new[] { Case("c1", RiskLevel.High, 3), Case("c2", RiskLevel.Low, 1) with { RiskUngraded = true }, Case("c3", RiskLevel.Low, 1) };

        var plan = WorkPlanner.Plan(From, cases, [Receiver("a@t", Roles.Counsellor), Receiver("b@t", Roles.Counsellor)], StaffScope.Tenant, "toPersonIds");

        // c1 → a; c2 → b (no urgent case yet); c3: a and b each own one urgent case and one case, so by sub → a. Had c2 weighed
        // as a low-risk case, b would have looked less loaded and received c3 as well.
        Assert.Equal("c1>a@t c2>b@t c3>a@t", Shape(plan));
    }

    [Fact]
    public void Weigh_receivers_ungraded_cases_with_their_high_risk_ones()
    {
        var receivers = new[]
        {
            Receiver("a@t", Roles.Counsellor, new WorkLoad(0, 1, 0) { UngradedCases = 1 }), Receiver("b@t", Roles.Counsellor, new WorkLoad(0, 1, 0)),
        };

        var plan = WorkPlanner.Plan(From, [Case("c1", RiskLevel.High, 3)], receivers, StaffScope.Tenant, "toPersonIds");

        Assert.Equal("c1>b@t", Shape(plan));
        Assert.Equal(2, new WorkLoad(1, 3, 0) { UngradedCases = 1 }.UrgentCases);
    }

    [Fact]
    public void Give_each_case_only_to_receivers_whose_role_may_own_it_at_its_level()
    {
        var cases = new[] { Case("c1", RiskLevel.High, 3), Case("c2", RiskLevel.Low, 1), Case("c3", RiskLevel.Low, 2) };
        var receivers = new[] { Receiver("teacher@t", Roles.Caseworker), Receiver("psych2@t", Roles.Counsellor, new WorkLoad(5, 9, 9)) };

        var plan = WorkPlanner.Plan(From, cases, receivers, StaffScope.Tenant, "toPersonIds");

        Assert.Equal("c1>psych2@t c2>teacher@t c3>psych2@t", Shape(plan));
    }

    [Fact]
    public void Refuse_the_whole_call_naming_the_first_case_no_receiver_may_own()
    {
        var cases = new[] { Case("c2", RiskLevel.Low, 1), Case("c1", RiskLevel.High, 3) };

        var one = Assert.Throws<CareGridException>(() =>
            WorkPlanner.Plan(From, cases, [Receiver("teacher@t", Roles.Caseworker)], StaffScope.Tenant, "toPersonId"));
        Assert.Equal((ErrorCodes.ReceiverNotEligible, "c1", "toPersonId", "p-teacher@t"),
            (one.Code, one.Details["caseId"], one.Details["field"], one.Details["personId"]));

        var several = Assert.Throws<CareGridException>(() => WorkPlanner.Plan(From, cases,
            [Receiver("teacher@t", Roles.Caseworker), Receiver("grade@t", Roles.Coordinator)], StaffScope.Tenant, "toPersonIds"));
        Assert.Equal(("c1", "toPersonIds"), (several.Details["caseId"], several.Details["field"]));
        Assert.Contains("Caseworker, Coordinator", several.Message);
    }

    [Fact]
    public void Leave_work_outside_the_callers_scope_and_count_it()
    {
        var cases = new[] { Case("c1", RiskLevel.High, 3, tasks: 2, org: "grade-7"), Case("c2", RiskLevel.Low, 1, org: "grade-8"), Case("c3", RiskLevel.Low, 1, org: "grade-9") };
        var scope = new StaffScope(false, ["grade-8"]);

        var plan = WorkPlanner.Plan(From, cases, [Receiver("psych2@t", Roles.Counsellor)], scope, "toPersonId");

        Assert.Equal("c2>psych2@t", Shape(plan));
        Assert.Equal((2, 2), (plan.OutsideScopeCases, plan.OutsideScopeTasks));
    }

    [Fact]
    public void Stop_at_the_bound_without_splitting_a_case_and_count_what_is_left()
    {
        var cases = new[] { Case("c1", RiskLevel.High, 3, tasks: 3), Case("c2", RiskLevel.Low, 1, tasks: 1), Case("c3", RiskLevel.Low, 1) };

        var plan = WorkPlanner.Plan(From, cases, [Receiver("psych2@t", Roles.Counsellor)], StaffScope.Tenant, "toPersonId", maxItems: 5);

        Assert.Equal("c1+3>psych2@t", Shape(plan));
        Assert.Equal((2, 1), (plan.RemainingCases, plan.RemainingTasks));

        var tiny = WorkPlanner.Plan(From, cases, [Receiver("psych2@t", Roles.Counsellor)], StaffScope.Tenant, "toPersonId", maxItems: 2);
        Assert.Equal("c1+3>psych2@t", Shape(tiny)); // the first case's group always fits, so a call always moves something
    }

    [Fact]
    public void Ignore_closed_cases_and_work_that_is_no_longer_theirs()
    {
        var cases = new[] { Case("c1", RiskLevel.Low, 1) with { Open = false }, Case("c2", RiskLevel.Low, 1, owner: "other@t"), Case("c3", RiskLevel.Low, 1) };

        var plan = WorkPlanner.Plan(From, cases, [Receiver("psych2@t", Roles.Counsellor)], StaffScope.Tenant, "toPersonId");

        Assert.Equal("c3>psych2@t", Shape(plan));
    }
}
