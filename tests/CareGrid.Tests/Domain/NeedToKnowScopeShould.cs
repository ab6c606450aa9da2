using CareGrid.Grains.Cases;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;

namespace CareGrid.Tests.Domain;

/// <summary>
/// Need-to-know by organization (docs/access.md) without a silo: every path of <see cref="NeedToKnowPolicy.ForCase"/> with the
/// viewer's scope covering the case's unit and not covering it, the scope of members of each kind of unit on the shipped
/// templates (<c>serves</c>), and the list filters of the read side.
/// </summary>
[Trait("tier", "domain")]
public sealed class NeedToKnowScopeShould
{
    private static readonly StaffScope SubdistrictA = new(false, ["community-a", "subdistrict-a"]);
    private static readonly StaffScope SubdistrictB = new(false, ["community-b", "subdistrict-b"]);

    private static CaseAccessFacts CaseOf(string unit, string owner, int level, params string[] taskOwners) =>
        new("grid-a", owner, level, taskOwners) { OrganizationId = unit };

    private static Actor As(string subject, params string[] roles) => new(subject, roles);

    public static TheoryData<string, string, int, string[], NeedToKnowPath> QueuePaths => new()
    {
        { Roles.Caseworker, CaseQueues.Level1, 1, [], NeedToKnowPath.OwnerQueue },
        { Roles.Volunteer, CaseQueues.Level1, 1, [], NeedToKnowPath.OwnerQueue },
        { Roles.Coordinator, CaseQueues.Level2, 2, [], NeedToKnowPath.OwnerQueue },
        { Roles.Clinician, CaseQueues.Level3, 3, [], NeedToKnowPath.OwnerQueue },
        { Roles.Supervisor, CaseQueues.Supervisor, 3, [], NeedToKnowPath.OwnerQueue },
        { Roles.Caseworker, "someone-else", 1, [CaseQueues.Level1], NeedToKnowPath.TaskOwner },
        { Roles.Coordinator, "someone-else", 1, [CaseQueues.Level2], NeedToKnowPath.TaskOwner },
        { Roles.Coordinator, "someone-else", 2, [], NeedToKnowPath.EscalationChain },
        { Roles.Counsellor, "someone-else", 3, [], NeedToKnowPath.EscalationChain },
        { Roles.Clinician, "someone-else", 3, [], NeedToKnowPath.EscalationChain },
    };

    [Theory]
    [MemberData(nameof(QueuePaths))]
    public void Open_a_case_by_queue_or_level_only_when_the_viewers_scope_covers_its_unit(string role, string owner, int level, string[] tasks, NeedToKnowPath path)
    {
        var facts = CaseOf("community-a", owner, level, tasks);
        var viewer = As("staff-1", role);
        Assert.Equal(path, NeedToKnowPolicy.ForCase(viewer, facts with { ViewerScope = SubdistrictA }));
        Assert.Equal(path, NeedToKnowPolicy.ForCase(viewer, facts with { ViewerScope = StaffScope.Tenant }));
        Assert.Equal(NeedToKnowPath.None, NeedToKnowPolicy.ForCase(viewer, facts with { ViewerScope = SubdistrictB }));
        Assert.Equal(NeedToKnowPath.None, NeedToKnowPolicy.ForCase(viewer, facts with { ViewerScope = StaffScope.Unassigned }));
        Assert.Equal(NeedToKnowPath.None, NeedToKnowPolicy.ForCase(viewer, facts)); // scope not looked up: no queue path
        Assert.True(NeedToKnowPolicy.NeedsScope(viewer, facts));
        Assert.False(NeedToKnowPolicy.NeedsScope(viewer, facts with { ViewerScope = SubdistrictB }));
    }

    [Fact]
    public void Open_a_case_to_its_named_assignee_named_task_owner_and_a_grant_holder_whatever_their_scope()
    {
        var facts = CaseOf("community-a", "clinician-a", 3, "visitor-b") with { ViewerScope = SubdistrictB };
        Assert.Equal(NeedToKnowPath.Assignee, NeedToKnowPolicy.ForCase(As("clinician-a", Roles.Clinician), facts));
        Assert.Equal(NeedToKnowPath.TaskOwner, NeedToKnowPolicy.ForCase(As("visitor-b", Roles.Volunteer), facts));
        Assert.Equal(NeedToKnowPath.BreakTheGlass, NeedToKnowPolicy.ForCase(As("clinician-b", Roles.Clinician), facts with { HoldsGrant = true }));
        Assert.Equal(NeedToKnowPath.None, NeedToKnowPolicy.ForCase(As("clinician-b", Roles.Clinician), facts));
        Assert.Equal(NeedToKnowPath.System, NeedToKnowPolicy.ForCase(Actor.System, facts with { ViewerScope = null }));
    }

    /// <summary>
    /// Round 17 red team RT17-7: the reporter path opens the case only when the reporter's scope covers its unit (a case
    /// without a unit is covered by every scope), so case staff and volunteers outside it are answered with a receipt whether
    /// their report opened the case or joined it. The scope is looked up for the reporter of a case with a unit.
    /// </summary>
    [Theory]
    [InlineData(Roles.Caseworker)]
    [InlineData(Roles.Volunteer)]
    [InlineData(Roles.Counsellor)]
    public void Open_a_case_to_its_reporter_only_when_their_scope_covers_its_unit_RT17_7(string role)
    {
        var facts = CaseOf("community-a", CaseQueues.Level2, 1);
        var reporter = As("grid-a", role);
        Assert.Equal(NeedToKnowPath.Reporter, NeedToKnowPolicy.ForCase(reporter, facts with { ViewerScope = SubdistrictA }));
        Assert.Equal(NeedToKnowPath.Reporter, NeedToKnowPolicy.ForCase(reporter, facts with { ViewerScope = StaffScope.Tenant }));
        Assert.Equal(NeedToKnowPath.None, NeedToKnowPolicy.ForCase(reporter, facts with { ViewerScope = SubdistrictB }));
        Assert.Equal(NeedToKnowPath.None, NeedToKnowPolicy.ForCase(reporter, facts with { ViewerScope = StaffScope.Unassigned }));
        Assert.Equal(NeedToKnowPath.None, NeedToKnowPolicy.ForCase(reporter, facts)); // scope not looked up: not yet
        Assert.True(NeedToKnowPolicy.NeedsScope(reporter, facts));
        Assert.False(NeedToKnowPolicy.NeedsScope(reporter, facts with { ViewerScope = SubdistrictB }));

        var unitless = new CaseAccessFacts("grid-a", CaseQueues.Level2, 1, []);
        Assert.Equal(NeedToKnowPath.Reporter, NeedToKnowPolicy.ForCase(reporter, unitless)); // every scope covers a case without a unit
        Assert.Equal(NeedToKnowPath.Reporter, NeedToKnowPolicy.ForCase(reporter, unitless with { ViewerScope = StaffScope.Unassigned }));
        Assert.False(NeedToKnowPolicy.NeedsScope(reporter, unitless));
    }

    [Fact]
    public void Let_every_scope_reach_a_case_without_a_unit_and_no_unit_reach_a_staff_member_of_no_unit()
    {
        var unitless = new CaseAccessFacts("grid-a", CaseQueues.Level1, 1, []);
        Assert.Equal(NeedToKnowPath.OwnerQueue, NeedToKnowPolicy.ForCase(As("new-hire", Roles.Caseworker), unitless with { ViewerScope = StaffScope.Unassigned }));
        Assert.Equal(NeedToKnowPath.OwnerQueue, NeedToKnowPolicy.ForCase(As("grid-b", Roles.Caseworker), unitless with { ViewerScope = SubdistrictB }));
        Assert.True(StaffScope.Unassigned.IsUnassigned);
        Assert.False(StaffScope.Unassigned.Covers("community-a"));
        Assert.False(StaffScope.Tenant.IsUnassigned);
        Assert.Null(StaffScope.Tenant.ListFilter);
        Assert.Empty(StaffScope.Unassigned.ListFilter!);
    }

    [Fact]
    public void Refuse_a_staff_member_of_no_unit_with_the_way_to_become_a_member()
    {
        var refusal = NeedToKnowPolicy.CaseRefused("case-1", StaffScope.Unassigned);
        Assert.Equal("FORBIDDEN", refusal.Code);
        Assert.Equal("need-to-know", refusal.Details["rule"]);
        Assert.Equal("unassigned", refusal.Details["scope"]);
        Assert.Contains("addOrganizationMember", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("TenantAdmin", refusal.Message, StringComparison.Ordinal);
        var outside = NeedToKnowPolicy.CaseRefused("case-1", SubdistrictB);
        Assert.False(outside.Details.ContainsKey("scope"));
        Assert.DoesNotContain("addOrganizationMember", outside.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Give_the_schools_counselling_centre_student_affairs_and_leadership_the_whole_school_and_a_homeroom_teacher_their_class()
    {
        var tree = School();
        Assert.Equal(WholeSchool, tree.Cover(Leading("counselling-centre")).OrganizationIds);
        Assert.Equal(WholeSchool, tree.Cover(Leading("student-affairs")).OrganizationIds);
        Assert.Equal(WholeSchool, tree.Cover(Leading("leadership")).OrganizationIds);
        Assert.Equal(["class-7-1", "class-7-2", "grade-7"], tree.Cover(Leading("grade-7")).OrganizationIds);
        Assert.Equal(["class-7-1"], tree.Cover(Leading("class-7-1")).OrganizationIds);
        Assert.Equal(["emergency-volunteers"], tree.Cover(Leading("emergency-volunteers")).OrganizationIds);
        Assert.Same(StaffScope.Unassigned, tree.Cover(Leading()));

        // level 1: a homeroom teacher (Caseworker) who is also in the leadership group sees only their class; the
        // part-time counsellor (Volunteer) in the counselling centre sees only the centre's subtree.
        var teacher = new Dictionary<string, List<string>> { ["class-7-1"] = ["HomeroomTeacher"], ["leadership"] = ["HomeroomTeacher"] };
        Assert.Equal(["class-7-1", "leadership"], tree.Cover(teacher).OrganizationIds);
        Assert.Equal(["counselling-centre", "emergency-volunteers"], tree.Cover(new Dictionary<string, List<string>> { ["counselling-centre"] = ["PartTimeCounsellor"] }).OrganizationIds);
        Assert.Equal(["leadership"], tree.Cover(new Dictionary<string, List<string>> { ["leadership"] = ["NoSuchRole"] }).OrganizationIds);
        Assert.Equal(WholeSchool, tree.Cover(new Dictionary<string, List<string>> { ["leadership"] = ["HomeroomTeacher", "LeadershipGroupMember"] }).OrganizationIds);
    }

    [Fact]
    public void Let_a_volunteer_of_the_counselling_centre_be_named_to_work_any_case_of_the_school_but_not_a_homeroom_teacher_outside_their_class()
    {
        var tree = School();

        // Plan 6: the psychology teacher gives a pupil's case to a part-time counsellor of the centre, whose own
        // queue reaches only the centre; named work reaches what the centre serves.
        var partTime = new Dictionary<string, List<string>> { ["counselling-centre"] = ["PartTimeCounsellor"] };
        Assert.Equal(["counselling-centre", "emergency-volunteers"], tree.Cover(partTime).OrganizationIds);
        Assert.Equal(WholeSchool, tree.CoverForWork(partTime).OrganizationIds);

        // Front-line staff who are not volunteers reach only their own unit's subtree, for named work too.
        var teacher = new Dictionary<string, List<string>> { ["class-7-1"] = ["HomeroomTeacher"], ["leadership"] = ["HomeroomTeacher"] };
        Assert.Equal(["class-7-1", "leadership"], tree.CoverForWork(teacher).OrganizationIds);
        var committee = new Dictionary<string, List<string>> { ["class-7-2"] = ["PsychologyCommitteeMember"] };
        Assert.Equal(["class-7-2"], tree.CoverForWork(committee).OrganizationIds);
        Assert.Equal(WholeSchool, tree.CoverForWork(Leading("counselling-centre")).OrganizationIds);
        Assert.Same(StaffScope.Unassigned, tree.CoverForWork(Leading()));
    }

    [Fact]
    public void Refuse_as_a_named_case_owner_a_login_of_no_unit_one_whose_units_do_not_reach_the_case_and_one_without_a_case_role()
    {
        var classScope = new StaffScope(false, ["class-7-1"]);
        Assert.Null(StaffAssignee.OwnerRefusal("wu@school", "assigneeId", "class-7-1", classScope, [Roles.Caseworker]));
        Assert.Null(StaffAssignee.OwnerRefusal("volunteer@school", "assigneeId", "class-7-1", StaffScope.Tenant, [Roles.Volunteer]));
        Assert.Null(StaffAssignee.OwnerRefusal("wu@school", "assigneeId", null, classScope, [Roles.Caseworker])); // a case without a unit

        var refusals = new[]
        {
            (StaffAssignee.OwnerRefusal("typo@school", "assigneeId", "class-7-1", StaffScope.Unassigned, []), "no unit has them"),
            (StaffAssignee.OwnerRefusal("ma@school", "assigneeId", "class-7-2", classScope, [Roles.Caseworker]), "do not cover unit 'class-7-2'"),
            (StaffAssignee.OwnerRefusal("pupil@school", "assigneeId", "class-7-1", classScope, [Roles.Reporter]), "holds no role that works a case"),
            (StaffAssignee.OwnerRefusal("auditor@school", "assigneeId", "class-7-1", classScope, [Roles.Auditor]), "holds no role that works a case"),
        };
        foreach (var (refusal, why) in refusals)
        {
            Assert.NotNull(refusal);
            Assert.Equal(CareGrid.Grains.Errors.ErrorCodes.ValidationFailed, refusal.Code);
            Assert.Equal(("assigneeId", StaffAssignee.Rule), (refusal.Details["field"], refusal.Details["rule"]));
            Assert.Contains(why, refusal.Message, StringComparison.Ordinal);
            Assert.Contains("未作任何更改", refusal.Message, StringComparison.Ordinal);
        }

        Assert.Equal(Roles.Reporter, refusals[2].Item1!.Details["roles"]);
    }

    [Fact]
    public void Give_a_district_subdistrict_its_subtree_a_grid_worker_their_community_and_a_professional_the_subdistricts_they_belong_to()
    {
        var tree = District();
        Assert.Equal(["community-a", "subdistrict-a"], tree.Cover(Leading("subdistrict-a")).OrganizationIds);
        Assert.Equal(["community-a"], tree.Cover(Leading("community-a")).OrganizationIds);
        Assert.Equal(["mental-health-centre"], tree.Cover(Leading("mental-health-centre")).OrganizationIds);
        Assert.Equal(["community-b", "mental-health-centre", "subdistrict-b"], tree.Cover(Leading("mental-health-centre", "subdistrict-b")).OrganizationIds);
        Assert.True(tree.Cover(Leading("health-commission")).WholeTenant);
        Assert.Equal(["unknown-unit"], tree.Cover(Leading("unknown-unit")).OrganizationIds);
        tree.Add("community-a2", "subdistrict-a", OrganizationKind.Community); // a unit created later is covered at once
        Assert.Equal(["community-a", "community-a2", "subdistrict-a"], tree.Cover(Leading("subdistrict-a")).OrganizationIds);
    }

    [Fact]
    public void Give_a_towns_health_centre_the_whole_town()
    {
        var tree = Tree("town");
        tree.Add("town-health-centre", null, OrganizationKind.PrimaryHealthCentre);
        tree.Add("social-affairs-office", null, OrganizationKind.SocialAffairsOffice);
        tree.Add("village-1", "social-affairs-office", OrganizationKind.Village);
        Assert.True(tree.Cover(Leading("town-health-centre")).WholeTenant);
        Assert.Equal(["social-affairs-office", "village-1"], tree.Cover(Leading("social-affairs-office")).OrganizationIds);
    }

    [Fact]
    public void Refuse_a_template_kind_that_serves_its_parent_without_having_one()
    {
        var school = JurisdictionTemplateCatalog.Load(JurisdictionTemplateCatalog.DefaultFolder).Find("school")!;
        var broken = school with
        {
            OrganizationKinds = [.. school.OrganizationKinds.Select(k => k.Kind == OrganizationKind.School ? k with { Serves = OrganizationServes.Parent } : k)],
        };
        var error = Assert.Throws<InvalidDataException>(() => JurisdictionTemplateCatalog.Validate(broken));
        Assert.Contains("serves", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void List_only_rows_of_covered_units_and_the_callers_own_work()
    {
        var at = DateTimeOffset.UnixEpoch;
        var inA = new TaskRow("t", "c1:1", "c1", CaseTaskKind.FollowUpVisit, CaseQueues.Level1, CaseTaskStatus.Open, at, 0, at) { OrganizationId = "community-a" };
        var inB = inA with { Id = "c2:1", CaseId = "c2", OrganizationId = "community-b" };
        var mineInB = inB with { Id = "c3:1", CaseId = "c3", OwnerId = "grid-a" };
        var unitless = inA with { Id = "c4:1", CaseId = "c4", OrganizationId = null };
        var query = new TaskQuery([CaseQueues.Level1, "grid-a"]) { OrganizationIds = SubdistrictA.ListFilter, ScopeExemptOwner = "grid-a" };
        Assert.Equal([true, false, true, false], new[] { inA, inB, mineInB, unitless }.Select(query.Matches));
        Assert.True((query with { OrganizationIds = null }).Matches(inB));

        var caseA = new CaseRow("t", "c1", "p1", "community-a", CaseStatus.Reported, RiskLevel.Low, 1, CaseQueues.Level1, at, at);
        var cases = new CaseQuery { OrganizationIds = SubdistrictB.ListFilter, ScopeExemptAssignee = "grid-b" };
        Assert.False(cases.Matches(caseA));
        Assert.True(cases.Matches(caseA with { AssigneeId = "grid-b" }));
        Assert.True(new CaseQuery().Matches(caseA));
    }

    /// <summary>Each unit held with a leading (non-front-line) role of the school, district or town template.</summary>
    private static Dictionary<string, List<string>> Leading(params string[] units) => units.ToDictionary(
        u => u,
        _ => new List<string> { "PsychologyTeacher", "StudentAffairsOfficer", "LeadershipGroupLeader", "GradeLeader", "HealthCommissionOfficer", "MentalHealthProfessional", "SubdistrictOfficial", "TownPsychologicalSpecialist", "GridWorker" },
        StringComparer.Ordinal);

    private static OrganizationTree Tree(string template)
    {
        var found = JurisdictionTemplateCatalog.Load(JurisdictionTemplateCatalog.DefaultFolder).Find(template)!;
        return new(found.OrganizationKinds, found.Roles);
    }

    /// <summary>Every unit of <see cref="School"/>, ordinal order.</summary>
    private static readonly string[] WholeSchool = ["class-7-1", "class-7-2", "class-8-1", "counselling-centre", "emergency-volunteers", "grade-7", "grade-8", "leadership", "school", "student-affairs"];

    private static OrganizationTree School()
    {
        var tree = Tree("school");
        tree.Add("school", null, OrganizationKind.School);
        tree.Add("leadership", "school", OrganizationKind.LeadershipGroup);
        tree.Add("student-affairs", "school", OrganizationKind.StudentAffairsOffice);
        tree.Add("counselling-centre", "school", OrganizationKind.CounsellingCentre);
        tree.Add("emergency-volunteers", "counselling-centre", OrganizationKind.EmergencyVolunteerTeam);
        tree.Add("grade-7", "school", OrganizationKind.Grade);
        tree.Add("class-7-1", "grade-7", OrganizationKind.Class);
        tree.Add("class-7-2", "grade-7", OrganizationKind.Class);
        tree.Add("grade-8", "school", OrganizationKind.Grade);
        tree.Add("class-8-1", "grade-8", OrganizationKind.Class);
        return tree;
    }

    private static OrganizationTree District()
    {
        var tree = Tree("district");
        tree.Add("health-commission", null, OrganizationKind.HealthCommission);
        tree.Add("mental-health-centre", "health-commission", OrganizationKind.MentalHealthCentre);
        tree.Add("subdistrict-a", null, OrganizationKind.Subdistrict);
        tree.Add("community-a", "subdistrict-a", OrganizationKind.Community);
        tree.Add("subdistrict-b", null, OrganizationKind.Subdistrict);
        tree.Add("community-b", "subdistrict-b", OrganizationKind.Community);
        return tree;
    }
}
