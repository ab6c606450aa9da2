using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CareGrid.Tests.Security;

/// <summary>
/// A corpus of hostile requests — deep nesting, alias floods, huge strings, invalid UTF-8, wrong types, other
/// tenants' ids, injection-looking ids — against the real service: no 5xx, no state change, and a stable
/// <c>extensions.code</c> for every one.
/// </summary>
[Trait("tier", "api")]
public sealed class HostileInputShould(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly HashSet<string> StableCodes = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).Concat(CareGrid.GraphApi.Http.TransportErrorCodes.All).ToHashSet();

    private readonly CareGridApiFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static byte[] Json(string query, object? variables = null) => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { query, variables }));

    private static IEnumerable<(string Name, byte[] Body)> Corpus()
    {
        // Deep nesting: valid-looking and nonsense selections, and fragments that nest through each other.
        foreach (var depth in new[] { 13, 20, 50, 100, 127, 200, 500, 1000, 5000 })
        {
            yield return ($"nesting {depth}", Json("{ " + string.Concat(Enumerable.Repeat("a { ", depth)) + "b" + new string('}', depth) + " }"));
            yield return ($"list nesting {depth}", Json("{ me { subject } x: cases(filter: { person: " + string.Concat(Enumerable.Repeat("[", Math.Min(depth, 300))) + "\"x\"" + new string(']', Math.Min(depth, 300)) + " }) { nodes { id } } }"));
        }

        yield return ("fragment cycle", Json("query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }"));
        yield return ("self fragment", Json("query { ...A } fragment A on Query { me { subject } ...A }"));
        foreach (var bomb in QueryBombs.All)
        {
            yield return ($"fragment bomb {bomb.Name}", Json(bomb.Query));
        }

        // Alias floods.
        foreach (var count in new[] { 31, 50, 100, 500, 2000 })
        {
            yield return ($"{count} aliases", Json("{ " + string.Join(" ", Enumerable.Range(0, count).Select(i => $"a{i}: me {{ subject }}")) + " }"));
            yield return ($"{count} aliased cases", Json("{ " + string.Join(" ", Enumerable.Range(0, count).Select(i => $"c{i}: cases(first: 100) {{ nodes {{ id }} }}")) + " }"));
        }

        // Cost: many full pages.
        yield return ("costly pages", Json("{ " + string.Join(" ", Enumerable.Range(0, 12).Select(i => $"p{i}: cases(first: 100) {{ nodes {{ id personId status riskLevel escalationLevel assigneeId reportedAt updatedAt organizationId }} }}")) + " }"));
        yield return ("costly pages 2", Json("{ a: cases(first: 100) { nodes { id } } b: people(first: 100) { nodes { id } } c: myTasks(first: 100) { nodes { id } } d: cases(first: 100) { nodes { id personId status riskLevel escalationLevel assigneeId reportedAt updatedAt organizationId } } e: overdueTasks(first: 100) { nodes { id kind dueAt ownerId status caseId escalationCount } } f: cases(first: 100) { nodes { id personId status riskLevel escalationLevel assigneeId reportedAt updatedAt organizationId } } g: people(first: 100) { nodes { id displayName organizationId } } h: people(first: 100) { nodes { id displayName organizationId } } i: myTasks(first: 100) { nodes { id kind dueAt ownerId status caseId escalationCount } } j: myTasks(first: 100) { nodes { id kind dueAt ownerId status caseId escalationCount } } }"));

        // Huge strings.
        foreach (var size in new[] { 4001, 10_000, 100_000, 200_000 })
        {
            yield return ($"summary of {size}", Json("mutation($s: String!) { reportConcern(input: { personId: \"student-002\", summary: $s }) { id } }", new { s = new string('x', size) }));
            yield return ($"reason of {size}", Json("mutation($s: String!) { closeCase(id: \"case-school-1\", reason: $s) { id } }", new { s = new string('y', size) }));
        }

        foreach (var size in new[] { 300_000, 1_000_000, 3_000_000 })
        {
            yield return ($"body of {size}", Json("{ me { subject } }", new { pad = new string('z', size) }));
        }

        // Invalid UTF-8 and malformed JSON.
        byte[][] invalid =
        [
            [0xff, 0xfe, 0xfd],
            [(byte)'{', (byte)'"', (byte)'q', 0xc3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}'],
            [.. Encoding.UTF8.GetBytes("{\"query\":\"{ me { subject } }\",\"x\":\""), 0xed, 0xa0, 0x80, (byte)'"', (byte)'}'],
            [.. Encoding.UTF8.GetBytes("{\"query\":\""), 0xf8, 0x88, 0x80, 0x80, 0x80, (byte)'"', (byte)'}'],
            Encoding.UTF8.GetBytes("{\"query\": \"{ me }\", }"),
            Encoding.UTF8.GetBytes("[{\"query\": \"{ me { subject } }\"}]"),
            Encoding.UTF8.GetBytes("\"just a string\""),
            Encoding.UTF8.GetBytes("{\"query\": 42}"),
            Encoding.UTF8.GetBytes("{\"query\": null}"),
            Encoding.UTF8.GetBytes("{\"query\": \"{ me { subject } }\", \"variables\": \"not-an-object\"}"),
            Encoding.UTF8.GetBytes("{\"query\": \"{ me { subject } }\", \"operationName\": 7}"),
            Encoding.UTF8.GetBytes("{\"query\": \"{ me { subject } }\", \"extensions\": [1]}"),
            Encoding.UTF8.GetBytes(new string('{', 10_000)),
            Encoding.UTF8.GetBytes("{\"query\": \"" + new string('\\', 1) + "u0000\"}"),
            [],
        ];
        for (var i = 0; i < invalid.Length; i++)
        {
            yield return ($"malformed body {i}", invalid[i]);
        }

        // Wrong types.
        string[] wrongTypes =
        [
            "{ cases(first: \"ten\") { nodes { id } } }",
            "{ cases(first: 1.5) { nodes { id } } }",
            "{ cases(first: 0) { nodes { id } } }",
            "{ cases(first: 101) { nodes { id } } }",
            "{ cases(first: -1) { nodes { id } } }",
            "{ cases(after: \"!!!not-base64!!!\") { nodes { id } } }",
            "{ cases(filter: { level: 9 }) { nodes { id } } }",
            "{ cases(filter: { status: OPENED }) { nodes { id } } }",
            "{ case(id: 12.5) { id } }",
            "{ case(id: { a: 1 }) { id } }",
            "{ case(id: null) { id } }",
            "{ case { id } }",
            "mutation { assessRisk(id: \"case-school-1\", riskLevel: \"HIGH\", reason: \"x\") { id } }",
            "mutation { assessRisk(id: \"case-school-1\", riskLevel: EXTREME, reason: \"x\") { id } }",
            "mutation { logContact(id: \"case-school-1\", channel: PHONE, durationMinutes: 99999999999) { id } }",
            "mutation { logContact(id: \"case-school-1\", channel: PHONE, durationMinutes: -5) { id } }",
            "mutation { recordScreening(id: \"case-school-1\", instrument: PHQ9, answers: [\"a\"]) { id } }",
            "mutation { recordScreening(id: \"case-school-1\", instrument: PHQ9, answers: [1,1,1,1,1,1,1,1,1,1,1]) { id } }",
            "mutation { recordScreening(id: \"case-school-1\", instrument: K10, answers: [0,0,0,0,0,0,0,0,0,0]) { id } }",
            "mutation { scheduleFollowUp(id: \"case-school-1\", dueAt: \"yesterday\") { id } }",
            "mutation { scheduleFollowUp(id: \"case-school-1\", dueAt: \"2001-01-01T00:00:00Z\") { id } }",
            "mutation { setProtocolDeadline(kind: FOLLOW_UP_VISIT, amount: -3, unit: HOURS) { timeZone } }",
            "mutation { setProtocolDeadline(kind: FOLLOW_UP_VISIT, amount: 999999999, unit: WORKING_DAYS) { timeZone } }",
            "mutation { setWorkingCalendar(holidays: [\"2026-02-30\"]) { timeZone } }",
            "mutation { escalateCase(id: \"case-school-1\", level: 0, reason: \"down\") { id } }",
            "mutation { escalateCase(id: \"case-school-1\", level: 7, reason: \"up\") { id } }",
            "mutation { registerPerson(input: { displayName: \"\", organizationId: \"class-8-1\" }) { id } }",
            "mutation { registerPerson(input: { displayName: \"X\", organizationId: \"class-8-1\", birthYear: 1200 }) { id } }",
            "mutation { createOrganization(input: { name: \"X\", kind: CLASS, escalationLevel: 4 }) { id } }",
            "mutation { breakTheGlass(entity: CASE, id: \"case-school-1\", reason: \"short\") { until } }",
            "mutation { breakTheGlass(entity: CASE, id: \"case-school-1\", reason: \"a long enough reason here\", minutes: 100000) { until } }",
            "subscription { me { subject } }",
            "query A { me { subject } } query A { me { subject } }",
            "query ($x: Int) { me { subject } }",
            "{ me { subject } } mutation { triageCase(id: \"x\") { id } }",
            "{ __schema { types { name } } __type(name: \"Case\") { name } me { doesNotExist } }",
        ];
        foreach (var query in wrongTypes)
        {
            yield return ($"wrong type: {query[..Math.Min(50, query.Length)]}", Json(query));
        }

        // Text only a decoding failure produces (U+FFFD, C1 controls) or that is unsafe to store, in every kind of stored text.
        // Invisible format characters (zero-width space/joiners, LRM/RLM, Arabic letter mark, word joiner, invisible
        // operators, U+180E outside Mongolian, tags) make two different names look identical: refused in single-line text.
        string[] garbled = ["张\uFFFD", "\uFFFD\uFFFD\uFFFD", "Ã¥Â¼\u0080", "Li\u0000Na", "Li\u202ENa", "Li\uFFFF", "张\u200B伟", "张\u200C伟", "张\u200D伟",
            "Li\u200ENa", "Li\u200FNa", "Li\u061CNa", "Li\u2060Na", "Li\u2062Na", "Li\u2064Na", "Li\u180ENa", "Li\u00ADNa", "\u3164", "Li\U000E0041"];
        // Free text refuses bidirectional controls and the invisible characters no text needs (U+200B, U+2060–U+2065, Hangul fillers).
        string[] freeTextMayHold = ["\u200C", "\u200D", "\u200E", "\u200F", "\u061C", "\u180E", "\u00AD", "\U000E0041"];
        for (var i = 0; i < garbled.Length; i++)
        {
            var t = garbled[i];
            yield return ($"garbled registerPerson {i}", Json("mutation($t: String!) { registerPerson(input: { displayName: $t, organizationId: \"class-8-1\" }) { id } }", new { t }));
            yield return ($"garbled externalId {i}", Json("mutation($t: String!) { registerPerson(input: { displayName: \"Li Na\", externalId: $t, organizationId: \"class-8-1\" }) { id } }", new { t }));
            yield return ($"garbled updatePerson {i}", Json("mutation($t: String!) { updatePerson(input: { id: \"student-002\", displayName: $t, organizationId: \"class-8-1\" }) { id } }", new { t }));
            yield return ($"garbled organization {i}", Json("mutation($t: String!) { createOrganization(input: { name: $t, kind: CLASS, parentId: \"class-8-1\" }) { id } }", new { t }));
            yield return ($"garbled roster header {i}", Json("mutation($csv: String!) { importRoster(organizationId: \"class-8-1\", csv: $csv) { id } }", new { csv = $"externalId,display{t}Name\nX1,Li\n" }));
            if (!freeTextMayHold.Any(f => t.Contains(f, StringComparison.Ordinal)))
            {
                // Free text (summaries, notes) may hold joiners (emoji sequences) and bidi marks (mixed-script notes);
                // everything else in the list is refused there too.
                yield return ($"garbled summary {i}", Json("mutation($t: String!) { reportConcern(input: { personId: \"student-002\", summary: $t }) { id } }", new { t }));
            }
        }

        yield return ("unpaired surrogate escape", Json("mutation { registerPerson(input: { displayName: \"Wang\\uD800\", organizationId: \"class-8-1\" }) { id } }"));
        yield return ("unpaired surrogate variable", Encoding.UTF8.GetBytes("{\"query\": \"mutation($t: String!) { registerPerson(input: { displayName: $t, organizationId: \\\"class-8-1\\\" }) { id } }\", \"variables\": { \"t\": \"Wang\\uDC00\" }}"));

        yield return ("variable type mismatch", Json("query($f: Int) { cases(first: $f) { nodes { id } } }", new { f = "ten" }));
        yield return ("variable object for id", Json("query($id: ID!) { case(id: $id) { id } }", new { id = new { nested = true } }));
        yield return ("missing variable", Json("query($id: ID!) { case(id: $id) { id } }"));

        // Ids of other tenants and injection-looking ids, in every case mutation and lookup.
        string[] hostileIds =
        [
            "case-town-1", "demo-town/case-town-1", "../demo-town/case-town-1", "case-school-1/../../x", "' OR 1=1 --", "\"; DROP TABLE cases; --",
            "<script>alert(1)</script>", "${jndi:ldap://x}", "{{7*7}}", "%00", "case-school-1\u0000", "\u202e1-loohcs-esac", "🙂", "../../etc/passwd",
            "C:\\Windows\\system32", "platform", "demo-school", "queue:level-3", new string('a', 65), " ", "", "case school 1", "case-school-1%2f",
            "PartitionKey eq 'demo-town'", "*", "audit", "grants/Case:case-school-1",
        ];
        string[] caseMutations =
        [
            "triageCase(id: $id)", "activateCase(id: $id, assigneeId: \"x\")", "closeCase(id: $id, reason: \"x\")", "reopenCase(id: $id, reason: \"x\")",
            "assessRisk(id: $id, riskLevel: HIGH, reason: \"x\")", "startIntervention(id: $id)", "escalateCase(id: $id, level: 3, reason: \"x\")",
            "logContact(id: $id, channel: PHONE, durationMinutes: 1)",
        ];
        foreach (var id in hostileIds)
        {
            var mutation = caseMutations[Math.Abs(id.GetHashCode(StringComparison.Ordinal)) % caseMutations.Length];
            yield return ($"hostile case id {id}", Json($"mutation($id: ID!) {{ {mutation} {{ id }} }}", new { id }));
            yield return ($"hostile person id {id}", Json("mutation($id: ID!) { reportConcern(input: { personId: $id, summary: \"x\" }) { id } }", new { id }));
            yield return ($"hostile consent id {id}", Json("mutation($id: ID!) { recordConsent(personId: $id, purpose: SERVICES, decision: GRANTED) { id } }", new { id }));
            yield return ($"hostile organization id {id}", Json("mutation($id: ID!) { registerPerson(input: { displayName: \"Intruder\", organizationId: $id }) { id } }", new { id }));
            yield return ($"hostile glass id {id}", Json("mutation($id: ID!) { breakTheGlass(entity: PERSON, id: $id, reason: \"looking around for fun\") { until } }", new { id }));
        }
    }

    private async Task<string> SnapshotAsync(GraphQLClient client)
    {
        var sb = new StringBuilder();
        sb.Append((await client.PostAsync("/graphql", "{ tenants { id status updatedAt } }", token: _factory.Token(null, Roles.PlatformAdmin))).Body!.ToJsonString());
        foreach (var tenant in new[] { "demo-school", "demo-town", "demo-district" })
        {
            var admin = _factory.TokenFor("snapshot@" + tenant, tenant, Roles.TenantAdmin);
            sb.Append((await client.PostAsync($"/t/{tenant}/graphql", "{ cases(first: 100) { nodes { id status riskLevel escalationLevel assigneeId updatedAt } } people(first: 100) { nodes { id displayName } } organizations { id status } protocolSettings { holidays deadlines { kind amount unit } } }", token: admin)).Body!.ToJsonString());
        }

        return sb.ToString();
    }

    [Fact]
    public async Task Give_no_server_error_no_state_change_and_a_stable_code_for_every_hostile_request()
    {
        var client = _factory.GraphQL();
        var before = await SnapshotAsync(client);
        var corpus = Corpus().ToList();
        Assert.True(corpus.Count >= 200, $"the corpus has only {corpus.Count} requests");
        var staff = _factory.TokenFor("homeroom-8-1@demo-school", "demo-school", Roles.Caseworker, Roles.TenantAdmin);
        var failures = new List<string>();
        foreach (var (name, body) in corpus)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/t/demo-school/graphql") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.Accept.ParseAdd("application/graphql-response+json");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", staff);
            using var response = await client.Http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{name}: {(int)response.StatusCode} {text[..Math.Min(200, text.Length)]}");
                continue;
            }

            string? code = null;
            try
            {
                code = JsonNode.Parse(text)?["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>();
            }
            catch (JsonException)
            {
            }

            if (code is null || !StableCodes.Contains(code))
            {
                failures.Add($"{name}: no stable code ({(int)response.StatusCode}) {text[..Math.Min(200, text.Length)]}");
            }
        }

        var after = await SnapshotAsync(client);
        output.WriteLine($"{corpus.Count} hostile requests sent");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, after);
    }
}
