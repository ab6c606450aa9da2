using CareGrid.Grains.Security;

namespace CareGrid.Grains.Cases;

/// <summary>
/// Case status: <c>Reported → Triage → Active → (Referred) → FollowUp → Closed</c>, <c>Closed → Triage</c> on reopen
/// (DESIGN.md "CaseGrain").
/// </summary>
public enum CaseStatus
{
    /// <summary>A concern was raised; nobody has looked at it yet.</summary>
    Reported,
    /// <summary>Being screened and graded.</summary>
    Triage,
    /// <summary>Being worked by an assignee.</summary>
    Active,
    /// <summary>Referred to an outside institution .</summary>
    Referred,
    /// <summary>Follow-up visits .</summary>
    FollowUp,
    /// <summary>Closed; can be reopened into Triage.</summary>
    Closed,
}

/// <summary>Triggers of the case state machine; each is one GraphQL mutation.</summary>
public enum CaseTrigger
{
    /// <summary><c>Reported → Triage</c>.</summary>
    Triage,
    /// <summary><c>Triage → Active</c>; needs an assignee.</summary>
    Activate,
    /// <summary><c>Active → Referred</c>.</summary>
    Refer,
    /// <summary><c>Active | Referred → FollowUp</c>.</summary>
    StartFollowUp,
    /// <summary><c>Triage | Active | FollowUp → Closed</c>.</summary>
    Close,
    /// <summary><c>Closed → Triage</c>.</summary>
    Reopen,
}

/// <summary>Input of <c>reportConcern</c>: a front-line person raises a concern about someone .</summary>
/// <param name="PersonId">Local id of the person concerned; must exist.</param>
/// <param name="Summary">What was noticed, 1–4000 characters (sensitive).</param>
/// <param name="RiskLevel">The reporter's first grading; defaults to Low.</param>
/// <param name="OrganizationId">The unit responsible (defaults to the person's organization).</param>
[GenerateSerializer, Alias("CareGrid.ReportConcern")]
public sealed record ReportConcern(
    [property: Id(0)] string PersonId,
    [property: Id(1)] string Summary,
    [property: Id(2)] RiskLevel RiskLevel,
    [property: Id(3)] string? OrganizationId);

/// <summary>One event on a case's timeline: who did what, when, and why.</summary>
/// <param name="At">When (UTC).</param>
/// <param name="Actor">The <c>sub</c> of who did it (<c>system</c> for the service itself).</param>
/// <param name="Action">The trigger or event name (e.g. <c>Report</c>, <c>Triage</c>, <c>AssessRisk</c>).</param>
/// <param name="FromStatus">Status before.</param>
/// <param name="ToStatus">Status after.</param>
/// <param name="Reason">The stated reason or note, if any.</param>
[GenerateSerializer, Alias("CareGrid.TimelineEntry")]
public sealed record TimelineEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Actor,
    [property: Id(2)] string Action,
    [property: Id(3)] CaseStatus FromStatus,
    [property: Id(4)] CaseStatus ToStatus,
    [property: Id(5)] string? Reason);

/// <summary>A case as returned to a caller, with the actions that caller may take next.</summary>
[GenerateSerializer, Alias("CareGrid.CaseView")]
public sealed record CaseView(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string Id,
    [property: Id(2)] string PersonId,
    [property: Id(3)] string? OrganizationId,
    [property: Id(4)] CaseStatus Status,
    [property: Id(5)] RiskLevel RiskLevel,
    [property: Id(6)] int EscalationLevel,
    [property: Id(7)] string? AssigneeId,
    [property: Id(8)] string Summary,
    [property: Id(9)] string ReportedBy,
    [property: Id(10)] DateTimeOffset ReportedAt,
    [property: Id(11)] DateTimeOffset UpdatedAt,
    [property: Id(12)] IReadOnlyList<TimelineEntry> Timeline,
    [property: Id(13)] IReadOnlyList<string> AvailableActions);

/// <summary>Arguments of a case trigger.</summary>
/// <param name="Reason">Why (recorded on the timeline); required for Close and Reopen.</param>
/// <param name="AssigneeId">For Activate: the <c>sub</c> of the staff member who takes the case.</param>
[GenerateSerializer, Alias("CareGrid.CaseCommand")]
public sealed record CaseCommand([property: Id(0)] string? Reason, [property: Id(1)] string? AssigneeId = null);
