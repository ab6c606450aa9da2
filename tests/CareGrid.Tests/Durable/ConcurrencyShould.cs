using Azure;
using Azure.Data.Tables;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Durable;

/// <summary>
/// Orleans' ETag optimistic concurrency stays on with Azure Table storage: when the stored record changed behind a
/// grain's back (another writer, a split brain during fail-over), the grain's write is refused, the request answers
/// <c>CONFLICT_RETRY</c> and changes nothing, and a retry succeeds on the fresh state.
/// </summary>
[Trait("tier", "durable")]
[Collection(DurableCollection.Name)]
public sealed class ConcurrencyShould(AzuriteFixture azurite)
{
    [SkippableFact]
    public async Task Answer_CONFLICT_RETRY_when_the_stored_state_changed_behind_the_grain_and_succeed_on_retry()
    {
        azurite.RequireAzurite();
        var settings = new DurableSettings(azurite, "etag");
        try
        {
            await using var factory = new DurableApiFactory(settings.ForSilo(FreePorts.Next(), FreePorts.Next()));
            var client = factory.GraphQL();
            var api = new TenantBuilder(client, settings);
            var tenant = "etag-" + settings.ClusterId[^8..];
            await api.OnboardAsync(tenant, "SCHOOL");
            await api.CreateOrganizationAsync(tenant, "school", "SCHOOL", null, null);
            await api.RegisterAsync(tenant, "student-1", "school");
            await api.BreakTheGlassAsync(tenant, "student-1");
            (await client.PostAsync(TenantBuilder.Path(tenant), "mutation { setPersonContacts(personId: \"student-1\", contacts: [{ kind: GUARDIAN, name: \"Guardian One\" }]) { id } }",
                token: api.CounsellorToken(tenant))).EnsureNoErrors(); // a guardian decides for a minor (born 2012)

            // Another writer touches the person's stored state: same data, new ETag.
            var table = new TableServiceClient(azurite.ConnectionString).GetTableClient("OrleansGrainState");
            var stored = new List<TableEntity>();
            await foreach (var entity in table.QueryAsync<TableEntity>())
            {
                // PartitionKey = "{serviceId}_{grain id}", RowKey = the state's name ("person" in PersonGrain).
                if (entity.RowKey == "person" && entity.PartitionKey.StartsWith(settings.ClusterId, StringComparison.Ordinal)
                    && entity.PartitionKey.Contains(tenant, StringComparison.Ordinal) && entity.PartitionKey.EndsWith("student-1", StringComparison.Ordinal))
                {
                    stored.Add(entity);
                }
            }

            var row = Assert.Single(stored);
            await table.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace);

            const string consent = "mutation { recordConsent(personId: \"student-1\", purpose: SERVICES, decision: GRANTED, givenBy: GUARDIAN) { consents { purpose status } } }";
            var refused = await client.PostAsync(TenantBuilder.Path(tenant), consent, token: api.CounsellorToken(tenant));
            Assert.Equal("CONFLICT_RETRY", refused.FirstCode);

            var unchanged = await client.PostAsync(TenantBuilder.Path(tenant), "{ person(id: \"student-1\") { consents { purpose status } } }", token: api.CounsellorToken(tenant));
            Assert.Empty(unchanged.EnsureNoErrors().Data!["person"]!["consents"]!.AsArray());

            var retried = await client.PostAsync(TenantBuilder.Path(tenant), consent, token: api.CounsellorToken(tenant));
            var consents = retried.EnsureNoErrors().Data!["recordConsent"]!["consents"]!.AsArray();
            Assert.Equal("GRANTED", Assert.Single(consents)!["status"]!.GetValue<string>());
        }
        finally
        {
            settings.DeleteKey();
        }
    }
}
