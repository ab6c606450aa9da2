using CareGrid.Grains.Cases;

namespace CareGrid.Grains.Intake;

/// <summary>
/// The line a call came in on (R-5.1 the school's 24-hour line staffed by psychology teachers, R-5.2 the line out of
/// term, R-1.9 hotlines for frontline workers, R-4.6 counsellors' phone numbers). The numeric values are persisted.
/// </summary>
[GenerateSerializer, Alias("CareGrid.CallChannel")]
public enum CallChannel
{
    /// <summary>The 24-hour psychological support line .</summary>
    TwentyFourHourLine = 0,
    /// <summary>A hotline, e.g. for frontline workers .</summary>
    Hotline = 1,
    /// <summary>A counsellor's published phone number .</summary>
    CounsellorPhone = 2,
}

/// <summary>
/// The brief risk check asked at intake, modelled on the C-SSRS screener's questions (Posner et al., Am J Psychiatry
/// 2011; 168:1266–1277) and its triage colouring, plus the answerer's judgement that the caller is in danger now
/// . The answers map to a <see cref="RiskLevel"/> in <see cref="CallRiskRules.LevelOf"/>.
/// </summary>
/// <param name="ThoughtsOfDeath">Wished to be dead or had thoughts of killing themself (screener questions 1–2).</param>
/// <param name="Method">Thought about how they might do it (question 3).</param>
/// <param name="IntentOrPlan">Had some intention of acting, or worked out a plan (questions 4–5).</param>
/// <param name="RecentAttempt">Did or prepared to do something to end their life in the last three months (question 6).</param>
/// <param name="InDangerNow">The caller, or the person they call about, is in acute danger now (the answerer's judgement).</param>
[GenerateSerializer, Alias("CareGrid.CallRiskCheck"), Immutable]
public sealed record CallRiskCheck(
    [property: Id(0)] bool ThoughtsOfDeath,
    [property: Id(1)] bool Method,
    [property: Id(2)] bool IntentOrPlan,
    [property: Id(3)] bool RecentAttempt,
    [property: Id(4)] bool InDangerNow)
{
    /// <summary>No risk sign answered yes.</summary>
    public static readonly CallRiskCheck None = new(false, false, false, false, false);
}

/// <summary>The command <c>logCall</c> (R-5.1, R-5.2, R-4.6, R-1.9).</summary>
/// <param name="Channel">The line the call came in on.</param>
/// <param name="AnsweredAt">When the call was answered (UTC); null: now. At most 30 days back, never in the future.</param>
/// <param name="CallerPersonId">The caller's person id when the caller is known; null for an anonymous caller.</param>
/// <param name="Summary">What was said, 1–4000 characters.</param>
/// <param name="RiskCheck">The brief risk check at intake.</param>
/// <param name="StatedRisk">The answerer's own grading; it raises the check's level, never lowers it. Null: the check decides.</param>
/// <param name="IdempotencyKey">Retry key (docs/idempotency.md); the call's id is derived from it.</param>
/// <param name="RiskUngraded">True when the answerer gave neither a risk check nor a grading (<c>riskCheck</c> and <c>riskLevel</c>
/// both absent): the call's <paramref name="RiskCheck"/> is then <see cref="CallRiskCheck.None"/> only as a placeholder, and a
/// conversion opens the case not yet graded with its GRADE_RISK task (finding RT19-3, docs/protocol.md "Ungraded reports").</param>
[GenerateSerializer, Alias("CareGrid.LogCall"), Immutable]
public sealed record LogCall(
    [property: Id(0)] CallChannel Channel,
    [property: Id(1)] DateTimeOffset? AnsweredAt,
    [property: Id(2)] string? CallerPersonId,
    [property: Id(3)] string Summary,
    [property: Id(4)] CallRiskCheck RiskCheck,
    [property: Id(5)] RiskLevel? StatedRisk,
    [property: Id(6)] string? IdempotencyKey,
    [property: Id(7)] bool RiskUngraded = false);

/// <summary>A logged call as the API answers it (docs/intake.md).</summary>
/// <param name="Id">The call's local id.</param>
/// <param name="Channel">The line.</param>
/// <param name="AnsweredAt">When it was answered (UTC).</param>
/// <param name="AnsweredBy">The sub of who answered (the one who logged it).</param>
/// <param name="CallerPersonId">The known caller's person id, or null (anonymous).</param>
/// <param name="Summary">What was said.</param>
/// <param name="RiskCheck">The intake risk check.</param>
/// <param name="RiskLevel">The grading at intake: the check's level raised by the answerer's stated risk.</param>
/// <param name="OrganizationId">The known caller's unit (need-to-know by organization), or null.</param>
/// <param name="CaseId">Once converted, the case the call's concern went to when it opens to the reader by need-to-know; the
/// converter's receipt id when they were answered with a receipt; else null (<see cref="Cases.ReportReceipts.ShownCaseIdAsync"/>).</param>
/// <param name="ConcernPersonId">The person the concern is about once converted, or null.</param>
/// <param name="ConvertedBy">Who converted it, or null.</param>
/// <param name="ConvertedAt">When it was converted (UTC), or null.</param>
/// <param name="RiskGraded">False when the answerer gave neither a risk check nor a grading (<see cref="LogCall.RiskUngraded"/>):
/// <paramref name="RiskLevel"/> then reads Low only as a placeholder.</param>
[GenerateSerializer, Alias("CareGrid.CallView"), Immutable]
public sealed record CallView(
    [property: Id(0)] string Id,
    [property: Id(1)] CallChannel Channel,
    [property: Id(2)] DateTimeOffset AnsweredAt,
    [property: Id(3)] string AnsweredBy,
    [property: Id(4)] string? CallerPersonId,
    [property: Id(5)] string Summary,
    [property: Id(6)] CallRiskCheck RiskCheck,
    [property: Id(7)] RiskLevel RiskLevel,
    [property: Id(8)] string? OrganizationId,
    [property: Id(9)] string? CaseId,
    [property: Id(10)] string? ConcernPersonId,
    [property: Id(11)] string? ConvertedBy,
    [property: Id(12)] DateTimeOffset? ConvertedAt,
    [property: Id(13)] bool RiskGraded = true);

/// <summary>
/// A call's read-side row (docs/intake.md): what the <c>calls</c> list shows — no summary, no caller identity, no risk
/// answers. Rows are ordered newest first by <see cref="SortKeyOf"/>.
/// </summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="Id">The call's local id.</param>
/// <param name="Channel">The line.</param>
/// <param name="AnsweredAt">When it was answered (UTC).</param>
/// <param name="AnsweredBy">The sub of who answered.</param>
/// <param name="KnownCaller">True when the caller is a known person.</param>
/// <param name="RiskLevel">The grading at intake; Low only as a placeholder when <paramref name="RiskGraded"/> is false.</param>
/// <param name="OrganizationId">The known caller's unit, or null.</param>
/// <param name="CaseId">Once converted, the id the converter was given: the case's, or their receipt's own id when the
/// conversion was answered with a receipt (<see cref="Cases.ReportReceipts.AnswerFor"/>); null before. The list shows it to
/// the converter only (docs/intake.md).</param>
/// <param name="ConvertedBy">Who converted the call, or null.</param>
/// <param name="RiskGraded">False when nobody graded the call (<see cref="CallView.RiskGraded"/>): the list shows it as not yet
/// graded, never as Low, and a Low filter does not match it (finding RT19-3, docs/intake.md "A call nobody graded"). True for
/// rows written before this field existed.</param>
[GenerateSerializer, Alias("CareGrid.CallRow"), Immutable]
public sealed record CallRow(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string Id,
    [property: Id(2)] CallChannel Channel,
    [property: Id(3)] DateTimeOffset AnsweredAt,
    [property: Id(4)] string AnsweredBy,
    [property: Id(5)] bool KnownCaller,
    [property: Id(6)] RiskLevel RiskLevel,
    [property: Id(7)] string? OrganizationId,
    [property: Id(8)] string? CaseId,
    [property: Id(9)] string? ConvertedBy = null,
    [property: Id(10)] bool RiskGraded = true)
{
    /// <summary>Newest first, then by id: the inverted answer time in 19 digits, an underscore and the id. Also the list's cursor.</summary>
    public string SortKeyOf() => string.Concat((DateTimeOffset.MaxValue.UtcTicks - AnsweredAt.UtcTicks).ToString("D19", System.Globalization.CultureInfo.InvariantCulture), "_", Id);
}
