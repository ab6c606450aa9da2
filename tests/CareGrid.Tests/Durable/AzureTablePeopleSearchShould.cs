using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using CareGrid.Grains.ReadModel;

namespace CareGrid.Tests.Durable;

/// <summary>
/// The people search and counts on the durable read side (<see cref="AzureTableReadModelStore"/> on Azurite) answer as the
/// embedded store does (docs/search.md): name-prefix and external-id pages, in name order, across renames; a name search reads
/// one key range of the index table, not the tenant's people; totalCount equals the rows paging returns.
/// </summary>
[Trait("tier", "durable")]
[Collection(DurableCollection.Name)]
public sealed class AzureTablePeopleSearchShould(AzuriteFixture azurite)
{
    private static readonly string[] Names =
    [
        "张伟", "张三", "李四", "(renamed)", "章子怡", "Zhang Wei", "ＺＨＡＯ　Ｌｅｉ", "张/伟#?", "张伟", "阿卜杜·热合曼", "𠀀明", "Ann", "ann-marie",
    ];

    private readonly RequestLog _requests = new();

    [SkippableFact]
    public async Task Search_by_name_prefix_and_external_id_as_the_in_memory_store_does()
    {
        azurite.RequireAzurite();
        var (durable, memory, tenant) = await TwoStoresAsync();

        var queries = new PersonQuery[]
        {
            new(NamePrefix: "张"), new(NamePrefix: "张伟"), new(NamePrefix: "张/"), new(NamePrefix: "z"), new(NamePrefix: "zhao lei"), new(NamePrefix: "ann"),
            new(NamePrefix: "阿卜杜·"), new(NamePrefix: "𠀀"), new(NamePrefix: "nobody"), new(NamePrefix: "张", OrganizationIds: ["class-2"]),
            new(NamePrefix: "张", Staff: true), new(ExternalId: "S03"), new(ExternalId: "S00"), new(ExternalId: "S03", NamePrefix: "李"), new(ExternalId: "none"),
            new(NamePrefix: "张", OrganizationIds: []),
        };
        foreach (var query in queries)
        {
            foreach (var size in new[] { 1, 2, 100 })
            {
                Assert.Equal(await AllPagesAsync(memory, tenant, query, size), await AllPagesAsync(durable, tenant, query, size));
            }

            Assert.Equal(await Count(memory, tenant, query), await Count(durable, tenant, query));
        }

        Assert.Equal(["p-01 .", ], await AllPagesAsync(durable, tenant, new(NamePrefix: "张三"), 10));
        Assert.Equal(["p-00,p-08 ."], await AllPagesAsync(durable, tenant, new(NamePrefix: "张伟"), 10));
        Assert.Equal(["p-02,p-03 ."], await AllPagesAsync(durable, tenant, new(NamePrefix: "李"), 10));
        Assert.Empty((await durable.QueryPeopleAsync(tenant, new(NamePrefix: "张老"), 10, null)).Items);
        Assert.Empty((await durable.QueryPeopleAsync(tenant, new(ExternalId: "S99"), 10, null)).Items);
        Assert.Equal("p-03", Assert.Single((await durable.QueryPeopleAsync(tenant, new(ExternalId: "S03"), 10, null)).Items).Id);
    }

    [SkippableFact]
    public async Task Read_one_key_range_of_the_index_for_a_name_search()
    {
        azurite.RequireAzurite();
        var (durable, _, tenant) = await TwoStoresAsync();
        await durable.QueryPeopleAsync(tenant, new(NamePrefix: "李"), 1, null); // the once-per-tenant check of older rows
        _requests.Clear();

        var page = await durable.QueryPeopleAsync(tenant, new(NamePrefix: "张"), 2, null);

        var request = Assert.Single(_requests.Uris);
        Assert.Contains(durable.PersonIndexTable, request.AbsolutePath);
        var query = Uri.UnescapeDataString(request.Query);
        Assert.Contains($"PartitionKey eq '{tenant}' and RowKey gt 'n张'", query);
        Assert.Contains("RowKey lt 'n弡'", query);
        Assert.Equal(2, page.Items.Count);
        Assert.True(page.HasNextPage);
    }

    [SkippableFact]
    public async Task Count_every_list_as_paging_returns_it()
    {
        azurite.RequireAzurite();
        var (durable, memory, tenant) = await TwoStoresAsync();

        foreach (var query in new PersonQuery?[] { null, new(OrganizationIds: ["class-1"]), new(Staff: true), new(NamePrefix: "张") })
        {
            var rows = (await durable.QueryPeopleAsync(tenant, query, 100, null)).Items.Count;
            Assert.Equal(rows, await Count(durable, tenant, query));
            Assert.Equal(rows, await Count(memory, tenant, query));
        }

        Assert.Equal(Names.Length, await Count(durable, tenant, null));
        await durable.PurgeTenantAsync(tenant);
        Assert.Equal(0, await Count(durable, tenant, new(NamePrefix: "张")));
        Assert.Equal(0, await Count(durable, tenant, new(ExternalId: "S03")));
    }

    [SkippableFact]
    public async Task Index_once_the_people_written_before_the_index_existed()
    {
        azurite.RequireAzurite();
        var service = new TableServiceClient(azurite.ConnectionString);
        var tenant = "old-" + Guid.NewGuid().ToString("N")[..12];
        var writer = new AzureTableReadModelStore(service);
        await writer.EnsureTablesAsync();
        var people = service.GetTableClient(writer.PeopleTable);
        foreach (var (id, name, external) in new[] { ("ext-S1", "张伟", "S1"), ("ext-S2", "张三", "S2"), ("ext-S3", "李四", "S3") })
        {
            // A row as stores before the index wrote it: no NameKey, no index rows.
            await people.UpsertEntityAsync(new TableEntity(tenant, id) { ["DisplayName"] = name, ["Monitoring"] = "None", ["TargetGroups"] = "", ["IsStaff"] = false, ["ExternalId"] = external });
        }

        var reader = new AzureTableReadModelStore(service);

        Assert.Equal(["ext-S2,ext-S1 ."], await AllPagesAsync(reader, tenant, new(NamePrefix: "张"), 10));
        Assert.Equal("ext-S3", Assert.Single((await reader.QueryPeopleAsync(tenant, new(ExternalId: "S3"), 10, null)).Items).Id);
        await reader.UpsertPersonAsync(new PersonRow(tenant, "ext-S1", "刘伟", null) { ExternalId = "S1" });
        Assert.Equal(["ext-S2 ."], await AllPagesAsync(new AzureTableReadModelStore(service), tenant, new(NamePrefix: "张"), 10));
    }

    /// <summary>A fresh tenant with the same people in both stores; p-03 is renamed from 张 to 李 (its old index key must go).</summary>
    private async Task<(AzureTableReadModelStore Durable, InMemoryReadModelStore Memory, string Tenant)> TwoStoresAsync()
    {
        var options = new TableClientOptions();
        options.AddPolicy(_requests, HttpPipelinePosition.PerCall);
        var durable = new AzureTableReadModelStore(new TableServiceClient(azurite.ConnectionString, options));
        var memory = new InMemoryReadModelStore();
        var tenant = "ps-" + Guid.NewGuid().ToString("N")[..12];
        foreach (IReadModelStore store in new IReadModelStore[] { durable, memory })
        {
            for (var i = 0; i < Names.Length; i++)
            {
                await store.UpsertPersonAsync(new PersonRow(tenant, $"p-{i:D2}", i == 3 ? "张老四" : Names[i], i % 2 == 0 ? "class-1" : "class-2")
                {
                    IsStaff = i % 4 == 0,
                    ExternalId = i == 3 ? "S99" : $"S{i:D2}",
                });
            }

            await store.UpsertPersonAsync(new PersonRow(tenant, "p-03", "李四", "class-2") { ExternalId = "S03" });
        }

        return (durable, memory, tenant);
    }

    private static ValueTask<int> Count(IReadModelStore store, string tenant, PersonQuery? query) => store.CountPeopleAsync(tenant, query);

    private static async Task<List<string>> AllPagesAsync(IReadModelStore store, string tenant, PersonQuery query, int size)
    {
        var pages = new List<string>();
        string? after = null;
        for (var n = 0; n < 100; n++)
        {
            var page = await store.QueryPeopleAsync(tenant, query, size, after);
            Assert.True(page.Items.Count <= size);
            pages.Add(string.Join(",", page.Items.Select(r => r.Id)) + (page.HasNextPage ? " →" : " ."));
            if (!page.HasNextPage)
            {
                return pages;
            }

            after = query.CursorOf(page.Items[^1]);
        }

        throw new InvalidOperationException("More than 100 pages.");
    }

    /// <summary>Records the URI of every request the table client sends.</summary>
    private sealed class RequestLog : HttpPipelineSynchronousPolicy
    {
        private readonly ConcurrentQueue<Uri> _uris = new();

        public IReadOnlyList<Uri> Uris => [.. _uris];

        public void Clear() => _uris.Clear();

        public override void OnSendingRequest(HttpMessage message) => _uris.Enqueue(message.Request.Uri.ToUri());
    }
}
