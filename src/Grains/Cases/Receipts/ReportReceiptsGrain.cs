using CareGrid.Grains.Hosting;
using CareGrid.Grains.Tenancy;
using Orleans.Concurrency;
using Orleans.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Grains.Cases;

/// <summary>
/// One reporter's receipt index in one tenant (docs/access.md "Receipts for reporters", R-7.5): the reports they made,
/// newest <see cref="ReportReceiptsGrain.MaxEntries"/> kept, so <c>myReports</c> reads one grain and never scans the tenant.
/// Key: <c>"{tenant}/receipts/{sub}"</c>. Appended by the case grain together with its own state write when it takes a
/// concern from <see cref="ConcernIntake"/> (by the intake for a keyed retry the case answered without writing); a receipt
/// whose case was never stored is not listed (<see cref="ICaseGrain.ReceiptFor"/> answers nothing).
/// </summary>
public interface IReportReceiptsGrain : ITenantScopedGrain
{
    /// <summary>The grain key of <paramref name="subject"/>'s receipts in <paramref name="tenantId"/>.</summary>
    static string KeyOf(string tenantId, string subject) => TenantIds.Key(tenantId, "receipts/" + subject);

    /// <summary>
    /// Adds a receipt for a report on case <paramref name="caseId"/> at the domain clock's now, under
    /// <paramref name="receiptId"/> when the reporter was answered with a receipt (null: answered with the case, the
    /// receipt shows the case id; docs/access.md "Receipts for reporters"); a retry (same case and idempotency key) adds nothing. Drops the oldest entries beyond <see cref="ReportReceiptsGrain.MaxEntries"/>.
    /// Completes when the receipt is stored; fails (and the receipt is not kept) when its write failed.
    /// </summary>
    /// <remarks>
    /// Interleaves: receipts of concurrent reports by the same reporter are group-committed (one state write for all that
    /// arrived while the previous write was under way, up to the end of the newest block of
    /// <see cref="ReceiptIndex.BlockSize"/> entries), so one reporter's reports are not limited to one storage round
    /// trip each, one after the other (docs/durable-write-profile.md). A write holds only the newest block
    /// (docs/write-path-profile.md "Round 13").
    /// </remarks>
    [AlwaysInterleave]
    Task Add(string caseId, ReportOutcome outcome, string? idempotencyKey, string? receiptId);

    /// <summary>
    /// Up to <paramref name="first"/> entries, newest first, older than the entry numbered <paramref name="before"/> (null: from the newest).
    /// Only stored entries: a receipt whose write is under way is not listed yet.
    /// </summary>
    [AlwaysInterleave]
    Task<ReportReceiptPage> Page(int first, long? before);

    /// <summary>Erases the index (tenant deletion after export).</summary>
    Task Purge();
}

/// <summary>
/// Persisted state of one slot of a <see cref="ReportReceiptsGrain"/> (<see cref="ReceiptIndex"/>): the entries of one block
/// of the index, at most <see cref="ReceiptIndex.BlockSize"/>. Before round 13 the state named <c>reportReceipts</c> (now slot
/// 0) held the whole index in this same type; <see cref="ReceiptIndex.Load"/> reads that shape and migrates it.
/// </summary>
[GenerateSerializer, Alias("CareGrid.ReportReceiptsState")]
public sealed class ReportReceiptsState
{
    /// <summary>Receipts, oldest first: one block's (before round 13: the whole index, up to 100).</summary>
    [Id(0)] public List<ReportReceiptEntry> Entries { get; set; } = [];

    /// <summary>The number of the last entry added when this state was written (numbers are never reused until a purge).</summary>
    [Id(1)] public long LastSequence { get; set; }
}

/// <summary>A reporter's receipt index (see <see cref="IReportReceiptsGrain"/>), stored in blocks (<see cref="ReceiptIndex"/>).</summary>
/// <remarks>
/// Six persistent states in <see cref="StorageNames.Default"/> (<see cref="ReceiptIndex.StateNameOf"/>), read on activation:
/// slot 0 first, and the other five together only when slot 0 exists (slot 0 is the first written and the last purged, so a
/// reporter with no receipts costs one read, as before). A report writes one slot: the newest block's, at most
/// <see cref="ReceiptIndex.BlockSize"/> entries, whatever the index holds.
/// </remarks>
[GrainType("report-receipts")]
public sealed class ReportReceiptsGrain(
    IGrainContext grainContext,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : Grain, IReportReceiptsGrain
{
    /// <summary>Receipts kept per reporter and tenant: the newest 100 (docs/storage.md; <see cref="ReceiptIndex.MaxEntries"/>). A report rewrites only the newest block of the index (at most <see cref="ReceiptIndex.BlockSize"/> entries), so its cost does not grow with the index. Older receipts drop off the list; their cases are unchanged.</summary>
    public const int MaxEntries = ReceiptIndex.MaxEntries;

    private readonly OnDemandPersistentState<ReportReceiptsState>[] _slots =
        [.. Enumerable.Range(0, ReceiptIndex.Slots).Select(s => new OnDemandPersistentState<ReportReceiptsState>(
            ReceiptIndex.StateNameOf(s), grainContext.GrainId, StorageNames.Default, grainContext.ActivationServices))];

    private ReceiptIndex _index = ReceiptIndex.Empty;

    // Group commit (all on the grain's scheduler: Add and Page interleave only at awaits, never in parallel).
    private readonly List<Pending> _queue = [];
    private bool _writerRunning;     // WriteQueuedAsync is under way
    private Pending[]? _inFlight;    // the receipts of the write under way (not stored yet); null when none
    private Task? _purging;

    /// <summary>Reads the index (slot 0, then the others when slot 0 exists) and finishes a migration from the one-state shape of before round 13.</summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await _slots[0].ReadStateAsync();
        if (!_slots[0].RecordExists)
        {
            _index = ReceiptIndex.Empty;
            return;
        }

        await Task.WhenAll(_slots.Skip(1).Select(s => s.ReadStateAsync()));
        _index = ReceiptIndex.Load([.. _slots.Select(s => s.RecordExists ? s.State : null)], out var rewrite);
        foreach (var slot in rewrite)
        {
            // One block per slot; slot 0 last, so a migration cut short is found (slot 0 still holds other blocks) and redone.
            _slots[slot].State = _index.StoredFormOf(slot);
            await _slots[slot].CommitAsync();
        }
    }

    /// <inheritdoc />
    public async Task Add(string caseId, ReportOutcome outcome, string? idempotencyKey, string? receiptId)
    {
        while (_purging is { } purging)
        {
            // A report during a purge lands after it, as when calls to this grain ran one at a time.
            await purging.ContinueWith(static _ => { }, TaskScheduler.Current);
        }

        if (idempotencyKey is not null)
        {
            // A retry: stored already (in any block of the kept index), in the write under way or queued: completes with it.
            if (_index.Find(caseId, idempotencyKey) is not null)
            {
                return;
            }

            if (Array.Find(_inFlight ?? [], p => p.CaseId == caseId && p.IdempotencyKey == idempotencyKey) is { } writing)
            {
                await writing.Done.Task;
                return;
            }

            if (_queue.Find(p => p.CaseId == caseId && p.IdempotencyKey == idempotencyKey) is { } queued)
            {
                await queued.Done.Task;
                return;
            }
        }

        var pending = new Pending(caseId, outcome, idempotencyKey, receiptId, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), Telemetry.StorageCommandDepth.CurrentScope, Telemetry.StorageCommandDepth.Now());
        _queue.Add(pending);
        if (!_writerRunning)
        {
            _writerRunning = true;
            _ = WriteQueuedAsync(); // never throws: each group's outcome goes to its callers
        }

        await pending.Done.Task;
    }

    /// <summary>
    /// Writes the queued receipts, one slot write per group, until none is queued. A group is what was queued, up to the room
    /// left in the newest block (<see cref="ReceiptIndex.Room"/>); the rest goes in the next write.
    /// </summary>
    private async Task WriteQueuedAsync()
    {
        try
        {
            while (_queue.Count > 0)
            {
                var take = Math.Min(_queue.Count, _index.Room);
                var group = _queue.GetRange(0, take).ToArray();
                _queue.RemoveRange(0, take);
                _inFlight = group;
                var now = clock.GetUtcNow();
                var added = new ReportReceiptEntry[group.Length];
                for (var i = 0; i < group.Length; i++)
                {
                    var p = group[i];
                    added[i] = new ReportReceiptEntry(_index.LastSequence + 1 + i, p.CaseId, now, p.Outcome, p.IdempotencyKey, p.ReceiptId);
                }

                Exception? failure = null;
                try
                {
                    // On failure CommitAsync reloads the slot from storage; the index takes the receipts only once stored.
                    var (slotNumber, block) = _index.BlockWith(added);
                    var slot = _slots[slotNumber];
                    slot.State = block;
                    Telemetry.StorageCommandDepth.SendFor(group.Select(p => (p.Scope, p.QueuedAt))); // the write counts for the reports it carries (#18)
                    await slot.CommitAsync();
                    _index.Commit(added);
                }
                catch (Exception ex)
                {
                    failure = ex;
                }

                _inFlight = null;
                foreach (var p in group)
                {
                    if (failure is null)
                    {
                        p.Done.TrySetResult();
                    }
                    else
                    {
                        p.Done.TrySetException(failure);
                    }
                }
            }
        }
        finally
        {
            _writerRunning = false;
        }
    }

    /// <inheritdoc />
    public Task<ReportReceiptPage> Page(int first, long? before) => Task.FromResult(_index.Page(first, before));

    /// <inheritdoc />
    public async Task Purge()
    {
        // Purge does not interleave: it starts when no Add is under way, so no write is in flight; Adds that arrive
        // meanwhile wait for it (above).
        var purging = PurgeCoreAsync();
        _purging = purging;
        try
        {
            await purging;
        }
        finally
        {
            _purging = null;
        }
    }

    private async Task PurgeCoreAsync()
    {
        try
        {
            // Slot 0 last: while it exists the others are read on activation, so a purge cut short is finished by the next one.
            for (var s = ReceiptIndex.Slots - 1; s >= 0; s--)
            {
                if (_slots[s].Etag is not null)
                {
                    await _slots[s].ClearStateAsync();
                }

                _slots[s].State = new ReportReceiptsState();
            }

            _index = ReceiptIndex.Empty;
        }
        finally
        {
            // Also after a failed clear: the next activation reads what is stored.
            DeactivateOnIdle();
        }
    }

    /// <summary>A receipt queued for the next write.</summary>
    /// <param name="CaseId">The case the report went to.</param>
    /// <param name="Outcome">The outcome recorded.</param>
    /// <param name="IdempotencyKey">The report's key, or null.</param>
    /// <param name="ReceiptId">The receipt's own id when the reporter was answered with a receipt, else null.</param>
    /// <param name="Done">Completed when the write that holds it is stored; failed with that write.</param>
    /// <param name="Scope">The API request's storage depth scope when it queued (<see cref="Telemetry.StorageCommandDepth.CurrentScope"/>), or null.</param>
    /// <param name="QueuedAt">When it queued (<see cref="Telemetry.StorageCommandDepth.Now"/>).</param>
    private sealed record Pending(string CaseId, ReportOutcome Outcome, string? IdempotencyKey, string? ReceiptId, TaskCompletionSource Done, long? Scope, long QueuedAt);
}
