using CareGrid.Grains.Cases;

namespace CareGrid.GraphApi.Schema;

/// <summary>The <c>input</c> of <c>reportConcern</c> (R-1.5), as read by <see cref="ReportConcernInputType"/>.</summary>
public sealed class ReportConcernInput
{
    /// <summary>Local id of the person the concern is about (checked by <see cref="LocalIds.Check"/>, field <c>personId</c>).</summary>
    public string? PersonId { get; init; }

    /// <summary>What was noticed, 1–4000 characters (checked by the case grain, field <c>summary</c>).</summary>
    public string? Summary { get; init; }

    /// <summary>First grading; null means ungraded: the case opens at LOW as a placeholder with <c>riskGraded</c> false
    /// (<see cref="Grains.Cases.CaseState.RiskUngraded"/>). HIGH or IMMINENT escalates to level 3 at once .</summary>
    public RiskLevel? RiskLevel { get; init; }

    /// <summary>Responsible unit's local id; null: the person's organization. Must be the person's unit or below it (<see cref="Grains.Security.ReportUnit"/>).</summary>
    public string? OrganizationId { get; init; }

    /// <summary>Optional idempotency key (docs/idempotency.md), checked by <see cref="Grains.Idempotency.IdempotencyKey.Check"/>.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>True: open a separate case even though the person has an open one; null or false: join it.</summary>
    public bool? SeparateCase { get; init; }

    /// <summary>Why a separate case, 1–4000 characters; only with <see cref="SeparateCase"/> true (else VALIDATION_FAILED).</summary>
    public string? SeparateCaseReason { get; init; }
}
