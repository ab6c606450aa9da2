using Azure.Data.Tables;
using CareGrid.Grains.Audit;

namespace CareGrid.Tests.Durable;

/// <summary>
/// The durable audit log (<see cref="AzureTableAuditStore"/>, on Azurite) behaves as the in-memory one: same pages for
/// every filter, records read back exactly (so their hashes verify, refusal facts included), the highest sequence as "last" whatever the write
/// order, and no second record with the same sequence.
/// </summary>
[Trait("tier", "durable")]
[Collection(DurableCollection.Name)]
public sealed class AzureTableAuditStoreShould(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 1, 0, 0, TimeSpan.Zero);

    [SkippableFact]
    public async Task Answer_every_query_as_the_in_memory_store_does()
    {
        azurite.RequireAzurite();
        var (durable, memory, tenant) = await TwoStoresAsync(30);
        var queries = new AuditQuery[]
        {
            new(), new(Actor: "psych@t"), new(Action: "WRITE"), new(EntityType: "Case"), new(EntityId: "case-2"),
            new(From: T0.AddMinutes(5), To: T0.AddMinutes(20)), new(Actor: "psych@t", Action: "READ", EntityType: "Person"), new(Actor: "nobody"),
            new(CallerTenant: "other-town"), new(Action: "WRITE", CallerTenant: "other-town"),
        };
        foreach (var query in queries)
        {
            foreach (var size in new[] { 1, 4, 100 })
            {
                Assert.Equal(await PagesAsync(memory, tenant, query, size), await PagesAsync(durable, tenant, query, size));
            }
        }

        Assert.Equal(await Describe(memory.ReadAllAsync(tenant)), await Describe(durable.ReadAllAsync(tenant)));
        Assert.Empty(await Describe(durable.ReadAllAsync("no-such-tenant")));
        Assert.Null(await durable.LastAsync("no-such-tenant"));
    }

    [SkippableFact]
    public async Task Read_records_back_exactly_so_their_hashes_verify()
    {
        azurite.RequireAzurite();
        var (durable, _, tenant) = await TwoStoresAsync(5);
        var previous = AuditRecord.Genesis;
        await foreach (var record in durable.ReadAllAsync(tenant))
        {
            Assert.Equal(previous, record.PreviousHash);
            Assert.Equal(record.Hash, record.ComputeHash());
            previous = record.Hash;
        }

        var last = await durable.LastAsync(tenant);
        Assert.Equal(5, last!.Sequence);
        Assert.Equal(previous, last.Hash);
        Assert.Equal(T0.AddMinutes(4).AddTicks(3), last.At);
    }

    [SkippableFact]
    public async Task Keep_the_highest_sequence_as_last_and_refuse_a_second_record_with_the_same_sequence()
    {
        azurite.RequireAzurite();
        var store = new AzureTableAuditStore(new TableServiceClient(azurite.ConnectionString));
        var tenant = "audit-" + Guid.NewGuid().ToString("N")[..10];
        await store.AppendAsync(Record(tenant, 2, AuditRecord.Genesis));
        await store.AppendAsync(Record(tenant, 1, AuditRecord.Genesis));

        Assert.Equal(2, (await store.LastAsync(tenant))!.Sequence);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.AppendAsync(Record(tenant, 2, "other")));
        Assert.Equal([1L, 2L], (await Describe(store.ReadAllAsync(tenant))).Select(d => long.Parse(d.Split(' ')[0])));
    }

    [SkippableFact]
    public async Task Append_groups_across_block_boundaries_one_partition_per_block_and_refuse_a_group_that_repeats_a_sequence_whole()
    {
        azurite.RequireAzurite();
        var service = new TableServiceClient(azurite.ConnectionString);
        var store = new AzureTableAuditStore(service);
        var tenant = "audit-" + Guid.NewGuid().ToString("N")[..10];
        var records = Chain(tenant, 1, (int)AzureTableAuditStore.RecordsPerBlock + 150, AuditRecord.Genesis);

        // A block exactly full, then one record opening the next block, then a group that fills it on.
        var full = (int)AzureTableAuditStore.RecordsPerBlock;
        await store.AppendManyAsync(records[..full]);
        Assert.Equal(full, (await store.LastAsync(tenant))!.Sequence);
        await store.AppendAsync(records[full]);
        Assert.Equal(full + 1, (await store.LastAsync(tenant))!.Sequence);
        await store.AppendManyAsync(records[(full + 1)..]);

        var last = (await store.LastAsync(tenant))!;
        Assert.Equal((records.Count, records[^1].Hash), (last.Sequence, last.Hash));
        Assert.Equal(records.Select(r => r.Sequence), (await Describe(store.ReadAllAsync(tenant))).Select(d => long.Parse(d.Split(' ')[0])));
        var rowsPerPartition = new SortedDictionary<string, int>(StringComparer.Ordinal);
        await foreach (var row in service.GetTableClient(store.TableName).QueryAsync<TableEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey ge {tenant} and PartitionKey lt {tenant + "~~"}"), select: ["PartitionKey"]))
        {
            rowsPerPartition[row.PartitionKey] = rowsPerPartition.GetValueOrDefault(row.PartitionKey) + 1;
        }

        Assert.Equal([$"{tenant}~000000000000 {full}", $"{tenant}~000000000001 150"], rowsPerPartition.Select(p => $"{p.Key} {p.Value}"));

        // A group whose first record repeats a stored sequence is refused as a whole: nothing of it is stored.
        var next = Record(tenant, records.Count + 1, records[^1].Hash);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.AppendManyAsync([Record(tenant, records.Count, "other"), next]));
        Assert.Equal(records.Count, (await store.LastAsync(tenant))!.Sequence);
        Assert.Equal(records.Count, (await Describe(store.ReadAllAsync(tenant))).Count);
    }

    [SkippableFact]
    public async Task Purge_one_tenant_only()
    {
        azurite.RequireAzurite();
        var (durable, _, tenant) = await TwoStoresAsync(120);
        var (_, _, other) = await TwoStoresAsync(3);

        await durable.PurgeTenantAsync(tenant);

        Assert.Empty(await Describe(durable.ReadAllAsync(tenant)));
        Assert.Null(await durable.LastAsync(tenant));
        Assert.Equal(3, (await Describe(durable.ReadAllAsync(other))).Count);
        Assert.Equal(3, (await durable.LastAsync(other))!.Sequence);
    }

    private async Task<(AzureTableAuditStore Durable, InMemoryAuditStore Memory, string Tenant)> TwoStoresAsync(int count)
    {
        var durable = new AzureTableAuditStore(new TableServiceClient(azurite.ConnectionString));
        var memory = new InMemoryAuditStore();
        var tenant = "audit-" + Guid.NewGuid().ToString("N")[..10];
        var previous = AuditRecord.Genesis;
        for (var i = 1; i <= count; i++)
        {
            var record = Record(tenant, i, previous);
            await durable.AppendAsync(record);
            await memory.AppendAsync(record);
            previous = record.Hash;
        }

        return (durable, memory, tenant);
    }

    /// <summary>Records <paramref name="from"/>…<paramref name="to"/> of a tenant's chain, the first linked to <paramref name="previous"/>.</summary>
    internal static List<AuditRecord> Chain(string tenant, long from, long to, string previous)
    {
        var records = new List<AuditRecord>();
        for (var i = from; i <= to; i++)
        {
            records.Add(Record(tenant, i, previous));
            previous = records[^1].Hash;
        }

        return records;
    }

    internal static AuditRecord Record(string tenant, long sequence, string previous)
    {
        var i = (int)sequence - 1;
        var draft = new AuditRecord(tenant, sequence, T0.AddMinutes(i).AddTicks(3), i % 3 == 0 ? "psych@t" : "homeroom@t",
            i % 4 == 0 ? "READ" : "WRITE", i % 2 == 0 ? "Person" : "Case", $"{(i % 2 == 0 ? "person" : "case")}-{i % 5}",
            i % 3 == 0 ? ["summary", "timeline"] : [], "caseWork", $"corr-{i}", i % 7 == 0 ? null : "because", previous, "",
            i % 4 != 1 ? null : i % 8 == 1 ? new AuditRefusal("FORBIDDEN", "other-town", "Counsellor,Auditor", "route:/t/t/graphql", "10.0.0.7")
                : new AuditRefusal("UNAUTHENTICATED", null, "", "none", null));
        return draft with { Hash = draft.ComputeHash() };
    }

    internal static async Task<List<string>> PagesAsync(IAuditStore store, string tenant, AuditQuery query, int size)
    {
        var pages = new List<string>();
        long? after = null;
        for (var n = 0; n < 100; n++)
        {
            var page = await store.QueryAsync(tenant, query, size, after);
            pages.Add(string.Join(",", page.Items.Select(r => r.Sequence)) + (page.HasNextPage ? " →" : " ."));
            if (!page.HasNextPage)
            {
                return pages;
            }

            after = page.Items[^1].Sequence;
        }

        throw new InvalidOperationException("More than 100 pages.");
    }

    /// <summary>Every field of every record, as text (records hold a list, so they do not compare by value).</summary>
    internal static async Task<List<string>> Describe(IAsyncEnumerable<AuditRecord> records)
    {
        var all = new List<string>();
        await foreach (var r in records)
        {
            all.Add($"{r.Sequence} {r.TenantId} {r.At.UtcTicks} {r.Actor} {r.Action} {r.EntityType} {r.EntityId} [{string.Join(",", r.Fields)}] " +
                $"{r.Purpose} {r.CorrelationId} {r.Reason ?? "<null>"} {r.Refusal?.ToString() ?? "<null>"} {r.PreviousHash} {r.Hash}");
        }

        return all;
    }
}
