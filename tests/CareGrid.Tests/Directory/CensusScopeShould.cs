using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.PeopleDirectory;

/// <summary>
/// A census round answers within the caller's units (R-3.5, R-4.3, R-7.4; docs/access.md "Census rounds"; round 16 red-team
/// finding F6): <c>censusProgress</c> and the answers of the round's mutations list the flagged person ids only of units the
/// caller's organization scope covers — every unit's counts stay — and the read is audited; <c>recordCensus</c> and
/// <c>openCaseFromCensus</c> on a person of a unit outside the caller's scope are refused <c>FORBIDDEN</c>
/// (<c>rule</c> <c>need-to-know</c>), audited <c>DENIED</c>, and change nothing.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class CensusScopeShould(CareGridApiFactory factory)
{
    private const string Tenant = "demo-school";
    private const string Path = "/t/demo-school/graphql";
    private const string Record = "mutation($r: ID!, $p: ID!, $f: [CensusFlags!]) { recordCensus(input: { roundId: $r, personId: $p, mood: DISTRESSED, flags: $f }) { recorded flaggedPersonIds } }";

    private readonly GraphQLClient _client = factory.GraphQL();

    private string Admin => factory.TokenFor("admin@demo-school", Tenant, Roles.TenantAdmin);

    private async Task<string> StaffAsync(string sub, string unit, string roleCode, string role, params string[] qualifications)
    {
        await StaffMembers.AddAsync(factory, _client, Tenant, sub, unit, roleCode, qualifications);
        return factory.TokenFor(sub, Tenant, role);
    }

    /// <summary>A new adult student (born 2000: decides on consent alone) of <paramref name="unit"/>.</summary>
    private async Task<string> StudentAsync(string unit)
    {
        var id = "cs16-" + Guid.NewGuid().ToString("N")[..12];
        (await _client.PostAsync(Path, "mutation($in: RegisterPersonInput!) { registerPerson(input: $in) { id } }",
            new { @in = new { id, displayName = "Student " + id, organizationId = unit, birthYear = 2000 } }, Admin)).EnsureNoErrors();
        return id;
    }

    private async Task<string> StartAsync(string token)
    {
        var id = "cs16-round-" + Guid.NewGuid().ToString("N")[..10];
        (await _client.PostAsync(Path, $"mutation {{ startCensusRound(input: {{ id: \"{id}\", name: \"December check\", organizationIds: [\"class-8-1\", \"class-8-2\"] }}) {{ roundId }} }}",
            token: token)).EnsureNoErrors();
        return id;
    }

    private static List<string> Ids(JsonNode? node) => node!.AsArray().Select(n => n!.GetValue<string>()).ToList();

    private async Task<JsonNode> ProgressAsync(string round, string token) =>
        (await _client.PostAsync(Path, "query($r: ID!) { censusProgress(roundId: $r) { recorded flaggedPersonIds units { organizationId recorded flagged } } }", new { r = round }, token))
            .EnsureNoErrors().Data!["censusProgress"]!;

    [Fact]
    public async Task Show_a_census_rounds_flagged_people_and_take_answers_only_within_the_callers_units()
    {
        var psych = await StaffAsync("cs16-psych@demo-school", "counselling-centre", "PsychologyTeacher", Roles.Counsellor, "RelevantDegree", "CounsellingCertificate");
        var homeroom81 = await StaffAsync("cs16-homeroom-8-1@demo-school", "class-8-1", "HomeroomTeacher", Roles.Caseworker);
        var homeroom82 = await StaffAsync("cs16-homeroom-8-2@demo-school", "class-8-2", "HomeroomTeacher", Roles.Caseworker);
        var in81 = await StudentAsync("class-8-1");
        var second81 = await StudentAsync("class-8-1");
        var in82 = await StudentAsync("class-8-2");
        var round = await StartAsync(psych);
        (await _client.PostAsync(Path, Record, new { r = round, p = in81, f = new[] { "EXCESSIVE_ANXIETY" } }, homeroom81)).EnsureNoErrors();
        var own = (await _client.PostAsync(Path, Record, new { r = round, p = in82, f = new[] { "CLOSE_CONTACT" } }, homeroom82)).EnsureNoErrors().Data!["recordCensus"]!;

        // The mutation's own answer and the query list the caller's class only; the counts of every unit stay.
        Assert.Equal([in82], Ids(own["flaggedPersonIds"]));
        var seenBy82 = await ProgressAsync(round, homeroom82);
        Assert.Equal([in82], Ids(seenBy82["flaggedPersonIds"]));
        Assert.Equal(["class-8-1:1:1", "class-8-2:1:1"], seenBy82["units"]!.AsArray().Select(u => $"{u!["organizationId"]}:{u["recorded"]}:{u["flagged"]}"));
        Assert.Equal([in81], Ids((await ProgressAsync(round, homeroom81))["flaggedPersonIds"]));
        Assert.Equal(new[] { in81, in82 }.Order(StringComparer.Ordinal), Ids((await ProgressAsync(round, psych))["flaggedPersonIds"])); // the counselling centre serves the school
        Assert.Equal(new[] { in81, in82 }.Order(StringComparer.Ordinal), Ids((await ProgressAsync(round, Admin))["flaggedPersonIds"]));

        // A teacher of class 8-2 may not answer for a student of class 8-1: refused, audited, nothing changes.
        var written = await _client.PostAsync(Path, Record, new { r = round, p = second81, f = new[] { "CONFIRMED_INFECTION" } }, homeroom82);
        Assert.Equal(("FORBIDDEN", "need-to-know"), (written.FirstCode, written.Errors![0]!["extensions"]!["rule"]!.GetValue<string>()));
        Assert.Contains(" / ", written.Errors[0]!["message"]!.GetValue<string>(), StringComparison.Ordinal); // English / 中文
        Assert.Equal(2, (await ProgressAsync(round, psych))["recorded"]!.GetValue<int>());
        var monitoring = await _client.PostAsync(Path, "query($p: ID!) { person(id: $p) { monitoringLevel } }", new { p = second81 }, Admin);
        Assert.NotEqual("TRACKING", monitoring.Data?["person"]?["monitoringLevel"]?.GetValue<string>());

        // Nor open a case from the flag of a student of class 8-1 — refused before it says whether the student was flagged.
        var opened = await _client.PostAsync(Path, "mutation($r: ID!, $p: ID!) { openCaseFromCensus(roundId: $r, personId: $p, summary: \"Anxious\") { id } }",
            new { r = round, p = in81 }, homeroom82);
        Assert.Equal(("FORBIDDEN", "need-to-know"), (opened.FirstCode, opened.Errors![0]!["extensions"]!["rule"]!.GetValue<string>()));
        var notFlagged = await _client.PostAsync(Path, "mutation($r: ID!, $p: ID!) { openCaseFromCensus(roundId: $r, personId: $p, summary: \"Anxious\") { id } }",
            new { r = round, p = second81 }, homeroom82);
        Assert.Equal("FORBIDDEN", notFlagged.FirstCode);
        var cases = await _client.PostAsync(Path, "query($r: ID!) { censusProgress(roundId: $r) { units { casesOpened } } }", new { r = round }, psych);
        Assert.Equal(0, cases.EnsureNoErrors().Data!["censusProgress"]!["units"]!.AsArray().Sum(u => u!["casesOpened"]!.GetValue<int>()));

        // The teacher of the student's own class still may.
        (await _client.PostAsync(Path, "mutation($r: ID!, $p: ID!) { openCaseFromCensus(roundId: $r, personId: $p, summary: \"Anxious since a close contact\") { id } }",
            new { r = round, p = in81 }, homeroom81)).EnsureNoErrors();
    }

    [Fact]
    public async Task Audit_reading_a_census_rounds_progress_and_each_refused_answer()
    {
        var psych = await StaffAsync("cs16-psych-b@demo-school", "counselling-centre", "PsychologyTeacher", Roles.Counsellor, "RelevantDegree", "CounsellingCertificate");
        var homeroom82 = await StaffAsync("cs16-homeroom-8-2b@demo-school", "class-8-2", "HomeroomTeacher", Roles.Caseworker);
        var in81 = await StudentAsync("class-8-1");
        var round = await StartAsync(psych);
        await ProgressAsync(round, homeroom82);
        Assert.Equal("FORBIDDEN", (await _client.PostAsync(Path, Record, new { r = round, p = in81, f = new[] { "EXCESSIVE_ANXIETY" } }, homeroom82)).FirstCode);

        var auditor = factory.TokenFor("auditor@demo-school", Tenant, Roles.Auditor);
        var log = await _client.PostAsync(Path, "{ auditLog(filter: { actor: \"cs16-homeroom-8-2b@demo-school\" }, first: 50) { nodes { action entityType entityId } } }", token: auditor);
        var records = log.EnsureNoErrors().Data!["auditLog"]!["nodes"]!.AsArray().Select(n => $"{n!["action"]} {n["entityType"]} {n["entityId"]}").ToList();
        Assert.Contains($"READ CensusRound {round}", records);
        Assert.Contains(records, r => r.StartsWith("DENIED ", StringComparison.Ordinal));
    }
}
