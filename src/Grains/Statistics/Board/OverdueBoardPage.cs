using CareGrid.Grains.Cases;

namespace CareGrid.Grains.Statistics;

/// <summary>
/// One page of the overdue board (docs/statistics.md "Overdue board"): open tasks, most late first (due instant, then task
/// row id). No names, no person ids, no free text: a task's owner is a queue or "a named staff member".
/// </summary>
/// <param name="Items">At most the requested number of items.</param>
/// <param name="TotalCount">Items on the whole board under the same request (every page).</param>
/// <param name="HasNextPage">True when items follow the last one.</param>
/// <param name="AsOf">The instant "overdue" and "at risk" are measured at (the domain clock's now).</param>
/// <param name="TimeZoneId">The tenant's time zone (IANA id), in which working days are counted.</param>
[GenerateSerializer, Alias("CareGrid.OverdueBoardPage"), Immutable]
public sealed record OverdueBoardPage(
    [property: Id(0)] IReadOnlyList<OverdueBoardItem> Items,
    [property: Id(1)] int TotalCount,
    [property: Id(2)] bool HasNextPage,
    [property: Id(3)] DateTimeOffset AsOf,
    [property: Id(4)] string TimeZoneId)
{
    /// <summary>The cursor of the last item, or null on an empty page.</summary>
    public OverdueBoardCursor? EndCursor => Items.Count == 0 ? null : Items[^1].Cursor;
}

/// <summary>Who holds a task on the board, without saying who (docs/statistics.md "Overdue board").</summary>
[GenerateSerializer, Alias("CareGrid.OverdueBoardOwnerKind")]
public enum OverdueBoardOwnerKind
{
    /// <summary>A queue (<see cref="CaseQueues"/>), named in <see cref="OverdueBoardItem.OwnerQueue"/>.</summary>
    Queue,

    /// <summary>A named staff member; the board never says which (no login sub, no person id).</summary>
    Staff,
}

/// <summary>One open task on the overdue board.</summary>
/// <param name="TaskRowId">The task row id (<c>{caseId}:{taskId}</c>): the cursor's tie-breaker.</param>
/// <param name="CaseId">The case's id (opening it still needs need-to-know or break-the-glass, docs/access.md).</param>
/// <param name="OrganizationId">The case's unit, or null for a case without a unit.</param>
/// <param name="RiskLevel">The case's risk level.</param>
/// <param name="EscalationLevel">The case's escalation level (1–3, R-4.3).</param>
/// <param name="Kind">The task's kind.</param>
/// <param name="OwnerKind">A queue or a named staff member.</param>
/// <param name="OwnerQueue">The queue (e.g. <c>queue:level-3</c>) when <paramref name="OwnerKind"/> is <see cref="OverdueBoardOwnerKind.Queue"/>, else null.</param>
/// <param name="DueAt">The task's deadline (UTC).</param>
/// <param name="MinutesLate">Whole minutes since the deadline; 0 when not yet due.</param>
/// <param name="WorkingDaysLate">Working days of the tenant's calendar from the day after the deadline's local date up to and
/// including today's local date (<see cref="Calendar.WorkingCalendar.AddWorkingDays"/>'s counting); 0 when not yet due.</param>
/// <param name="MinutesLeft">Whole minutes until the deadline; 0 once it has passed.</param>
/// <param name="Overdue">True when the deadline has passed (due strictly before <see cref="OverdueBoardPage.AsOf"/>); false for an at-risk item.</param>
[GenerateSerializer, Alias("CareGrid.OverdueBoardItem"), Immutable]
public sealed record OverdueBoardItem(
    [property: Id(0)] string TaskRowId,
    [property: Id(1)] string CaseId,
    [property: Id(2)] string? OrganizationId,
    [property: Id(3)] RiskLevel RiskLevel,
    [property: Id(4)] int EscalationLevel,
    [property: Id(5)] CaseTaskKind Kind,
    [property: Id(6)] OverdueBoardOwnerKind OwnerKind,
    [property: Id(7)] string? OwnerQueue,
    [property: Id(8)] DateTimeOffset DueAt,
    [property: Id(9)] long MinutesLate,
    [property: Id(10)] int WorkingDaysLate,
    [property: Id(11)] long MinutesLeft,
    [property: Id(12)] bool Overdue)
{
    /// <summary>This item's position (<see cref="OverdueBoardRequest.After"/> of the next page).</summary>
    public OverdueBoardCursor Cursor => new(DueAt, TaskRowId);

    /// <summary>True while the case is not yet graded (<see cref="ReadModel.TaskRow.RiskUngraded"/>): <see cref="RiskLevel"/> is then a Low
    /// placeholder, shown as "Not yet graded" / "未评估" (docs/protocol.md "Ungraded reports").</summary>
    [Id(13)] public bool RiskUngraded { get; init; }

    /// <summary>
    /// Calendar days from the day after the deadline's local date up to and including today's local date (every day, working
    /// or not); 0 when not yet due. Elapsed lateness: a task overdue through a run of holidays (the 2026 Spring Festival, 15–23
    /// February) reads 0 <see cref="WorkingDaysLate"/> but 9 days late here, and the board's order (due instant) is this
    /// lateness, never the working days (docs/statistics.md "Overdue board").
    /// </summary>
    [Id(14)] public int DaysLate { get; init; }
}
