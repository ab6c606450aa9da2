using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using CareGrid.Tests.PeopleDirectory;

namespace CareGrid.Tests.Security;

/// <summary>
/// <c>auditLog</c> is a whole-tenant scan (round 18 red team, suspected; docs/query-limits.md "Expensive fields"): the
/// audit store has no index by actor, action, entity or caller tenant, so a page of <c>auditLog(filter: …)</c> reads
/// records in sequence order until it has <c>first</c> matches and one more (<c>IAuditStore.QueryAsync</c>: the embedded
/// store walks every block, Azure Table storage pages every row of the tenant's partitions through the filter), and its
/// <c>totalCount</c> reads every match. A filter that matches nothing, or matches few, reads the tenant's whole log, and
/// before this fix a 1 KB document asked for it under 30 aliases (limited only by <c>MaxAliases</c>). Now it counts
/// against <c>MaxTenantScans</c> with <c>verifyAuditChain</c> and <c>organizationHealth</c>: one per document.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class AuditLogScanLimitShould(CareGridApiFactory factory)
{
    private readonly DirectoryApi _api = new(factory);

    [Fact]
    public async Task Refuse_thirty_audit_log_scans_that_match_nothing_in_one_document_and_audit_the_refusal()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "auditlog-alias");
        var auditor = factory.TokenFor($"auditor@{tenant}", tenant, Roles.Auditor);
        var document = "{ " + string.Join(" ", Enumerable.Range(1, 30).Select(i => $"a{i}: auditLog(filter: {{ actor: \"nobody-{i}\" }}) {{ totalCount }}")) + " }";

        var answer = await _api.PostAsync(tenant, document, token: auditor);

        Assert.Equal("QUERY_TOO_COMPLEX", answer.FirstCode);
        Assert.Equal("MaxTenantScans", answer.Errors![0]!["extensions"]!["limit"]!.GetValue<string>());
        Assert.Contains("'auditLog'", answer.Errors[0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var denied = (await _api.OkAsync(tenant, "{ auditLog(filter: { action: \"DENIED\" }) { nodes { refusal { code } reason } } }", token: auditor))
            ["auditLog"]!["nodes"]!.AsArray();
        var refusal = Assert.Single(denied);
        Assert.Equal("QUERY_TOO_COMPLEX", refusal!["refusal"]!["code"]!.GetValue<string>());
        Assert.Contains("limit MaxTenantScans", refusal["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("请求被拒绝", refusal["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuse_an_audit_log_page_and_a_chain_check_in_one_document_and_answer_each_alone()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "auditlog-pair");
        var auditor = factory.TokenFor($"auditor@{tenant}", tenant, Roles.Auditor);

        var both = await _api.PostAsync(tenant, "{ auditLog(filter: { actor: \"nobody\" }) { totalCount } verifyAuditChain { intact } }", token: auditor);

        Assert.Equal("QUERY_TOO_COMPLEX", both.FirstCode);
        Assert.Equal("MaxTenantScans", both.Errors![0]!["extensions"]!["limit"]!.GetValue<string>());
        var page = await _api.OkAsync(tenant, "{ auditLog(filter: { actor: \"nobody\" }) { totalCount nodes { sequence } } }", token: auditor);
        Assert.Equal(0, page["auditLog"]!["totalCount"]!.GetValue<int>());
        await _api.OkAsync(tenant, "{ verifyAuditChain { intact } }", token: auditor);
    }
}
