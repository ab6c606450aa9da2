using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using CareGrid.Tests.PeopleDirectory;

namespace CareGrid.Tests.Idempotency;

/// <summary>
/// Retries with an idempotency key over GraphQL (docs/idempotency.md): the same request twice with one key writes once
/// and answers the first result; the key with another request answers IDEMPOTENCY_KEY_REUSED and writes nothing.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class IdempotentMutationsShould(CareGridApiFactory factory)
{
    private const string Report = "mutation($in: ReportConcernInput!) { reportConcern(input: $in) { id reportOutcome riskLevel timeline { action } } }";
    private const string CaseParts = "timeline { action actor reason } contacts { channel } screenings { id } tasks { kind status } referrals { id }";

    private readonly DirectoryApi _api = new(factory);

    [Fact]
    public async Task Write_a_keyed_report_and_case_appends_once_and_refuse_the_key_with_another_request()
    {
        var (tenant, person) = await SchoolWithStudentAsync();
        var psych = _api.As(tenant, Roles.Counsellor);
        var concern = new { personId = person, summary = "Says she cannot go on", riskLevel = "HIGH", idempotencyKey = "report-1" };
        var first = (await _api.OkAsync(tenant, Report, new { @in = concern }, psych))["reportConcern"]!;
        var again = (await _api.OkAsync(tenant, Report, new { @in = concern }, psych))["reportConcern"]!;
        Assert.Equal(first["id"]!.GetValue<string>(), again["id"]!.GetValue<string>());
        Assert.Equal(["OPENED_NEW_CASE", "OPENED_NEW_CASE"], new[] { first, again }.Select(c => c["reportOutcome"]!.GetValue<string>()));
        var caseId = first["id"]!.GetValue<string>();
        await ExpectReusedAsync(tenant, Report, new { @in = concern with { summary = "Another concern" } }, psych);

        const string contact = "mutation($id: ID!, $min: Int!, $key: String) { logContact(id: $id, channel: PHONE, durationMinutes: $min, idempotencyKey: $key) { id } }";
        await _api.OkAsync(tenant, contact, new { id = caseId, min = 15, key = "contact-1" }, psych);
        await _api.OkAsync(tenant, contact, new { id = caseId, min = 15, key = "contact-1" }, psych);
        await ExpectReusedAsync(tenant, contact, new { id = caseId, min = 20, key = "contact-1" }, psych);

        const string screening = "mutation($id: ID!, $key: String) { recordScreening(id: $id, instrument: GAD7, answers: [1,1,1,1,1,1,1], idempotencyKey: $key) { id } }";
        await _api.OkAsync(tenant, screening, new { id = caseId, key = "gad-1" }, psych);
        await _api.OkAsync(tenant, screening, new { id = caseId, key = "gad-1" }, psych);

        const string followUp = "mutation($id: ID!, $key: String) { scheduleFollowUp(id: $id, idempotencyKey: $key) { id } }";
        await _api.OkAsync(tenant, followUp, new { id = caseId, key = "visit-1" }, psych);
        await _api.OkAsync(tenant, followUp, new { id = caseId, key = "visit-1" }, psych);

        var read = (await _api.OkAsync(tenant, $"{{ case(id: \"{caseId}\") {{ {CaseParts} }} }}", token: psych))["case"]!;
        Assert.Single(read["timeline"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "Report");
        Assert.Single(read["contacts"]!.AsArray());
        Assert.Single(read["screenings"]!.AsArray());
        Assert.Single(read["tasks"]!.AsArray(), t => t!["kind"]!.GetValue<string>() == "FOLLOW_UP_VISIT");

        // Keys are per caller: another caller's equal key is another write (a Clinician sees the case at level 3).
        var other = _api.As(tenant, Roles.Clinician);
        await _api.OkAsync(tenant, contact, new { id = caseId, min = 15, key = "contact-1" }, other);
        var contacts = (await _api.OkAsync(tenant, $"{{ case(id: \"{caseId}\") {{ contacts {{ channel }} }} }}", token: psych))["case"]!["contacts"]!.AsArray();
        Assert.Equal(2, contacts.Count);

        var malformed = await _api.PostAsync(tenant, contact, new { id = caseId, min = 15, key = "no spaces" }, psych);
        Assert.Equal(("VALIDATION_FAILED", "idempotencyKey"), (malformed.FirstCode, malformed.Errors![0]!["extensions"]!["field"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Import_start_a_census_and_record_it_once_per_key()
    {
        var (tenant, _) = await SchoolWithStudentAsync();
        const string import = "mutation($csv: String!, $key: String) { importRoster(organizationId: \"class-1\", csv: $csv, idempotencyKey: $key) { id total } }";
        var csv = DirectoryApi.Csv("externalId,displayName", ["K1,Kai", "K2,Lan"]);
        var first = (await _api.OkAsync(tenant, import, new { csv, key = "roster-1" }))["importRoster"]!["id"]!.GetValue<string>();
        var again = (await _api.OkAsync(tenant, import, new { csv, key = "roster-1" }))["importRoster"]!["id"]!.GetValue<string>();
        Assert.Equal(first, again);
        await ExpectReusedAsync(tenant, import, new { csv = DirectoryApi.Csv("externalId,displayName", ["K3,Mei"]), key = "roster-1" }, _api.Admin(tenant));
        await _api.OkAsync(tenant, $"{{ importStatus(id: \"{first}\", waitSeconds: 5) {{ done }} }}");

        const string start = "mutation($key: String) { startCensusRound(input: { name: \"Week 1\", organizationIds: [\"class-1\"], idempotencyKey: $key }) { roundId expected } }";
        var psych = _api.As(tenant, Roles.Counsellor);
        var round = (await _api.OkAsync(tenant, start, new { key = "census-1" }, psych))["startCensusRound"]!["roundId"]!.GetValue<string>();
        Assert.Equal(round, (await _api.OkAsync(tenant, start, new { key = "census-1" }, psych))["startCensusRound"]!["roundId"]!.GetValue<string>());

        const string record = "mutation($in: RecordCensusInput!) { recordCensus(input: $in) { recorded } }";
        var entry = new { roundId = round, personId = "ext-K1", mood = "LOW", idempotencyKey = "rec-1" };
        await _api.OkAsync(tenant, record, new { @in = entry }, psych);
        await _api.OkAsync(tenant, record, new { @in = entry }, psych);
        await ExpectReusedAsync(tenant, record, new { @in = entry with { mood = "STABLE" } }, psych);
        var k1 = await _api.PersonAsync(tenant, "ext-K1", "censusRecords { mood } monitoringLevel", psych);
        Assert.Equal(["LOW"], k1["person"]!["censusRecords"]!.AsArray().Select(r => r!["mood"]!.GetValue<string>()));

        const string open = "mutation($key: String) { openCaseFromCensus(roundId: \"ROUND\", personId: \"ext-K1\", summary: \"Low mood in the census\", idempotencyKey: $key) { id reportOutcome } }";
        var opened = (await _api.OkAsync(tenant, open.Replace("ROUND", round), new { key = "open-1" }, psych))["openCaseFromCensus"]!;
        var reopened = (await _api.OkAsync(tenant, open.Replace("ROUND", round), new { key = "open-1" }, psych))["openCaseFromCensus"]!;
        Assert.Equal(opened["id"]!.GetValue<string>(), reopened["id"]!.GetValue<string>());
        var other = await _api.PostAsync(tenant, open.Replace("ROUND", round), new { key = "open-2" }, psych);
        Assert.Equal("ALREADY_EXISTS", other.FirstCode);
    }

    [Fact]
    public async Task Register_a_person_without_an_id_once_per_key()
    {
        var (tenant, _) = await SchoolWithStudentAsync();
        const string register = "mutation($name: String!) { registerPerson(input: { displayName: $name, organizationId: \"class-1\", idempotencyKey: \"reg-1\" }) { id } }";
        var first = (await _api.OkAsync(tenant, register, new { name = "Nuo" }))["registerPerson"]!["id"]!.GetValue<string>();
        Assert.Equal(first, (await _api.OkAsync(tenant, register, new { name = "Nuo" }))["registerPerson"]!["id"]!.GetValue<string>());
        await ExpectReusedAsync(tenant, register, new { name = "Other" }, _api.Admin(tenant));
        var people = (await _api.AllPeopleAsync(tenant, new { organization = "class-1" })).Ids;
        Assert.Single(people, id => id == first);
        Assert.Equal(2, people.Count);
    }

    private async Task ExpectReusedAsync(string tenant, string query, object variables, string token)
    {
        var refused = await _api.PostAsync(tenant, query, variables, token);
        Assert.Equal(("IDEMPOTENCY_KEY_REUSED", "idempotencyKey"), (refused.FirstCode, refused.Errors![0]!["extensions"]!["field"]!.GetValue<string>()));
    }

    /// <summary>A school tenant with class <c>class-1</c> and one student (<c>stu-1</c>).</summary>
    internal async Task<(string Tenant, string Person)> SchoolWithStudentAsync()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "idem");
        await _api.CreateOrganizationAsync(tenant, "class-1", "CLASS", "school", 1);
        await _api.OkAsync(tenant, "mutation { registerPerson(input: { id: \"stu-1\", displayName: \"Student\", organizationId: \"class-1\", sex: FEMALE }) { id } }");
        return (tenant, "stu-1");
    }
}
