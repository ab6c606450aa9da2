using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using CareGrid.Tests.PeopleDirectory;

namespace CareGrid.Tests.Idempotency;

/// <summary>
/// Retries with an idempotency key over GraphQL (docs/idempotency.md): the same request twice with one key writes once
/// and answers the first result; the key with another request answers IDEMPOTENCY_KEY_REUSED and writes nothing.
/// </summary>
[Trait("tier", "api")]
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
        // …a member of the counselling centre, which serves the whole school (docs/access.md, need-to-know by organization).
        await StaffMembers.AddAsync(_api.Factory, _api.Client, tenant, "clinician@" + tenant, "counselling-centre", "PsychologyTeacher", "RelevantDegree", "CounsellingCertificate");
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
        // A census answer needs the person's unit in the caller's scope (R-4.3, docs/access.md "Census rounds"): the psychology teacher's centre serves the school.
        await StaffMembers.AddAsync(factory, _api.Client, tenant, $"counsellor@{tenant}", "counselling-centre", "PsychologyTeacher", "RelevantDegree", "CounsellingCertificate");
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

    [Fact]
    public async Task Refuse_an_empty_or_blank_key_on_every_keyed_mutation_and_write_nothing()
    {
        var (tenant, person) = await SchoolWithStudentAsync();
        var psych = _api.As(tenant, Roles.Counsellor);
        var caseId = (await _api.OkAsync(tenant, Report, new { @in = new { personId = person, summary = "Sad", riskLevel = "LOW" } }, psych))["reportConcern"]!["id"]!.GetValue<string>();
        var round = (await _api.OkAsync(tenant, "mutation { startCensusRound(input: { name: \"Week 1\", organizationIds: [\"class-1\"] }) { roundId } }", token: psych))["startCensusRound"]!["roundId"]!.GetValue<string>();
        (string Query, string? Token)[] keyed =
        [
            ("mutation($key: String) { logContact(id: \"CASE\", channel: PHONE, durationMinutes: 10, idempotencyKey: $key) { id } }", psych),
            ("mutation($key: String) { recordScreening(id: \"CASE\", instrument: GAD7, answers: [1,1,1,1,1,1,1], idempotencyKey: $key) { id } }", psych),
            ("mutation($key: String) { scheduleFollowUp(id: \"CASE\", idempotencyKey: $key) { id } }", psych),
            ("mutation($key: String) { proposeReferral(id: \"CASE\", institution: \"Hospital\", reason: \"Needs a clinician\", idempotencyKey: $key) { id } }", psych),
            ("mutation($key: String) { openCaseFromCensus(roundId: \"ROUND\", personId: \"stu-1\", summary: \"Low mood\", idempotencyKey: $key) { id } }", null), // the admin: the person's unit is in scope, else the unit refusal comes first (RT17-3)
            ("mutation($key: String) { importRoster(organizationId: \"class-1\", csv: \"externalId,displayName\\nE1,Empty Key\\n\", idempotencyKey: $key) { id } }", null),
            ("mutation($key: String) { reportConcern(input: { personId: \"stu-1\", summary: \"Again\", idempotencyKey: $key }) { id } }", psych),
            ("mutation($key: String) { recordCensus(input: { roundId: \"ROUND\", personId: \"stu-1\", mood: LOW, idempotencyKey: $key }) { recorded } }", null),
            ("mutation($key: String) { startCensusRound(input: { name: \"Week 2\", organizationIds: [\"class-1\"], idempotencyKey: $key }) { roundId } }", psych),
            ("mutation($key: String) { registerPerson(input: { displayName: \"Nuo\", organizationId: \"class-1\", idempotencyKey: $key }) { id } }", null),
            ("mutation($key: String) { createOrganization(input: { name: \"Class 2\", kind: CLASS, parentId: \"school\", idempotencyKey: $key }) { id } }", null),
        ];
        foreach (var (query, token) in keyed)
        {
            foreach (var key in new[] { "", "   " })
            {
                var refused = await _api.PostAsync(tenant, query.Replace("CASE", caseId).Replace("ROUND", round), new { key }, token);
                Assert.True(refused.FirstCode == "VALIDATION_FAILED", $"{query}: {refused.FirstCode}");
                Assert.Equal("idempotencyKey", refused.Errors![0]!["extensions"]!["field"]!.GetValue<string>());
            }
        }

        var read = (await _api.OkAsync(tenant, $"{{ case(id: \"{caseId}\") {{ {CaseParts} }} }}", token: psych))["case"]!;
        Assert.Empty(read["contacts"]!.AsArray());
        Assert.Empty(read["screenings"]!.AsArray());
        Assert.Empty(read["referrals"]!.AsArray());
        Assert.DoesNotContain(read["timeline"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "ConcernAdded");
        Assert.Equal(["stu-1"], (await _api.AllPeopleAsync(tenant, new { organization = "class-1" })).Ids);
    }

    [Fact]
    public async Task Refuse_a_report_key_reused_for_another_person_after_its_first_report_opened_a_case()
    {
        var (tenant, p1) = await SchoolWithStudentAsync();
        await _api.OkAsync(tenant, "mutation { registerPerson(input: { id: \"stu-2\", displayName: \"Second\", organizationId: \"class-1\" }) { id } }");
        await _api.OkAsync(tenant, "mutation { registerPerson(input: { id: \"stu-3\", displayName: \"Third\", organizationId: \"class-1\" }) { id } }");
        var psych = _api.As(tenant, Roles.Counsellor);
        var p1Case = (await _api.OkAsync(tenant, Report, new { @in = new { personId = p1, summary = "Open case of P1", riskLevel = "LOW" } }, psych))["reportConcern"]!["id"]!.GetValue<string>();

        // The key's first use opens a case for P2.
        var p2Report = new { personId = "stu-2", summary = "Worried about P2", riskLevel = "MODERATE", idempotencyKey = "k-same-1" };
        var p2Case = (await _api.OkAsync(tenant, Report, new { @in = p2Report }, psych))["reportConcern"]!;
        Assert.Equal("OPENED_NEW_CASE", p2Case["reportOutcome"]!.GetValue<string>());

        // Reused for P1, which has an open case: refused, and P1's case does not take the concern.
        await ExpectReusedAsync(tenant, Report, new { @in = p2Report with { personId = p1 } }, psych);
        var p1Read = (await _api.OkAsync(tenant, $"{{ case(id: \"{p1Case}\") {{ riskLevel timeline {{ action }} }} }}", token: psych))["case"]!;
        Assert.DoesNotContain(p1Read["timeline"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "ConcernAdded");
        Assert.Equal("LOW", p1Read["riskLevel"]!.GetValue<string>());

        // Reused for P3, which has no case: refused, and P3's registry is left clean (an unkeyed report opens P3's own case).
        await ExpectReusedAsync(tenant, Report, new { @in = p2Report with { personId = "stu-3" } }, psych);
        var p3Case = (await _api.OkAsync(tenant, Report, new { @in = new { personId = "stu-3", summary = "Worried about P3", riskLevel = "LOW" } }, psych))["reportConcern"]!;
        Assert.Equal("OPENED_NEW_CASE", p3Case["reportOutcome"]!.GetValue<string>());
        Assert.NotEqual(p2Case["id"]!.GetValue<string>(), p3Case["id"]!.GetValue<string>());

        // The first report's retry still answers its case.
        var retry = (await _api.OkAsync(tenant, Report, new { @in = p2Report }, psych))["reportConcern"]!;
        Assert.Equal((p2Case["id"]!.GetValue<string>(), "OPENED_NEW_CASE"), (retry["id"]!.GetValue<string>(), retry["reportOutcome"]!.GetValue<string>()));
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
        // The reporting psychology teacher (As(tenant, Counsellor)) is a member of the counselling centre, which serves the
        // whole school: they stay on the cases they report (RT17-7).
        await StaffMembers.SchoolPsychologistAsync(_api.Factory, _api.Client, tenant, "counsellor@" + tenant);
        return (tenant, "stu-1");
    }
}
