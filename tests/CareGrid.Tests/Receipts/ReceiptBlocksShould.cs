using CareGrid.Grains.Cases;
using CareGrid.Grains.Tenancy;
using CareGrid.Tests.Grains;
using CareGrid.Tests.Infrastructure;
using Orleans.Core.Internal;
using static CareGrid.Tests.Grains.TenantCalls;

namespace CareGrid.Tests.Receipts;

/// <summary>
/// A reporter's receipt index in its grain, stored in blocks (docs/write-path-profile.md "Round 13", docs/storage.md): each
/// report writes one block of at most 20 entries, never the whole index; <c>myReports</c>' list, cursors and keyed retries
/// are unchanged, also across activations; a refused write keeps nothing; an index stored in the one-state shape of before
/// round 13 is read and migrated on activation; a purge erases every slot. Seen at the grain storage
/// (<see cref="ConcernWritePathShould.WatchedGrainStorage"/>).
/// </summary>
[Trait("tier", "grains")]
[Collection(WatchedStorageCollection.Name)]
public sealed class ReceiptBlocksShould(ConcernWritePathShould.Cluster fixture)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private ConcernWritePathShould.WatchedGrainStorage Storage => fixture.Storage;

    [Fact]
    public async Task Write_one_block_of_at_most_twenty_entries_per_report_however_many_the_index_holds()
    {
        var (grain, id, tenant) = await IndexAsync();
        for (var i = 1; i <= 130; i++)
        {
            await AsTenant(tenant, () => grain.Add("case-" + i, ReportOutcome.OpenedNewCase, null, null));
            var slot = ReceiptIndex.StateNameOf(ReceiptIndex.SlotOf(i));
            var written = Storage.LastWritten<ReportReceiptsState>(slot, id);
            // Before round 13 every report wrote the whole index: 100 entries from the 100th report on.
            Assert.NotNull(written);
            Assert.Equal((i - 1) % ReceiptIndex.BlockSize + 1, written.Entries.Count);
            Assert.Equal(i, written.Entries[^1].Sequence);
        }

        Assert.Equal(130, Storage.Writes(id));
        var page = await AsTenant(tenant, () => grain.Page(100, null));
        Assert.Equal(Enumerable.Range(31, 100).Reverse().Select(i => "case-" + i), page.Entries.Select(e => e.CaseId));
        Assert.False(page.HasNextPage);
        Assert.All(Enumerable.Range(0, ReceiptIndex.Slots), s =>
            Assert.InRange(Storage.Read<ReportReceiptsState>(ReceiptIndex.StateNameOf(s), id).Entries.Count, 1, ReceiptIndex.BlockSize));
    }

    [Fact]
    public async Task List_the_same_pages_and_add_nothing_for_a_retry_of_an_older_block_after_a_new_activation()
    {
        var (grain, id, tenant) = await IndexAsync();
        for (var i = 1; i <= 47; i++)
        {
            await AsTenant(tenant, () => grain.Add("case-" + i, ReportOutcome.OpenedNewCase, "key-" + i, null));
        }

        var before = await AsTenant(tenant, () => grain.Page(100, null));
        await AsTenant(tenant, () => grain.Cast<IGrainManagementExtension>().DeactivateOnIdle().AsTask());
        var reads = Storage.Reads(id);

        // A retry of the third report (block 0, two blocks before the newest) adds nothing, nor one of the newest block.
        await AsTenant(tenant, () => grain.Add("case-3", ReportOutcome.OpenedNewCase, "key-3", null)).WaitAsync(Bound);
        Assert.Equal(reads + ReceiptIndex.Slots, Storage.Reads(id));
        await AsTenant(tenant, () => grain.Add("case-46", ReportOutcome.OpenedNewCase, "key-46", null)).WaitAsync(Bound);
        var after = await AsTenant(tenant, () => grain.Page(100, null));
        Assert.Equal(before.Entries, after.Entries);
        Assert.Equal(47, after.Entries.Count);

        // The same cursors: entries older than 21, five at a time.
        var older = await AsTenant(tenant, () => grain.Page(5, 21));
        Assert.Equal(Enumerable.Range(16, 5).Reverse().Select(i => (long)i), older.Entries.Select(e => e.Sequence));
        Assert.True(older.HasNextPage);
        await AsTenant(tenant, () => grain.Add("case-48", ReportOutcome.JoinedOpenCase, null, null));
        Assert.Equal(48, (await AsTenant(tenant, () => grain.Page(1, null))).Entries[0].Sequence);
    }

    [Fact]
    public async Task Split_a_group_at_the_end_of_a_block_and_keep_nothing_of_a_refused_write_that_starts_a_block()
    {
        var (grain, id, tenant) = await IndexAsync();
        Task Add(string caseId) => AsTenant(tenant, () => grain.Add(caseId, ReportOutcome.OpenedNewCase, null, null));
        for (var i = 1; i <= 18; i++)
        {
            await Add("case-" + i);
        }

        // Five more arrive while the 19th is written: the next write takes the one that still fits in block 0, the one
        // after it the four that start block 1 — each write one block, every caller acknowledged once stored.
        Task first;
        Task[] rest;
        using (var held = Storage.Hold(id))
        {
            first = Add("case-19");
            await held.Reached.WaitAsync(Bound);
            rest = [.. Enumerable.Range(20, 5).Select(i => Add("case-" + i))];
            // Page interleaves and answers after the five reached the grain.
            Assert.Equal(18, (await AsTenant(tenant, () => grain.Page(100, null))).Entries.Count);
        }

        await Task.WhenAll(rest.Append(first)).WaitAsync(Bound);
        Assert.Equal(18 + 3, Storage.Writes(id));
        Assert.Equal(20, Storage.Read<ReportReceiptsState>(ReceiptIndex.StateNameOf(0), id).Entries.Count);
        Assert.Equal(Enumerable.Range(21, 4).Select(i => (long)i), Storage.Read<ReportReceiptsState>(ReceiptIndex.StateNameOf(1), id).Entries.Select(e => e.Sequence));

        // Up to 120, then the 121st starts block 6 in slot 0 (replacing block 0): refused, it keeps nothing and loses nothing.
        for (var i = 25; i <= 120; i++)
        {
            await Add("case-" + i);
        }

        var listed = (await AsTenant(tenant, () => grain.Page(100, null))).Entries;
        using (Storage.Fail(id, "the block's write is refused (test)"))
        {
            var error = await Assert.ThrowsAnyAsync<Exception>(() => Add("case-121").WaitAsync(Bound));
            Assert.Contains("the block's write is refused (test)", error.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal(listed, (await AsTenant(tenant, () => grain.Page(100, null))).Entries);
        await AsTenant(tenant, () => grain.Cast<IGrainManagementExtension>().DeactivateOnIdle().AsTask());
        Assert.Equal(listed, (await AsTenant(tenant, () => grain.Page(100, null))).Entries);
        await Add("case-121b");
        var page = (await AsTenant(tenant, () => grain.Page(100, null))).Entries;
        // The newest 100: 121 down to 22. Which of case-20…24 took which of sequences 20…24 is their arrival order at the
        // grain, which concurrent calls do not fix (seen reordered on a loaded machine), so the oldest is checked by number.
        Assert.Equal((100, "case-121b", 121L, 22L), (page.Count, page[0].CaseId, page[0].Sequence, page[^1].Sequence));
    }

    [Fact]
    public async Task Read_an_index_stored_in_the_one_state_shape_and_migrate_it_on_activation()
    {
        var (grain, id, tenant) = await IndexAsync();
        // Written as before round 13: one state, the newest 100 of 130 receipts, the 35th keyed.
        var old = new ReportReceiptsState
        {
            Entries = [.. Enumerable.Range(31, 100).Select(i => new ReportReceiptEntry(i, "case-" + i,
                new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero).AddMinutes(i), ReportOutcome.OpenedNewCase, i == 35 ? "key-35" : null))],
            LastSequence = 130,
        };
        Storage.Write(ReceiptIndex.StateName, id, old);

        var page = await AsTenant(tenant, () => grain.Page(100, null));
        Assert.Equal(old.Entries.AsEnumerable().Reverse(), page.Entries);
        Assert.Equal(Enumerable.Range(81, 10).Reverse().Select(i => (long)i), (await AsTenant(tenant, () => grain.Page(10, 91))).Entries.Select(e => e.Sequence));
        // Migrated: every slot holds one block; slot 0 now only block 6 (121–130).
        Assert.Equal(Enumerable.Range(121, 10).Select(i => (long)i), Storage.Read<ReportReceiptsState>(ReceiptIndex.StateName, id).Entries.Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(31, 10).Select(i => (long)i), Storage.Read<ReportReceiptsState>(ReceiptIndex.StateNameOf(1), id).Entries.Select(e => e.Sequence));
        var writes = Storage.Writes(id);
        Assert.Equal(ReceiptIndex.Slots, writes);

        // A retry of the 35th report (older than the newest page) adds nothing; a new report is the 131st, in slot 0.
        await AsTenant(tenant, () => grain.Add("case-35", ReportOutcome.OpenedNewCase, "key-35", null));
        await AsTenant(tenant, () => grain.Add("case-new", ReportOutcome.OpenedNewCase, null, null));
        Assert.Equal(writes + 1, Storage.Writes(id));
        var newest = await AsTenant(tenant, () => grain.Page(100, null));
        Assert.Equal(("case-new", 131L, "case-32"), (newest.Entries[0].CaseId, newest.Entries[0].Sequence, newest.Entries[^1].CaseId));
        Assert.Equal(11, Storage.Read<ReportReceiptsState>(ReceiptIndex.StateName, id).Entries.Count);

        // A new activation reads the migrated slots and writes nothing.
        await AsTenant(tenant, () => grain.Cast<IGrainManagementExtension>().DeactivateOnIdle().AsTask());
        Assert.Equal(newest.Entries, (await AsTenant(tenant, () => grain.Page(100, null))).Entries);
        Assert.Equal(writes + 1, Storage.Writes(id));
    }

    [Fact]
    public async Task Erase_every_slot_on_purge_and_number_from_one_again()
    {
        var (grain, id, tenant) = await IndexAsync();
        for (var i = 1; i <= 65; i++)
        {
            await AsTenant(tenant, () => grain.Add("case-" + i, ReportOutcome.OpenedNewCase, "key-" + i, null));
        }

        await AsTenant(tenant, () => grain.Purge());
        Assert.All(Enumerable.Range(0, ReceiptIndex.Slots), s => Assert.Empty(Storage.Read<ReportReceiptsState>(ReceiptIndex.StateNameOf(s), id).Entries));
        Assert.Empty((await AsTenant(tenant, () => grain.Page(100, null))).Entries);
        await AsTenant(tenant, () => grain.Add("case-2", ReportOutcome.OpenedNewCase, "key-2", null));
        var page = await AsTenant(tenant, () => grain.Page(100, null));
        Assert.Equal(1, Assert.Single(page.Entries).Sequence);
    }

    private async Task<(IReportReceiptsGrain Grain, GrainId Id, string Tenant)> IndexAsync()
    {
        var (tenant, _) = await Seeds.SchoolAsync(fixture.Grains);
        var grain = fixture.Grains.GetGrain<IReportReceiptsGrain>(IReportReceiptsGrain.KeyOf(tenant, $"reporter-{Guid.NewGuid():N}@{tenant}"));
        return (grain, grain.GetGrainId(), tenant);
    }
}
