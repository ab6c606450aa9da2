using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using CareGrid.Tests.PeopleDirectory;

namespace CareGrid.Tests.Security;

/// <summary>
/// Round 17 red team, the findings still open: each test is a failing repro kept skipped with the finding's name, so the
/// repro travels with the code; remove the Skip when the finding is fixed (the fixed ones are in RedTeamRound17Should).
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class RedTeamRound17OpenShould(CareGridApiFactory factory)
{
    private readonly DirectoryApi _api = new(factory);
    private readonly GraphQLClient _client = factory.GraphQL();

    private async Task<string> SchoolWithStudentAsync(string name)
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", name);
        await _api.CreateOrganizationAsync(tenant, "grade-9", "GRADE", "school", 2);
        await _api.CreateOrganizationAsync(tenant, "class-9-1", "CLASS", "grade-9", 1);
        await _api.ImportAsync(tenant, "class-9-1", DirectoryApi.Csv("externalId,displayName,sex,birthYear,guardianName,guardianPhone", ["S1,Student Liu,F,2011,Grandma Liu,13800001111"]));
        await _api.GlassAsync(tenant, "ext-S1");
        return tenant;
    }

    /// <summary>
    /// RT17-7 (F15 still an oracle): case staff off a case's need-to-know list now get RECEIVED when their report joins it,
    /// but the same staff member reporting about a person without an open case gets OPENED_NEW_CASE — so for case staff
    /// RECEIVED itself means "this person already has an open case" (a homeroom teacher of another class learns of a crisis
    /// case). The two answers must not differ (e.g. RECEIVED for both, or the joiner told OPENED_NEW_CASE-alike).
    /// </summary>
    [Fact(Skip = "Open finding RT17-7: for case staff RECEIVED tells that a case exists")]
    public async Task Answer_case_staff_alike_whether_their_report_opened_or_joined_a_case_RT17_7()
    {
        const string Path = "/t/demo-school/graphql";
        const string Report = "mutation($p: ID!) { reportConcern(input: { personId: $p, summary: \"Cries in the corridor\", riskLevel: LOW }) { id reportOutcome } }";
        await StaffMembers.AddAsync(factory, _client, "demo-school", "psych-rt17@demo-school", "counselling-centre", "PsychologyTeacher",
            "RelevantDegree", "CounsellingCertificate");
        var psych = factory.TokenFor("psych-rt17@demo-school", "demo-school", Roles.Counsellor);
        var withCase = await DemoStudents.NewAsync(_client, psych);
        var withoutCase = await DemoStudents.NewAsync(_client, psych);
        (await _client.PostAsync(Path, "mutation($p: ID!) { reportConcern(input: { personId: $p, summary: \"Self-harm marks seen in PE\", riskLevel: HIGH }) { id } }",
            new { p = withCase }, psych)).EnsureNoErrors();
        var teacher = factory.TokenFor($"homeroom-{Guid.NewGuid():N}@demo-school", "demo-school", Roles.Caseworker);

        var joined = (await _client.PostAsync(Path, Report, new { p = withCase }, teacher)).EnsureNoErrors().Data!["reportConcern"]!["reportOutcome"]!.GetValue<string>();
        var opened = (await _client.PostAsync(Path, Report, new { p = withoutCase }, teacher)).EnsureNoErrors().Data!["reportConcern"]!["reportOutcome"]!.GetValue<string>();

        Assert.Equal(opened, joined);
    }

    /// <summary>
    /// RT17-8 (a case's cached consent not re-read when setAgeOfConsent lowers the age): a 15-year-old's guardian grants
    /// PROFESSIONAL_INTERVENTION under an age of consent of 16; the case activation reads it (RecheckOn = the 16th
    /// birthday). The TenantAdmin lowers the age to 14: the guardian's grant stops counting at once (the gate refuses), but
    /// nextActions keeps offering startIntervention as allowed until that far-off RecheckOn — the console offers an action
    /// the service then refuses (docs/consent.md promises nextActions agrees with the gate).
    /// </summary>
    [Fact(Skip = "Open finding RT17-8: nextActions stale after setAgeOfConsent lowers the age")]
    public async Task Agree_with_the_gate_in_nextActions_after_the_age_of_consent_is_lowered_RT17_8()
    {
        var tenant = await SchoolWithStudentAsync("rt17-aoc-down");
        var psych = factory.TokenFor($"psych@{tenant}", tenant, Roles.Counsellor);
        await _api.GlassAsync(tenant, "ext-S1", psych);
        var shanghaiToday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(factory.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        var born = shanghaiToday.AddYears(-15).AddDays(-10); // 15 today
        await _api.OkAsync(tenant, "mutation { setAgeOfConsent(years: 16) { ageOfConsent } }");
        await _api.OkAsync(tenant, "mutation($in: UpdatePersonInput!) { updatePerson(input: $in) { id } }",
            new { @in = new { id = "ext-S1", displayName = "Student Liu", organizationId = "class-9-1", sex = "FEMALE", externalId = "S1", birthYear = born.Year, dateOfBirth = born.ToString("yyyy-MM-dd") } }, psych);
        await _api.OkAsync(tenant, "mutation { setPersonContacts(personId: \"ext-S1\", contacts: [{ kind: GUARDIAN, name: \"Grandma Liu\" }]) { id } }", token: psych);
        await _api.OkAsync(tenant, "mutation { recordConsent(personId: \"ext-S1\", purpose: PROFESSIONAL_INTERVENTION, decision: GRANTED, givenBy: GUARDIAN) { id } }", token: psych);
        var caseId = (await _api.OkAsync(tenant, "mutation { reportConcern(input: { personId: \"ext-S1\", summary: \"Withdrawn, not eating\" }) { id } }", token: psych))["reportConcern"]!["id"]!.GetValue<string>();
        Assert.True((await StartActionAsync(tenant, caseId, psych))["allowed"]!.GetValue<bool>()); // 15 under 16: the guardian's grant counts

        await _api.OkAsync(tenant, "mutation { setAgeOfConsent(years: 14) { ageOfConsent } }");

        var next = await StartActionAsync(tenant, caseId, psych);
        var started = await _api.PostAsync(tenant, $"mutation {{ startIntervention(id: \"{caseId}\", reason: \"first session\") {{ status }} }}", token: psych);
        Assert.Equal("CONSENT_REQUIRED", started.FirstCode); // the gate: the guardian's grant no longer counts
        Assert.False(next["allowed"]!.GetValue<bool>());
    }

    private async Task<System.Text.Json.Nodes.JsonNode> StartActionAsync(string tenant, string caseId, string token) =>
        (await _api.OkAsync(tenant, $"{{ case(id: \"{caseId}\") {{ nextActions {{ action allowed code reason }} }} }}", token: token))["case"]!["nextActions"]!.AsArray()
            .Single(a => a!["action"]!.GetValue<string>() == "startIntervention")!;
}
