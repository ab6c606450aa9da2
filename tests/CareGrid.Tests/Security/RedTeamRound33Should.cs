using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Tests.Security;

/// <summary>
/// Round 33 red team (secondary channels). F1: a Caseworker refused <c>person(id)</c> on need-to-know listed the people of
/// their village by target group (a recovered patient, a low-income household) and by monitoring level — the filter said of
/// each row what the record keeps behind need-to-know — and nothing was audited. Each row such a filter lists is now recorded
/// as a READ of that person with the filter (docs/access.md "Lists filtered by what a person's record protects"). F6:
/// <c>totalCount</c> of <c>calls</c> and <c>appointments</c> answered <c>INTERNAL</c>; every connection now counts. F7: a
/// route/header conflict is recorded, which docs/audit-refusals.md denied; the page now says so, and this holds it. F3:
/// <c>appointment(id)</c> and <c>call(id)</c> answered NOT_FOUND for an id naming nothing and FORBIDDEN for one outside
/// need-to-know; both now answer alike, as <c>person</c> and <c>case</c> do.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class RedTeamRound33Should(CareGridApiFactory factory)
{
    private const string Town = "/t/demo-town/graphql";
    private const string Caseworker = "caseworker@demo-town";

    private readonly GraphQLClient _client = factory.GraphQL();

    private string CaseworkerToken => factory.TokenFor(Caseworker, "demo-town", Roles.Caseworker);

    /// <summary>The READ records of <paramref name="personId"/> by the demo town's Caseworker, as the Auditor reads them.</summary>
    private async Task<List<JsonNode>> ReadsOfAsync(string personId) =>
        [.. (await _client.PostAsync(Town, "query($f: AuditFilter) { auditLog(filter: $f, first: 100) { nodes { action entityType entityId fields purpose } } }",
            new { f = new { actor = Caseworker, action = "READ", entityType = "Person", entityId = personId } }, factory.TokenFor("auditor@demo-town", "demo-town", Roles.Auditor)))
            .EnsureNoErrors().Data!["auditLog"]!["nodes"]!.AsArray().Select(n => n!)];

    [Fact]
    public async Task Record_a_read_of_each_person_a_target_group_or_monitoring_level_filter_lists()
    {
        var refused = await _client.PostAsync(Town, "{ person(id: \"recovered-002\") { targetGroups } }", token: CaseworkerToken);
        Assert.Equal("FORBIDDEN", refused.FirstCode);
        var before = (await ReadsOfAsync("recovered-002")).Count;

        // A plain list of the village is not audited: its rows carry only id, name, unit and roster number.
        var plain = (await _client.PostAsync(Town, "{ people(first: 100) { nodes { id } } }", token: CaseworkerToken)).EnsureNoErrors();
        Assert.Contains(plain.Data!["people"]!["nodes"]!.AsArray(), n => n!["id"]!.GetValue<string>() == "recovered-002");
        Assert.Equal(before, (await ReadsOfAsync("recovered-002")).Count);

        var filtered = (await _client.PostAsync(Town, "{ people(filter: { targetGroup: \"RecoveredPatient\" }, first: 100) { nodes { id } } }", token: CaseworkerToken))
            .EnsureNoErrors().Data!["people"]!["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).ToList();
        Assert.Contains("recovered-002", filtered);
        var reads = await ReadsOfAsync("recovered-002");
        Assert.Equal(before + 1, reads.Count);
        var read = Assert.Single(reads, r => r["fields"]!.AsArray().Select(n => n!.GetValue<string>()).SequenceEqual(["filter.targetGroup=RecoveredPatient"]));
        Assert.Equal("people", read["purpose"]!.GetValue<string>());
        foreach (var id in filtered)
        {
            Assert.Contains(await ReadsOfAsync(id), r => r["fields"]!.AsArray().Any(n => n!.GetValue<string>() == "filter.targetGroup=RecoveredPatient"));
        }

        // The monitoring level too, named as the schema spells it; a filter that lists nobody records nothing.
        var tracked = (await _client.PostAsync(Town, "{ people(filter: { monitoringLevel: NONE }, first: 5) { nodes { id } } }", token: CaseworkerToken))
            .EnsureNoErrors().Data!["people"]!["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).ToList();
        Assert.NotEmpty(tracked);
        Assert.Contains(await ReadsOfAsync(tracked[0]), r => r["fields"]!.AsArray().Any(n => n!.GetValue<string>() == "filter.monitoringLevel=NONE"));
        var none = (await _client.PostAsync(Town, "{ people(filter: { targetGroup: \"NoSuchGroup\" }, first: 5) { nodes { id } } }", token: CaseworkerToken)).EnsureNoErrors();
        Assert.Empty(none.Data!["people"]!["nodes"]!.AsArray());

        // Re-check F1: her name, the filter and a cursor past the end list nobody, but totalCount still tells — so it records.
        var counted = await ReadsOfAsync("recovered-002");
        var past = (await _client.PostAsync(Town, "{ people(filter: { name: \"Ms Huang\", targetGroup: \"LowIncomeHousehold\" }, after: \"77-_77-_\") { totalCount nodes { id } } }", token: CaseworkerToken))
            .EnsureNoErrors().Data!["people"]!;
        Assert.Equal((1, 0), (past["totalCount"]!.GetValue<int>(), past["nodes"]!.AsArray().Count));
        var after = await ReadsOfAsync("recovered-002");
        Assert.Equal(counted.Count + 1, after.Count);
        static int LowIncome(List<JsonNode> reads) => reads.Count(r => r["fields"]!.AsArray().Select(n => n!.GetValue<string>()).SequenceEqual(["filter.targetGroup=LowIncomeHousehold"]));
        Assert.Equal(LowIncome(counted) + 1, LowIncome(after));

        // Listed and counted in one request: one record, not two.
        await _client.PostAsync(Town, "{ people(filter: { name: \"Ms Huang\", targetGroup: \"LowIncomeHousehold\" }) { totalCount nodes { id } } }", token: CaseworkerToken);
        Assert.Equal(counted.Count + 2, (await ReadsOfAsync("recovered-002")).Count);
    }

    [Fact]
    public async Task Count_every_connection_of_the_root_query_as_its_pages_list()
    {
        var schema = factory.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        var connections = schema.Query.Fields
            .Where(f => f.ResolvedType?.GetNamedType() is IObjectGraphType t && t.Fields.Any(x => x.Name == "totalCount"))
            .Where(f => (f.Arguments ?? new QueryArguments()).All(a => a.ResolvedType is not NonNullGraphType))
            .Select(f => f.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Contains("calls", connections);
        Assert.Contains("appointments", connections);

        // Something to count on both lists the red team found broken, then every connection with a caller of every role it takes.
        var counsellor = factory.TokenFor("counsellor@demo-school", "demo-school", Roles.Counsellor);
        (await _client.PostAsync("/t/demo-school/graphql", "mutation { logCall(input: { channel: HOTLINE, summary: \"Pupil called about exam stress\", riskLevel: LOW }) { id } }", token: counsellor)).EnsureNoErrors();
        var everyone = factory.Token("demo-school", Roles.TenantAdmin, Roles.Supervisor, Roles.Counsellor, Roles.Auditor);
        foreach (var name in connections)
        {
            foreach (var token in new[] { everyone, counsellor })
            {
                var answer = await _client.PostAsync("/t/demo-school/graphql", $"{{ x: {name}(first: 100) {{ totalCount nodes {{ __typename }} pageInfo {{ hasNextPage }} }} }}", token: token);
                if (answer.Errors is { Count: > 0 } errors && answer.FirstCode is "FORBIDDEN")
                {
                    continue; // not this caller's list; the access matrix covers who may
                }

                answer.EnsureNoErrors();
                var x = answer.Data!["x"]!;
                var listed = x["nodes"]!.AsArray().Count;
                var total = x["totalCount"]!.GetValue<int>();
                // The audit log is live: the read's own READ record is appended before its count is taken.
                var exact = name != "auditLog" && !x["pageInfo"]!["hasNextPage"]!.GetValue<bool>();
                Assert.True(exact ? total == listed : total >= listed, $"{name}: totalCount {total}, {listed} listed");
            }
        }
    }

    [Fact]
    public async Task Record_a_route_and_header_naming_different_tenants_in_the_routes_log()
    {
        var prober = $"prober-{Guid.NewGuid():N}@demo-town";
        var answer = await _client.PostAsync(Town, "{ cases(first: 1) { nodes { id } } }", token: factory.TokenFor(prober, "demo-town", Roles.Counsellor), tenantHeader: "demo-district");
        Assert.Equal("BAD_REQUEST", answer.FirstCode);
        var records = (await _client.PostAsync(Town, "query($f: AuditFilter) { auditLog(filter: $f, first: 10) { nodes { action reason } } }",
            new { f = new { actor = prober } }, factory.TokenFor("auditor@demo-town", "demo-town", Roles.Auditor))).EnsureNoErrors().Data!["auditLog"]!["nodes"]!.AsArray();
        var denied = Assert.Single(records);
        Assert.Equal("DENIED", denied!["action"]!.GetValue<string>());
        Assert.Contains("BAD_REQUEST", denied["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_an_appointment_or_call_id_that_names_nothing_as_one_outside_need_to_know()
    {
        const string School = "/t/demo-school/graphql";
        var requester = factory.TokenFor("homeroom-8-1@demo-school", "demo-school", Roles.Caseworker);
        var counsellor = factory.TokenFor("counsellor@demo-school", "demo-school", Roles.Counsellor);
        var other = factory.TokenFor("teacher2@demo-school", "demo-school", Roles.Caseworker);
        var appointment = (await _client.PostAsync(School, "mutation { requestAppointment(input: { personId: \"student-001\", reason: \"Pupil asked to talk to the psychology teacher\" }) { id } }", token: requester))
            .EnsureNoErrors().Data!["requestAppointment"]!["id"]!.GetValue<string>();
        var call = (await _client.PostAsync(School, "mutation { logCall(input: { channel: HOTLINE, summary: \"Pupil called about exam stress\", riskLevel: LOW }) { id } }", token: counsellor))
            .EnsureNoErrors().Data!["logCall"]!["id"]!.GetValue<string>();

        foreach (var (field, existing, missing) in new[] { ("appointment", appointment, "appt-1"), ("call", call, "call-1") })
        {
            var refused = await _client.PostAsync(School, $"{{ {field}(id: \"{existing}\") {{ id }} }}", token: other);
            var unknown = await _client.PostAsync(School, $"{{ {field}(id: \"{missing}\") {{ id }} }}", token: other);
            Assert.Equal(("FORBIDDEN", "FORBIDDEN"), (refused.FirstCode, unknown.FirstCode));
            Assert.Equal(refused.Errors![0]!["message"]!.GetValue<string>().Replace(existing, "ID", StringComparison.Ordinal),
                unknown.Errors![0]!["message"]!.GetValue<string>().Replace(missing, "ID", StringComparison.Ordinal));
            Assert.Equal("need-to-know", unknown.Errors[0]!["extensions"]!["rule"]!.GetValue<string>());
        }
    }
}
