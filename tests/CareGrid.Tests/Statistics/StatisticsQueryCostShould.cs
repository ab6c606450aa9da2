using CareGrid.Grains.Security;
using CareGrid.GraphApi.Hardening;
using CareGrid.GraphApi.Http;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Statistics;

/// <summary>
/// The report fields are priced by the query limits (docs/query-limits.md "Expensive fields"): a document holds at most one
/// <c>statisticsRollUp</c> and at most three <c>statistics</c>/<c>overdueBoard</c> in total, aliases and fragments counted at
/// every use. One more is refused over GraphQL over HTTP with <c>QUERY_TOO_COMPLEX</c> naming the setting, before anything
/// executes (no READ record is written); the limit itself is answered. Each test onboards its own tenant, so its audit log
/// holds only what the test did.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class StatisticsQueryCostShould(CareGridApiFactory factory)
{
    private readonly GraphQLClient _client = factory.GraphQL();

    private string Token(string tenant, string role) => factory.TokenFor($"cost-{role.ToLowerInvariant()}@{tenant}", tenant, role);

    private static string Aliases(int count, string field, string selection) =>
        "{ " + string.Join(' ', Enumerable.Range(1, count).Select(i => $"a{i}: {field} {selection}")) + " }";

    [Fact]
    public async Task Refuse_two_roll_ups_in_one_document_before_reading_and_answer_one()
    {
        var district = await OnboardDistrictAsync();
        var supervisor = Token(district, Roles.Supervisor);

        var refused = await _client.PostAsync($"/t/{district}/graphql", Aliases(2, "statisticsRollUp", "{ from tenants { id } }"), token: supervisor);
        AssertRefused(refused, "MaxStatisticsRollUps", "statisticsRollUp");
        Assert.DoesNotContain("READ", await AuditActionsAsync(district, "StatisticsRollUp"));

        var answered = (await _client.PostAsync($"/t/{district}/graphql", Aliases(1, "statisticsRollUp", "{ from tenants { id } }"), token: supervisor)).EnsureNoErrors();
        Assert.NotNull(answered.Data!["a1"]!["from"]);
        Assert.Contains("READ", await AuditActionsAsync(district, "StatisticsRollUp"));
    }

    [Fact]
    public async Task Refuse_four_statistics_in_one_document_before_reading_and_answer_three()
    {
        var tenant = await OnboardDistrictAsync();
        var supervisor = Token(tenant, Roles.Supervisor);

        var refused = await _client.PostAsync($"/t/{tenant}/graphql", Aliases(4, "statistics", "{ from to }"), token: supervisor);
        AssertRefused(refused, "MaxStatisticsReports", "statistics");
        Assert.DoesNotContain("READ", await AuditActionsAsync(tenant, "Statistics"));

        var answered = (await _client.PostAsync($"/t/{tenant}/graphql", Aliases(3, "statistics", "{ from to }"), token: supervisor)).EnsureNoErrors();
        Assert.All(new[] { "a1", "a2", "a3" }, alias => Assert.NotNull(answered.Data![alias]!["from"]));
        Assert.Contains("READ", await AuditActionsAsync(tenant, "Statistics"));
    }

    [Theory]
    [InlineData("{ a: statistics { from } b: statistics { from } c: overdueBoard { totalCount } d: overdueBoard { totalCount } }")]
    [InlineData("{ ...F ...F } fragment F on Query { a: statistics { from } b: statistics { from } }")]
    [InlineData("query A { ...F } query B { ...F } fragment F on Query { x: statisticsRollUp { from } }")]
    public async Task Count_overdue_boards_with_statistics_and_fragments_at_every_spread(string document)
    {
        var response = await _client.PostAsync("/t/demo-school/graphql", document, operationName: document.StartsWith("query A", StringComparison.Ordinal) ? "A" : null,
            token: Token("demo-school", Roles.Supervisor));
        AssertRefused(response, document.Contains("statisticsRollUp", StringComparison.Ordinal) ? "MaxStatisticsRollUps" : "MaxStatisticsReports", "statistics");
    }

    [Fact]
    public void Refuse_a_report_limit_under_1_at_start()
    {
        Assert.Contains("GraphQL:Limits:MaxStatisticsReports", Assert.Throws<InvalidOperationException>(() => new GraphQLLimitsOptions { MaxStatisticsReports = 0 }.Validate()).Message,
            StringComparison.Ordinal);
        Assert.Contains("GraphQL:Limits:MaxStatisticsRollUps", Assert.Throws<InvalidOperationException>(() => new GraphQLLimitsOptions { MaxStatisticsRollUps = 0 }.Validate()).Message,
            StringComparison.Ordinal);
        new GraphQLLimitsOptions { MaxStatisticsReports = 1, MaxStatisticsRollUps = 1 }.Validate();
    }

    private static void AssertRefused(GraphQLResponse response, string limit, string field)
    {
        Assert.Equal(TransportErrorCodes.QueryTooComplex, response.FirstCode);
        Assert.Null(response.Data);
        var error = Assert.Single(response.Errors!)!;
        Assert.Equal(limit, error["extensions"]!["limit"]!.GetValue<string>());
        var message = error["message"]!.GetValue<string>();
        Assert.Contains($"'{field}", message, StringComparison.Ordinal);
        Assert.Contains(limit, message, StringComparison.Ordinal);
        Assert.Contains("Split the request", message, StringComparison.Ordinal);
    }

    private async Task<List<string>> AuditActionsAsync(string tenant, string entityType)
    {
        var log = await _client.PostAsync($"/t/{tenant}/graphql", "query($type: String) { auditLog(filter: { entityType: $type }, first: 100) { nodes { action } } }",
            new { type = entityType }, Token(tenant, Roles.Auditor));
        return [.. log.EnsureNoErrors().Data!["auditLog"]!["nodes"]!.AsArray().Select(n => n!["action"]!.GetValue<string>())];
    }

    private async Task<string> OnboardDistrictAsync()
    {
        var tenant = Seeds.NewTenantId("cost");
        (await _client.PostAsync("/graphql", "mutation($in: OnboardTenantInput!) { onboardTenant(input: $in) { id } }",
            new { @in = new { id = tenant, name = $"Cost district {tenant}", kind = "DISTRICT", parentId = (string?)null, firstAdminSubject = $"cost-tenantadmin@{tenant}", template = (string?)null } },
            factory.Token(null, Roles.PlatformAdmin))).EnsureNoErrors();
        return tenant;
    }
}
