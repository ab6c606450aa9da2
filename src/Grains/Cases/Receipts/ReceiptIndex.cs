namespace CareGrid.Grains.Cases;

/// <summary>
/// The rules of a reporter's receipt index stored in blocks (docs/storage.md "Other grain states",
/// docs/write-path-profile.md "Round 13"): entries are numbered from 1; entry <c>n</c> belongs to block
/// <c>(n - 1) / <see cref="BlockSize"/></c>, and block <c>b</c> is stored in slot <c>b % <see cref="Slots"/></c> (a
/// persistent state of its own, <see cref="StateNameOf"/>). A report rewrites only the slot of the newest block (at most
/// <see cref="BlockSize"/> entries), never the whole index; a new block replaces the slot's block from
/// <see cref="Slots"/> blocks earlier, which is older than the newest <see cref="MaxEntries"/> by then.
/// </summary>
/// <remarks>
/// Holds, in memory, only stored entries: the newest <see cref="MaxEntries"/>, oldest first. The grain asks
/// <see cref="Room"/> how many receipts the next write may take, builds that write with <see cref="BlockWith"/> and, once it
/// is stored, adds them with <see cref="Commit"/>. Before round 13 the whole index (up to 100 entries, every block) was one
/// state, the one named <c>reportReceipts</c>, now slot 0: <see cref="Load"/> reads that shape too and names the slots to
/// rewrite so that every slot holds one block (slot 0 last, so an interrupted migration is found and redone).
/// Not thread-safe (a grain's state).
/// </remarks>
public sealed class ReceiptIndex
{
    /// <summary>Receipts kept and listed per reporter and tenant: the newest 100 (docs/storage.md).</summary>
    public const int MaxEntries = 100;

    /// <summary>Entries per block, so per stored slot and at most per write: 20.</summary>
    public const int BlockSize = 20;

    /// <summary>Slots (persistent states) per index: 6, so that the newest block and the five before it — at least 101 entries — are stored.</summary>
    public const int Slots = MaxEntries / BlockSize + 1;

    /// <summary>The state name of slot 0: the name of the whole index before round 13.</summary>
    public const string StateName = "reportReceipts";

    private readonly List<ReportReceiptEntry> _entries;

    private ReceiptIndex(List<ReportReceiptEntry> entries, long lastSequence)
    {
        _entries = entries;
        LastSequence = lastSequence;
    }

    /// <summary>An empty index (nothing stored, or after a purge).</summary>
    public static ReceiptIndex Empty => new([], 0);

    /// <summary>The stored entries, oldest first: at most <see cref="MaxEntries"/>, the newest.</summary>
    public IReadOnlyList<ReportReceiptEntry> Entries => _entries;

    /// <summary>The number of the last entry stored (numbers are never reused until a purge).</summary>
    public long LastSequence { get; private set; }

    /// <summary>How many receipts the next write may take: those that still fit in the block of the next entry (1 to <see cref="BlockSize"/>).</summary>
    public int Room => BlockSize - (int)(LastSequence % BlockSize);

    /// <summary>The slot of the block that holds entry <paramref name="sequence"/> (from 1).</summary>
    public static int SlotOf(long sequence) => (int)(BlockOf(sequence) % Slots);

    /// <summary>The block of entry <paramref name="sequence"/> (from 1): 0 for entries 1–20, 1 for 21–40, …</summary>
    public static long BlockOf(long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        return (sequence - 1) / BlockSize;
    }

    /// <summary>The persistent state name of <paramref name="slot"/>: <c>reportReceipts</c> for slot 0, <c>reportReceipts-{slot}</c> beyond.</summary>
    public static string StateNameOf(int slot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slot, Slots);
        return slot == 0 ? StateName : StateName + "-" + slot.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The index stored in <paramref name="slots"/> (index = slot; null or empty: nothing stored there), and the slots to
    /// rewrite before the index takes reports (<paramref name="rewrite"/>, in the order to write them; slot 0 last).
    /// </summary>
    /// <remarks>
    /// Entries of every slot are merged by number (a number seen twice is one entry), and the newest
    /// <see cref="MaxEntries"/> kept. A slot is rewritten when it holds entries of more than one block or of a block that
    /// is not its own (the whole index of before round 13, in slot 0), or when a kept block is missing entries there (a
    /// migration interrupted after some slots). An older block left in a slot (replaced when its slot's next block starts)
    /// is never listed.
    /// </remarks>
    public static ReceiptIndex Load(IReadOnlyList<ReportReceiptsState?> slots, out IReadOnlyList<int> rewrite)
    {
        ArgumentNullException.ThrowIfNull(slots);
        if (slots.Count != Slots)
        {
            throw new ArgumentException($"Expected {Slots} slots, got {slots.Count}.", nameof(slots));
        }

        var bySequence = new SortedDictionary<long, ReportReceiptEntry>();
        long last = 0;
        foreach (var slot in slots)
        {
            if (slot is null)
            {
                continue;
            }

            last = Math.Max(last, slot.LastSequence);
            foreach (var entry in slot.Entries)
            {
                bySequence.TryAdd(entry.Sequence, entry);
                last = Math.Max(last, entry.Sequence);
            }
        }

        var entries = bySequence.Values.Skip(Math.Max(0, bySequence.Count - MaxEntries)).ToList();
        var index = new ReceiptIndex(entries, last);

        var slotsToWrite = new List<int>();
        for (var s = 0; s < Slots; s++)
        {
            var stored = slots[s]?.Entries ?? [];
            var foreign = stored.Count > 0 && (stored.Any(e => SlotOf(e.Sequence) != s) || stored.Any(e => BlockOf(e.Sequence) != BlockOf(stored[0].Sequence)));
            var storedNumbers = stored.Select(e => e.Sequence).ToHashSet();
            var missing = entries.Any(e => SlotOf(e.Sequence) == s && !storedNumbers.Contains(e.Sequence));
            if (foreign || missing)
            {
                slotsToWrite.Add(s);
            }
        }

        // Slot 0 held the whole index before round 13: rewritten last, it stays the mark of an unfinished migration.
        if (slotsToWrite.Remove(0))
        {
            slotsToWrite.Add(0);
        }

        rewrite = slotsToWrite;
        return index;
    }

    /// <summary>The stored form of <paramref name="slot"/> as this index holds it: the kept entries of its block, oldest first (empty when none is kept).</summary>
    public ReportReceiptsState StoredFormOf(int slot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slot, Slots);
        return new ReportReceiptsState { Entries = [.. _entries.Where(e => SlotOf(e.Sequence) == slot)], LastSequence = LastSequence };
    }

    /// <summary>
    /// The write that adds <paramref name="added"/> (numbered <see cref="LastSequence"/> + 1 on, at most <see cref="Room"/>):
    /// the slot of their block and its stored form — the block's kept entries and the new ones. Changes nothing; call
    /// <see cref="Commit"/> once it is stored.
    /// </summary>
    /// <exception cref="ArgumentException">When <paramref name="added"/> is empty, passes <see cref="Room"/> or is not numbered on from <see cref="LastSequence"/>.</exception>
    public (int Slot, ReportReceiptsState Block) BlockWith(IReadOnlyList<ReportReceiptEntry> added)
    {
        CheckNext(added);
        var block = BlockOf(added[0].Sequence);
        List<ReportReceiptEntry> stored = [.. _entries.Where(e => BlockOf(e.Sequence) == block), .. added];
        return (SlotOf(added[0].Sequence), new ReportReceiptsState { Entries = stored, LastSequence = added[^1].Sequence });
    }

    /// <summary>Adds <paramref name="added"/> (as given to <see cref="BlockWith"/>, now stored) and drops the oldest entries beyond <see cref="MaxEntries"/>.</summary>
    public void Commit(IReadOnlyList<ReportReceiptEntry> added)
    {
        CheckNext(added);
        _entries.AddRange(added);
        if (_entries.Count > MaxEntries)
        {
            _entries.RemoveRange(0, _entries.Count - MaxEntries);
        }

        LastSequence = added[^1].Sequence;
    }

    /// <summary>The stored entry of a report on <paramref name="caseId"/> with <paramref name="idempotencyKey"/>, or null.</summary>
    public ReportReceiptEntry? Find(string caseId, string idempotencyKey)
    {
        foreach (var entry in _entries)
        {
            if (entry.IdempotencyKey == idempotencyKey && entry.CaseId == caseId)
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>Up to <paramref name="first"/> entries, newest first, numbered below <paramref name="before"/> (null: from the newest); <see cref="ReportReceiptPage.HasNextPage"/> when older ones follow.</summary>
    public ReportReceiptPage Page(int first, long? before)
    {
        var page = new List<ReportReceiptEntry>(Math.Min(Math.Max(first, 0), _entries.Count));
        var hasNext = false;
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            var entry = _entries[i];
            if (before is { } b && entry.Sequence >= b)
            {
                continue;
            }

            if (page.Count == first)
            {
                hasNext = true;
                break;
            }

            page.Add(entry);
        }

        return new ReportReceiptPage(page, hasNext);
    }

    private void CheckNext(IReadOnlyList<ReportReceiptEntry> added)
    {
        ArgumentNullException.ThrowIfNull(added);
        if (added.Count == 0 || added.Count > Room)
        {
            throw new ArgumentException($"Between 1 and {Room} entries fit in the block of entry {LastSequence + 1}; got {added.Count}.", nameof(added));
        }

        for (var i = 0; i < added.Count; i++)
        {
            if (added[i].Sequence != LastSequence + 1 + i)
            {
                throw new ArgumentException($"Entry {i} is numbered {added[i].Sequence}, expected {LastSequence + 1 + i}.", nameof(added));
            }
        }
    }
}
