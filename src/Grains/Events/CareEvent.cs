using CareGrid.Grains.Cases;

namespace CareGrid.Grains.Events;

/// <summary>
/// One thing that happened to a case, as the case grain saw it after saving its state. Carries ids, kinds and levels
/// only — never a name, a concern's text or any other personal detail; a receiver reads the rest through GraphQL with
/// its own token and its own need-to-know.
/// </summary>
/// <param name="Id">Stable, unique within the tenant: <c>{CaseId}.{Sequence}</c>. A repeat delivery carries the same id.</param>
/// <param name="TenantId">The tenant the case belongs to.</param>
/// <param name="Kind">What happened.</param>
/// <param name="CaseId">The case's local id within the tenant.</param>
/// <param name="Sequence">Per case, starting at 1 and rising by exactly one per event: receivers order and de-duplicate by it.</param>
/// <param name="OccurredAt">When the case saved the change (domain clock, UTC).</param>
[GenerateSerializer, Alias("CareGrid.Events.CareEvent"), Immutable]
public sealed record CareEvent(
    [property: Id(0)] string Id,
    [property: Id(1)] string TenantId,
    [property: Id(2)] CareEventKind Kind,
    [property: Id(3)] string CaseId,
    [property: Id(4)] long Sequence,
    [property: Id(5)] DateTimeOffset OccurredAt)
{
    /// <summary>The task's id within the case, for the <c>Task*</c> kinds; null otherwise.</summary>
    [Id(6)] public string? TaskId { get; init; }

    /// <summary>The organization (unit) the case belongs to when the event was raised; the need-to-know rules use it.</summary>
    [Id(7)] public string? OrganizationId { get; init; }

    /// <summary>The case's assignee (staff sub) when the event was raised, or null.</summary>
    [Id(8)] public string? AssigneeId { get; init; }

    /// <summary>The task's owner (staff sub) for the <c>Task*</c> kinds; null otherwise.</summary>
    [Id(9)] public string? TaskOwnerId { get; init; }

    /// <summary>The case's risk level after the change; only a Low placeholder while <see cref="RiskUngraded"/> is true.</summary>
    [Id(10)] public RiskLevel? RiskLevel { get; init; }

    /// <summary>The case's escalation level after the change (1–3, R-4.3).</summary>
    [Id(11)] public int? EscalationLevel { get; init; }

    /// <summary>The task's deadline (UTC) for the <c>Task*</c> kinds.</summary>
    [Id(12)] public DateTimeOffset? DueAt { get; init; }

    /// <summary>True when nobody had graded the case's risk after the change (reported as unsure; <see cref="CaseState.RiskUngraded"/>,
    /// docs/protocol.md "Ungraded reports"): <see cref="RiskLevel"/> then says Low only as a placeholder and must not be read as
    /// low risk. False for a graded case and on events stored before events carried it.</summary>
    [Id(13)] public bool RiskUngraded { get; init; }
}
