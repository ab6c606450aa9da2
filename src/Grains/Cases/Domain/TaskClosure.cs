using System.Globalization;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Security;

namespace CareGrid.Grains.Cases.Domain;

/// <summary>
/// Closing one open task (done or cancelled), checked by <see cref="CaseAggregate.PrepareTaskClosure"/> and applied by
/// <see cref="CaseAggregate.CloseTask(TaskClosure)"/> once its consent gate, if any, has passed (R-1.7).
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

    /// <summary>The mutation that closes it: <c>completeTask</c> or <c>cancelTask</c> (recorded as <see cref="CaseTask.ClosedByAction"/>).</summary>
    public string Action => MutationFor(To);

    /// <summary>
    /// The consent gate to pass first: completing a crisis-intervention or guidance task brings professionals in
    /// (<see cref="ConsentGate.ForCompletedTask"/>, R-1.7, docs/consent.md); null for every other closing.
    /// </summary>
    public GatedAction? Gate { get; }

    /// <summary>The task mutation that moves a task to <paramref name="to"/>: <c>completeTask</c> (Done) or <c>cancelTask</c>.</summary>
    public static string MutationFor(CaseTaskStatus to) => to == CaseTaskStatus.Cancelled ? "cancelTask" : "completeTask";

    /// <summary>
    /// The <c>TASK_ALREADY_CLOSED</c> answer to <c>completeTask</c>/<c>cancelTask</c> (per <paramref name="attempted"/>) on a
    /// task that is done or cancelled: the message says it is already done (or cancelled), by whom, when and through which
    /// action; extensions <c>taskId</c>, <c>kind</c>, <c>status</c>, <c>closedBy</c>, <c>closedAt</c> (ISO 8601 UTC) and
    /// <c>closedByAction</c> (empty for a task closed before actions were recorded). Nothing changes (R-1.10).
    /// </summary>
    public static CareGridException AlreadyClosed(CaseTask task, CaseTaskStatus attempted)
    {
        ArgumentNullException.ThrowIfNull(task);
        var status = SchemaNames.Value(task.Status);
        var kind = SchemaNames.Value(task.Kind);
        var at = task.ClosedAt?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) ?? "";
        var verb = task.Status == CaseTaskStatus.Cancelled ? "cancelled" : "done";
        var how = task.ClosedByAction is { } action ? $" through {action}" : "";
        var message = $"Task {task.Id} ({kind}) is already {verb}: closed by {task.ClosedBy ?? "unknown"} at {(at.Length > 0 ? at : "an unrecorded time")}{how}. "
            + $"{MutationFor(attempted)} changes nothing; the task stays {status}.";
        return new CareGridException(ErrorCodes.TaskAlreadyClosed, message, new Dictionary<string, string>
        {
            ["taskId"] = task.Id,
            ["kind"] = kind,
            ["status"] = status,
            ["closedBy"] = task.ClosedBy ?? "",
            ["closedAt"] = at,
            ["closedByAction"] = task.ClosedByAction ?? "",
        });
    }
}
