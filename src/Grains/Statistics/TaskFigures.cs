using CareGrid.Grains.Cases;

namespace CareGrid.Grains.Statistics;

/// <summary>Deadline tasks: open and overdue now, and deadlines met per kind in the period
/// (<see cref="Sections.TaskSection"/>, docs/statistics.md "Cases and tasks").</summary>
/// <param name="Open">Open tasks now.</param>
/// <param name="Overdue">Open tasks whose deadline is before now (<c>dueAt &lt; asOf</c>).</param>
/// <param name="OverdueByKind">Overdue tasks by kind, every kind listed.</param>
/// <param name="OverdueByUnit">Overdue tasks per unit of their case (units with overdue tasks only; ordinal by id, no unit last).</param>
/// <param name="DeadlinesByKind">Tasks done in the period's weeks, by kind, within or past their deadline; every kind listed.</param>
[GenerateSerializer, Alias("CareGrid.TaskFigures"), Immutable]
public sealed record TaskFigures(
    [property: Id(0)] long Open,
    [property: Id(1)] long Overdue,
    [property: Id(2)] IReadOnlyList<CountOf<CaseTaskKind>> OverdueByKind,
    [property: Id(3)] IReadOnlyList<UnitCount> OverdueByUnit,
    [property: Id(4)] IReadOnlyList<DeadlineCount> DeadlinesByKind);

/// <summary>Tasks of one kind done in the period.</summary>
/// <param name="Kind">The task kind.</param>
/// <param name="DoneWithin">Done at or before the deadline (<c>completedAt ≤ dueAt</c>).</param>
/// <param name="DonePast">Done after the deadline.</param>
[GenerateSerializer, Alias("CareGrid.DeadlineCount"), Immutable]
public sealed record DeadlineCount([property: Id(0)] CaseTaskKind Kind, [property: Id(1)] long DoneWithin, [property: Id(2)] long DonePast);

/// <summary>
/// Open work per worker now, for balancing caseloads (<see cref="Sections.CaseloadSection"/>, docs/statistics.md "Cases and
/// tasks"). A worker is a staff login (<c>sub</c>) or a queue (<c>queue:level-3</c>, …); the people served are never named.
/// </summary>
/// <param name="Worker">The assignee or task owner: a staff <c>sub</c> or a queue; null for open cases nobody is assigned.</param>
/// <param name="IsQueue">True for a queue (<c>queue:…</c>), which many staff serve.</param>
/// <param name="OpenCases">Open cases assigned to the worker.</param>
/// <param name="OpenCasesByRisk">Those cases by current risk level, Low to Imminent, every level listed; cases not yet graded are
/// in <see cref="OpenCasesUngraded"/> instead, never under Low.</param>
/// <param name="OpenTasks">Open tasks the worker owns.</param>
/// <param name="OverdueTasks">Of those, overdue now.</param>
[GenerateSerializer, Alias("CareGrid.WorkerCaseload"), Immutable]
public sealed record WorkerCaseload(
    [property: Id(0)] string? Worker,
    [property: Id(1)] bool IsQueue,
    [property: Id(2)] long OpenCases,
    [property: Id(3)] IReadOnlyList<CountOf<RiskLevel>> OpenCasesByRisk,
    [property: Id(4)] long OpenTasks,
    [property: Id(5)] long OverdueTasks)
{
    /// <summary>Open cases assigned to the worker that nobody has graded yet (docs/protocol.md "Ungraded reports").</summary>
    [Id(6)] public long OpenCasesUngraded { get; init; }
}
