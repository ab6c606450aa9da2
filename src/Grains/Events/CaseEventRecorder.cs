using CareGrid.Grains.Cases;

namespace CareGrid.Grains.Events;

/// <summary>What one save raised: the new events (in sequence order) and how many old unacknowledged ones the bound dropped.</summary>
/// <param name="Raised">The events this save raised, ascending <see cref="CareEvent.Sequence"/>; empty when nothing event-worthy changed.</param>
/// <param name="Dropped">Unacknowledged events removed because <see cref="CaseState.PendingEvents"/> passed <see cref="CaseEventRecorder.MaxPending"/>.</param>
public sealed record CaseEventsRaised(IReadOnlyList<CareEvent> Raised, int Dropped);

/// <summary>
/// The rules that turn a case's change into <see cref="CareEvent"/>s (docs/events.md): the state about to be saved is
/// compared with what was saved before (<see cref="CaseEventBaseline"/>), and each event gets the case's next sequence and
/// joins <see cref="CaseState.PendingEvents"/>, so the events are stored in the same write as the change that raised them.
/// Pure: no I/O, no clock (the caller passes <c>now</c>).
/// </summary>
/// <remarks>
/// Order within one save: <see cref="CareEventKind.CaseRiskChanged"/>, <see cref="CareEventKind.CaseEscalated"/>,
/// <see cref="CareEventKind.CaseAssigned"/>, <see cref="CareEventKind.CaseUnitChanged"/>, then per task (in the case's task order) <see cref="CareEventKind.TaskOverdue"/>
/// or <see cref="CareEventKind.TaskAssigned"/>, then <see cref="CareEventKind.TaskDueSoon"/>, and <see cref="CareEventKind.CaseClosed"/> last.
/// Events carry ids, kinds, levels and deadlines only — never a name, a summary or a note.
/// </remarks>
public static class CaseEventRecorder
{
    /// <summary>
    /// Most unacknowledged events a case keeps (<see cref="CaseState.PendingEvents"/>): normally only the last save's events
    /// are there; more gather only while a sink keeps failing. Past the bound the oldest are dropped (and logged), so a
    /// failing sink cannot grow the case's record towards the storage's 1 MiB limit (docs/storage.md).
    /// </summary>
    public const int MaxPending = 100;

    /// <summary>How long before its deadline an open, not yet escalated task raises <see cref="CareEventKind.TaskDueSoon"/>: 1 hour (docs/events.md).</summary>
    public static readonly TimeSpan DueSoonLead = TimeSpan.FromHours(1);

    /// <summary>
    /// Raises the events of the change from <paramref name="before"/> to <paramref name="state"/> at <paramref name="now"/>,
    /// assigns them the next sequences (<see cref="CaseState.EventSequence"/>), appends them to <see cref="CaseState.PendingEvents"/>
    /// (keeping at most <see cref="MaxPending"/>) and notes the due-soon tasks in <see cref="CaseState.DueSoonRaised"/>.
    /// </summary>
    /// <param name="tenantId">The tenant id.</param>
    /// <param name="caseId">The case's local id (events are <c>{caseId}.{sequence}</c>).</param>
    /// <param name="before">What was saved before (<see cref="CaseEventBaseline.Empty"/> for a new case).</param>
    /// <param name="state">The state about to be saved; changed in place.</param>
    /// <param name="now">The domain clock's instant (UTC): each event's <see cref="CareEvent.OccurredAt"/>.</param>
    public static CaseEventsRaised Record(string tenantId, string caseId, CaseEventBaseline before, CaseState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(state);
        var raised = new List<CareEvent>();
        var next = new Raiser(tenantId, caseId, state, now, raised);
        CaseChanges(before, state, next);
        TaskChanges(before, state, next);
        DueSoon(state, now, next);
        if (state.Status == CaseStatus.Closed && before.Status != CaseStatus.Closed)
        {
            next.Raise(CareEventKind.CaseClosed, null, null);
        }

        if (raised.Count == 0)
        {
            return new CaseEventsRaised(raised, 0);
        }

        var pending = state.PendingEvents ??= [];
        pending.AddRange(raised);
        var dropped = Math.Max(0, pending.Count - MaxPending);
        pending.RemoveRange(0, dropped);
        return new CaseEventsRaised(raised, dropped);
    }

    /// <summary>
    /// True when an open task not escalated yet entered its due-soon window at <paramref name="now"/> and has not raised
    /// <see cref="CareEventKind.TaskDueSoon"/>: a deadline check then saves (and so raises it) even when nothing was escalated.
    /// </summary>
    public static bool DueSoonWaiting(CaseState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Tasks.Exists(t => IsDueSoon(state, t, now));
    }

    /// <summary>
    /// The earliest instant (UTC) an open task not escalated yet enters its due-soon window (deadline minus <see cref="DueSoonLead"/>)
    /// without having raised <see cref="CareEventKind.TaskDueSoon"/>; null when none. The case's deadline reminder is due at
    /// the earlier of this and the next deadline.
    /// </summary>
    public static DateTimeOffset? NextDueSoon(CaseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        DateTimeOffset? next = null;
        foreach (var task in state.Tasks)
        {
            if (task is { Status: CaseTaskStatus.Open, EscalationCount: 0 } && state.DueSoonRaised?.Contains(task.Id) != true)
            {
                var at = task.DueAt - DueSoonLead;
                next = next is null || at < next ? at : next;
            }
        }

        return next;
    }

    /// <summary>
    /// Risk changed (either way, or a first grading that keeps the Low placeholder's level), escalation level rose, a new
    /// (non-null) owner, another unit than the stored case had (a new case's first save raises no unit change).
    /// </summary>
    private static void CaseChanges(CaseEventBaseline before, CaseState state, Raiser next)
    {
        if (state.RiskLevel != before.RiskLevel || (before.RiskUngraded && !state.RiskUngraded))
        {
            next.Raise(CareEventKind.CaseRiskChanged, null, null);
        }

        if (state.EscalationLevel > before.EscalationLevel)
        {
            next.Raise(CareEventKind.CaseEscalated, null, null);
        }

        if (state.AssigneeId is not null && !string.Equals(state.AssigneeId, before.AssigneeId, StringComparison.Ordinal))
        {
            next.Raise(CareEventKind.CaseAssigned, null, null);
        }

        if (before.OrganizationId is not null && state.OrganizationId is not null
            && !string.Equals(state.OrganizationId, before.OrganizationId, StringComparison.Ordinal))
        {
            next.Raise(CareEventKind.CaseUnitChanged, null, null);
        }
    }

    /// <summary>
    /// Per open task: escalated since the baseline → <see cref="CareEventKind.TaskOverdue"/> (owner: the one who missed it; the
    /// move to the queue above is part of it); new, or its owner changed → <see cref="CareEventKind.TaskAssigned"/>.
    /// </summary>
    private static void TaskChanges(CaseEventBaseline before, CaseState state, Raiser next)
    {
        foreach (var task in state.Tasks)
        {
            if (task.Status != CaseTaskStatus.Open)
            {
                continue;
            }

            var was = FindTask(before.Tasks, task.Id);
            if (task.EscalationCount > 0 && (was?.EscalationCount ?? 0) == 0)
            {
                next.Raise(CareEventKind.TaskOverdue, task, task.OriginalOwnerId ?? task.OwnerId);
            }
            else if (!string.IsNullOrEmpty(task.OwnerId) && (was is null || !string.Equals(was.OwnerId, task.OwnerId, StringComparison.Ordinal)))
            {
                next.Raise(CareEventKind.TaskAssigned, task, task.OwnerId);
            }
        }
    }

    /// <summary>Raises <see cref="CareEventKind.TaskDueSoon"/> once per task entering its window, and forgets tasks no longer open.</summary>
    private static void DueSoon(CaseState state, DateTimeOffset now, Raiser next)
    {
        if (state.DueSoonRaised is { } marked)
        {
            marked.RemoveAll(id => !state.Tasks.Exists(t => t.Id == id && t.Status == CaseTaskStatus.Open));
        }

        foreach (var task in state.Tasks)
        {
            if (IsDueSoon(state, task, now))
            {
                next.Raise(CareEventKind.TaskDueSoon, task, task.OwnerId);
                (state.DueSoonRaised ??= []).Add(task.Id);
            }
        }

        if (state.DueSoonRaised is { Count: 0 })
        {
            state.DueSoonRaised = null;
        }
    }

    private static bool IsDueSoon(CaseState state, CaseTask task, DateTimeOffset now) =>
        task is { Status: CaseTaskStatus.Open, EscalationCount: 0 } && now < task.DueAt && now >= task.DueAt - DueSoonLead
        && state.DueSoonRaised?.Contains(task.Id) != true;

    private static CaseTask? FindTask(IReadOnlyList<CaseTask> tasks, string id)
    {
        foreach (var task in tasks)
        {
            if (task.Id == id)
            {
                return task;
            }
        }

        return null;
    }

    /// <summary>Builds events with the case's next sequence and its current facts.</summary>
    private sealed class Raiser(string tenantId, string caseId, CaseState state, DateTimeOffset now, List<CareEvent> raised)
    {
        public void Raise(CareEventKind kind, CaseTask? task, string? taskOwner)
        {
            var sequence = ++state.EventSequence;
            raised.Add(new CareEvent($"{caseId}.{sequence}", tenantId, kind, caseId, sequence, now)
            {
                TaskId = task?.Id,
                OrganizationId = state.OrganizationId,
                AssigneeId = state.AssigneeId,
                TaskOwnerId = task is null ? null : taskOwner,
                RiskLevel = state.RiskLevel,
                RiskUngraded = state.RiskUngraded,
                EscalationLevel = state.EscalationLevel,
                DueAt = task?.DueAt,
            });
        }
    }
}
