using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Security;

/// <summary>
/// A request refused before execution — a parse error, a validation error, a bad variable — leaves one DENIED record that
/// keeps none of the request's text: GraphQL.NET's message quotes the caller's literals (a concern's text typed where an
/// enum or a string was expected), and an Auditor, who is on no case's need-to-know list, reads the log. The record keeps a
/// fixed message with the position, and <c>refusal.code</c> is the code the caller got (<c>GRAPHQL_PARSE_FAILED</c>,
/// <c>GRAPHQL_VALIDATION_FAILED</c>), not GraphQL.NET's internal one (docs/audit-refusals.md; round 16 red team F4).
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class RefusalAuditKeepsNoRequestTextShould(CareGridApiFactory factory)
{
    private const string Tenant = "demo-school";
    private const string Path = "/t/demo-school/graphql";

    private readonly GraphQLClient _client = factory.GraphQL();

    [Theory]
    [InlineData("enum", "mutation { reportConcern(input: { personId: \"student-002\", summary: \"x\", riskLevel: \"MARKER her stepfather hits her at night\" }) { id } }", "GRAPHQL_VALIDATION_FAILED")]
    [InlineData("parse", "mutation { reportConcern(input: { personId: \"student-002\", summary: \"x\" \"MARKER her stepfather hits her at night\" }) { id } }", "GRAPHQL_PARSE_FAILED")]
    [InlineData("unknown-arg", "mutation { reportConcern(input: { personId: \"student-002\", summary: \"x\", MARKER: \"her stepfather hits her\" }) { id } }", "GRAPHQL_VALIDATION_FAILED")]
    [InlineData("unknown-root", "{ MARKER_her_stepfather_hits_her }", "GRAPHQL_VALIDATION_FAILED")]
    public async Task Keep_concern_text_echoed_by_a_refusal_out_of_the_audit_log(string kind, string document, string code)
    {
        var (actor, careless) = Caller(kind);
        var marker = "M" + Guid.NewGuid().ToString("N")[..10];

        var refused = await _client.PostAsync(Path, document.Replace("MARKER", marker, StringComparison.Ordinal), token: careless);
        Assert.Equal(code, refused.FirstCode);

        var record = await DeniedAsync(actor);
        // An Auditor is on no case's need-to-know list: what was said about the student must not reach them through the log.
        Assert.DoesNotContain(marker, record.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(code, record["refusal"]!["code"]!.GetValue<string>());
        Assert.Contains("line 1, column", record["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("not recorded", record["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keep_a_bad_variables_value_out_of_the_audit_log_and_record_the_callers_code()
    {
        var (actor, careless) = Caller("variable");
        var marker = "M" + Guid.NewGuid().ToString("N")[..10];

        var refused = await _client.PostAsync(Path, "mutation($r: RiskLevel!) { reportConcern(input: { personId: \"student-002\", summary: \"x\", riskLevel: $r }) { id } }",
            new { r = marker + " she said she wants to die" }, careless);
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", refused.FirstCode);

        var record = await DeniedAsync(actor);
        Assert.DoesNotContain(marker, record.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", record["refusal"]!["code"]!.GetValue<string>());
        Assert.Contains("reportConcern", record["fields"]!.AsArray().Select(f => f!.GetValue<string>())); // a schema name is still kept
    }

    [Fact]
    public async Task Keep_a_domain_refusals_own_message()
    {
        var (actor, careless) = Caller("domain");

        var refused = await _client.PostAsync(Path, "{ auditLog(first: 1) { nodes { actor } } }", token: careless); // a Caseworker: refused by role
        Assert.Equal("FORBIDDEN", refused.FirstCode);

        var record = await DeniedAsync(actor);
        Assert.Equal(refused.FirstCode, record["refusal"]!["code"]!.GetValue<string>());
        Assert.Equal(refused.Errors![0]!["message"]!.GetValue<string>(), record["reason"]!.GetValue<string>());
    }

    private (string Actor, string Token) Caller(string kind)
    {
        var actor = $"keeps-no-text-{kind}-{Guid.NewGuid():N}"[..34] + "@demo-school";
        return (actor, factory.TokenFor(actor, Tenant, Roles.Caseworker));
    }

    private async Task<JsonNode> DeniedAsync(string actor)
    {
        var auditor = factory.TokenFor("auditor@demo-school", Tenant, Roles.Auditor);
        var log = await _client.PostAsync(Path,
            "query($a: String) { auditLog(filter: { actor: $a, action: \"DENIED\" }, first: 20) { nodes { reason fields purpose entityType entityId refusal { code } } } }",
            new { a = actor }, auditor);
        return Assert.Single(log.EnsureNoErrors().Data!["auditLog"]!["nodes"]!.AsArray())!;
    }
}
