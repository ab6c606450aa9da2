using CareGrid.Grains.Security;

namespace CareGrid.Grains.Cases.Domain;

/// <summary>
/// Closing one open task (done or cancelled), checked by <see cref="CaseAggregate.PrepareTaskClosure"/> and applied by
/// <see cref="CaseAggregate.CloseTask(TaskClosure)"/> once its consent gate, if any, has passed.
/// </summary>
public sealed class TaskClosure
{
    internal TaskClosure(CaseTask task, CaseTaskStatus to, string? note, Actor actor, GatedAction? gate)
    {
        Task = task;
        To = to;
        Note = note;
        Actor = actor;
        Gate = gate;
    }

    /// <summary>The open task as it was checked.</summary>
    public CaseTask Task { get; }

    /// <summary><see cref="CaseTaskStatus.Done"/> or <see cref="CaseTaskStatus.Cancelled"/>.</summary>
    public CaseTaskStatus To { get; }

    /// <summary>The checked note (trimmed; null when none).</summary>
    public string? Note { get; }

    /// <summary>Who closes it.</summary>
    public Actor Actor { get; }

    /// <summary>
    /// The consent gate to pass first: completing a crisis-intervention or guidance task brings professionals in
    /// (<see cref="ConsentGate.ForCompletedTask"/>, R-1.7, docs/consent.md); null for every other closing.
    /// </summary>
    public GatedAction? Gate { get; }
}
