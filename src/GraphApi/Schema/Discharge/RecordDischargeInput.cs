namespace CareGrid.GraphApi.Schema;

/// <summary>The <c>input</c> of <c>recordDischarge</c> (R-2.4), as read by <see cref="RecordDischargeInputType"/>.</summary>
public sealed class RecordDischargeInput
{
    /// <summary>The recovered patient's person id (or external id, resolved by <c>TakesPersonId</c>).</summary>
    public string? PersonId { get; init; }

    /// <summary>The discharging hospital (kind HOSPITAL or PSYCHIATRIC_INSTITUTION); the caller is a member of it.</summary>
    public string? HospitalOrganizationId { get; init; }

    /// <summary>The community or village where the person lives (kind COMMUNITY or VILLAGE).</summary>
    public string? ResidenceOrganizationId { get; init; }

    /// <summary>The primary health institution that receives the hand-over (kind PRIMARY_HEALTH_CENTRE).</summary>
    public string? PrimaryHealthOrganizationId { get; init; }

    /// <summary>When the patient left the hospital (not in the future, at most a year ago).</summary>
    public DateTimeOffset? DischargedAt { get; init; }

    /// <summary>The discharge information's note (sensitive), at most 3000 characters.</summary>
    public string? Note { get; init; }

    /// <summary>Optional idempotency key (docs/idempotency.md).</summary>
    public string? IdempotencyKey { get; init; }
}
