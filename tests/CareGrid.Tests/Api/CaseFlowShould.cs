using System.Net;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Api;

/// <summary>The first real flow end to end: GraphQL over HTTP → tenant admission → grains → storage → read side.</summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class CaseFlowShould(CareGridApiFactory factory)
{
    private readonly GraphQLClient _client = factory.GraphQL();

    [Fact]
    public async Task Onboard_a_school_build_its_tree_register_a_student_and_walk_a_case_to_closed()
    {
        var tenant = Seeds.NewTenantId("school");
        var platform = factory.Token(null, Roles.PlatformAdmin);
        var onboard = await _client.PostAsync("/graphql",
            "mutation($in: OnboardTenantInput!) { onboardTenant(input: $in) { id kind status adminSubjects } }",
            new { @in = new { id = tenant, name = "Flow school", kind = "SCHOOL", firstAdminSubject = "head@" + tenant } }, platform);
        onboard.EnsureNoErrors();
        Assert.Equal("ACTIVE", onboard.Data!["onboardTenant"]!["status"]!.GetValue<string>());

        var admin = factory.TokenFor("head@" + tenant, tenant, Roles.TenantAdmin);
        var path = $"/t/{tenant}/graphql";
        foreach (var (id, kind, parent, level) in new[] { ("school", "SCHOOL", (string?)null, (int?)null), ("grade-8", "GRADE", "school", 2), ("class-8-3", "CLASS", "grade-8", 1) })
        {
            (await _client.PostAsync(path, "mutation($in: CreateOrganizationInput!) { createOrganization(input: $in) { id } }",
                new { @in = new { id, name = id, kind, parentId = parent, escalationLevel = level } }, admin)).EnsureNoErrors();
        }

        var school = await _client.PostAsync(path, "{ organization(id: \"school\") { childIds } organizations { id kind } }", token: admin);
        Assert.Equal(["grade-8"], school.EnsureNoErrors().Data!["organization"]!["childIds"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(3, school.Data!["organizations"]!.AsArray().Count);

        // The school's psychology teacher, in a counselling centre that serves the whole school: activateCase names them the
        // owner, which needs a staff member whose units reach the case (docs/access.md "Naming a staff member").
        (await _client.PostAsync(path, "mutation($in: CreateOrganizationInput!) { createOrganization(input: $in) { id } }",
            new { @in = new { id = "centre", name = "centre", kind = "COUNSELLING_CENTRE", parentId = "school", escalationLevel = 3 } }, admin)).EnsureNoErrors();
        await StaffMembers.AddAsync(factory, _client, tenant, "psych@" + tenant, "centre", "PsychologyTeacher", "RelevantDegree", "CounsellingCertificate");

        // The homeroom teacher of class 8-3: their scope covers the pupil they report (RT17-7).
        await StaffMembers.AddAsync(factory, _client, tenant, "homeroom@" + tenant, "class-8-3", "HomeroomTeacher");
        var homeroom = factory.TokenFor("homeroom@" + tenant, tenant, Roles.Caseworker);
        var person = await _client.PostAsync(path, "mutation { registerPerson(input: { id: \"stu-1\", displayName: \"Student\", organizationId: \"class-8-3\", sex: MALE }) { id organizationId } }", token: homeroom);
        person.EnsureNoErrors();

        var reported = await _client.PostAsync(path,
            "mutation { reportConcern(input: { personId: \"stu-1\", summary: \"Insomnia and anxiety since the outbreak (R-4.4)\", riskLevel: LOW }) { id status riskLevel escalationLevel reportedBy availableActions } }",
            token: homeroom);
        var caseNode = reported.EnsureNoErrors().Data!["reportConcern"]!;
        var caseId = caseNode["id"]!.GetValue<string>();
        Assert.Equal("REPORTED", caseNode["status"]!.GetValue<string>());
        Assert.Equal("homeroom@" + tenant, caseNode["reportedBy"]!.GetValue<string>());
        Assert.Equal(["triageCase", "assessRisk", "recordScreening", "logContact", "scheduleFollowUp", "escalateCase", "requestProfessionalReview"], caseNode["availableActions"]!.AsArray().Select(n => n!.GetValue<string>()));

        (await _client.PostAsync(path, $"mutation {{ triageCase(id: \"{caseId}\", reason: \"spoke with the student\") {{ status }} }}", token: homeroom)).EnsureNoErrors();
        (await _client.PostAsync(path, $"mutation {{ activateCase(id: \"{caseId}\", assigneeId: \"psych@{tenant}\") {{ status }} }}", token: homeroom)).EnsureNoErrors();

        var psych = factory.TokenFor("psych@" + tenant, tenant, Roles.Counsellor);
        var read = await _client.PostAsync(path, $"{{ case(id: \"{caseId}\") {{ status assigneeId availableActions timeline {{ action actor fromStatus toStatus reason }} }} }}", token: psych);
        var c = read.EnsureNoErrors().Data!["case"]!;
        Assert.Equal("ACTIVE", c["status"]!.GetValue<string>());
        Assert.Equal("psych@" + tenant, c["assigneeId"]!.GetValue<string>());
        // startIntervention needs the person's PROFESSIONAL_INTERVENTION consent, not recorded here: not offered (ConsentGate, R-1.7).
        Assert.Equal(["proposeReferral", "startFollowUp", "closeCase", "assessRisk", "recordScreening", "logContact", "scheduleFollowUp", "escalateCase"], c["availableActions"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(["Report", "Intake", "Triage", "Activate"], c["timeline"]!.AsArray().Select(n => n!["action"]!.GetValue<string>()));

        var closed = await _client.PostAsync(path, $"mutation {{ closeCase(id: \"{caseId}\", reason: \"sleeping again, follow-up done\") {{ status availableActions }} }}", token: psych);
        Assert.Equal("CLOSED", closed.EnsureNoErrors().Data!["closeCase"]!["status"]!.GetValue<string>());

        var list = await _client.PostAsync(path, "{ cases(filter: { status: CLOSED }) { nodes { id status } } }", token: psych);
        Assert.Equal([caseId], list.EnsureNoErrors().Data!["cases"]!["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Return_INVALID_TRANSITION_with_state_and_permitted_triggers_and_leave_the_case_unchanged()
    {
        await StaffMembers.DemoSchoolPsychologistAsync(factory, _client, "psych@demo-school");
        var token = factory.TokenFor("psych@demo-school", "demo-school", Roles.Counsellor);
        var student = await DemoStudents.NewAsync(_client, token);
        var reported = await _client.PostAsync("/t/demo-school/graphql",
            $"mutation {{ reportConcern(input: {{ personId: \"{student}\", summary: \"Withdrawn in class\" }}) {{ id }} }}", token: token);
        var id = reported.EnsureNoErrors().Data!["reportConcern"]!["id"]!.GetValue<string>();

        var refused = await _client.PostAsync("/t/demo-school/graphql", $"mutation {{ closeCase(id: \"{id}\", reason: \"x\") {{ status }} }}", token: token);
        Assert.Equal("INVALID_TRANSITION", refused.FirstCode);
        Assert.Equal("REPORTED", refused.Errors![0]!["extensions"]!["state"]!.GetValue<string>());
        Assert.Equal("startIntervention,triageCase", refused.Errors![0]!["extensions"]!["permittedTriggers"]!.GetValue<string>());
        Assert.Null(refused.Data?["closeCase"]);

        var after = await _client.PostAsync("/t/demo-school/graphql", $"{{ case(id: \"{id}\") {{ status timeline {{ action }} }} }}", token: token);
        Assert.Equal("REPORTED", after.EnsureNoErrors().Data!["case"]!["status"]!.GetValue<string>());
        // Reported without a grading: the GRADE_RISK task's creation is its only other entry (docs/protocol.md "Ungraded reports").
        Assert.Equal(["Report", "Intake", "TaskCreated"], after.Data!["case"]!["timeline"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Serve_the_demo_schools_open_case_from_the_seed_to_its_reporter()
    {
        var token = factory.TokenFor("homeroom-8-1@demo-school", "demo-school", Roles.Caseworker);
        var response = await _client.PostAsync("/t/demo-school/graphql", "{ case(id: \"case-school-1\") { personId status riskLevel } }", token: token);
        var c = response.EnsureNoErrors().Data!["case"]!;
        Assert.Equal("student-001", c["personId"]!.GetValue<string>());
        Assert.Equal("MODERATE", c["riskLevel"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, response.Status);
    }
}
