using CareGrid.Grains.Cases.Domain;
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
    /// <summary>A history window is archived once it holds more entries than this (<see cref="HistoryWindow.MaxEntries"/>).</summary>
    public const int WindowMaxEntries = HistoryWindow.MaxEntries;

    /// <summary>Entries a history window keeps after archiving, at most (<see cref="HistoryWindow.KeepEntries"/>).</summary>
    public const int WindowKeepEntries = HistoryWindow.KeepEntries;

    /// <summary>A history window is archived once its estimated size passes this many bytes (<see cref="HistoryWindow.MaxBytes"/>).</summary>
    public const int WindowMaxBytes = HistoryWindow.MaxBytes;

    /// <summary>Estimated bytes a history window keeps after archiving (<see cref="HistoryWindow.KeepBytes"/>).</summary>
    public const int WindowKeepBytes = HistoryWindow.KeepBytes;

    /// <summary>Most open tasks a case holds; <c>scheduleFollowUp</c> past it answers <c>VALIDATION_FAILED</c> (<see cref="CaseContacts.MaxOpenTasks"/>).</summary>
    public const int MaxOpenTasks = CaseContacts.MaxOpenTasks;

    /// <summary>Largest <c>last</c> of one history read (<see cref="HistoryWindow.MaxPage"/>).</summary>
    public const int MaxHistoryPage = HistoryWindow.MaxPage;

    private ICaseHistoryStore? _historyStore;

    /// <summary>Tasks archived by the last save whose read-side rows are still to be written (a task may close and be archived in one save).</summary>
    private List<CaseTask>? _archivedTasks;

    private ICaseHistoryStore HistoryStore => _historyStore ??= ServiceProvider.GetRequiredService<ICaseHistoryStore>();

    /// <inheritdoc />
    public async Task<CaseHistoryPage> History(CaseHistoryKind kind, int? first, int? last, Actor viewer)
    {
        await EnsureVisibleAsync(viewer);
        if (!Enum.IsDefined(kind))
        {
            throw CareGridException.Validation("kind", "Unknown history.");
        }

        var hot = HistoryWindow.Hot(S, kind);
        var archived = S.Archived[kind];
        var total = archived + hot.Count;
        var (lo, hi) = HistoryWindow.Range(total, first, last);
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
            var missing = await MissingCaseAsync(viewer); // F12: refused as a case outside need-to-know
            return missing.Code == ErrorCodes.NotFound ? null : throw missing;
        }

        var readOnly = await EnsureVisibleReadOnlyAsync(viewer);
        var full = new Dictionary<CaseHistoryKind, List<object>>();
        foreach (var kind in Enum.GetValues<CaseHistoryKind>())
        {
            full[kind] = [.. (await History(kind, null, null, viewer)).Items.Select(e => e.Payload)];
        }

        return ToView(viewer, full, readOnly);
    }

    private CaseHistoryCounts Counts() => HistoryWindow.Counts(S);

    /// <summary>
    /// Moves what outgrew the windows to the history store under sequences above the stored marks, and advances the
    /// marks in the state about to be written (docs/storage.md). When the store refuses, the state is read again (the
    /// command's changes are dropped) and the error propagates.
    /// </summary>
    private async Task ArchiveHistoryAsync()
    {
        var moved = HistoryWindow.Trim(S);
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
        if (S.Exists && HistoryWindow.NeedsArchiving(S))
        {
            await ArchiveHistoryAsync();
            await state.CommitAsync();
        }
    }

    /// <summary>
    /// The error for a task id not among the hot tasks: <c>TASK_ALREADY_CLOSED</c> when it is an archived (closed) task,
    /// else <c>NOT_FOUND</c>.
    /// </summary>
    private async Task<CareGridException> MissingTaskErrorAsync(string taskId, CaseTaskStatus to)
    {
        for (var from = 1L; from <= S.Archived.Tasks; from += MaxHistoryPage)
        {
            var page = await HistoryStore.ReadAsync(TenantId, LocalId, CaseHistoryKind.Tasks, from, Math.Min(from + MaxHistoryPage - 1, S.Archived.Tasks));
            if (page.FirstOrDefault(e => e.Task?.Id == taskId)?.Task is { } task)
            {
                return TaskClosure.AlreadyClosed(task, to);
            }
        }

        return CareGridException.NotFound("Task", taskId);
    }
}
