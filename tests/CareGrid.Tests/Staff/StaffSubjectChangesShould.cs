using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using CareGrid.Tests.PeopleDirectory;

namespace CareGrid.Tests.Staff;

/// <summary>
/// The holes a security review found around staff changes (docs/staff-changes.md): a login sub changed while it owns open
/// work orphans it (R-1.10); one sub linked to two people; <c>reassignWork</c> giving a case to a receiver who cannot see its
/// unit; a Coordinator learning about people and work outside their units. Through GraphQL over HTTP.
/// </summary>
[Trait("tier", "api")]
public sealed class StaffSubjectChangesShould(CareGridApiFactory factory) : IClassFixture<CareGridApiFactory>
{
    private static Task<GraphQLResponse> SetSubjectAsync(StaffLeavingApi s, string personId, string subject) =>
        s.Api.PostAsync(s.Tenant, "mutation($p: ID!, $s: String) { setQualifications(personId: $p, qualifications: [], staffSubject: $s) { id staffSubject } }",
            new { p = personId, s = subject });

    [Fact]
    public async Task Refuse_to_change_the_login_of_a_member_who_owns_open_work()
    {
        var s = await new StaffLeavingApi(factory).SchoolAsync();
        var high = await s.HighRiskCaseAsync("ext-S1", s.Wu);
        await s.Api.GlassAsync(s.Tenant, "ext-T1");

        var refused = await SetSubjectAsync(s, "ext-T1", "new-sub");

        Assert.Equal("MEMBER_HAS_OPEN_WORK", refused.FirstCode);
        var ext = refused.Errors![0]!["extensions"]!;
        Assert.Equal(("1", "1", "reassignWork"), (ext["openCases"]!.GetValue<string>(), ext["openHighRiskCases"]!.GetValue<string>(), ext["next"]!.GetValue<string>()));
        Assert.Contains("DENIED Person ext-T1 setQualifications MEMBER_HAS_OPEN_WORK", await s.AuditAsync());
        var person = await s.Api.OkAsync(s.Tenant, "{ person(id: \"ext-T1\") { staffSubject } }");
        Assert.Equal(s.Sub("wu"), person["person"]!["staffSubject"]!.GetValue<string>());
        Assert.Equal(s.Sub("wu"), (await s.CaseAsync(high, s.Wu)).EnsureNoErrors().Data!["case"]!["assigneeId"]!.GetValue<string>());
        var remove = "mutation { removeOrganizationMember(organizationId: \"counselling-centre\", personId: \"ext-T1\", role: \"PsychologyTeacher\") { id } }";
        Assert.Equal("MEMBER_HAS_OPEN_WORK", (await s.Api.PostAsync(s.Tenant, remove)).FirstCode);

        // A roster row is the other way to change the sub: refused the same way, the row reported.
        var import = await s.Api.ImportAsync(s.Tenant, "counselling-centre",
            DirectoryApi.Csv("externalId,displayName,sex,roles,subject", ["T1,Teacher Wu,F,PsychologyTeacher,new-sub"]), "STAFF");
        Assert.Contains("reassignWork", Assert.Single(import["errors"]!.AsArray())!["reason"]!.GetValue<string>());

        // Once the work is moved, the change goes through.
        (await s.ReassignAsync("ext-T1", "toPersonId: \"ext-T2\"")).EnsureNoErrors();
        Assert.Equal("new-sub", (await SetSubjectAsync(s, "ext-T1", "new-sub")).EnsureNoErrors().Data!["setQualifications"]!["staffSubject"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refuse_a_login_already_linked_to_another_person()
    {
        var s = await new StaffLeavingApi(factory).SchoolAsync();
        await s.Api.GlassAsync(s.Tenant, "ext-T3");

        var refused = await SetSubjectAsync(s, "ext-T3", s.Sub("wu"));

        Assert.Equal(("ALREADY_EXISTS", "staffSubject"), (refused.FirstCode, refused.Errors![0]!["extensions"]!["field"]!.GetValue<string>()));
        var person = await s.Api.OkAsync(s.Tenant, "{ person(id: \"ext-T3\") { staffSubject } }");
        Assert.Equal(s.Sub("zhao"), person["person"]!["staffSubject"]!.GetValue<string>());

        var import = await s.Api.ImportAsync(s.Tenant, "counselling-centre",
            DirectoryApi.Csv("externalId,displayName,sex,roles,subject", [$"T9,Teacher Ma,M,PsychologyTeacher,{s.Sub("li")}"]), "STAFF");
        var error = Assert.Single(import["errors"]!.AsArray())!;
        Assert.Contains(s.Sub("li"), error["reason"]!.GetValue<string>());
        Assert.Equal(0, import["created"]!.GetValue<int>());
    }

    [Fact]
    public async Task Refuse_a_receiver_whose_units_do_not_cover_the_case()
    {
        var s = await new StaffLeavingApi(factory).SchoolAsync();
        var grade7Case = await s.OwnedCaseAsync("ext-S2", "homeroom", s.Homeroom);
        var grade7 = s.TokenOf("grade7", Roles.Coordinator);

        foreach (var (receivers, token) in new[] { ("toPersonId: \"ext-G8\"", grade7), ("toPersonIds: [\"ext-G8\"]", grade7), ("toPersonId: \"ext-G8\"", (string?)null) })
        {
            var refused = await s.ReassignAsync("ext-H1", receivers, token: token);
            Assert.Equal("RECEIVER_NOT_ELIGIBLE", refused.FirstCode);
            Assert.Equal(grade7Case, refused.Errors![0]!["extensions"]!["caseId"]!.GetValue<string>());
        }

        Assert.Equal(s.Sub("homeroom"), (await s.CaseAsync(grade7Case, s.Homeroom)).EnsureNoErrors().Data!["case"]!["assigneeId"]!.GetValue<string>());
        var moved = (await s.ReassignAsync("ext-H1", "toPersonId: \"ext-G7\"", token: grade7)).EnsureNoErrors().Data!["reassignWork"]!;
        Assert.Equal([grade7Case], StaffLeavingApi.Ids(moved["cases"]));
    }

    [Fact]
    public async Task Tell_a_coordinator_nothing_about_people_and_work_outside_their_units()
    {
        var s = await new StaffLeavingApi(factory).SchoolAsync();
        await s.OwnedCaseAsync("ext-S8", "wu", s.Wu);
        var grade8 = s.TokenOf("grade8", Roles.Coordinator);

        var answer = (await s.ReassignAsync("ext-T1", "toPersonId: \"ext-T2\"", token: grade8)).EnsureNoErrors().Data!["reassignWork"]!;
        Assert.Null(answer["outsideScopeCases"]);
        Assert.Null(answer["outsideScopeTasks"]);
        var admin = (await s.ReassignAsync("ext-T1", "toPersonId: \"ext-T3\"")).EnsureNoErrors().Data!["reassignWork"]!;
        Assert.Equal(0, admin["outsideScopeCases"]!.GetValue<int>());

        // A student of class 7-1 (no login sub) is outside grade 8: as unknown as a made-up id.
        foreach (var from in new[] { "ext-S1", "ext-NOBODY" })
        {
            Assert.Equal("NOT_FOUND", (await s.ReassignAsync(from, "toPersonId: \"ext-T2\"", token: grade8)).FirstCode);
        }

        Assert.Equal("VALIDATION_FAILED", (await s.ReassignAsync("ext-S1", "toPersonId: \"ext-T2\"")).FirstCode); // the admin is told why
    }
}
