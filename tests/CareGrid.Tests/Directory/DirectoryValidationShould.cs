using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.PeopleDirectory;

/// <summary>Bad input gets VALIDATION_FAILED with extensions.field and changes nothing; roles are enforced per field.</summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class DirectoryValidationShould(CareGridApiFactory factory)
{
    private readonly DirectoryApi _api = new(factory);

    private async Task<string> SchoolWithStudentAsync()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "valid");
        await _api.CreateOrganizationAsync(tenant, "grade-9", "GRADE", "school", 2);
        await _api.CreateOrganizationAsync(tenant, "class-9-1", "CLASS", "grade-9", 1);
        await _api.ImportAsync(tenant, "class-9-1", DirectoryApi.Csv("externalId,displayName,sex,birthYear,guardianName,guardianPhone", ["S1,Student Liu,F,2011,Grandma Liu,13800001111"]));
        await _api.GlassAsync(tenant, "ext-S1");
        return tenant;
    }

    private const string PersonQuery = "{ person(id: \"ext-S1\") { displayName birthYear organizationId contacts { kind name phone } roles { role } monitoringLevel qualifications { code } targetGroupPeriods { code } } }";

    [Theory]
    [InlineData("mutation { addOrganizationMember(organizationId: \"class-9-1\", personId: \"ext-S1\", role: \"Janitor\") { id } }", "role")]
    [InlineData("mutation { addOrganizationMember(organizationId: \"grade-9\", personId: \"ext-S1\", role: \"PsychologyCommitteeMember\") { id } }", "role")]
    [InlineData("mutation { setPersonContacts(personId: \"ext-S1\", contacts: [{ kind: PARENT, name: \"Father\", phone: \"call me\" }]) { id } }", "contacts[0].phone")]
    [InlineData("mutation { setPersonContacts(personId: \"ext-S1\", contacts: [{ kind: GUARDIAN, name: \"  \" }]) { id } }", "contacts[0].name")]
    [InlineData("mutation { updatePerson(input: { id: \"ext-S1\", displayName: \"Liu\", organizationId: \"class-9-1\", birthYear: 1800 }) { id } }", "birthYear")]
    [InlineData("mutation { updatePerson(input: { id: \"ext-S1\", displayName: \"\", organizationId: \"class-9-1\" }) { id } }", "displayName")]
    [InlineData("mutation { setTargetGroup(personId: \"ext-S1\", code: \"left behind\") { id } }", "code")]
    [InlineData("mutation { setTargetGroup(personId: \"ext-S1\", code: \"LeftBehindChild\", from: \"2026-09-01\", until: \"2026-08-01\") { id } }", "until")]
    [InlineData("mutation { setQualifications(personId: \"ext-S1\", qualifications: [{ code: \"A\" }, { code: \"A\" }]) { id } }", "qualifications")]
    [InlineData("{ people(filter: { targetGroup: \"no such!\" }) { nodes { id } } }", "filter.targetGroup")]
    [InlineData("{ people(first: 101) { nodes { id } } }", "first")]
    // round-30 red team: a unit named as its own parent asked itself and answered UNAVAILABLE after 30 s
    [InlineData("mutation { createOrganization(input: { id: \"loop\", name: \"环\", kind: CLASS, parentId: \"loop\", escalationLevel: 1 }) { id } }", "parentId")]
    public async Task Refuse_bad_input_with_the_field_and_leave_the_person_unchanged(string request, string field)
    {
        var tenant = await SchoolWithStudentAsync();
        var before = (await _api.OkAsync(tenant, PersonQuery)).ToJsonString();
        var r = await _api.PostAsync(tenant, request);
        Assert.Equal("VALIDATION_FAILED", r.FirstCode);
        Assert.Equal(field, r.Errors![0]!["extensions"]!["field"]!.GetValue<string>());
        Assert.Equal(before, (await _api.OkAsync(tenant, PersonQuery)).ToJsonString());
    }

    [Fact]
    public async Task Refuse_to_close_a_unit_that_still_has_open_cases_F16()
    {
        var tenant = await SchoolWithStudentAsync();
        // A homeroom teacher who is a member of the leadership group, which serves the whole school (template: R-3.3, R-4.1),
        // so they stay on the case they report (RT17-7) — and class 9-1 itself keeps no member that would block closing it.
        await StaffMembers.AddAsync(factory, _api.Client, tenant, $"homeroom@{tenant}", "leadership", "LeadershipGroupMember");
        var homeroom = factory.TokenFor($"homeroom@{tenant}", tenant, Roles.Caseworker);
        var caseId = (await _api.OkAsync(tenant, "mutation { reportConcern(input: { personId: \"ext-S1\", summary: \"Withdrawn for weeks\", riskLevel: LOW }) { id } }", token: homeroom))["reportConcern"]!["id"]!.GetValue<string>();

        var refused = await _api.PostAsync(tenant, "mutation { closeOrganization(id: \"class-9-1\") { status } }");
        var extensions = refused.Errors![0]!["extensions"]!;
        Assert.Equal(("UNIT_HAS_OPEN_CASES", "class-9-1", "1"), (refused.FirstCode, extensions["organizationId"]!.GetValue<string>(), extensions["openCases"]!.GetValue<string>()));
        Assert.Contains("未结案", refused.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("ACTIVE", (await _api.OkAsync(tenant, "{ organization(id: \"class-9-1\") { status } }"))["organization"]!["status"]!.GetValue<string>());

        await _api.OkAsync(tenant, $"mutation {{ triageCase(id: \"{caseId}\") {{ id }} }}", token: homeroom);
        await _api.OkAsync(tenant, $"mutation {{ closeCase(id: \"{caseId}\", reason: \"Resolved with the family\") {{ id }} }}", token: homeroom);
        var closed = await _api.OkAsync(tenant, "mutation { closeOrganization(id: \"class-9-1\") { status } }");
        Assert.Equal("CLOSED", closed["closeOrganization"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refuse_invalid_monitoring_and_organization_transitions_with_the_state()
    {
        var tenant = await SchoolWithStudentAsync();
        var stepDown = await _api.PostAsync(tenant, "mutation { changeMonitoringLevel(personId: \"ext-S1\", action: STEP_DOWN) { id } }");
        Assert.Equal(("INVALID_TRANSITION", "NONE"), (stepDown.FirstCode, stepDown.Errors![0]!["extensions"]!["state"]!.GetValue<string>()));

        await _api.OkAsync(tenant, "mutation { closeOrganization(id: \"grade-9\") { status } }");
        var reopen = await _api.PostAsync(tenant, "mutation { activateOrganization(id: \"grade-9\") { status } }");
        Assert.Equal(("INVALID_TRANSITION", "CLOSED"), (reopen.FirstCode, reopen.Errors![0]!["extensions"]!["state"]!.GetValue<string>()));
        var member = await _api.PostAsync(tenant, "mutation { addOrganizationMember(organizationId: \"grade-9\", personId: \"ext-S1\", role: \"GradeLeader\") { id } }");
        Assert.Equal(("VALIDATION_FAILED", "organizationId"), (member.FirstCode, member.Errors![0]!["extensions"]!["field"]!.GetValue<string>()));
        var org = await _api.OkAsync(tenant, "{ organization(id: \"grade-9\") { status members { personId } } }");
        Assert.Equal("CLOSED", org["organization"]!["status"]!.GetValue<string>());
        Assert.Empty(org["organization"]!["members"]!.AsArray());
    }

    [Fact]
    public async Task Let_case_staff_read_people_and_the_tenant_admin_manage_structure()
    {
        var tenant = await SchoolWithStudentAsync();
        var caseworker = _api.As(tenant, Roles.Caseworker);
        var refused = await _api.PostAsync(tenant, "mutation { setTargetGroup(personId: \"ext-S1\", code: \"LeftBehindChild\") { id } }", token: caseworker);
        Assert.Equal(("FORBIDDEN", "need-to-know"), (refused.FirstCode, refused.Errors![0]!["extensions"]!["rule"]!.GetValue<string>()));
        // the grant reads; to change the record the caseworker serves the pupil's class (round 24: the glass does not rewrite)
        await StaffMembers.AddAsync(factory, _api.Client, tenant, "caseworker@" + tenant, "class-9-1", "HomeroomTeacher");
        await _api.GlassAsync(tenant, "ext-S1", caseworker);
        var person = await _api.OkAsync(tenant, PersonQuery, token: caseworker);
        Assert.Equal("13800001111", person["person"]!["contacts"]![0]!["phone"]!.GetValue<string>());
        await _api.OkAsync(tenant, "mutation { setTargetGroup(personId: \"ext-S1\", code: \"LeftBehindChild\", from: \"2026-09-01\") { id } }", token: caseworker);

        foreach (var mutation in new[]
                 {
                     "mutation { addOrganizationMember(organizationId: \"class-9-1\", personId: \"ext-S1\", role: \"PsychologyCommitteeMember\") { id } }",
                     "mutation { suspendOrganization(id: \"class-9-1\") { id } }",
                     "mutation { setResponsiblePerson(organizationId: \"class-9-1\", personId: \"ext-S1\") { id } }",
                     "mutation { setQualifications(personId: \"ext-S1\", qualifications: []) { id } }",
                 })
        {
            Assert.Equal("FORBIDDEN", (await _api.PostAsync(tenant, mutation, token: caseworker)).FirstCode);
        }

        foreach (var role in new[] { Roles.Reporter, Roles.Volunteer, Roles.Auditor })
        {
            Assert.Equal("FORBIDDEN", (await _api.PostAsync(tenant, PersonQuery, token: _api.As(tenant, role))).FirstCode);
        }

        var admin = await _api.OkAsync(tenant, "mutation { setResponsiblePerson(organizationId: \"class-9-1\", personId: \"ext-S1\") { responsiblePersonId } }");
        Assert.Equal("ext-S1", admin["setResponsiblePerson"]!["responsiblePersonId"]!.GetValue<string>());
        var suspended = await _api.OkAsync(tenant, "mutation { suspendOrganization(id: \"class-9-1\") { status } }");
        Assert.Equal("SUSPENDED", suspended["suspendOrganization"]!["status"]!.GetValue<string>());
    }
}
