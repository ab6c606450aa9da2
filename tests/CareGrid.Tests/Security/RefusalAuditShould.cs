using System.Text.Json.Nodes;
using CareGrid.Grains.Audit;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Tests.Security;

/// <summary>
/// Every refused request leaves one DENIED audit record (docs/audit-refusals.md): a probe from another tenant in the
/// log of the tenant it targeted, naming the caller's tenant and subject; a probe of a tenant that does not exist in
/// the platform's log; role, need-to-know, anonymous and break-the-glass refusals in the tenant's own log.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class RefusalAuditShould(CareGridApiFactory factory)
{
    private const string School = "demo-school";
    private const string SchoolPath = "/t/demo-school/graphql";
    private const string Selection = "nodes { actor action entityType entityId fields purpose reason refusal { code callerTenant callerRoles via } }";

    private readonly GraphQLClient _client = factory.GraphQL();

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 13)];

    private async Task<JsonArray> DeniedOfAsync(string tenant, string actor)
    {
        var auditor = factory.TokenFor("auditor@" + tenant, tenant, Roles.Auditor);
        var log = await _client.PostAsync($"/t/{tenant}/graphql", $"{{ auditLog(filter: {{ actor: \"{actor}\", action: \"DENIED\" }}, first: 50) {{ {Selection} }} }}", token: auditor);
        return log.EnsureNoErrors().Data!["auditLog"]!["nodes"]!.AsArray();
    }

    private async Task AssertChainIntactAsync(string tenant)
    {
        var auditor = factory.TokenFor("auditor@" + tenant, tenant, Roles.Auditor);
        var verified = await _client.PostAsync($"/t/{tenant}/graphql", "{ verifyAuditChain { intact problem } }", token: auditor);
        Assert.True(verified.EnsureNoErrors().Data!["verifyAuditChain"]!["intact"]!.GetValue<bool>(), verified.Body!.ToJsonString());
    }

    private static string Str(JsonNode node, string path) =>
        path.Split('.').Aggregate(node, (n, p) => n[p]!).GetValue<string>();

    [Fact]
    public void Hash_records_without_refusal_facts_exactly_as_before_and_records_with_them_differently()
    {
        // Pinned from the canonical form of records written before refusal facts existed: stored chains must still verify.
        var at = new DateTimeOffset(2026, 11, 30, 1, 0, 0, TimeSpan.Zero);
        var record = new AuditRecord("t", 1, at, "a", "READ", "Case", "c1", ["summary"], "case", "corr", null, AuditRecord.Genesis, "");
        Assert.Equal("208757e8c626e928c46fb8c9550fbc364609baa78896795101de4802776c95ba", record.ComputeHash());
        var refused = record with { Refusal = new AuditRefusal("FORBIDDEN", "demo-town", "Counsellor", "claim", null) };
        Assert.NotEqual(record.ComputeHash(), refused.ComputeHash());
        Assert.NotEqual(refused.ComputeHash(), (refused with { Refusal = refused.Refusal! with { CallerTenant = "demo-city" } }).ComputeHash());
    }

    [Fact]
    public async Task Record_a_token_of_tenant_A_on_tenant_Bs_route_in_Bs_log_with_As_tenant_and_subject()
    {
        var prober = Unique("prober-route") + "@demo-town";
        var token = factory.TokenFor(prober, "demo-town", Roles.Counsellor);
        var response = await _client.PostAsync(SchoolPath, "{ case(id: \"case-school-1\") { id summary } }", token: token);
        Assert.Equal("FORBIDDEN", response.FirstCode);
        Assert.Null(response.Data);

        var record = Assert.Single(await DeniedOfAsync(School, prober))!;
        Assert.Equal("FORBIDDEN", Str(record, "refusal.code"));
        Assert.Equal("demo-town", Str(record, "refusal.callerTenant"));
        Assert.Equal("Counsellor", Str(record, "refusal.callerRoles"));
        Assert.Equal("route:/t/demo-school/graphql", Str(record, "refusal.via"));
        Assert.Contains("case", record["fields"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal(School, Str(record, "entityId"));

        // The probe is the target's business: the caller's own log does not get it.
        Assert.Empty(await DeniedOfAsync("demo-town", prober));

        // B's Auditor can list what callers of tenant A were refused.
        var auditor = factory.TokenFor("auditor@demo-school", School, Roles.Auditor);
        var fromTown = await _client.PostAsync(SchoolPath, "{ auditLog(filter: { callerTenant: \"demo-town\" }, first: 100) { nodes { actor action } } }", token: auditor);
        Assert.All(fromTown.EnsureNoErrors().Data!["auditLog"]!["nodes"]!.AsArray(), n => Assert.Equal("DENIED", Str(n!, "action")));
        var mine = await _client.PostAsync(SchoolPath, $"{{ auditLog(filter: {{ callerTenant: \"demo-town\", actor: \"{prober}\" }}) {{ nodes {{ actor }} }} }}", token: auditor);
        Assert.Single(mine.EnsureNoErrors().Data!["auditLog"]!["nodes"]!.AsArray());
        await AssertChainIntactAsync(School);
    }

    [Fact]
    public async Task Record_a_token_of_tenant_A_naming_tenant_B_in_the_X_Tenant_header_in_Bs_log()
    {
        var prober = Unique("prober-header") + "@demo-town";
        var token = factory.TokenFor(prober, "demo-town", Roles.Counsellor);
        var response = await _client.PostAsync("/graphql", "{ cases { nodes { id } } }", token: token, tenantHeader: School);
        Assert.Equal("FORBIDDEN", response.FirstCode);
        Assert.Null(response.Data);

        var record = Assert.Single(await DeniedOfAsync(School, prober))!;
        Assert.Equal("demo-town", Str(record, "refusal.callerTenant"));
        Assert.Equal("header:X-Tenant=demo-school", Str(record, "refusal.via"));
        Assert.Equal("cases", Str(record, "purpose"));
    }

    [Fact]
    public async Task Record_a_probe_of_a_tenant_that_does_not_exist_in_the_platform_log()
    {
        var prober = Unique("prober-unknown") + "@demo-town";
        var ghost = Unique("ghost");
        var token = factory.TokenFor(prober, "demo-town", Roles.Counsellor);
        Assert.Equal("TENANT_NOT_FOUND", (await _client.PostAsync($"/t/{ghost}/graphql", "{ me { subject } }", token: token)).FirstCode);

        var store = factory.Services.GetRequiredService<IAuditStore>();
        var page = await store.QueryAsync("platform", new AuditQuery(Actor: prober), 10, null);
        var record = Assert.Single(page.Items);
        Assert.Equal("DENIED", record.Action);
        Assert.Equal(ghost, record.EntityId);
        Assert.Equal("TENANT_NOT_FOUND", record.Refusal!.Code);
        Assert.Equal("demo-town", record.Refusal.CallerTenant);
        Assert.Equal(["me"], record.Fields);
    }

    [Fact]
    public async Task Record_role_refusals_in_the_callers_own_tenant()
    {
        var reporter = Unique("reporter") + "@demo-school";
        var asReporter = await _client.PostAsync(SchoolPath, "{ auditLog { nodes { actor } } }", token: factory.TokenFor(reporter, School, Roles.Reporter));
        Assert.Equal("FORBIDDEN", asReporter.FirstCode);
        var record = Assert.Single(await DeniedOfAsync(School, reporter))!;
        Assert.Equal(("auditLog", "AuditLog", "Reporter"), (Str(record, "purpose"), Str(record, "entityType"), Str(record, "refusal.callerRoles")));
        Assert.Equal("demo-school", Str(record, "refusal.callerTenant"));

        // On the platform endpoint the tenant comes from the token's claim.
        var counsellor = Unique("counsellor") + "@demo-school";
        var onboard = await _client.PostAsync("/graphql", "mutation { onboardTenant(input: { id: \"never-made\", name: \"X\", kind: SCHOOL, firstAdminSubject: \"a\" }) { id } }",
            token: factory.TokenFor(counsellor, School, Roles.Counsellor));
        Assert.Equal("FORBIDDEN", onboard.FirstCode);
        record = Assert.Single(await DeniedOfAsync(School, counsellor))!;
        Assert.Equal(("onboardTenant", "claim"), (Str(record, "purpose"), Str(record, "refusal.via")));
        await AssertChainIntactAsync(School);
    }

    [Fact]
    public async Task Record_need_to_know_refusals_once_per_request_however_many_aliases_ask()
    {
        var teacher = factory.TokenFor("homeroom-n2k@demo-school", School, Roles.Caseworker);
        var caseId = (await _client.PostAsync(SchoolPath, "mutation { reportConcern(input: { personId: \"student-002\", summary: \"Sleeps in class\" }) { id } }", token: teacher))
            .EnsureNoErrors().Data!["reportConcern"]!["id"]!.GetValue<string>();
        var outsider = Unique("outsider") + "@demo-school";
        // A grade leader: the school's intake rule gives a new concern to the level-3 queue, which level 2 does not serve (docs/protocol.md).
        var token = factory.TokenFor(outsider, School, Roles.Coordinator);

        var aliases = string.Join(" ", Enumerable.Range(0, 25).Select(i => $"a{i}: case(id: \"{caseId}\") {{ summary }}"));
        var read = await _client.PostAsync(SchoolPath, "{ " + aliases + " }", token: token);
        Assert.Equal(25, read.Errors!.Count);
        Assert.All(read.Errors!, e => Assert.Equal("FORBIDDEN", e!["extensions"]!["code"]!.GetValue<string>()));
        Assert.DoesNotContain("Sleeps", read.Body!.ToJsonString());
        var command = await _client.PostAsync(SchoolPath, $"mutation {{ triageCase(id: \"{caseId}\") {{ status }} }}", token: token);
        Assert.Equal("FORBIDDEN", command.FirstCode);

        var records = await DeniedOfAsync(School, outsider);
        Assert.Equal(2, records.Count);
        Assert.Equal(["case", "triageCase"], records.Select(r => Str(r!, "purpose")).Order());
        Assert.All(records, r => Assert.Equal((caseId, "Case", "FORBIDDEN"), (Str(r!, "entityId"), Str(r!, "entityType"), Str(r!, "refusal.code"))));
        var aliased = records.Single(r => Str(r!, "purpose") == "case")!;
        Assert.Equal(["case", "+24 more"], aliased["fields"]!.AsArray().Select(f => f!.GetValue<string>()));
        await AssertChainIntactAsync(School);
    }

    [Fact]
    public async Task Record_anonymous_and_invalid_token_refusals_as_anonymous()
    {
        var operation = "Anon" + Guid.NewGuid().ToString("N")[..8];
        var anonymous = await _client.PostAsync(SchoolPath, $"query {operation} {{ case(id: \"case-school-1\") {{ id }} }}", operationName: operation);
        Assert.Equal("UNAUTHENTICATED", anonymous.FirstCode);
        var badToken = await _client.PostAsync(SchoolPath, $"query {operation}B {{ me {{ subject }} }}", token: "not.a.token", operationName: operation + "B");
        Assert.Equal("UNAUTHENTICATED", badToken.FirstCode);

        // Other tests call anonymously too: read the tenant's whole DENIED-by-anonymous list from the store.
        var store = factory.Services.GetRequiredService<IAuditStore>();
        var records = (await store.QueryAsync(School, new AuditQuery(Actor: "anonymous", Action: "DENIED"), 100_000, null)).Items;
        var fromQuery = Assert.Single(records, r => r.Fields.Contains("operation:" + operation));
        Assert.Equal(("UNAUTHENTICATED", "case", ""), (fromQuery.Refusal!.Code, fromQuery.Purpose, fromQuery.Refusal.CallerRoles));
        Assert.Null(fromQuery.Refusal.CallerTenant);
        Assert.Equal("route:/t/demo-school/graphql", fromQuery.Refusal.Via);
        var fromToken = Assert.Single(records, r => r.Fields.Contains("operation:" + operation + "B"));
        Assert.Equal(("me", "UNAUTHENTICATED"), (fromToken.Purpose, fromToken.Refusal!.Code));
    }

    [Fact]
    public async Task Record_a_refused_break_the_glass()
    {
        var duty = Unique("duty") + "@demo-school";
        var refused = await _client.PostAsync(SchoolPath, "mutation { breakTheGlass(entity: CASE, id: \"case-school-1\", reason: \"short\") { until } }",
            token: factory.TokenFor(duty, School, Roles.Counsellor));
        Assert.Equal("VALIDATION_FAILED", refused.FirstCode);
        var record = Assert.Single(await DeniedOfAsync(School, duty))!;
        Assert.Equal(("breakTheGlass", "VALIDATION_FAILED"), (Str(record, "purpose"), Str(record, "refusal.code")));
    }

    [Fact]
    public async Task Record_a_request_to_a_suspended_tenant_in_its_own_log()
    {
        var platform = factory.Token(null, Roles.PlatformAdmin);
        var tenant = Seeds.NewTenantId("susp");
        (await _client.PostAsync("/graphql", "mutation($in: OnboardTenantInput!) { onboardTenant(input: $in) { id } }",
            new { @in = new { id = tenant, name = "Suspended school", kind = "SCHOOL", firstAdminSubject = "admin" } }, platform)).EnsureNoErrors();
        (await _client.PostAsync("/graphql", $"mutation {{ suspendTenant(id: \"{tenant}\", reason: \"supervision\") {{ status }} }}", token: platform)).EnsureNoErrors();

        var member = "member@" + tenant;
        var response = await _client.PostAsync($"/t/{tenant}/graphql", "{ cases { nodes { id } } }", token: factory.TokenFor(member, tenant, Roles.Counsellor));
        Assert.Equal("TENANT_SUSPENDED", response.FirstCode);

        var store = factory.Services.GetRequiredService<IAuditStore>();
        var record = Assert.Single((await store.QueryAsync(tenant, new AuditQuery(Actor: member, Action: "DENIED"), 10, null)).Items);
        Assert.Equal(("TENANT_SUSPENDED", tenant), (record.Refusal!.Code, record.Refusal.CallerTenant));
        Assert.Equal(["cases"], record.Fields);
    }
}
