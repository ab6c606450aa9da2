namespace CareGrid.Grains.Staff;

/// <summary>
/// A <c>reassignWork</c> request (docs/staff-changes.md): move the open cases and tasks of a departing member to one
/// named staff member, or balance them across several.
/// </summary>
/// <param name="FromPersonId">The departing member's person id; their login sub (<c>staffSubject</c>) owns the work.</param>
/// <param name="ToPersonIds">The receivers' person ids: one (all to them) or, when <paramref name="Balanced"/>, 1–50.</param>
/// <param name="Balanced">True for <c>toPersonIds</c> (balanced by open high-risk load), false for <c>toPersonId</c>.</param>
/// <param name="Reason">Why, 1–4000 characters; on every timeline entry.</param>
[GenerateSerializer, Alias("CareGrid.ReassignWorkRequest"), Immutable]
public sealed record ReassignWorkRequest(
    [property: Id(0)] string FromPersonId,
    [property: Id(1)] IReadOnlyList<string> ToPersonIds,
    [property: Id(2)] bool Balanced,
    [property: Id(3)] string Reason)
{
    /// <summary>The argument that names the receivers, for error messages: <c>toPersonIds</c> or <c>toPersonId</c>.</summary>
    public string ReceiverField => Balanced ? "toPersonIds" : "toPersonId";
}

/// <summary>One case or task that moved (or was to move) to a receiver.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="TaskId">The task (<c>t{n}</c>), or null for the case itself.</param>
/// <param name="ToPersonId">The receiver's person id.</param>
/// <param name="ToSubject">The receiver's login sub, now the owner.</param>
[GenerateSerializer, Alias("CareGrid.WorkMoved"), Immutable]
public sealed record WorkMoved(
    [property: Id(0)] string CaseId,
    [property: Id(1)] string? TaskId,
    [property: Id(2)] string ToPersonId,
    [property: Id(3)] string ToSubject);

/// <summary>The answer of <c>reassignWork</c> (docs/staff-changes.md); a keyed retry answers the same.</summary>
/// <param name="FromPersonId">The departing member's person id.</param>
/// <param name="FromSubject">Their login sub.</param>
/// <param name="Reason">The reason given.</param>
/// <param name="Cases">The cases moved, with their new owner.</param>
/// <param name="Tasks">The tasks moved, with their new owner.</param>
/// <param name="NotMoved">Planned moves of work that someone else took meanwhile (left as it is).</param>
/// <param name="RemainingCases">Open cases of the departing member in the caller's scope left for another call (the per-call bound).</param>
/// <param name="RemainingTasks">Open tasks likewise.</param>
/// <param name="OutsideScopeCases">Open cases of the departing member outside the caller's scope (not moved: another coordinator's or the TenantAdmin's).</param>
/// <param name="OutsideScopeTasks">Open tasks likewise.</param>
[GenerateSerializer, Alias("CareGrid.WorkReassignmentResult"), Immutable]
public sealed record WorkReassignmentResult(
    [property: Id(0)] string FromPersonId,
    [property: Id(1)] string FromSubject,
    [property: Id(2)] string Reason,
    [property: Id(3)] IReadOnlyList<WorkMoved> Cases,
    [property: Id(4)] IReadOnlyList<WorkMoved> Tasks,
    [property: Id(5)] IReadOnlyList<WorkMoved> NotMoved,
    [property: Id(6)] int RemainingCases,
    [property: Id(7)] int RemainingTasks,
    [property: Id(8)] int OutsideScopeCases,
    [property: Id(9)] int OutsideScopeTasks)
{
    /// <summary>
    /// True when the look for open work stopped at its bound (<see cref="StaffWork.ScanLimit"/> cases or tasks): more may be
    /// left than the remaining counts say.
    /// </summary>
    [Id(10)] public bool MoreBeyondScan { get; init; }

    /// <summary>
    /// True when the caller is not a TenantAdmin: the outside-scope counts are not theirs to know (they would tell a
    /// Coordinator about work in other units, docs/staff-changes.md) and are answered as null.
    /// </summary>
    [Id(11)] public bool OutsideScopeHidden { get; init; }

    /// <summary>True when nothing of the departing member's work in the caller's scope is left for another call.</summary>
    public bool Complete => RemainingCases == 0 && RemainingTasks == 0 && !MoreBeyondScan;
}
