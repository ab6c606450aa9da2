using System.Text.Json;
using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.GraphApi.Fhir;
using CareGrid.Tests.Infrastructure;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Task = System.Threading.Tasks.Task;

namespace CareGrid.Tests.Fhir;

/// <summary>
/// <c>screeningsFhir</c> through GraphQL over HTTP (docs/fhir.md): a person's screenings come back as a FHIR R4 Bundle that
/// Firely's R4 parser reads in strict mode — QuestionnaireResponses naming LOINC's PHQ-9 (44249-1) and GAD-7 (69737-5)
/// panels and CareGrid's own canonical for the C-SSRS screener, with the answers, totals, and identifiers only; refused
/// without the person's INFORMATION_SHARING consent (CONSENT_REQUIRED, state unchanged) and to staff without need-to-know
/// (FORBIDDEN); the read is audited.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class ScreeningsFhirApiShould(CareGridApiFactory factory)
{
    private const string Path = "/t/demo-school/graphql";
    private readonly GraphQLClient _client = factory.GraphQL();
    private readonly string _psych = factory.TokenFor("counsellor@demo-school", "demo-school", Roles.Counsellor);

    /// <summary>Firely's strict R4 parser: unknown elements, bad values or broken invariants of the JSON format throw.</summary>
    private static readonly JsonSerializerOptions Strict = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector).UsingMode(DeserializationMode.Strict);

    private async Task<JsonNode> OkAsync(string query, string? token = null) => (await _client.PostAsync(Path, query, token: token ?? _psych)).EnsureNoErrors().Data!;

    private async Task<(string Student, string CaseId)> ScreenedStudentAsync()
    {
        var student = await DemoStudents.NewAsync(_client, _psych);
        var caseId = (await OkAsync($"mutation {{ reportConcern(input: {{ personId: \"{student}\", summary: \"Low mood and worry\", riskLevel: MODERATE }}) {{ id }} }}"))["reportConcern"]!["id"]!.GetValue<string>();
        await OkAsync($"mutation {{ recordScreening(id: \"{caseId}\", instrument: PHQ9, answers: [3,3,2,2,2,2,2,2,1]) {{ id }} }}");
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        await OkAsync($"mutation {{ recordScreening(id: \"{caseId}\", instrument: GAD7, answers: [2,2,2,2,1,1,1]) {{ id }} }}");
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        await OkAsync($"mutation {{ recordScreening(id: \"{caseId}\", instrument: CSSRS, answers: [1,0,null,null,null,0,null]) {{ id }} }}");
        return (student, caseId);
    }

    private async Task GrantSharingAsync(string student)
    {
        await OkAsync($"mutation {{ setPersonContacts(personId: \"{student}\", contacts: [{{ kind: GUARDIAN, name: \"Mother Nine\", relationship: \"mother\" }}]) {{ id }} }}");
        await OkAsync($"mutation {{ recordConsent(personId: \"{student}\", purpose: INFORMATION_SHARING, decision: GRANTED, givenBy: GUARDIAN) {{ id }} }}");
    }

    [Fact]
    public async Task Export_the_screenings_as_a_bundle_the_FHIR_R4_parser_reads()
    {
        var (student, caseId) = await ScreenedStudentAsync();
        await GrantSharingAsync(student);

        var json = (await OkAsync($"{{ screeningsFhir(personId: \"{student}\") }}"))["screeningsFhir"]!.GetValue<string>();
        var bundle = JsonSerializer.Deserialize<Bundle>(json, Strict)!;

        Assert.Equal(Bundle.BundleType.Collection, bundle.Type);
        var responses = bundle.Entry.Select(e => Assert.IsType<QuestionnaireResponse>(e.Resource)).ToList();
        Assert.Equal([ScreeningQuestionnaires.Phq9, ScreeningQuestionnaires.Gad7, "urn:caregrid:questionnaire:cssrs-screener"], responses.Select(r => r.Questionnaire));
        Assert.All(responses, r =>
        {
            Assert.Equal(QuestionnaireResponse.QuestionnaireResponseStatus.Completed, r.Status);
            Assert.Equal(("urn:caregrid:demo-school:person", student), (r.Subject!.Identifier!.System, r.Subject.Identifier.Value));
            Assert.Equal("counsellor@demo-school", r.Author!.Identifier!.Value);
            Assert.StartsWith(caseId + "/", r.Identifier!.Value, StringComparison.Ordinal);
        });
        var phq = responses[0];
        Assert.Equal(["44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8", "44261-6"], phq.Item.Select(i => i.LinkId));
        Assert.Equal([3, 3, 2, 2, 2, 2, 2, 2, 1, 19], phq.Item.Select(i => ((Integer)i.Answer.Single().Value!).Value!.Value));
        Assert.Equal(11, ((Integer)responses[1].Item.Single(i => i.LinkId == "70274-6").Answer.Single().Value!).Value);
        // C-SSRS: yes/no answers, the questions not asked left out, no total.
        Assert.Equal(["1", "2", "6"], responses[2].Item.Select(i => i.LinkId));
        Assert.Equal([true, false, false], responses[2].Item.Select(i => ((FhirBoolean)i.Answer.Single().Value!).Value!.Value));
        Assert.True(responses[0].AuthoredElement!.ToDateTimeOffset(TimeSpan.Zero) < responses[2].AuthoredElement!.ToDateTimeOffset(TimeSpan.Zero));
        Assert.DoesNotContain("Student ", json, StringComparison.Ordinal); // no display name, only identifiers
    }

    [Fact]
    public async Task Refuse_without_information_sharing_consent_naming_the_purpose()
    {
        var (student, _) = await ScreenedStudentAsync();

        var refused = await _client.PostAsync(Path, $"{{ screeningsFhir(personId: \"{student}\") }}", token: _psych);

        Assert.Equal("CONSENT_REQUIRED", refused.FirstCode);
        Assert.Equal("INFORMATION_SHARING", refused.Errors![0]!["extensions"]!["purpose"]!.GetValue<string>());
        Assert.Null(refused.Data?["screeningsFhir"]);
        var log = await AuditOfAsync(student);
        Assert.DoesNotContain(log, n => n!["action"]!.GetValue<string>() == "READ" && n["purpose"]!.GetValue<string>() == "screeningsFhir");
    }

    [Fact]
    public async Task Refuse_staff_without_need_to_know_and_audit_the_read()
    {
        var (student, _) = await ScreenedStudentAsync();
        await GrantSharingAsync(student);
        var other = factory.TokenFor("teacher2@demo-school", "demo-school", Roles.Caseworker);

        var refused = await _client.PostAsync(Path, $"{{ screeningsFhir(personId: \"{student}\") }}", token: other);
        (await _client.PostAsync(Path, $"{{ screeningsFhir(personId: \"{student}\") }}", token: _psych)).EnsureNoErrors();

        Assert.Equal("FORBIDDEN", refused.FirstCode);
        Assert.Equal("need-to-know", refused.Errors![0]!["extensions"]!["rule"]!.GetValue<string>());
        var log = await AuditOfAsync(student);
        Assert.Contains(log, n => n!["action"]!.GetValue<string>() == "READ" && n["purpose"]!.GetValue<string>() == "screeningsFhir" && n["actor"]!.GetValue<string>() == "counsellor@demo-school");
        Assert.Contains(log, n => n!["action"]!.GetValue<string>() == "DENIED" && n["actor"]!.GetValue<string>() == "teacher2@demo-school");
    }

    [Fact]
    public async Task Refuse_an_unknown_person_as_one_outside_need_to_know()
    {
        var response = await _client.PostAsync(Path, "{ screeningsFhir(personId: \"nobody-here-xyz\") }", token: _psych);

        // Round 16 red team F12: the same refusal as for a person outside need-to-know, so ids cannot be probed.
        Assert.Equal(("FORBIDDEN", "need-to-know"), (response.FirstCode, response.Errors![0]!["extensions"]!["rule"]!.GetValue<string>()));
    }

    private async Task<JsonArray> AuditOfAsync(string student)
    {
        var auditor = factory.TokenFor("auditor@demo-school", "demo-school", Roles.Auditor);
        return (await _client.PostAsync(Path, $"{{ auditLog(filter: {{ entityId: \"{student}\" }}, first: 50) {{ nodes {{ action actor purpose }} }} }}", token: auditor))
            .EnsureNoErrors().Data!["auditLog"]!["nodes"]!.AsArray();
    }
}
