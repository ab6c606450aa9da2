using CareGrid.Grains.Cases;

namespace CareGrid.Tests.Receipts;

/// <summary>
/// The receipt index stored in blocks (<see cref="ReceiptIndex"/>, docs/storage.md, docs/write-path-profile.md "Round 13"):
/// every write is one block of at most 20 entries whatever the index holds; what a reload of the slots lists is what the
/// one-state index of before round 13 listed (the newest 100, newest first, same cursors); the one-state shape loads and is
/// migrated slot by slot with slot 0 last, also when a migration was cut short.
/// </summary>
[Trait("tier", "domain")]
public sealed class ReceiptIndexShould
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Place_entries_in_blocks_of_twenty_over_six_slots_named_as_before_for_slot_0()
    {
        Assert.Equal((0, 0, 0, 1, 5, 0, 0), (ReceiptIndex.SlotOf(1), ReceiptIndex.SlotOf(20), (int)ReceiptIndex.BlockOf(20), ReceiptIndex.SlotOf(21),
            ReceiptIndex.SlotOf(101), ReceiptIndex.SlotOf(120 + 1), (int)ReceiptIndex.BlockOf(1)));
        Assert.Equal(["reportReceipts", "reportReceipts-1", "reportReceipts-5"], new[] { 0, 1, 5 }.Select(ReceiptIndex.StateNameOf));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReceiptIndex.StateNameOf(6));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReceiptIndex.BlockOf(0));
        Assert.True((ReceiptIndex.Slots - 1) * ReceiptIndex.BlockSize >= ReceiptIndex.MaxEntries, "the five blocks before the newest hold the window");
    }

    [Fact]
    public void Write_at_most_one_block_per_write_and_reload_to_what_the_one_state_index_listed()
    {
        var index = ReceiptIndex.Empty;
        var stored = new ReportReceiptsState?[ReceiptIndex.Slots];
        var reference = new List<ReportReceiptEntry>(); // the index of before round 13: all entries, the newest 100 kept
        var random = new Random(13);
        while (index.LastSequence < 437)
        {
            var count = random.Next(1, index.Room + 1);
            Assert.InRange(index.Room, 1, ReceiptIndex.BlockSize);
            var added = Enumerable.Range(0, count).Select(i => Entry(index.LastSequence + 1 + i)).ToArray();
            var (slot, block) = index.BlockWith(added);
            Assert.InRange(block.Entries.Count, count, ReceiptIndex.BlockSize);
            Assert.Equal(ReceiptIndex.SlotOf(added[0].Sequence), slot);
            Assert.All(block.Entries, e => Assert.Equal(ReceiptIndex.BlockOf(added[0].Sequence), ReceiptIndex.BlockOf(e.Sequence)));
            stored[slot] = block;
            index.Commit(added);
            reference.AddRange(added);
            if (reference.Count > 100)
            {
                reference.RemoveRange(0, reference.Count - 100);
            }

            Assert.Equal(reference, index.Entries);
            var reloaded = ReceiptIndex.Load(stored, out var rewrite);
            Assert.Empty(rewrite);
            Assert.Equal(reference, reloaded.Entries);
            Assert.Equal(index.LastSequence, reloaded.LastSequence);
        }

        // Pages and cursors as the one-state index answered them (its LINQ, kept here as the reference).
        foreach (var (first, before) in new (int, long?)[] { (10, null), (100, null), (1, 438), (5, 400), (50, 340), (20, 338), (3, 339), (100, 1) })
        {
            var older = reference.Where(e => before is null || e.Sequence < before).Reverse().ToList();
            var page = index.Page(first, before);
            Assert.Equal(older.Take(first), page.Entries);
            Assert.Equal(older.Count > first, page.HasNextPage);
        }
    }

    [Fact]
    public void Refuse_a_write_that_passes_the_block_or_skips_a_number_and_change_nothing()
    {
        var index = ReceiptIndex.Empty;
        index.Commit([.. Enumerable.Range(1, 18).Select(i => Entry(i))]);
        Assert.Equal(2, index.Room);
        Assert.Throws<ArgumentException>(() => index.BlockWith([Entry(19), Entry(20), Entry(21)]));
        Assert.Throws<ArgumentException>(() => index.BlockWith([Entry(20)]));
        Assert.Throws<ArgumentException>(() => index.BlockWith([]));
        Assert.Equal(18, index.Entries.Count);
        var (slot, block) = index.BlockWith([Entry(19), Entry(20)]);
        Assert.Equal((0, 20), (slot, block.Entries.Count));
        Assert.Equal(18, index.Entries.Count);
        index.Commit([Entry(19), Entry(20)]);
        Assert.Equal(20, index.Room);
        Assert.Equal((1, 1), (index.BlockWith([Entry(21)]).Slot, index.BlockWith([Entry(21)]).Block.Entries.Count));
    }

    [Fact]
    public void Load_the_one_state_index_of_before_round_13_and_name_every_slot_to_rewrite_with_slot_0_last()
    {
        // The old shape: one state ("reportReceipts", now slot 0) with the newest 100 of 130 entries, one of them keyed.
        var old = new ReportReceiptsState { Entries = [.. Enumerable.Range(31, 100).Select(i => Entry(i, i == 35 ? "retry-35" : null))], LastSequence = 130 };
        var slots = new ReportReceiptsState?[ReceiptIndex.Slots];
        slots[0] = old;

        var index = ReceiptIndex.Load(slots, out var rewrite);
        Assert.Equal(old.Entries, index.Entries);
        Assert.Equal(130, index.LastSequence);
        Assert.Equal(10, index.Room);
        Assert.NotNull(index.Find("case-35", "retry-35"));
        // Blocks 1–5 (entries 31–120) go to slots 1–5, block 6 (121–130) to slot 0, written last.
        Assert.Equal([1, 2, 3, 4, 5, 0], rewrite);
        var migrated = new ReportReceiptsState?[ReceiptIndex.Slots];
        foreach (var slot in rewrite)
        {
            migrated[slot] = index.StoredFormOf(slot);
        }

        Assert.Equal(Enumerable.Range(31, 10).Select(i => (long)i), migrated[1]!.Entries.Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(121, 10).Select(i => (long)i), migrated[0]!.Entries.Select(e => e.Sequence));
        Assert.All(migrated, s => Assert.InRange(s!.Entries.Count, 1, ReceiptIndex.BlockSize));
        Assert.Equal(old.Entries, ReceiptIndex.Load(migrated, out var again).Entries);
        Assert.Empty(again);

        // Cut short after slots 1 and 2: slot 0 still holds the old index, so the rest is redone (slots 1 and 2 are complete).
        var partial = new ReportReceiptsState?[ReceiptIndex.Slots];
        partial[0] = old;
        partial[1] = migrated[1];
        partial[2] = migrated[2];
        var resumed = ReceiptIndex.Load(partial, out var rest);
        Assert.Equal(old.Entries, resumed.Entries);
        Assert.Equal([3, 4, 5, 0], rest);
    }

    [Fact]
    public void Never_list_an_older_block_left_in_a_slot_and_keep_numbering_after_the_newest()
    {
        // Slot 1 still holds block 1 (21–40) after block 7 (141–160) took slot 1's place: the newest 100 are 61–160.
        var slots = new ReportReceiptsState?[ReceiptIndex.Slots];
        for (var block = 2; block <= 7; block++)
        {
            slots[block % ReceiptIndex.Slots] = Block(block);
        }

        var index = ReceiptIndex.Load(slots, out var rewrite);
        Assert.Empty(rewrite);
        Assert.Equal(Enumerable.Range(61, 100).Select(i => (long)i), index.Entries.Select(e => e.Sequence));
        Assert.Equal(160, index.LastSequence);

        slots[1] = Block(1); // block 7 not written: slot 1 has the old block, the newest are 41–140
        index = ReceiptIndex.Load(slots, out rewrite);
        Assert.Empty(rewrite);
        Assert.Equal(Enumerable.Range(41, 100).Select(i => (long)i), index.Entries.Select(e => e.Sequence));
    }

    private static ReportReceiptsState Block(int block) => new()
    {
        Entries = [.. Enumerable.Range(block * ReceiptIndex.BlockSize + 1, ReceiptIndex.BlockSize).Select(i => Entry(i))],
        LastSequence = (block + 1) * ReceiptIndex.BlockSize,
    };

    private static ReportReceiptEntry Entry(long sequence, string? key = null) =>
        new(sequence, "case-" + sequence, At.AddMinutes(sequence), ReportOutcome.OpenedNewCase, key);
}
