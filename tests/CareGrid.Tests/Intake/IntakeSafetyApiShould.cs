using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Intake;

/// <summary>
/// The safety rules of intake through GraphQL over HTTP (docs/intake.md): a known caller graded IMMINENT starts the
/// high-risk protocol in the logCall request itself (R-1.10), once; a person-referencing intake mutation is refused
/// (FORBIDDEN, rule need-to-know, audited) outside the caller's units, with the same answer for an unknown id.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class IntakeSafetyApiShould(CareGridApiFactory factory)
{
    private const string Path = "/t/demo-school/graphql";
    private readonly GraphQLClient _client = factory.GraphQL();

    private async Task<string> PsychologyTeacherAsync()
    {
        await StaffMembers.AddAsync(factory, _client, "demo-school", "psych-safety@demo-school", "counselling-centre", "PsychologyTeacher",
            "RelevantDegree", "CounsellingCertificate");
        return factory.TokenFor("psych-safety@demo-school", "demo-school", Roles.Counsellor);
    }

    [Fact]
    public async Task Start_the_high_risk_protocol_when_an_imminent_call_is_logged_and_not_twice_on_a_retry()
    {
        var psych = await PsychologyTeacherAsync();
        var student = await DemoStudents.NewAsync(_client, psych);
        var log = $"mutation {{ logCall(input: {{ channel: HOTLINE, callerPersonId: \"{student}\", summary: \"Standing on the roof\", "
            + "riskCheck: { inDangerNow: true, intentOrPlan: true }, idempotencyKey: \"roof-1\" }) { id riskLevel caseId } }";
        var first = (await _client.PostAsync(Path, log, token: psych)).EnsureNoErrors().Data!["logCall"]!;
        Assert.Equal("IMMINENT", first["riskLevel"]!.GetValue<string>());
        var caseId = first["caseId"]?.GetValue<string>();
        Assert.NotNull(caseId);

        var opened = await _client.PostAsync(Path, $"{{ case(id: \"{caseId}\") {{ personId escalationLevel tasks {{ id }} }} }}", token: psych);
        var @case = opened.EnsureNoErrors().Data!["case"]!;
        Assert.Equal((student, 3), (@case["personId"]!.GetValue<string>(), @case["escalationLevel"]!.GetValue<int>()));
        Assert.NotEmpty(@case["tasks"]!.AsArray());

        var retry = (await _client.PostAsync(Path, log, token: psych)).EnsureNoErrors().Data!["logCall"]!;
        Assert.Equal((first["id"]!.GetValue<string>(), caseId), (retry["id"]!.GetValue<string>(), retry["caseId"]!.GetValue<string>()));
        var converted = await _client.PostAsync(Path, $"mutation {{ convertCallToConcern(id: \"{first["id"]!.GetValue<string>()}\") {{ caseId }} }}", token: psych);
        Assert.Equal(caseId, converted.EnsureNoErrors().Data!["convertCallToConcern"]!["caseId"]!.GetValue<string>());
        var cases = await _client.PostAsync(Path, $"{{ cases(filter: {{ person: \"{student}\" }}) {{ nodes {{ id }} }} }}", token: psych);
        Assert.Single(cases.EnsureNoErrors().Data!["cases"]!["nodes"]!.AsArray());
    }

    [Fact]
    public async Task Refuse_an_out_of_scope_caseworker_without_naming_the_persons_unit_and_audit_it()
    {
        var psych = await PsychologyTeacherAsync();
        var student = await DemoStudents.NewAsync(_client, psych);
        var subject = $"unassigned-{Guid.NewGuid():N}@demo-school";
        var caseworker = factory.TokenFor(subject, "demo-school", Roles.Caseworker);
        var reporter = factory.TokenFor($"committee-{Guid.NewGuid():N}@demo-school", "demo-school", Roles.Reporter);

        JsonNode? Refusal(GraphQLResponse r) => r.Errors![0]!;
        var answers = new List<(string? Code, string? Rule, string? Message, bool Data)>();
        foreach (var id in new[] { student, "no-such-person-42" })
        {
            var appt = await _client.PostAsync(Path,
                $"mutation {{ requestAppointment(input: {{ personId: \"{id}\", reason: \"Cannot sleep\" }}) {{ id organizationId }} }}", token: caseworker);
            var call = await _client.PostAsync(Path,
                $"mutation {{ logCall(input: {{ channel: HOTLINE, callerPersonId: \"{id}\", summary: \"Sad\" }}) {{ id organizationId }} }}", token: reporter);
            foreach (var r in new[] { appt, call })
            {
                var e = Refusal(r)!;
                answers.Add((r.FirstCode, e["extensions"]?["rule"]?.GetValue<string>(), e["message"]!.GetValue<string>().Replace(id, "ID"),
                    r.Body!.ToJsonString().Contains("class-8-1")));
            }
        }

        // A person of the tenant outside the caller's units: FORBIDDEN need-to-know, and the answer never names their unit;
        // an id no person has: the very same answer (red team RT17-3, docs/access.md), so the refusal tells nothing of existence.
        Assert.All(answers, a => Assert.Equal(("FORBIDDEN", "need-to-know", false), (a.Code, a.Rule, a.Data)));
        Assert.Equal(answers.Take(2).Select(a => a.Message), answers.Skip(2).Select(a => a.Message));

        var auditor = factory.TokenFor("auditor@demo-school", "demo-school", Roles.Auditor);
        var log = await _client.PostAsync(Path, $"{{ auditLog(filter: {{ actor: \"{subject}\", action: \"DENIED\" }}, first: 50) {{ nodes {{ action refusal {{ code }} }} }} }}", token: auditor);
        Assert.Equal(2, log.EnsureNoErrors().Data!["auditLog"]!["nodes"]!.AsArray().Count);
    }
}
