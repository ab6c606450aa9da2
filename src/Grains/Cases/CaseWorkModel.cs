namespace CareGrid.Grains.Cases;

/// <summary>
/// What <c>reassignWork</c> needs to know of one case to plan a move (docs/staff-changes.md): where it belongs, how high it
/// is on the chain, its risk, whether it is open, who owns it and who owns its open tasks. Read from the case grain itself
/// (the read side only finds the candidates), so the plan is made on the case's current state.
/// </summary>
/// <param name="CaseId">The case's local id.</param>
/// <param name="OrganizationId">The responsible unit (local id), or null; decides the caller's scope (docs/access.md).</param>
/// <param name="EscalationLevel">1–3; decides who may receive the case.</param>
/// <param name="RiskLevel">The current risk; High and Imminent count as high-risk load.</param>
/// <param name="Open">False when the case is closed (a closed case has no open work).</param>
/// <param name="AssigneeId">The owner: a staff <c>sub</c> or a queue, or null.</param>
/// <param name="OpenTasks">The open tasks with their owners.</param>
[GenerateSerializer, Alias("CareGrid.CaseWorkFacts"), Immutable]
public sealed record CaseWorkFacts(
    [property: Id(0)] string CaseId,
    [property: Id(1)] string? OrganizationId,
    [property: Id(2)] int EscalationLevel,
    [property: Id(3)] RiskLevel RiskLevel,
    [property: Id(4)] bool Open,
    [property: Id(5)] string? AssigneeId,
    [property: Id(6)] IReadOnlyList<CaseWorkTask> OpenTasks)
{
    /// <summary>True while nobody has graded the case's risk (<see cref="CaseState.RiskUngraded"/>, docs/protocol.md "Ungraded
    /// reports"): <see cref="RiskLevel"/> is then only a Low placeholder, and the plan ranks the case right after High and
    /// Imminent, never as Low.</summary>
    [Id(7)] public bool RiskUngraded { get; init; }
}

/// <summary>An open task of a case and its owner (a staff <c>sub</c> or a queue).</summary>
/// <param name="TaskId">The task's id (<c>t{n}</c>).</param>
/// <param name="OwnerId">Its owner.</param>
[GenerateSerializer, Alias("CareGrid.CaseWorkTask"), Immutable]
public sealed record CaseWorkTask([property: Id(0)] string TaskId, [property: Id(1)] string OwnerId);

/// <summary>
/// One case's part of a <c>reassignWork</c> (docs/staff-changes.md): from whom to whom, whether the case itself moves
/// and which of its open tasks move, and why.
/// </summary>
/// <param name="FromSubject">The departing member's <c>sub</c>: only what they still own moves.</param>
/// <param name="ToSubject">The receiver's <c>sub</c>.</param>
/// <param name="ToRoles">The receiver's access roles (<see cref="Security.Roles"/>), checked against the case's level.</param>
/// <param name="MoveCase">True when the case itself (its assignee) moves.</param>
/// <param name="TaskIds">The open tasks owned by <paramref name="FromSubject"/> that move.</param>
/// <param name="Reason">Why (1–4000 characters), on every timeline entry.</param>
[GenerateSerializer, Alias("CareGrid.CaseWorkMove"), Immutable]
public sealed record CaseWorkMove(
    [property: Id(0)] string FromSubject,
    [property: Id(1)] string ToSubject,
    [property: Id(2)] IReadOnlyList<string> ToRoles,
    [property: Id(3)] bool MoveCase,
    [property: Id(4)] IReadOnlyList<string> TaskIds,
    [property: Id(5)] string Reason);

/// <summary>What a <see cref="CaseWorkMove"/> moved on one case: the case (or it was with the receiver already) and the tasks.</summary>
/// <param name="CaseMoved">True when the case is now owned by the receiver because of this move (or a first attempt of it).</param>
/// <param name="TaskIds">The tasks now owned by the receiver because of this move (or a first attempt of it).</param>
[GenerateSerializer, Alias("CareGrid.CaseWorkMoved"), Immutable]
public sealed record CaseWorkMoved([property: Id(0)] bool CaseMoved, [property: Id(1)] IReadOnlyList<string> TaskIds);
