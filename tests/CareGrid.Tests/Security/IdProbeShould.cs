using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Security;

/// <summary>
/// Round 16 red team F12: a caller without need-to-know must not learn which person or case ids exist (a person's id or
/// external id is often a 学号 / resident id number). <c>person(id)</c>, the person mutations that take an id and
/// <c>case(id)</c> (and case commands) answer an id that names nobody exactly as one outside the caller's need-to-know:
/// <c>FORBIDDEN</c>, <c>rule: need-to-know</c>, the same message, naming the value sent, audited as DENIED. Round 24 red
/// team: <c>breakTheGlass</c> checks its reason and length, and <c>registerPerson</c> its input, before the id, so a probe with
/// a bad input answers the same for an id that exists and one that does not.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class IdProbeShould(CareGridApiFactory factory)
{
    private const string Path = "/t/demo-school/graphql";
    private const string MiddleSchool = "/t/demo-middle-school/graphql";
    private readonly GraphQLClient _client = factory.GraphQL();

    [Fact]
    public async Task Answer_a_missing_person_id_exactly_as_a_person_outside_need_to_know_and_audit_both()
    {
        await StaffMembers.DemoSchoolHomeroomAsync(factory, _client, "probe-registrar@demo-school"); // registers only in their class
        var registrar = factory.TokenFor("probe-registrar@demo-school", "demo-school", Roles.Caseworker);
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var existing = "probe-" + suffix;
        var externalId = "S" + suffix;
        (await _client.PostAsync(Path, "mutation($in: RegisterPersonInput!) { registerPerson(input: $in) { id } }",
            new { @in = new { id = existing, displayName = "Student " + suffix, organizationId = "class-8-1", externalId } }, registrar)).EnsureNoErrors();
        var outsider = factory.TokenFor("probe-outsider@demo-school", "demo-school", Roles.Counsellor);
        var missing = "probe-missing-" + suffix;
        var missingExternal = "S9" + suffix;

        var answers = new Dictionary<string, JsonObject>();
        foreach (var id in new[] { existing, externalId, missing, missingExternal })
        {
            var read = await _client.PostAsync(Path, "query($id: ID!) { person(id: $id) { displayName } }", new { id }, outsider);
            Assert.Null(read.Data?["person"]);
            answers[id] = Refusal(read, id);
            var write = await _client.PostAsync(Path,
                "mutation($id: ID!) { setPersonContacts(personId: $id, contacts: [{ kind: GUARDIAN, name: \"Uncle Wang\" }]) { id } }", new { id }, outsider);
            Assert.Equal(answers[id].ToJsonString(), Refusal(write, id).ToJsonString());
            var consent = await _client.PostAsync(Path,
                "mutation($id: ID!) { recordConsent(personId: $id, purpose: PROFESSIONAL_INTERVENTION, decision: GRANTED) { id } }", new { id }, outsider);
            Assert.Equal(answers[id].ToJsonString(), Refusal(consent, id).ToJsonString());
        }

        Assert.Single(answers.Values.Select(a => a.ToJsonString()).Distinct()); // the same code, rule, entity and message for all four
        Assert.DoesNotContain(existing, answers[externalId].ToJsonString(), StringComparison.Ordinal); // an external id never reveals the person id

        var auditor = factory.TokenFor("auditor@demo-school", "demo-school", Roles.Auditor);
        foreach (var id in new[] { existing, missing })
        {
            var log = await _client.PostAsync(Path, $"{{ auditLog(filter: {{ action: \"DENIED\", entityId: \"{id}\" }}, first: 10) {{ nodes {{ actor }} }} }}", token: auditor);
            Assert.Contains("probe-outsider@demo-school", log.EnsureNoErrors().Data!["auditLog"]!["nodes"]!.AsArray().Select(n => n!["actor"]!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task Answer_a_missing_case_id_exactly_as_a_case_outside_need_to_know()
    {
        await StaffMembers.DemoSchoolHomeroomAsync(factory, _client, "probe-homeroom@demo-school"); // stays on the case they report (RT17-7)
        var teacher = factory.TokenFor("probe-homeroom@demo-school", "demo-school", Roles.Caseworker);
        var student = "probe-" + Guid.NewGuid().ToString("N")[..10];
        (await _client.PostAsync(Path, $"mutation {{ registerPerson(input: {{ id: \"{student}\", displayName: \"Student\", organizationId: \"class-8-1\" }}) {{ id }} }}", token: teacher)).EnsureNoErrors();
        var caseId = (await _client.PostAsync(Path, $"mutation {{ reportConcern(input: {{ personId: \"{student}\", summary: \"Sleeps in class\" }}) {{ id }} }}", token: teacher))
            .EnsureNoErrors().Data!["reportConcern"]!["id"]!.GetValue<string>();
        (await _client.PostAsync(Path, $"mutation {{ triageCase(id: \"{caseId}\") {{ id }} }}", token: teacher)).EnsureNoErrors();
        (await _client.PostAsync(Path, $"mutation {{ activateCase(id: \"{caseId}\", assigneeId: \"probe-homeroom@demo-school\") {{ id }} }}", token: teacher)).EnsureNoErrors();
        var outsider = factory.TokenFor("probe-other-homeroom@demo-school", "demo-school", Roles.Caseworker);
        var missing = "case-probe-" + Guid.NewGuid().ToString("N")[..10];

        var foreign = await _client.PostAsync(Path, "query($id: ID!) { case(id: $id) { summary } }", new { id = caseId }, outsider);
        var none = await _client.PostAsync(Path, "query($id: ID!) { case(id: $id) { summary } }", new { id = missing }, outsider);

        Assert.Null(none.Data?["case"]);
        Assert.Equal(Refusal(foreign, caseId).ToJsonString(), Refusal(none, missing).ToJsonString());
        var write = await _client.PostAsync(Path, "mutation($id: ID!) { triageCase(id: $id) { status } }", new { id = missing }, outsider);
        Assert.Equal(Refusal(foreign, caseId).ToJsonString(), Refusal(write, missing).ToJsonString());
    }

    /// <summary>The first error's code, extensions and message, with the id sent replaced by a placeholder (it is echoed, as sent).</summary>
    [Theory]
    [InlineData("PERSON", "student-9101", "nobody-zz")]
    [InlineData("PERSON", "QS2023090101", "QS0000000000")]
    [InlineData("CASE", "case-middle-1", "case-nope")]
    [InlineData("PERSON", "student-9101", "nobody-zz", 0)]
    public async Task Answer_a_bad_glass_reason_or_length_alike_for_an_existing_and_a_missing_id(string entity, string existing, string missing, int minutes = 30)
    {
        var homeroom = factory.TokenFor("homeroom-7-1@demo-middle-school", "demo-middle-school", Roles.Caseworker);

        async Task<(string?, string?)> ProbeAsync(string id, string reason)
        {
            var r = await _client.PostAsync(MiddleSchool, "mutation($e: GrantEntity!, $id: ID!, $r: String!, $m: Int) { breakTheGlass(entity: $e, id: $id, reason: $r, minutes: $m) { until } }",
                new { e = entity, id, r = reason, m = minutes }, homeroom);
            return (r.FirstCode, r.Errors?[0]?["extensions"]?["field"]?.GetValue<string>());
        }

        var reason = minutes == 0 ? "学生今天未到校，需要核实紧急联系人" : "x";
        var expected = (string?)"VALIDATION_FAILED";

        Assert.Equal((expected, minutes == 0 ? "minutes" : "reason"), await ProbeAsync(existing, reason));
        Assert.Equal(await ProbeAsync(existing, reason), await ProbeAsync(missing, reason));
    }

    [Fact]
    public async Task Answer_a_bad_registration_alike_for_an_existing_and_a_missing_person_id()
    {
        var teacher = $"homeroom-{Guid.NewGuid().ToString("N")[..8]}@demo-middle-school";
        await StaffMembers.AddAsync(factory, _client, "demo-middle-school", teacher, "class-7-1", "HomeroomTeacher");
        var token = factory.TokenFor(teacher, "demo-middle-school", Roles.Caseworker);

        async Task<(string?, string?)> ProbeAsync(string id)
        {
            var r = await _client.PostAsync(MiddleSchool, "mutation($id: ID!) { registerPerson(input: { id: $id, displayName: \"\", organizationId: \"class-7-1\" }) { id } }",
                new { id }, token);
            return (r.FirstCode, r.Errors?[0]?["extensions"]?["field"]?.GetValue<string>());
        }

        var existing = await ProbeAsync("student-9101"); // a pupil of class 9-1, outside the teacher's units
        var missing = await ProbeAsync("nobody-" + Guid.NewGuid().ToString("N")[..8]);

        Assert.Equal(("VALIDATION_FAILED", "displayName"), existing);
        Assert.Equal(existing, missing);
    }

    private static JsonObject Refusal(GraphQLResponse response, string sent)
    {
        var error = response.Errors![0]!;
        var extensions = error["extensions"]!.AsObject();
        Assert.Equal(("FORBIDDEN", "need-to-know"), (extensions["code"]!.GetValue<string>(), extensions["rule"]!.GetValue<string>()));
        Assert.Equal(sent, extensions["id"]!.GetValue<string>());
        var copy = JsonNode.Parse(extensions.ToJsonString())!.AsObject();
        copy["id"] = "(sent)";
        copy["message"] = error["message"]!.GetValue<string>().Replace(sent, "(sent)", StringComparison.Ordinal);
        return copy;
    }
}
