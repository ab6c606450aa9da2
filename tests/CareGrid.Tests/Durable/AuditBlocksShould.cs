using Azure.Data.Tables;
using CareGrid.Grains.Audit;
using static CareGrid.Tests.Durable.AzureTableAuditStoreShould;

namespace CareGrid.Tests.Durable;

/// <summary>
/// A log begun in the single-partition layout (written by the store before blocks, docs/audit-storage.md) goes on in
/// blocks: the store reads its last record, continues after it, answers reads and queries across both layouts as the
/// in-memory store does, and purges both; through the API, <c>verifyAuditChain</c> of such a log is intact and names a
/// removed, altered, re-hashed or reordered record in the first and last records, at the end of the old layout and at
/// a block boundary.
/// </summary>
[Trait("tier", "durable")]
[Collection(DurableCollection.Name)]
public sealed class AuditBlocksShould(AzuriteFixture azurite)
{
    private const int Legacy = 1500, Stored = 2600;

    [SkippableFact]
    public async Task Continue_a_log_of_the_single_partition_layout_in_blocks_and_read_query_and_purge_both()
    {
        azurite.RequireAzurite();
        var service = new TableServiceClient(azurite.ConnectionString);
        var store = new AzureTableAuditStore(service);
        var tenant = "legacy-" + Guid.NewGuid().ToString("N")[..10];
        var records = Chain(tenant, 1, Stored, AuditRecord.Genesis);
        await LegacyAuditLayout.WriteAsync(service, records[..Legacy]);
        Assert.Equal(records[Legacy - 1].Hash, (await store.LastAsync(tenant))!.Hash);

        await store.AppendManyAsync(records[Legacy..]);
        Assert.Equal(records[^1].Hash, (await store.LastAsync(tenant))!.Hash);
        var memory = new InMemoryAuditStore();
        await ((IAuditStore)memory).AppendManyAsync(records);
        Assert.Equal(await Describe(memory.ReadAllAsync(tenant)), await Describe(store.ReadAllAsync(tenant)));
        foreach (var query in new AuditQuery[] { new(), new(Actor: "psych@t"), new(Action: "WRITE", CallerTenant: "other-town") })
        {
            Assert.Equal(await PagesAsync(memory, tenant, query, 700), await PagesAsync(store, tenant, query, 700));
        }

        foreach (var (after, first) in new[] { (Legacy - 1L, 3), (1999L, 2), (2000L, 1), ((long)Stored - 1, 5), (0L, 2) })
        {
            var expected = await memory.QueryAsync(tenant, new AuditQuery(), first, after);
            var actual = await store.QueryAsync(tenant, new AuditQuery(), first, after);
            Assert.Equal(string.Join(",", expected.Items.Select(r => r.Sequence)) + (expected.HasNextPage ? " →" : " ."),
                string.Join(",", actual.Items.Select(r => r.Sequence)) + (actual.HasNextPage ? " →" : " ."));
        }

        await store.PurgeTenantAsync(tenant);
        Assert.Null(await store.LastAsync(tenant));
        Assert.Empty(await Describe(store.ReadAllAsync(tenant)));
        var left = service.GetTableClient(store.TableName).QueryAsync<TableEntity>(AuditTableKeys.EveryRow(tenant), select: ["RowKey"]);
        Assert.Equal(0, await left.CountAsync());
    }

    [SkippableFact]
    public async Task Verify_through_the_api_a_log_begun_in_the_old_layout_and_name_tampering_at_every_boundary()
    {
        azurite.RequireAzurite();
        var settings = new DurableSettings(azurite, "auditblocks");
        var tenant = "legacy-" + settings.ClusterId[^8..];
        var service = new TableServiceClient(azurite.ConnectionString);
        var records = Chain(tenant, 1, Stored, AuditRecord.Genesis);
        await LegacyAuditLayout.WriteAsync(service, records[..Legacy]);
        await new AzureTableAuditStore(service).AppendManyAsync(records[Legacy..]);
        try
        {
            await using var factory = new DurableApiFactory(settings.ForSilo(Infrastructure.FreePorts.Next(), Infrastructure.FreePorts.Next()));
            var api = new TenantBuilder(factory.GraphQL(), settings);
            await api.OnboardAsync(tenant, "SCHOOL");
            await api.CreateOrganizationAsync(tenant, "c1", "CLASS", null, 1);
            var intact = await api.VerifyAuditChainAsync(tenant);
            Assert.True(intact["intact"]!.GetValue<bool>(), intact.ToJsonString());
            var last = intact["checked"]!.GetValue<long>();
            Assert.True(last > Stored, intact.ToJsonString());

            var rows = new AuditRows(service.GetTableClient("caregridAudit"), tenant, Legacy);
            async Task ExpectAsync(string name, Func<Task<Func<Task>>> tamper, long brokenAt, string word)
            {
                var restore = await tamper();
                var verdict = await api.VerifyAuditChainAsync(tenant);
                Assert.True((false, brokenAt) == (verdict["intact"]!.GetValue<bool>(), verdict["brokenAt"]?.GetValue<long>()), $"{name}: {verdict.ToJsonString()}");
                Assert.Contains(word, verdict["problem"]!.GetValue<string>(), StringComparison.Ordinal);
                await restore();
                Assert.True((await api.VerifyAuditChainAsync(tenant))["intact"]!.GetValue<bool>(), name + " restored");
            }

            await ExpectAsync("first record altered", () => rows.AlterAsync(1, rehash: false), 1, "altered");
            await ExpectAsync("last of the old layout altered", () => rows.AlterAsync(Legacy, rehash: false), Legacy, "altered");
            await ExpectAsync("first of the blocks removed", () => rows.RemoveAsync(Legacy + 1), Legacy + 1, "missing");
            await ExpectAsync("last of a block removed", () => rows.RemoveAsync(2000), 2000, "missing");
            await ExpectAsync("first of a block removed", () => rows.RemoveAsync(2001), 2001, "missing");
            await ExpectAsync("edited at a block's end with its hash recomputed", () => rows.AlterAsync(2000, rehash: true), 2001, "link");
            await ExpectAsync("swapped across a block boundary", () => rows.SwapAsync(2000, 2001), 2000, "missing");
            await ExpectAsync("swapped across the layouts", () => rows.SwapAsync(Legacy, Legacy + 1), Legacy, "missing");

            // The newest record (verifyAuditChain is itself audited, so the log grows with every check).
            var store = new AzureTableAuditStore(service);
            var newest = (await store.LastAsync(tenant))!.Sequence;
            await ExpectAsync("newest record altered", () => rows.AlterAsync(newest, rehash: false), newest, "altered");
            newest = (await store.LastAsync(tenant))!.Sequence;
            await ExpectAsync("newest record removed", () => rows.RemoveAsync(newest), newest, "missing");
        }
        finally
        {
            settings.DeleteKey();
        }
    }

    /// <summary>Changes stored audit rows behind the store's back, as someone with access to the table could; each change returns its undo.</summary>
    private sealed class AuditRows(TableClient table, string tenant, long legacy)
    {
        private (string Partition, string Row) Key(long sequence) =>
            (sequence <= legacy ? tenant : AuditTableKeys.BlockPartition(tenant, AuditTableKeys.BlockOf(sequence)), AuditTableKeys.AscendingKey(sequence));

        private async Task<TableEntity> GetAsync(long sequence)
        {
            var (partition, row) = Key(sequence);
            return (await table.GetEntityAsync<TableEntity>(partition, row)).Value;
        }

        public async Task<Func<Task>> AlterAsync(long sequence, bool rehash)
        {
            var original = await GetAsync(sequence);
            var record = AuditTableEntities.ToRecord(original, tenant) with { Actor = "someone-else" };
            var (partition, row) = Key(sequence);
            await table.UpsertEntityAsync(AuditTableEntities.ToEntity(rehash ? record with { Hash = record.ComputeHash() } : record, partition, row), TableUpdateMode.Replace);
            return () => table.UpsertEntityAsync(original, TableUpdateMode.Replace);
        }

        public async Task<Func<Task>> RemoveAsync(long sequence)
        {
            var original = await GetAsync(sequence);
            await table.DeleteEntityAsync(original.PartitionKey, original.RowKey);
            return () => table.AddEntityAsync(original);
        }

        public async Task<Func<Task>> SwapAsync(long one, long other)
        {
            var (a, b) = (await GetAsync(one), await GetAsync(other));
            await table.UpsertEntityAsync(Moved(b, a), TableUpdateMode.Replace);
            await table.UpsertEntityAsync(Moved(a, b), TableUpdateMode.Replace);
            return async () =>
            {
                await table.UpsertEntityAsync(a, TableUpdateMode.Replace);
                await table.UpsertEntityAsync(b, TableUpdateMode.Replace);
            };
        }

        /// <summary><paramref name="content"/>'s columns under <paramref name="place"/>'s keys.</summary>
        private static TableEntity Moved(TableEntity content, TableEntity place)
        {
            var moved = new TableEntity(content) { PartitionKey = place.PartitionKey, RowKey = place.RowKey };
            moved.Remove("odata.etag");
            moved.Remove("Timestamp");
            return moved;
        }
    }
}
