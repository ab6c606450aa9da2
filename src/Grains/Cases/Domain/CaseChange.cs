namespace CareGrid.Grains.Cases.Domain;

/// <summary>
/// What the commands run on one <see cref="CaseAggregate"/> caused, beyond the state itself (which already holds all of
/// it): the grain stores the state when <see cref="IsEmpty"/> is false, then writes the read-side rows and re-syncs the
/// deadline reminder. Lists are in the order things happened.
/// </summary>
public sealed class CaseChange
{
    /// <summary>Timeline entries added (every accepted change adds at least one).</summary>
    public List<TimelineEntry> Timeline { get; } = [];

    /// <summary>Deadline tasks created (e.g. the protocol tasks).</summary>
    public List<CaseTask> TasksCreated { get; } = [];

    /// <summary>Tasks closed (done or cancelled), as they are after closing.</summary>
    public List<CaseTask> TasksClosed { get; } = [];

    /// <summary>Overdue tasks escalated to the queue above their owner, as they are after escalating (R-1.10 deadlines).</summary>
    public List<CaseTask> TasksEscalated { get; } = [];

    /// <summary>Notices sent up the escalation chain (R-1.10: level 2 is told at once; escalations tell their queue).</summary>
    public List<CaseNotification> Notifications { get; } = [];

    /// <summary>True when nothing changed (nothing to store).</summary>
    public bool IsEmpty => Timeline.Count == 0 && TasksCreated.Count == 0 && TasksClosed.Count == 0
        && TasksEscalated.Count == 0 && Notifications.Count == 0;

    /// <summary>True when the earliest pending deadline may have moved, so the deadline reminder must be synced.</summary>
    public bool AffectsReminder => TasksCreated.Count > 0 || TasksClosed.Count > 0 || TasksEscalated.Count > 0;
}
