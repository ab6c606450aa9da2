using CareGrid.Grains.Audit;
using CareGrid.Grains.Security;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Tests.Durable;

/// <summary>
/// On Azure Table storage a cross-tenant probe is stored in the targeted tenant's log with its refusal facts, reads
/// back through <c>auditLog</c>, and the chain still verifies from storage; a probe of an unknown tenant is stored in
/// the platform log (docs/audit-refusals.md).
/// </summary>
[Trait("tier", "durable")]
[Collection(DurableCollection.Name)]
public sealed class RefusalAuditDurableShould(AzuriteFixture azurite)
{
    [SkippableFact]
    public async Task Store_a_cross_tenant_probe_in_the_targets_log_and_verify_the_chain_from_storage()
    {
        azurite.RequireAzurite();
        var settings = new DurableSettings(azurite, "refusal");
        var suffix = settings.ClusterId[^8..];
        var (home, target, ghost) = ("home-" + suffix, "target-" + suffix, "ghost-" + suffix);
        try
        {
            await using var factory = new DurableApiFactory(settings.ForSilo(Infrastructure.FreePorts.Next(), Infrastructure.FreePorts.Next()));
            var client = factory.GraphQL();
            var api = new TenantBuilder(client, settings);
            await api.OnboardAsync(home, "SCHOOL");
            await api.OnboardAsync(target, "SCHOOL");

            var prober = settings.Token("prober@" + home, home, Roles.Counsellor);
            Assert.Equal("FORBIDDEN", (await client.PostAsync(TenantBuilder.Path(target), "{ cases { nodes { id } } }", token: prober)).FirstCode);
            Assert.Equal("TENANT_NOT_FOUND", (await client.PostAsync(TenantBuilder.Path(ghost), "{ cases { nodes { id } } }", token: prober)).FirstCode);

            var log = await client.PostAsync(TenantBuilder.Path(target),
                $"{{ auditLog(filter: {{ callerTenant: \"{home}\" }}) {{ nodes {{ actor action entityId refusal {{ code callerTenant via }} }} }} }}", token: api.AuditorToken(target));
            var record = Assert.Single(log.EnsureNoErrors().Data!["auditLog"]!["nodes"]!.AsArray())!;
            Assert.Equal(("prober@" + home, "DENIED", target), (record["actor"]!.GetValue<string>(), record["action"]!.GetValue<string>(), record["entityId"]!.GetValue<string>()));
            Assert.Equal(("FORBIDDEN", home, $"route:/t/{target}/graphql"),
                (record["refusal"]!["code"]!.GetValue<string>(), record["refusal"]!["callerTenant"]!.GetValue<string>(), record["refusal"]!["via"]!.GetValue<string>()));
            Assert.True((await api.VerifyAuditChainAsync(target))["intact"]!.GetValue<bool>());

            var platform = await factory.Services.GetRequiredService<IAuditStore>().QueryAsync("platform", new AuditQuery(CallerTenant: home), 10, null);
            var stored = Assert.Single(platform.Items);
            Assert.Equal((ghost, "TENANT_NOT_FOUND"), (stored.EntityId, stored.Refusal!.Code));
            Assert.Equal(stored.Hash, stored.ComputeHash());
        }
        finally
        {
            settings.DeleteKey();
        }
    }
}
