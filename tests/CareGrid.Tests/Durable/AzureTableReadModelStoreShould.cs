using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.ReadModel;

namespace CareGrid.Tests.Durable;

/// <summary>
/// The durable read side (<see cref="AzureTableReadModelStore"/>, on Azurite) answers every list exactly as the embedded
/// <see cref="InMemoryReadModelStore"/> does — same rows, same order, same pages and cursors — keeps tenants apart, purges
/// a tenant, and reads a page with one ranged <c>$top</c> query whose size follows the page, not the tenant.
/// </summary>
[Trait("tier", "durable")]
[Collection(DurableCollection.Name)]
public sealed class AzureTableReadModelStoreShould(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 1, 0, 0, 123, TimeSpan.Zero);

    /// <summary>A scope of more units than one service-side filter may compare (it is then applied while reading forward).</summary>
    private static readonly string[] ScopeUnits = [.. Enumerable.Range(0, 15).Select(i => $"unit-{i}"), "class-2"];
    private readonly RequestLog _requests = new();

    [SkippableFact]
    public async Task Return_the_same_pages_as_the_in_memory_store_for_every_list_and_filter()
    {
        azurite.RequireAzurite();
        var (durable, memory, tenant) = await TwoStoresAsync();

        var caseQueries = new CaseQuery[]
        {
            new(), new(OpenOnly: true), new(Status: CaseStatus.Triage), new(RiskLevel: RiskLevel.High), new(EscalationLevel: 3),
            new(AssigneeId: "psych@t"), new(OrganizationId: "class-2"), new(PersonId: "p-03"),
            new(Status: CaseStatus.Active, RiskLevel: RiskLevel.Moderate, OpenOnly: true), new(PersonId: "nobody"),
            // Need-to-know by organization (docs/access.md): a scope of units, the caller's own cases exempt, in the service's
            // filter and (past its 15 comparisons) read forward from the cursor.
            new() { OrganizationIds = ["class-1"] }, new() { OrganizationIds = ["class-2"], ScopeExemptAssignee = "psych@t" },
            new() { OrganizationIds = [] }, new() { OrganizationIds = [], ScopeExemptAssignee = "worker@t" },
            new(OpenOnly: true, RiskLevel: RiskLevel.High) { OrganizationIds = ScopeUnits, ScopeExemptAssignee = "psych@t" },
        };
        foreach (var query in caseQueries)
        {
            foreach (var size in new[] { 1, 3, 7, 100 })
            {
                Assert.Equal(await AllPagesAsync((f, a) => memory.QueryCasesAsync(tenant, query, f, a), size, r => r.Id),
                    await AllPagesAsync((f, a) => durable.QueryCasesAsync(tenant, query, f, a), size, r => r.Id));
            }
        }

        var manyUnits = Enumerable.Range(0, 12).Select(i => $"unit-{i}").Append("class-2").ToArray();
        var peopleQueries = new PersonQuery?[]
        {
            null, new(), new(OrganizationIds: ["class-1"]), new(OrganizationIds: ["class-2"]), new(OrganizationIds: ["none"]),
            new(OrganizationIds: ["class-1", "class-2"]), new(OrganizationIds: manyUnits), new(OrganizationIds: []),
            new(TargetGroup: "LeftBehindChild"), new(Monitoring: CareGrid.Grains.People.MonitoringLevel.Tracking),
            new(Monitoring: CareGrid.Grains.People.MonitoringLevel.None), new(Staff: true), new(Staff: false),
            new(OrganizationIds: ["class-1"], TargetGroup: "LeftBehindChild", Staff: false),
        };
        foreach (var query in peopleQueries)
        {
            foreach (var size in new[] { 1, 4, 100 })
            {
                Assert.Equal(await AllPagesAsync((f, a) => memory.QueryPeopleAsync(tenant, query, f, a), size, r => r.Id),
                    await AllPagesAsync((f, a) => durable.QueryPeopleAsync(tenant, query, f, a), size, r => r.Id));
            }
        }

        Assert.Equal(await memory.ListOrganizationsAsync(tenant), await durable.ListOrganizationsAsync(tenant));

        var manyOwners = Enumerable.Range(0, 12).Select(i => $"staff-{i}@t").Append("queue:level-3").ToArray();
        var taskQueries = new TaskQuery[]
        {
            new(), new(OpenOnly: false), new(OwnerIds: ["psych@t"]), new(OwnerIds: ["psych@t", "queue:level-2"]),
            new(OwnerIds: manyOwners), new(OwnerIds: []), new(DueBefore: T0.AddHours(5)), new(OwnerIds: manyOwners, OpenOnly: false, DueBefore: T0.AddHours(9)),
            new(UnescalatedOnly: true), new(DueBefore: T0.AddHours(9), UnescalatedOnly: true),
            new() { OrganizationIds = ["class-1"] }, new(OpenOnly: false) { OrganizationIds = ["class-2"], ScopeExemptOwner = "psych@t" },
            new(OwnerIds: ["psych@t", "queue:level-2", "queue:level-3"]) { OrganizationIds = ["class-1"], ScopeExemptOwner = "psych@t" },
            new(OwnerIds: manyOwners) { OrganizationIds = ["class-2"], ScopeExemptOwner = "staff-11@t" }, new() { OrganizationIds = [] },
            new(OpenOnly: false, DueBefore: T0.AddHours(9)) { OrganizationIds = ScopeUnits, ScopeExemptOwner = "psych@t" },
            // myTasks: a task escalated away from its owner stays on their list.
            new(OwnerIds: ["psych@t", "queue:level-3"]) { IncludeEscalatedFrom = true },
            new(OwnerIds: manyOwners, OpenOnly: false) { IncludeEscalatedFrom = true },
            new(OwnerIds: ["psych@t", "queue:level-2", "queue:level-3"]) { OrganizationIds = ["class-1"], ScopeExemptOwner = "psych@t", IncludeEscalatedFrom = true },
            new(OwnerIds: ["someone-else@t"], OpenOnly: false) { OrganizationIds = [], ScopeExemptOwner = "someone-else@t", IncludeEscalatedFrom = true },
        };
        foreach (var query in taskQueries)
        {
            foreach (var size in new[] { 1, 2, 5, 100 })
            {
                Assert.Equal(await AllPagesAsync((f, a) => memory.QueryTasksAsync(tenant, query, f, a), size, r => r.Id),
                    await AllPagesAsync((f, a) => durable.QueryTasksAsync(tenant, query, f, a), size, r => r.Id));
            }
        }
    }

    [SkippableFact]
    public async Task Keep_every_field_of_every_row_kind_exactly()
    {
        azurite.RequireAzurite();
        var (durable, memory, tenant) = await TwoStoresAsync();

        // Records compare by value: ids, enums, nullable fields and instants to the tick.
        Assert.Equal((await memory.QueryCasesAsync(tenant, new(), 100, null)).Items, (await durable.QueryCasesAsync(tenant, new(), 100, null)).Items);
        Assert.Equal((await memory.QueryPeopleAsync(tenant, null, 100, null)).Items, (await durable.QueryPeopleAsync(tenant, null, 100, null)).Items);
        Assert.Equal((await memory.QueryTasksAsync(tenant, new(OpenOnly: false), 100, null)).Items,
            (await durable.QueryTasksAsync(tenant, new(OpenOnly: false), 100, null)).Items);
        var withNulls = (await durable.QueryCasesAsync(tenant, new(PersonId: "p-00"), 100, null)).Items;
        Assert.Contains(withNulls, r => r.AssigneeId is null && r.OrganizationId is null);
        Assert.Equal(T0.AddTicks(7).UtcTicks, (await durable.QueryCasesAsync(tenant, new(), 1, null)).Items[0].ReportedAt.UtcTicks);
    }

    [SkippableFact]
    public async Task Find_one_case_row_by_id_as_the_in_memory_store_does_and_nothing_for_an_unknown_id_or_another_tenant()
    {
        azurite.RequireAzurite();
        var (durable, memory, tenant) = await TwoStoresAsync();
        var (_, _, other) = await TwoStoresAsync();
        foreach (IReadModelStore store in new IReadModelStore[] { durable, memory })
        {
            foreach (var id in new[] { "case-000", "case-013", "case-023" })
            {
                var row = await store.GetCaseAsync(tenant, id);
                Assert.Equal((await memory.QueryCasesAsync(tenant, new(), 100, null)).Items.Single(r => r.Id == id), row);
            }

            Assert.Null(await store.GetCaseAsync(tenant, "case-999"));
            Assert.Null(await store.GetCaseAsync("rm-nobody", "case-000"));
        }

        _requests.Clear();
        Assert.Equal(other, (await durable.GetCaseAsync(other, "case-005"))!.TenantId);
        Assert.Single(_requests.Uris); // one point read
    }

    [SkippableFact]
    public async Task Read_a_page_with_one_ranged_query_of_page_size_plus_one_rows()
    {
        azurite.RequireAzurite();
        var (durable, _, tenant) = await TwoStoresAsync();
        var first = await durable.QueryCasesAsync(tenant, new(), 5, null);
        _requests.Clear();

        var second = await durable.QueryCasesAsync(tenant, new(OpenOnly: true), 5, first.Items[^1].Id);

        var request = Assert.Single(_requests.Uris);
        var query = Uri.UnescapeDataString(request.Query);
        Assert.Contains("$top=6", query);
        Assert.Contains($"PartitionKey eq '{tenant}' and RowKey gt '{first.Items[^1].Id}'", query);
        Assert.Contains("Status ne 'Closed'", query);
        Assert.Equal(5, second.Items.Count);
        Assert.True(second.HasNextPage);
    }

    [SkippableFact]
    public async Task Keep_tenants_apart_and_purge_one_tenant_only()
    {
        azurite.RequireAzurite();
        var (durable, _, tenant) = await TwoStoresAsync();
        var (_, _, other) = await TwoStoresAsync();

        Assert.All((await durable.QueryCasesAsync(tenant, new(), 100, null)).Items, r => Assert.Equal(tenant, r.TenantId));
        await durable.PurgeTenantAsync(tenant);

        Assert.Empty((await durable.QueryCasesAsync(tenant, new(), 100, null)).Items);
        Assert.Empty((await durable.QueryPeopleAsync(tenant, null, 100, null)).Items);
        Assert.Empty(await durable.ListOrganizationsAsync(tenant));
        Assert.Empty((await durable.QueryTasksAsync(tenant, new(OpenOnly: false), 100, null)).Items);
        Assert.Equal(24, (await durable.QueryCasesAsync(other, new(), 100, null)).Items.Count);
        Assert.Equal(3, (await durable.ListOrganizationsAsync(other)).Count);
    }

    /// <summary>A fresh tenant with the same rows in a durable and an in-memory store.</summary>
    private async Task<(AzureTableReadModelStore Durable, InMemoryReadModelStore Memory, string Tenant)> TwoStoresAsync()
    {
        var options = new TableClientOptions();
        options.AddPolicy(_requests, HttpPipelinePosition.PerCall);
        var durable = new AzureTableReadModelStore(new TableServiceClient(azurite.ConnectionString, options));
        var memory = new InMemoryReadModelStore();
        var tenant = "rm-" + Guid.NewGuid().ToString("N")[..12];
        foreach (IReadModelStore store in new IReadModelStore[] { durable, memory })
        {
            foreach (var (id, parent, level) in new[] { ("school", (string?)null, (int?)null), ("class-1", "school", 1), ("class-2", "school", (int?)1) })
            {
                await store.UpsertOrganizationAsync(new OrganizationRow(tenant, id, "Unit " + id, id == "school" ? OrganizationKind.School : OrganizationKind.Class,
                    parent, level, OrganizationStatus.Active));
            }

            for (var i = 0; i < 9; i++)
            {
                await store.UpsertPersonAsync(new PersonRow(tenant, $"p-{i:D2}", $"Person {i}", i == 8 ? null : i % 2 == 0 ? "class-1" : "class-2")
                {
                    Monitoring = (CareGrid.Grains.People.MonitoringLevel)(i % 4),
                    TargetGroups = i % 3 == 0 ? ["LeftBehindChild", "MigrantChild"] : [],
                    IsStaff = i % 5 == 0,
                });
            }

            for (var i = 0; i < 24; i++)
            {
                var status = (CaseStatus)(i % 6);
                await store.UpsertCaseAsync(new CaseRow(tenant, $"case-{i:D3}", $"p-{i % 9:D2}", i % 9 == 0 ? null : i % 2 == 0 ? "class-1" : "class-2",
                    status, (RiskLevel)(i % 4), 1 + i % 3, i % 9 == 0 ? null : i % 3 == 0 ? "psych@t" : "worker@t", T0.AddTicks(7).AddMinutes(i), T0.AddHours(i))
                {
                    // Timeliness facts in their JSON column (docs/statistics.md), the largest a case can hold among them.
                    Facts = i == 2 ? CareGrid.Tests.Statistics.CaseFactsSamples.Largest(T0) : i % 4 == 1 ? CareGrid.Tests.Statistics.CaseFactsSamples.Full(T0.AddTicks(3)) : null,
                });
            }

            var owners = new[] { "psych@t", "queue:level-2", "staff-11@t", "queue:level-3", "someone-else@t" };
            for (var i = 0; i < 15; i++)
            {
                await store.UpsertTaskAsync(new TaskRow(tenant, $"case-{i:D3}:t-{i}", $"case-{i:D3}", (CaseTaskKind)(i % 7), owners[i % owners.Length],
                    (CaseTaskStatus)(i % 3), T0.AddHours(i), i % 2, T0)
                {
                    OrganizationId = i % 4 == 0 ? null : i % 2 == 0 ? "class-1" : "class-2", RiskLevel = (RiskLevel)(i % 4), EscalationLevel = 1 + (i % 3),
                    CompletedAt = (CaseTaskStatus)(i % 3) == CaseTaskStatus.Done ? T0.AddHours(i).AddMinutes(i % 2 == 0 ? -5 : 5).AddTicks(3) : null,
                    EscalatedFromId = i % 2 == 1 ? owners[(i + 2) % owners.Length] : null, // an escalated task keeps who had it (myTasks)
                });
            }

            // An upsert replaces: the last write of a row wins.
            await store.UpsertPersonAsync(new PersonRow(tenant, "p-04", "Person four (renamed)", "class-1"));
        }

        return (durable, memory, tenant);
    }

    private static async Task<List<string>> AllPagesAsync<T>(Func<int, string?, ValueTask<Page<T>>> query, int size, Func<T, string> id)
    {
        var pages = new List<string>();
        string? after = null;
        for (var n = 0; n < 200; n++)
        {
            var page = await query(size, after);
            Assert.True(page.Items.Count <= size);
            pages.Add(string.Join(",", page.Items.Select(id)) + (page.HasNextPage ? " →" : " ."));
            if (!page.HasNextPage)
            {
                return pages;
            }

            Assert.NotEmpty(page.Items);
            after = id(page.Items[^1]);
        }

        throw new InvalidOperationException("More than 200 pages.");
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
