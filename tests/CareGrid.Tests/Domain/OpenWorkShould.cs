using CareGrid.Grains.Errors;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.People;
using CareGrid.Grains.Staff;

namespace CareGrid.Tests.Domain;

/// <summary>
/// Taking a member off a unit while they own open work (docs/staff-changes.md, R-1.10): which removals can orphan work,
/// and the refusal that says how much and what to do.
/// </summary>
[Trait("tier", "domain")]
public sealed class OpenWorkShould
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 1, 0, 0, TimeSpan.Zero);
    private static readonly JurisdictionTemplate School = JurisdictionTemplateCatalog.Load(JurisdictionTemplateCatalog.DefaultFolder).Find("school")!;

    private static PersonInfo Person(params (string Org, string Role, bool Staff)[] roles) =>
        new("t", "p1", "Teacher Wu", "counselling-centre", Sex.Female, null, null, [], [], T0)
        {
            Roles = [.. roles.Select(r => new OrganizationRoleAssignment(r.Org, r.Role, T0, r.Staff))],
            StaffSubject = "wu@t",
        };

    [Fact]
    public void Count_a_staff_role_the_member_holds_nowhere_else_as_leaving_work()
    {
        var wu = Person(("counselling-centre", "PsychologyTeacher", true));

        Assert.True(OpenWork.RemovalLeavesWork(wu, "counselling-centre", "PsychologyTeacher", School));
    }

    [Fact]
    public void Let_a_member_who_keeps_the_same_kind_of_role_elsewhere_or_loses_a_reporting_role_go()
    {
        var moved = Person(("counselling-centre", "PsychologyTeacher", true), ("counselling-centre-2", "PsychologyTeacher", true));
        Assert.False(OpenWork.RemovalLeavesWork(moved, "counselling-centre", "PsychologyTeacher", School));

        var committee = Person(("class-7-1", "PsychologyCommitteeMember", false));
        Assert.False(OpenWork.RemovalLeavesWork(committee, "class-7-1", "PsychologyCommitteeMember", School));

        var homeroomToo = Person(("counselling-centre", "PsychologyTeacher", true), ("class-7-1", "HomeroomTeacher", true));
        Assert.True(OpenWork.RemovalLeavesWork(homeroomToo, "counselling-centre", "PsychologyTeacher", School)); // Caseworker is not Counsellor
    }

    [Fact]
    public void Count_a_role_no_template_names_as_a_staff_role()
    {
        var unknown = Person(("unit-1", "NightShift", true));
        Assert.True(OpenWork.RemovalLeavesWork(unknown, "unit-1", "NightShift", template: null));

        var twice = Person(("unit-1", "NightShift", true), ("unit-2", "NightShift", true));
        Assert.False(OpenWork.RemovalLeavesWork(twice, "unit-1", "NightShift", template: null));
    }

    [Fact]
    public void Count_cases_not_yet_graded_apart_from_the_high_risk_ones_in_the_refusal()
    {
        var error = new OpenWork(3, 1, 7, AtLeast: true) { UngradedCases = 2 }.Refusal("p1", "wu@t");

        Assert.Equal(("1", "2"), (error.Details["openHighRiskCases"], error.Details["openUngradedCases"]));
        Assert.Contains("1+ at HIGH or IMMINENT risk, 2+ not yet graded", error.Message, StringComparison.Ordinal);
        Assert.Contains("2+ 个尚未评估风险", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuse_with_the_counts_and_the_mutation_that_moves_the_work()
    {
        var error = new OpenWork(3, 1, 7, AtLeast: false).Refusal("p1", "wu@t");

        Assert.Equal(ErrorCodes.MemberHasOpenWork, error.Code);
        Assert.Equal(("3", "1", "7", "reassignWork", "false"),
            (error.Details["openCases"], error.Details["openHighRiskCases"], error.Details["openTasks"], error.Details["next"], error.Details["atLeast"]));
        Assert.Contains("reassignWork(fromPersonId: \"p1\"", error.Message);
        Assert.Equal("0", error.Details["openUngradedCases"]);
        Assert.Contains("仍负责", error.Message, StringComparison.Ordinal); // English and Chinese
        Assert.False(new OpenWork(0, 0, 0, false).Any);
        Assert.True(new OpenWork(0, 0, 1, false).Any);
    }
}
