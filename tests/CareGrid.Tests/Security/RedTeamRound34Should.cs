using System.Net;
using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Security;

/// <summary>
/// Round-33 re-check F2, fixed in round 34: <c>statistics(organizationId:)</c> of a unit of one person told a Coordinator that
/// person's target groups and monitoring level, and the read was recorded only as <c>READ Statistics</c>. Every person
/// served in a unit of fewer than five is now recorded as <c>READ Person</c> whenever an answer shows those figures
/// (docs/statistics.md "People and census", <c>StatisticsPeopleReads</c>).
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class RedTeamRound34Should(CareGridApiFactory factory)
{
    private readonly GraphQLClient _client = factory.GraphQL();

    /// <summary>A school of its own: grade <c>g</c> with class <c>small</c> (one pupil, a left-behind child) and <c>big</c> (five).</summary>
    private async Task<string> SchoolAsync()
    {
        var tenant = Seeds.NewTenantId("rt34");
        (await _client.PostAsync("/graphql", "mutation($in: OnboardTenantInput!) { onboardTenant(input: $in) { id } }",
            new { @in = new { id = tenant, name = "RT34 school", kind = "SCHOOL", firstAdminSubject = "admin" } }, factory.Token(null, Roles.PlatformAdmin))).EnsureNoErrors();
        var admin = factory.TokenFor("admin", tenant, Roles.TenantAdmin);
        var path = $"/t/{tenant}/graphql";
        const string Unit = "mutation($in: CreateOrganizationInput!) { createOrganization(input: $in) { id } }";
        (await _client.PostAsync(path, Unit, new { @in = new { id = "g", name = "初二", kind = "GRADE", escalationLevel = 2 } }, admin)).EnsureNoErrors();
        foreach (var c in new[] { "small", "big" })
        {
            (await _client.PostAsync(path, Unit, new { @in = new { id = c, name = c, kind = "CLASS", escalationLevel = 1, parentId = "g" } }, admin)).EnsureNoErrors();
        }

        const string Person = "mutation($in: RegisterPersonInput!) { registerPerson(input: $in) { id } }";
        (await _client.PostAsync(path, Person, new { @in = new { id = "only", displayName = "小明", organizationId = "small", targetGroups = new[] { "LeftBehindChild" } } }, admin)).EnsureNoErrors();
        for (var i = 0; i < 5; i++)
        {
            (await _client.PostAsync(path, Person, new { @in = new { id = $"b{i}", displayName = $"学生{i}", organizationId = "big", targetGroups = i == 0 ? new[] { "LeftBehindChild" } : [] } }, admin)).EnsureNoErrors();
        }

        return tenant;
    }

    private async Task<List<JsonNode>> PersonReadsAsync(string tenant, string personId) =>
        [.. (await _client.PostAsync($"/t/{tenant}/graphql", "query($f: AuditFilter) { auditLog(filter: $f, first: 100) { nodes { actor entityId fields purpose } } }",
            new { f = new { action = "READ", entityType = "Person", entityId = personId } }, factory.TokenFor("auditor", tenant, Roles.Auditor)))
            .EnsureNoErrors().Data!["auditLog"]!["nodes"]!.AsArray().Where(n => n!["purpose"]!.GetValue<string>() == "statistics").Select(n => n!)];

    [Fact]
    public async Task Record_a_read_of_each_person_of_a_small_unit_whose_target_groups_or_levels_the_statistics_tell()
    {
        var tenant = await SchoolAsync();
        var path = $"/t/{tenant}/graphql";
        var supervisor = factory.TokenFor("principal", tenant, Roles.Supervisor);

        // A count of the people alone tells nothing of what their records protect: nothing recorded.
        var served = (await _client.PostAsync(path, "{ statistics(organizationId: \"small\") { peopleServed } }", token: supervisor)).EnsureNoErrors();
        Assert.Equal(1, served.Data!["statistics"]!["peopleServed"]!.GetValue<int>());
        Assert.Empty(await PersonReadsAsync(tenant, "only"));

        // The one pupil's target group, read through the unit: recorded against her, with the unit.
        var groups = (await _client.PostAsync(path, "{ statistics(organizationId: \"small\") { peopleByTargetGroup { targetGroup count } } }", token: supervisor)).EnsureNoErrors();
        Assert.Equal("LeftBehindChild", groups.Data!["statistics"]!["peopleByTargetGroup"]![0]!["targetGroup"]!.GetValue<string>());
        var read = Assert.Single(await PersonReadsAsync(tenant, "only"));
        Assert.Equal("principal", read["actor"]!.GetValue<string>());
        Assert.Equal(["statistics.organizationId=small"], read["fields"]!.AsArray().Select(f => f!.GetValue<string>()));

        // The grade's figures can be subtracted from the big class's: the small class is still recorded, the big one is not.
        // Several fields of one answer record once.
        (await _client.PostAsync(path, "{ statistics(organizationId: \"g\") { peopleByMonitoringLevel { level count } peopleByUnit { organizationId served } tables { key } } }", token: supervisor)).EnsureNoErrors();
        Assert.Equal(2, (await PersonReadsAsync(tenant, "only")).Count);
        Assert.Empty(await PersonReadsAsync(tenant, "b0"));

        // The export writes the same tables: recorded the same way.
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/t/{tenant}/exports/statistics.csv?organizationId=small&language=zh-CN");
        request.Headers.Authorization = new("Bearer", supervisor);
        var csv = await _client.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal(3, (await PersonReadsAsync(tenant, "only")).Count);
        Assert.Empty(await PersonReadsAsync(tenant, "b0"));
    }

    [Fact]
    public async Task Refuse_a_second_exportPerson_in_one_document()
    {
        // Round-34 red team F1: exportPerson reads every case of a person complete, past the history budget, and aliases
        // multiplied it. It counts with the whole-tenant scans: one per document.
        var admin = factory.TokenFor("admin@demo-school", "demo-school", Roles.TenantAdmin);
        const string Export = "exportPerson(id: \"student-001\", purpose: DATA_SUBJECT_REQUEST, reference: \"rt34\")";
        var two = await _client.PostAsync("/t/demo-school/graphql", $"{{ a: {Export} b: {Export} }}", token: admin);
        Assert.Equal("QUERY_TOO_COMPLEX", two.FirstCode);
        Assert.Equal("MaxTenantScans", two.Errors![0]!["extensions"]!["limit"]!.GetValue<string>());
    }

    [Fact]
    public async Task Keep_the_birth_data_sex_and_roster_number_an_update_leaves_out()
    {
        // Round-34 red team F5: a rename without birth fields erased the date of birth and withdrew a 14-year-old's own consent.
        const string path = "/t/demo-school/graphql";
        var psych = factory.TokenFor("counsellor@demo-school", "demo-school", Roles.Counsellor);
        var id = "rt34-" + Guid.NewGuid().ToString("N")[..8];
        (await _client.PostAsync(path, "mutation { registerPerson(input: { id: \"" + id + "\", displayName: \"小红\", organizationId: \"class-8-1\", sex: FEMALE, birthYear: 2012, dateOfBirth: \"2012-03-04\", externalId: \"" + id + "\" }) { id } }", token: psych)).EnsureNoErrors();

        // The psychology teacher works a case of theirs (a HIGH report by level 3 makes the reporter its owner): need-to-know.
        (await _client.PostAsync(path, "mutation { reportConcern(input: { personId: \"" + id + "\", summary: \"低落\", riskLevel: HIGH }) { id } }", token: psych)).EnsureNoErrors();
        var renamed = (await _client.PostAsync(path, "mutation { updatePerson(input: { id: \"" + id + "\", displayName: \"李小红\", organizationId: \"class-8-1\" }) { displayName sex birthYear dateOfBirth externalId } }", token: psych))
            .EnsureNoErrors().Data!["updatePerson"]!;
        Assert.Equal(("李小红", "FEMALE", 2012, "2012-03-04", id), (renamed["displayName"]!.GetValue<string>(), renamed["sex"]!.GetValue<string>(),
            renamed["birthYear"]!.GetValue<int>(), renamed["dateOfBirth"]!.GetValue<string>(), renamed["externalId"]!.GetValue<string>()));

        // Given as null, a field is cleared; a birth year of its own keeps a known date of the same year.
        var cleared = (await _client.PostAsync(path, "mutation { updatePerson(input: { id: \"" + id + "\", displayName: \"李小红\", organizationId: \"class-8-1\", externalId: null, birthYear: 2012 }) { sex birthYear dateOfBirth externalId } }", token: psych))
            .EnsureNoErrors().Data!["updatePerson"]!;
        Assert.Null(cleared["externalId"]);
        Assert.Equal(("FEMALE", "2012-03-04"), (cleared["sex"]!.GetValue<string>(), cleared["dateOfBirth"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Refuse_to_convert_a_converted_call_about_another_person_and_report_nobody()
    {
        // Round-34 red team F3: the second person's conversion answered the first case as a success; the second had no case.
        const string Path = "/t/demo-school/graphql";
        await StaffMembers.AddAsync(factory, _client, "demo-school", "psych-rt34@demo-school", "counselling-centre", "PsychologyTeacher", "RelevantDegree", "CounsellingCertificate");
        var psych = factory.TokenFor("psych-rt34@demo-school", "demo-school", Roles.Counsellor);
        var first = await DemoStudents.NewAsync(_client, psych);
        var second = await DemoStudents.NewAsync(_client, psych);
        var call = (await _client.PostAsync(Path, "mutation { logCall(input: { channel: HOTLINE, summary: \"两个学生\", riskLevel: MODERATE }) { id } }", token: psych))
            .EnsureNoErrors().Data!["logCall"]!["id"]!.GetValue<string>();
        const string Convert = "mutation($id: ID!, $p: ID) { convertCallToConcern(id: $id, personId: $p) { caseId concernPersonId } }";
        var converted = (await _client.PostAsync(Path, Convert, new { id = call, p = first }, psych)).EnsureNoErrors().Data!["convertCallToConcern"]!;

        var other = await _client.PostAsync(Path, Convert, new { id = call, p = second }, psych);
        Assert.Equal(("ALREADY_EXISTS", "personId"), (other.FirstCode, other.Errors![0]!["extensions"]!["field"]!.GetValue<string>()));
        Assert.Contains("另行上报", other.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var cases = (await _client.PostAsync(Path, "query($p: ID!) { cases(filter: { person: $p }) { nodes { id } } }", new { p = second }, psych)).EnsureNoErrors();
        Assert.Empty(cases.Data!["cases"]!["nodes"]!.AsArray());

        // The same person again, or none, still answers the first conversion.
        foreach (var again in new[] { first, null })
        {
            var same = (await _client.PostAsync(Path, Convert, new { id = call, p = again }, psych)).EnsureNoErrors().Data!["convertCallToConcern"]!;
            Assert.Equal((converted["caseId"]!.GetValue<string>(), first), (same["caseId"]!.GetValue<string>(), same["concernPersonId"]!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task Record_the_small_unit_behind_census_coverage_and_refuse_a_second_screeningsFhir()
    {
        // Re-check of round 34: censusCoverage's flagged count (the archive's level 2) of a one-pupil class was not recorded,
        // and 30 aliases of screeningsFhir read every case of a person complete 30 times, past the history budget.
        var tenant = await SchoolAsync();
        var supervisor = factory.TokenFor("principal", tenant, Roles.Supervisor);
        (await _client.PostAsync($"/t/{tenant}/graphql", "{ statistics(organizationId: \"small\") { censusCoverage { roundId } } }", token: supervisor)).EnsureNoErrors();
        Assert.Single(await PersonReadsAsync(tenant, "only"));

        var psych = factory.TokenFor("counsellor@demo-school", "demo-school", Roles.Counsellor);
        var two = await _client.PostAsync("/t/demo-school/graphql", "{ a: screeningsFhir(personId: \"student-001\") b: screeningsFhir(personId: \"student-001\") }", token: psych);
        Assert.Equal(("QUERY_TOO_COMPLEX", "MaxTenantScans"), (two.FirstCode, two.Errors![0]!["extensions"]!["limit"]!.GetValue<string>()));
    }
}
