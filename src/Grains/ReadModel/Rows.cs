using CareGrid.Grains.Cases;
using CareGrid.Grains.Organizations;

namespace CareGrid.Grains.ReadModel;

/// <summary>
/// A case as listed (read side). Carries only non-sensitive fields: no names, no summaries, no notes —
/// those are read from the <see cref="ICaseGrain"/> under need-to-know rules.
/// </summary>
[GenerateSerializer, Alias("CareGrid.CaseRow")]
public sealed record CaseRow(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string Id,
    [property: Id(2)] string PersonId,
    [property: Id(3)] string? OrganizationId,
    [property: Id(4)] CaseStatus Status,
    [property: Id(5)] RiskLevel RiskLevel,
    [property: Id(6)] int EscalationLevel,
    [property: Id(7)] string? AssigneeId,
    [property: Id(8)] DateTimeOffset ReportedAt,
    [property: Id(9)] DateTimeOffset UpdatedAt)
{
    /// <summary>The case's timeliness facts (docs/statistics.md "Timeliness"): counts and instants only, no names or free text; null on a row written before rows carried them.</summary>
    [Id(10)] public Statistics.CaseFacts? Facts { get; init; }

    /// <summary>True while nobody has graded the case's risk (<see cref="CaseState.RiskUngraded"/>; <see cref="RiskLevel"/> is then a
    /// Low placeholder); false on a row written before rows carried it.</summary>
    [Id(11)] public bool RiskUngraded { get; init; }
}

/// <summary>An organization as listed (read side).</summary>
[GenerateSerializer, Alias("CareGrid.OrganizationRow")]
public sealed record OrganizationRow(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string Id,
    [property: Id(2)] string Name,
    [property: Id(3)] OrganizationKind Kind,
    [property: Id(4)] string? ParentId,
    [property: Id(5)] int? EscalationLevel,
    [property: Id(6)] OrganizationStatus Status);

/// <summary>
/// A person as listed (read side). Lists show only the display name, organization and roster id; <see cref="Monitoring"/>,
/// <see cref="TargetGroups"/> and <see cref="IsStaff"/> are kept for filtering and are never shown in list items.
/// </summary>
[GenerateSerializer, Alias("CareGrid.PersonRow")]
public sealed record PersonRow(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string Id,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] string? OrganizationId)
{
    /// <summary>Monitoring level, for filtering.</summary>
    [Id(4)] public People.MonitoringLevel Monitoring { get; init; }

    /// <summary>Target group codes, for filtering.</summary>
    [Id(5)] public IReadOnlyList<string> TargetGroups { get; init; } = [];

    /// <summary>True for staff (holds a role, a qualification or a login sub), for filtering.</summary>
    [Id(6)] public bool IsStaff { get; init; }

    /// <summary>The id in the tenant's own roster (a student number), for the exact <c>externalId</c> filter and for
    /// resolving an external id to the person (docs/api.md, "External ids"), and shown in list items (<c>PersonSummary.externalId</c>)
    /// so that lists name people by the school's own number. Null when none.</summary>
    [Id(7)] public string? ExternalId { get; init; }

    /// <summary>Value equality, with <see cref="TargetGroups"/> compared by its elements in order.</summary>
    public bool Equals(PersonRow? other) =>
        other is not null && TenantId == other.TenantId && Id == other.Id && DisplayName == other.DisplayName
        && OrganizationId == other.OrganizationId && Monitoring == other.Monitoring && IsStaff == other.IsStaff
        && ExternalId == other.ExternalId && TargetGroups.SequenceEqual(other.TargetGroups, StringComparer.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(TenantId, Id, DisplayName, OrganizationId, Monitoring, IsStaff, TargetGroups.Count);
}

/// <summary>Filter of the <c>people</c> list; null members match everything.</summary>
/// <param name="OrganizationIds">Only people of these units (e.g. a unit and its subtree).</param>
/// <param name="TargetGroup">Only people in this target group .</param>
/// <param name="Monitoring">Only people at this monitoring level .</param>
/// <param name="Staff">Only staff (true) or only people served (false).</param>
/// <param name="NamePrefix">Only people whose normalized display name starts with this normalized prefix
/// (<see cref="PersonNameKeys.Normalize"/>). When set, the list is ordered by <see cref="PersonNameKeys.SortKey"/> (name,
/// then id) and <c>after</c> is such a key, not an id.</param>
/// <param name="ExternalId">Only people whose <see cref="PersonRow.ExternalId"/> equals this exactly (ordinal).</param>
public sealed record PersonQuery(
    IReadOnlyCollection<string>? OrganizationIds = null,
    string? TargetGroup = null,
    People.MonitoringLevel? Monitoring = null,
    bool? Staff = null,
    string? NamePrefix = null,
    string? ExternalId = null)
{
    /// <summary>The filter that matches every person.</summary>
    public static readonly PersonQuery All = new();

    /// <summary>True when <paramref name="row"/> passes the filter.</summary>
    public bool Matches(PersonRow row) =>
        (OrganizationIds is null || (row.OrganizationId is not null && OrganizationIds.Contains(row.OrganizationId)))
        && (TargetGroup is null || row.TargetGroups.Contains(TargetGroup, StringComparer.Ordinal))
        && (Monitoring is null || row.Monitoring == Monitoring)
        && (Staff is null || row.IsStaff == Staff)
        && (ExternalId is null || string.Equals(row.ExternalId, ExternalId, StringComparison.Ordinal))
        && (NamePrefix is null || PersonNameKeys.Normalize(row.DisplayName).StartsWith(NamePrefix, StringComparison.Ordinal));

    /// <summary>The cursor value of <paramref name="row"/> in this query's order: its id, or its name sort key when searching by name.</summary>
    public string CursorOf(PersonRow row) => NamePrefix is null ? row.Id : PersonNameKeys.SortKey(row);
}

/// <summary>
/// Filter of the <c>cases</c> list; null members match everything. <see cref="RiskLevel"/> matches graded cases only: a case
/// not yet graded (<see cref="CaseRow.RiskUngraded"/>) stores Low as a placeholder and is never a Low case; ask for those with
/// <see cref="RiskGraded"/> false (docs/api.md "The cases list and ungraded cases").
/// </summary>
public sealed record CaseQuery(
    CaseStatus? Status = null,
    RiskLevel? RiskLevel = null,
    int? EscalationLevel = null,
    string? AssigneeId = null,
    string? OrganizationId = null,
    string? PersonId = null,
    bool OpenOnly = false)
{
    /// <summary>
    /// The caller's scope (need-to-know by organization, docs/access.md): only cases of these units, or null for every unit.
    /// A case without a unit does not pass a non-null set.
    /// </summary>
    public IReadOnlyCollection<string>? OrganizationIds { get; init; }

    /// <summary>A staff <c>sub</c> whose own cases (<see cref="CaseRow.AssigneeId"/>) pass <see cref="OrganizationIds"/> whatever their unit, or null.</summary>
    public string? ScopeExemptAssignee { get; init; }

    /// <summary>
    /// Only graded cases (true), only cases nobody has graded yet (false: reported as unsure, <see cref="CaseRow.RiskUngraded"/>,
    /// docs/protocol.md "Ungraded reports"), or both (null).
    /// </summary>
    public bool? RiskGraded { get; init; }

    /// <summary>
    /// True when <paramref name="row"/> passes the filter. A <see cref="RiskLevel"/> matches only a graded row at that level:
    /// the Low placeholder of a case not yet graded is not Low (round 17 follow-up).
    /// </summary>
    public bool Matches(CaseRow row) =>
        (Status is null || row.Status == Status)
        && (!OpenOnly || row.Status != CaseStatus.Closed)
        && (RiskLevel is null || (row.RiskLevel == RiskLevel && !row.RiskUngraded))
        && (RiskGraded is null || row.RiskUngraded != RiskGraded)
        && (EscalationLevel is null || row.EscalationLevel == EscalationLevel)
        && (AssigneeId is null || row.AssigneeId == AssigneeId)
        && (OrganizationId is null || row.OrganizationId == OrganizationId)
        && (PersonId is null || row.PersonId == PersonId)
        && InScope(OrganizationIds, row.OrganizationId, ScopeExemptAssignee is not null && row.AssigneeId == ScopeExemptAssignee);

    /// <summary>True when a row of unit <paramref name="organizationId"/> passes a scope filter <paramref name="units"/> (null: all).</summary>
    internal static bool InScope(IReadOnlyCollection<string>? units, string? organizationId, bool exempt) =>
        units is null || exempt || (organizationId is not null && units.Contains(organizationId));
}

/// <summary>One page of a cursor-paginated list, ordered by id ascending (ids are time-ordered).</summary>
/// <param name="Items">At most the requested number of rows.</param>
/// <param name="HasNextPage">True when rows follow the last item.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, bool HasNextPage);

/// <summary>
/// A deadline task as listed (read side): <c>myTasks</c> and <c>overdueTasks</c>. <see cref="Id"/> is
/// <c>"{caseId}:{taskId}"</c>. <see cref="OwnerId"/> is a staff <c>sub</c> or a queue such as <c>queue:level-3</c>.
/// </summary>
[GenerateSerializer, Alias("CareGrid.TaskRow")]
public sealed record TaskRow(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string Id,
    [property: Id(2)] string CaseId,
    [property: Id(3)] Cases.CaseTaskKind Kind,
    [property: Id(4)] string OwnerId,
    [property: Id(5)] Cases.CaseTaskStatus Status,
    [property: Id(6)] DateTimeOffset DueAt,
    [property: Id(7)] int EscalationCount,
    [property: Id(8)] DateTimeOffset CreatedAt)
{
    /// <summary>The local id of the case's unit (need-to-know by organization, docs/access.md), or null (a case without a unit,
    /// or a row written before rows carried it; the case rewrites its rows when it is next activated).</summary>
    [Id(9)] public string? OrganizationId { get; init; }

    /// <summary>When the task was done (its <c>closedAt</c> when <see cref="Status"/> is Done), or null (open, cancelled, or a row
    /// written before rows carried it); counts deadlines met and missed (docs/statistics.md "Cases and tasks").</summary>
    [Id(10)] public DateTimeOffset? CompletedAt { get; init; }
    /// <summary>The case's risk level when the row was written (the overdue board, docs/statistics.md): an open task's row is
    /// rewritten when the case's risk changes; a done or cancelled task keeps the value of its last write. Rows written before
    /// task rows carried it read as <see cref="Cases.RiskLevel.Low"/> until the case next writes them.</summary>
    [Id(11)] public Cases.RiskLevel RiskLevel { get; init; }

    /// <summary>The case's escalation level (1–3, R-4.3) when the row was written, like <see cref="RiskLevel"/>; 0 on rows
    /// written before task rows carried it.</summary>
    [Id(12)] public int EscalationLevel { get; init; }

    /// <summary>True when the case was not yet graded when the row was written (<see cref="CaseRow.RiskUngraded"/>, like
    /// <see cref="RiskLevel"/>, which is then a Low placeholder): the overdue board shows it as not yet graded, never Low. False on
    /// rows written before task rows carried it.</summary>
    [Id(13)] public bool RiskUngraded { get; init; }

    /// <summary>Who owned the task before its deadline passed and it was escalated to the queue above
    /// (<see cref="Cases.CaseTask.OriginalOwnerId"/>: a staff <c>sub</c> or a queue), or null (not escalated, or a row written
    /// before rows carried it; the case rewrites its rows when it is next activated). <c>myTasks</c> keeps listing an
    /// escalated task to them (<see cref="TaskQuery.IncludeEscalatedFrom"/>).</summary>
    [Id(14)] public string? EscalatedFromId { get; init; }
}

/// <summary>Filter of task lists; null members match everything.</summary>
/// <param name="OwnerIds">Owners to include (a staff sub and the queues they serve), or null for all.</param>
/// <param name="OpenOnly">Only open tasks.</param>
/// <param name="DueBefore">Only tasks due strictly before this instant (overdue when it is now).</param>
/// <param name="UnescalatedOnly">Only tasks not escalated yet (<see cref="TaskRow.EscalationCount"/> 0): what the deadline sweep
/// after a restart still has to escalate (R-1.10, docs/deadline-sweep.md).</param>
public sealed record TaskQuery(IReadOnlyCollection<string>? OwnerIds = null, bool OpenOnly = true, DateTimeOffset? DueBefore = null, bool UnescalatedOnly = false)
{
    /// <summary>
    /// The caller's scope (need-to-know by organization, docs/access.md): only tasks of cases of these units, or null for every
    /// unit. A task without a unit does not pass a non-null set.
    /// </summary>
    public IReadOnlyCollection<string>? OrganizationIds { get; init; }

    /// <summary>A staff <c>sub</c> whose own tasks (<see cref="TaskRow.OwnerId"/>) pass <see cref="OrganizationIds"/> whatever their unit, or null.</summary>
    public string? ScopeExemptOwner { get; init; }

    /// <summary>
    /// True: <see cref="OwnerIds"/> also match a task escalated away from one of them (<see cref="TaskRow.EscalatedFromId"/>),
    /// and <see cref="ScopeExemptOwner"/> also exempts a task escalated away from them. An overdue task escalated to the queue
    /// above stays on the list of those who had it (<c>myTasks</c>): escalation adds the supervisor, it does not take the most
    /// urgent task off the psychology teacher's list (round 22 new-user trial; ).
    /// </summary>
    public bool IncludeEscalatedFrom { get; init; }

    /// <summary>True when <paramref name="row"/> passes the filter.</summary>
    public bool Matches(TaskRow row) =>
        (OwnerIds is null || OwnerIds.Contains(row.OwnerId) || (IncludeEscalatedFrom && row.EscalatedFromId is { } from && OwnerIds.Contains(from)))
        && (!OpenOnly || row.Status == Cases.CaseTaskStatus.Open)
        && (DueBefore is null || row.DueAt < DueBefore)
        && (!UnescalatedOnly || row.EscalationCount == 0)
        && CaseQuery.InScope(OrganizationIds, row.OrganizationId, ScopeExemptOwner is not null
            && (row.OwnerId == ScopeExemptOwner || (IncludeEscalatedFrom && row.EscalatedFromId == ScopeExemptOwner)));
}
