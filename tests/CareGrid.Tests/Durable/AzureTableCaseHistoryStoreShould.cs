using Azure.Data.Tables;
using CareGrid.Grains.Cases;
using CareGrid.Grains.History;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace CareGrid.Tests.Durable;

/// <summary>
/// The durable case history store (docs/storage.md): entries read back in sequence order across segments, and where a
/// failed write left a segment that a later write covered differently, the later write wins.
/// </summary>
[Trait("tier", "durable")]
[Collection(DurableCollection.Name)]
public sealed class AzureTableCaseHistoryStoreShould(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [SkippableFact]
    public async Task Read_ranges_in_order_and_let_a_later_write_win_over_a_failed_writes_leftover()
    {
        azurite.RequireAzurite();
        var serializer = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(CaseState).Assembly)).BuildServiceProvider().GetRequiredService<Serializer>();
        var store = new AzureTableCaseHistoryStore(new TableServiceClient(azurite.ConnectionString), serializer);
        var tenant = Infrastructure.Seeds.NewTenantId("hist");

        // A failed step wrote sequences 1–100 (two segments: 1–64 and 65–100) and its state write failed; the step that
        // succeeded wrote 1–40 over the first; the next wrote 41–104. Sequences 65–100 are in two rows now.
        await store.AppendAsync(tenant, "case-1", Contacts(1, 100, "failed"));
        await store.AppendAsync(tenant, "case-1", Contacts(1, 40, "kept"));
        await store.AppendAsync(tenant, "case-1", Contacts(41, 104, "kept"));
        await store.AppendAsync(tenant, "case-10", Contacts(1, 3, "other case"));

        var all = await store.ReadAsync(tenant, "case-1", CaseHistoryKind.Contacts, 1, 104);
        var middle = await store.ReadAsync(tenant, "case-1", CaseHistoryKind.Contacts, 60, 70);
        var timeline = await store.ReadAsync(tenant, "case-1", CaseHistoryKind.Timeline, 1, 104);
        await store.PurgeCaseAsync(tenant, "case-1");
        var purged = await store.ReadAsync(tenant, "case-1", CaseHistoryKind.Contacts, 1, 104);
        var other = await store.ReadAsync(tenant, "case-10", CaseHistoryKind.Contacts, 1, 3);
        await store.PurgeTenantAsync(tenant);

        Assert.Equal(Enumerable.Range(1, 104).Select(i => (long)i), all.Select(e => e.Sequence));
        Assert.All(all, e => Assert.Equal($"kept {e.Sequence}", e.Contact!.Notes));
        Assert.Equal(Enumerable.Range(60, 11).Select(i => $"kept {i}"), middle.Select(e => e.Contact!.Notes));
        Assert.Empty(timeline);
        Assert.Empty(purged);
        Assert.Equal(3, other.Count);
        Assert.Empty(await store.ReadAsync(tenant, "case-10", CaseHistoryKind.Contacts, 1, 3));
    }

    private static List<CaseHistoryEntry> Contacts(int from, int to, string note) =>
        [.. Enumerable.Range(from, to - from + 1).Select(i => CaseHistoryEntry.Of(i, new ContactLog(T0.AddMinutes(i), "psych", ContactChannel.Phone, 10, $"{note} {i}")))];
}
