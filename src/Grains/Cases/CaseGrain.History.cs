using CareGrid.Grains.Errors;
using CareGrid.Grains.History;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Security;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Grains.Cases;

/// <summary>
/// Keeps the case's stored state bounded (docs/storage.md): the histories (timeline, contacts, screenings,
/// notifications, closed tasks, finished referrals) keep only a window of recent entries in the hot state; older
/// entries move to the <see cref="ICaseHistoryStore"/> when a window outgrows <see cref="WindowMaxEntries"/> or
/// <see cref="WindowMaxBytes"/>, and are read back from there in pages.
/// </summary>
public sealed partial class CaseGrain
{
    /// <summary>A history window is archived once it holds more entries than this.</summary>
    public const int WindowMaxEntries = 64;

    /// <summary>Entries a history window keeps after archiving (at most).</summary>
    public const int WindowKeepEntries = 32;

    /// <summary>A history window is archived once its estimated size (UTF-8 worst case) passes this many bytes.</summary>
    public const int WindowMaxBytes = 32 * 1024;

    /// <summary>Estimated bytes a history window keeps after archiving (at most, but always its newest entry).</summary>
    public const int WindowKeepBytes = 16 * 1024;

    /// <summary>Most open tasks a case holds; <c>scheduleFollowUp</c> past it answers <c>VALIDATION_FAILED</c> (protocol tasks are never refused).</summary>
    public const int MaxOpenTasks = 50;

    /// <summary>Largest <c>last</c> of one history read (the page size when paging with <c>first</c> and <c>last</c>).</summary>
    public const int MaxHistoryPage = 1000;

    private ICaseHistoryStore? _historyStore;

    /// <summary>Tasks archived by the last save whose read-side rows are still to be written (a task may close and be archived in one save).</summary>
    private List<CaseTask>? _archivedTasks;

    private ICaseHistoryStore HistoryStore => _historyStore ??= ServiceProvider.GetRequiredService<ICaseHistoryStore>();

    /// <inheritdoc />
    public async Task<CaseHistoryPage> History(CaseHistoryKind kind, int? first, int? last, Actor viewer)
    {
        EnsureExists();
        await EnsureNeedToKnowAsync(viewer);
        if (!Enum.IsDefined(kind))
        {
            throw CareGridException.Validation("kind", "Unknown history.");
        }

        var hot = HotEntries(kind);
        var archived = S.Archived[kind];
        var total = archived + hot.Count;
        var (lo, hi) = Range(total, first, last);
        var items = new List<CaseHistoryEntry>((int)Math.Max(hi - lo + 1, 0));
        if (lo <= archived && hi >= lo)
        {
            items.AddRange(await HistoryStore.ReadAsync(TenantId, LocalId, kind, lo, Math.Min(hi, archived)));
        }

        for (var p = Math.Max(lo, archived + 1); p <= hi; p++)
        {
            items.Add(CaseHistoryEntry.Of(p, hot[(int)(p - archived - 1)]));
        }

        return new CaseHistoryPage(total, lo, items);
    }

    /// <inheritdoc />
    public async Task<CaseView?> GetComplete(Actor viewer)
    {
        if (!S.Exists)
        {
            return null;
        }

        await EnsureNeedToKnowAsync(viewer);
        var full = new Dictionary<CaseHistoryKind, List<object>>();
        foreach (var kind in Enum.GetValues<CaseHistoryKind>())
        {
            full[kind] = [.. (await History(kind, null, null, viewer)).Items.Select(e => e.Payload)];
        }

        return ToView(viewer, full);
    }

    /// <summary>
    /// The 1-based inclusive range of a read: all entries, or the first <paramref name="first"/>, then of those the last
    /// <paramref name="last"/> (GraphQL's first/last convention). <c>VALIDATION_FAILED</c> for <paramref name="first"/> below 1 or <paramref name="last"/> outside 1–<see cref="MaxHistoryPage"/>.
    /// </summary>
    private static (long Lo, long Hi) Range(long total, int? first, int? last)
    {
        if (first is < 1)
        {
            throw CareGridException.Validation("first", "first is at least 1.");
        }

        if (last is < 1 or > MaxHistoryPage)
        {
            throw CareGridException.Validation("last", $"last is 1–{MaxHistoryPage}.");
        }

        var hi = first is { } f ? Math.Min(f, total) : total;
        var lo = last is { } l ? Math.Max(hi - l + 1, 1) : 1;
        return (lo, hi);
    }

    /// <summary>The hot (not yet archived) entries of <paramref name="kind"/>, oldest first.</summary>
    private IReadOnlyList<object> HotEntries(CaseHistoryKind kind) => kind switch
    {
        CaseHistoryKind.Timeline => S.Timeline,
        CaseHistoryKind.Contacts => S.Contacts,
        CaseHistoryKind.Screenings => S.Screenings,
        CaseHistoryKind.Notifications => S.Notifications,
        CaseHistoryKind.Tasks => S.Tasks,
        _ => S.Referrals,
    };

    private CaseHistoryCounts Counts() => new(
        S.Archived.Timeline + S.Timeline.Count,
        S.Archived.Contacts + S.Contacts.Count,
        S.Archived.Screenings + S.Screenings.Count,
        S.Archived.Notifications + S.Notifications.Count,
        S.Archived.Tasks + S.Tasks.Count,
        S.Archived.Referrals + S.Referrals.Count);

    /// <summary>True when a history window has outgrown its bounds (an old-shape state, or entries added since the last save).</summary>
    private bool HistoryNeedsArchiving() => ArchivableEntries().Any(w => w.Count > WindowMaxEntries || w.Bytes > WindowMaxBytes);

    private IEnumerable<(int Count, long Bytes)> ArchivableEntries()
    {
        yield return Measure(S.Timeline, static _ => true, Size);
        yield return Measure(S.Contacts, static _ => true, Size);
        yield return Measure(S.Screenings, static _ => true, Size);
        yield return Measure(S.Notifications, static _ => true, Size);
        yield return Measure(S.Tasks, IsArchivable, Size);
        yield return Measure(S.Referrals, IsArchivable, Size);
    }

    /// <summary>
    /// Moves what outgrew the windows to the history store under sequences above the stored marks, and advances the
    /// marks in the state about to be written (docs/storage.md). When the store refuses, the state is read again (the
    /// command's changes are dropped) and the error propagates.
    /// </summary>
    private async Task ArchiveHistoryAsync()
    {
        var moved = new List<CaseHistoryEntry>();
        Trim(S.Timeline, static _ => true, Size, CaseHistoryKind.Timeline, moved);
        Trim(S.Contacts, static _ => true, Size, CaseHistoryKind.Contacts, moved);
        Trim(S.Screenings, static _ => true, Size, CaseHistoryKind.Screenings, moved);
        Trim(S.Notifications, static _ => true, Size, CaseHistoryKind.Notifications, moved);
        Trim(S.Tasks, IsArchivable, Size, CaseHistoryKind.Tasks, moved);
        Trim(S.Referrals, IsArchivable, Size, CaseHistoryKind.Referrals, moved);
        if (moved.Count == 0)
        {
            return;
        }

        _archivedTasks = [.. moved.Where(e => e.Task is not null).Select(e => e.Task!)];

        try
        {
            await HistoryStore.AppendAsync(TenantId, LocalId, moved);
        }
        catch
        {
            _archivedTasks = null;
            await state.ReadStateAsync();
            throw;
        }
    }

    /// <summary>
    /// The tasks the last save archived (their read-side rows are written with the case's), once; none that are hot
    /// again (the state write failed and the state was read back).
    /// </summary>
    private List<CaseTask> TakeArchivedTasks()
    {
        var tasks = (_archivedTasks ?? []).Where(a => !S.Tasks.Any(t => t.Id == a.Id)).ToList();
        _archivedTasks = null;
        return tasks;
    }

    /// <summary>Archives an old-shape state (histories inside) on activation: moves its lists out and saves the slim state.</summary>
    private async Task MigrateHistoryAsync()
    {
        if (S.Exists && HistoryNeedsArchiving())
        {
            await ArchiveHistoryAsync();
            await state.CommitAsync();
        }
    }

    private void Trim<T>(List<T> list, Func<T, bool> archivable, Func<T, long> size, CaseHistoryKind kind, List<CaseHistoryEntry> moved)
        where T : notnull
    {
        var (count, bytes) = Measure(list, archivable, size);
        if (count <= WindowMaxEntries && bytes <= WindowMaxBytes)
        {
            return;
        }

        var kept = new List<T>(list.Count);
        foreach (var item in list)
        {
            if (archivable(item) && count > 1 && (count > WindowKeepEntries || bytes > WindowKeepBytes))
            {
                moved.Add(CaseHistoryEntry.Of(++S.Archived[kind], item));
                count--;
                bytes -= size(item);
            }
            else
            {
                kept.Add(item);
            }
        }

        list.Clear();
        list.AddRange(kept);
    }

    private static (int Count, long Bytes) Measure<T>(List<T> list, Func<T, bool> archivable, Func<T, long> size)
    {
        var count = 0;
        var bytes = 0L;
        foreach (var item in list)
        {
            if (archivable(item))
            {
                count++;
                bytes += size(item);
            }
        }

        return (count, bytes);
    }

    private static bool IsArchivable(CaseTask task) => task.Status != CaseTaskStatus.Open;

    private static bool IsArchivable(Referral referral) => referral.Status is ReferralStatus.Declined or ReferralStatus.Completed;

    /// <summary>Worst-case UTF-8 bytes of some text (3 per UTF-16 unit).</summary>
    private static long Text(params string?[] texts) => texts.Sum(t => 3L * (t?.Length ?? 0));

    private static long Size(TimelineEntry e) => 48 + Text(e.Actor, e.Action, e.Reason);

    private static long Size(ContactLog c) => 32 + Text(c.By, c.Notes);

    private static long Size(ScreeningRecord s) => 64 + Text(s.Id, s.By) + 5L * s.Answers.Count;

    private static long Size(CaseNotification n) => 24 + Text(n.To, n.Message);

    private static long Size(CaseTask t) => 96 + Text(t.Id, t.OwnerId, t.OriginalOwnerId, t.ClosedBy, t.Note);

    private static long Size(Referral r) => 96 + Text(r.Id, r.Institution, r.Reason, r.ProposedBy, r.ConsentOverrideReason, r.Note)
        + Text([.. r.SharedFields]) + r.SharedData.Sum(p => Text(p.Key, p.Value));

    /// <summary><c>VALIDATION_FAILED</c> when the case already holds <see cref="MaxOpenTasks"/> open tasks.</summary>
    private void EnsureOpenTaskRoom()
    {
        if (S.Tasks.Count(t => t.Status == CaseTaskStatus.Open) >= MaxOpenTasks)
        {
            throw CareGridException.Validation("dueAt", $"A case holds at most {MaxOpenTasks} open tasks; complete or cancel some first.");
        }
    }

    /// <summary>
    /// The error for a task id not among the hot tasks: <c>INVALID_TRANSITION</c> when it is an archived (closed) task,
    /// else <c>NOT_FOUND</c>.
    /// </summary>
    private async Task<CareGridException> MissingTaskErrorAsync(string taskId, CaseTaskStatus to)
    {
        for (var from = 1L; from <= S.Archived.Tasks; from += MaxHistoryPage)
        {
            var page = await HistoryStore.ReadAsync(TenantId, LocalId, CaseHistoryKind.Tasks, from, Math.Min(from + MaxHistoryPage - 1, S.Archived.Tasks));
            if (page.FirstOrDefault(e => e.Task?.Id == taskId)?.Task is { } task)
            {
                return Transitions.Invalid(task.Status, to == CaseTaskStatus.Done ? "Complete" : "Cancel", Array.Empty<string>());
            }
        }

        return CareGridException.NotFound("Task", taskId);
    }
}
