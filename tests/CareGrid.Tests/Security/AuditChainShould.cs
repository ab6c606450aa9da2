using CareGrid.Grains.Audit;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Tests.Security;

/// <summary>The audit log is append-only and hash-chained per tenant; tampering is named by verifyAuditChain.</summary>
[Trait("tier", "api")]
public sealed class AuditChainShould : IAsyncLifetime
{
    private readonly CareGridApiFactory _factory = new();
    private GraphQLClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _factory.GraphQL();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<string> TenantWithHistoryAsync()
    {
        var tenant = Seeds.NewTenantId("audit");
        (await _client.PostAsync("/graphql", "mutation($in: OnboardTenantInput!) { onboardTenant(input: $in) { id } }",
            new { @in = new { id = tenant, name = "Audit school", kind = "SCHOOL", firstAdminSubject = "admin" } }, _factory.Token(null, Roles.PlatformAdmin))).EnsureNoErrors();
        var admin = _factory.TokenFor("admin", tenant, Roles.TenantAdmin);
        (await _client.PostAsync($"/t/{tenant}/graphql", "mutation { createOrganization(input: { id: \"c1\", name: \"Class 1\", kind: CLASS, escalationLevel: 1 }) { id } }", token: admin)).EnsureNoErrors();
        await StaffMembers.AddAsync(_factory, _client, tenant, "teacher", "c1", "HomeroomTeacher"); // reports about their class (RT17-7)
        var teacher = _factory.TokenFor("teacher", tenant, Roles.Caseworker);
        (await _client.PostAsync($"/t/{tenant}/graphql", "mutation { registerPerson(input: { id: \"s1\", displayName: \"S\", organizationId: \"c1\" }) { id } }", token: teacher)).EnsureNoErrors();
        var caseId = (await _client.PostAsync($"/t/{tenant}/graphql", "mutation { reportConcern(input: { personId: \"s1\", summary: \"x\" }) { id } }", token: teacher))
            .EnsureNoErrors().Data!["reportConcern"]!["id"]!.GetValue<string>();
        (await _client.PostAsync($"/t/{tenant}/graphql", $"{{ case(id: \"{caseId}\") {{ summary }} }}", token: teacher)).EnsureNoErrors();
        return tenant;
    }

    private async Task<(bool Intact, long? BrokenAt, long Checked, string? Problem)> VerifyAsync(string tenant)
    {
        var auditor = _factory.TokenFor("auditor", tenant, Roles.Auditor);
        var v = (await _client.PostAsync($"/t/{tenant}/graphql", "{ verifyAuditChain { intact brokenAt checked problem } }", token: auditor)).EnsureNoErrors().Data!["verifyAuditChain"]!;
        return (v["intact"]!.GetValue<bool>(), v["brokenAt"]?.GetValue<long>(), v["checked"]!.GetValue<long>(), v["problem"]?.GetValue<string>());
    }

    [Fact]
    public async Task Record_writes_and_sensitive_reads_with_who_what_and_why()
    {
        var tenant = await TenantWithHistoryAsync();
        var auditor = _factory.TokenFor("auditor", tenant, Roles.Auditor);
        var log = (await _client.PostAsync($"/t/{tenant}/graphql", "{ auditLog(first: 50) { nodes { sequence actor action entityType purpose fields correlationId previousHash hash } } }", token: auditor))
            .EnsureNoErrors().Data!["auditLog"]!["nodes"]!.AsArray();
        var actions = log.Select(n => (n!["action"]!.GetValue<string>(), n["entityType"]!.GetValue<string>(), n["purpose"]!.GetValue<string>())).ToList();
        Assert.Contains(("WRITE", "Tenant", "onboardTenant"), actions);
        Assert.Contains(("WRITE", "Organization", "createOrganization"), actions);
        Assert.Contains(("WRITE", "Person", "registerPerson"), actions);
        Assert.Contains(("WRITE", "Case", "reportConcern"), actions);
        Assert.Contains(("READ", "Case", "case"), actions);
        var read = log.First(n => n!["action"]!.GetValue<string>() == "READ")!;
        Assert.Equal(["summary"], read["fields"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal(Enumerable.Range(1, log.Count).Select(i => (long)i), log.Select(n => n!["sequence"]!.GetValue<long>()));
        for (var i = 1; i < log.Count; i++)
        {
            Assert.Equal(log[i - 1]!["hash"]!.GetValue<string>(), log[i]!["previousHash"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Name_the_altered_record()
    {
        var tenant = await TenantWithHistoryAsync();
        var before = await VerifyAsync(tenant);
        Assert.True(before.Intact);
        Assert.True(before.Checked >= 5);

        var store = (InMemoryAuditStore)_factory.Services.GetRequiredService<IAuditStore>();
        store.Tamper(tenant, 3, r => r with { Actor = "someone-else" });
        var after = await VerifyAsync(tenant);
        Assert.False(after.Intact);
        Assert.Equal(3, after.BrokenAt);
        Assert.Contains("altered", after.Problem);
    }

    [Fact]
    public async Task Name_a_removed_record()
    {
        var tenant = await TenantWithHistoryAsync();
        var store = (InMemoryAuditStore)_factory.Services.GetRequiredService<IAuditStore>();
        store.Tamper(tenant, 2, _ => null);
        var after = await VerifyAsync(tenant);
        Assert.False(after.Intact);
        Assert.Equal(2, after.BrokenAt);
        Assert.Contains("missing", after.Problem);
    }

    [Fact]
    public async Task Name_a_record_whose_hash_was_recomputed_to_hide_an_edit()
    {
        var tenant = await TenantWithHistoryAsync();
        var store = (InMemoryAuditStore)_factory.Services.GetRequiredService<IAuditStore>();
        store.Tamper(tenant, 2, r =>
        {
            var edited = r with { Purpose = "nothing to see" };
            return edited with { Hash = edited.ComputeHash() };
        });
        var after = await VerifyAsync(tenant);
        Assert.False(after.Intact);
        Assert.Equal(3, after.BrokenAt);
    }
}
