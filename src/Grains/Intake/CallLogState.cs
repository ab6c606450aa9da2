using CareGrid.Grains.Cases;
using CareGrid.Grains.Idempotency;

namespace CareGrid.Grains.Intake;

/// <summary>
/// Persisted state of one call (<see cref="CallLogGrain"/>, grain key <c>{tenant}/call-…</c>): one call per grain, so a
/// busy line never grows one grain's state (docs/storage.md); its rules are in <see cref="CallLogAggregate"/>.
/// </summary>
[GenerateSerializer, Alias("CareGrid.CallLogState")]
public sealed class CallLogState
{
    /// <summary>False until logged.</summary>
    [Id(0)] public bool Exists { get; set; }
    /// <summary>The line.</summary>
    [Id(1)] public CallChannel Channel { get; set; }
    /// <summary>When it was answered (UTC).</summary>
    [Id(2)] public DateTimeOffset AnsweredAt { get; set; }
    /// <summary>Who answered (sub).</summary>
    [Id(3)] public string AnsweredBy { get; set; } = "";
    /// <summary>The known caller, or null.</summary>
    [Id(4)] public string? CallerPersonId { get; set; }
    /// <summary>What was said.</summary>
    [Id(5)] public string Summary { get; set; } = "";
    /// <summary>The intake risk check.</summary>
    [Id(6)] public CallRiskCheck RiskCheck { get; set; } = CallRiskCheck.None;
    /// <summary>The grading at intake.</summary>
    [Id(7)] public RiskLevel RiskLevel { get; set; }
    /// <summary>The known caller's unit, or null.</summary>
    [Id(8)] public string? OrganizationId { get; set; }
    /// <summary>When it was logged (UTC, the domain clock).</summary>
    [Id(9)] public DateTimeOffset LoggedAt { get; set; }
    /// <summary>The keyed request that logged it, or null (docs/idempotency.md).</summary>
    [Id(10)] public RememberedWrite? CreatedBy { get; set; }
    /// <summary>The case the concern went to, once converted.</summary>
    [Id(11)] public string? CaseId { get; set; }
    /// <summary>The person the concern is about, once converted.</summary>
    [Id(12)] public string? ConcernPersonId { get; set; }
    /// <summary>Who converted it.</summary>
    [Id(13)] public string? ConvertedBy { get; set; }
    /// <summary>When it was converted (UTC).</summary>
    [Id(14)] public DateTimeOffset? ConvertedAt { get; set; }
    /// <summary>
    /// The receipt's own id when the conversion was answered with a receipt (the converter is not on the case's need-to-know
    /// list: <see cref="Cases.ReportReceipts.AnswerFor"/>), else null; shown to the converter instead of <see cref="CaseId"/>
    /// (round 17 red team, the F3 oracle through calls; docs/intake.md).
    /// </summary>
    [Id(15)] public string? ReceiptId { get; set; }
    /// <summary>
    /// True when the answerer gave neither a risk check nor a grading (<see cref="LogCall.RiskUngraded"/>): <see cref="RiskLevel"/>
    /// is a Low placeholder, and the conversion opens the case not yet graded (finding RT19-3, docs/intake.md).
    /// </summary>
    [Id(16)] public bool RiskUngraded { get; set; }
}
