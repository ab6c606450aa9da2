using CareGrid.Grains.Cases;
using CareGrid.Grains.Security;

namespace CareGrid.Tests.Domain;

/// <summary>
/// Which paths of a case open its person's sensitive fields (<see cref="NeedToKnowPolicy.ForPersonThroughCase"/>,
/// docs/access.md "Receipts for reporters"): every path of <see cref="NeedToKnowPolicy.ForCase"/> but the reporter's, so filing
/// a concern opens the caller's own report, never the record of a person in another unit.
/// </summary>
[Trait("tier", "domain")]
public sealed class PersonThroughCaseShould
{
    /// <summary>A level-1 case of unit class-b reported by grid worker "grid-a" (unit A), owned by the level-1 queue.</summary>
    private static readonly CaseAccessFacts Reported = new("grid-a", CaseQueues.Level1, 1, []) { OrganizationId = "class-b" };

    private static readonly StaffScope UnitB = new(false, ["class-b"]);

    private static Actor As(string subject, params string[] roles) => new(subject, roles);

    [Fact]
    public void Open_the_case_but_not_the_person_to_its_reporter()
    {
        var grid = As("grid-a", Roles.Caseworker);
        // In scope (a unit covering class-b), owned by a queue the reporter does not serve: the case opens, the person does not.
        var inScope = Reported with { AssigneeId = CaseQueues.Level2, ViewerScope = UnitB };
        Assert.Equal(NeedToKnowPath.Reporter, NeedToKnowPolicy.ForCase(grid, inScope));
        Assert.Equal(NeedToKnowPath.None, NeedToKnowPolicy.ForPersonThroughCase(grid, inScope));
        // Out of scope: neither, since round 17 red team RT17-7 (a receipt, not the case).
        var outOfScope = Reported with { ViewerScope = new StaffScope(false, ["class-a"]) };
        Assert.Equal(NeedToKnowPath.None, NeedToKnowPolicy.ForCase(grid, outOfScope));
        Assert.Equal(NeedToKnowPath.None, NeedToKnowPolicy.ForPersonThroughCase(grid, outOfScope));
        Assert.Equal(NeedToKnowPath.None, NeedToKnowPolicy.ForPersonThroughCase(As("grid-a", Roles.Reporter), Reported));
        Assert.Equal(NeedToKnowPath.None, NeedToKnowPolicy.ForPersonThroughCase(grid, Reported));
    }

    [Fact]
    public void Open_the_person_to_a_reporter_who_is_also_on_the_case_by_another_path()
    {
        var grid = As("grid-a", Roles.Caseworker);
        Assert.Equal(NeedToKnowPath.Assignee, NeedToKnowPolicy.ForPersonThroughCase(grid, Reported with { AssigneeId = "grid-a" }));
        Assert.Equal(NeedToKnowPath.OwnerQueue, NeedToKnowPolicy.ForPersonThroughCase(grid, Reported with { ViewerScope = UnitB }));
        Assert.Equal(NeedToKnowPath.TaskOwner, NeedToKnowPolicy.ForPersonThroughCase(grid, Reported with { AssigneeId = "psych-b", OpenTaskOwners = ["grid-a"] }));
        Assert.Equal(NeedToKnowPath.BreakTheGlass, NeedToKnowPolicy.ForPersonThroughCase(grid, Reported with { HoldsGrant = true }));
    }

    [Fact]
    public void Open_the_person_by_every_other_path()
    {
        Assert.Equal(NeedToKnowPath.System, NeedToKnowPolicy.ForPersonThroughCase(Actor.System, Reported));
        Assert.Equal(NeedToKnowPath.Assignee, NeedToKnowPolicy.ForPersonThroughCase(As("psych-b", Roles.Counsellor), Reported with { AssigneeId = "psych-b" }));
        Assert.Equal(NeedToKnowPath.OwnerQueue, NeedToKnowPolicy.ForPersonThroughCase(As("teacher-b", Roles.Caseworker), Reported with { ViewerScope = UnitB }));
        Assert.Equal(NeedToKnowPath.TaskOwner,
            NeedToKnowPolicy.ForPersonThroughCase(As("visitor-b", Roles.Volunteer), Reported with { AssigneeId = "psych-b", OpenTaskOwners = ["visitor-b"] }));
        Assert.Equal(NeedToKnowPath.EscalationChain,
            NeedToKnowPolicy.ForPersonThroughCase(As("coord-b", Roles.Coordinator), Reported with { AssigneeId = "teacher-b", EscalationLevel = 2, ViewerScope = UnitB }));
        Assert.Equal(NeedToKnowPath.EscalationChain,
            NeedToKnowPolicy.ForPersonThroughCase(As("psych-b", Roles.Counsellor), Reported with { AssigneeId = "teacher-b", EscalationLevel = 3, ViewerScope = UnitB }));
        Assert.Equal(NeedToKnowPath.BreakTheGlass, NeedToKnowPolicy.ForPersonThroughCase(As("outsider", Roles.Counsellor), Reported with { HoldsGrant = true }));
        Assert.Equal(NeedToKnowPath.None, NeedToKnowPolicy.ForPersonThroughCase(As("outsider", Roles.Counsellor), Reported));
    }
}
