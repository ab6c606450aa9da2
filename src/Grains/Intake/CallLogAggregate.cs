using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Idempotency;
using CareGrid.Grains.Security;
using CareGrid.Grains.Validation;

namespace CareGrid.Grains.Intake;

/// <summary>
/// The rules of one logged call (R-5.1, R-5.2, R-4.6, R-1.9; docs/intake.md): what a call must carry, who may read it
/// (level-3 staff whose units cover the known caller's unit, and the one who answered), and its one-time conversion into
/// a concern. Plain class over <see cref="CallLogState"/>: every check runs before anything changes.
/// </summary>
/// <param name="localId">The call's local id.</param>
/// <param name="state">The call's state; the commands change it in place.</param>
public sealed class CallLogAggregate(string localId, CallLogState state)
{
    /// <summary>How far back a call may be logged: 30 days (a shift logged late is fine; older is another record).</summary>
    public static readonly TimeSpan MaxBackdating = TimeSpan.FromDays(30);

    /// <summary>Longest summary, in characters.</summary>
    public const int MaxSummary = 4000;

    /// <summary>The fingerprint of a <c>logCall</c> request (everything but the key, docs/idempotency.md).</summary>
    public static string Fingerprint(LogCall input) =>
        IdempotencyKey.Fingerprint("logCall", input.Channel, input.AnsweredAt, input.CallerPersonId, input.Summary, input.RiskCheck, input.StatedRisk, input.RiskUngraded);

    /// <summary>True when the call exists and was logged by this same keyed request (answer it, write nothing).</summary>
    /// <exception cref="CareGridException"><c>IDEMPOTENCY_KEY_REUSED</c> (same key, other request); <c>ALREADY_EXISTS</c>.</exception>
    public bool IsReplayOfLog(LogCall input, Actor actor)
    {
        if (!state.Exists)
        {
            return false;
        }

        return RememberedWrites.Replays(state.CreatedBy, actor.Subject, input.IdempotencyKey, Fingerprint(input), "logCall")
            ? true
            : throw new CareGridException(ErrorCodes.AlreadyExists, $"Call '{localId}' already exists.");
    }

    /// <summary>
    /// Checks <paramref name="input"/> at <paramref name="now"/> and returns the trimmed summary and the answer time.
    /// <c>VALIDATION_FAILED</c>: <c>channel</c>, <c>riskLevel</c> (unknown value), <c>summary</c> (1–4000 characters, no
    /// control characters), <c>answeredAt</c> (in the future, or more than 30 days back).
    /// </summary>
    public static (string Summary, DateTimeOffset AnsweredAt) Check(LogCall input, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!Enum.IsDefined(input.Channel))
        {
            throw CareGridException.Validation("channel", "Unknown channel: use TWENTY_FOUR_HOUR_LINE, HOTLINE or COUNSELLOR_PHONE.");
        }

        if (input.StatedRisk is { } stated && !Enum.IsDefined(stated))
        {
            throw CareGridException.Validation("riskLevel", "Unknown risk level.");
        }

        var summary = input.Summary?.Trim() ?? "";
        if (summary.Length is 0 or > MaxSummary)
        {
            throw CareGridException.Validation("summary", "A call's summary is 1–4000 characters: say what the caller told you.");
        }

        StoredText.Ensure(summary, "summary", multiline: true);
        var at = input.AnsweredAt ?? now;
        if (at > now)
        {
            throw CareGridException.Validation("answeredAt", "answeredAt is in the future: send when the call was answered, or leave it out for now.");
        }

        if (now - at > MaxBackdating)
        {
            throw CareGridException.Validation("answeredAt", "answeredAt is more than 30 days back: log calls within 30 days of answering them.");
        }

        return (summary, at);
    }

    /// <summary>Records the call (after <see cref="Check"/>): answered by <paramref name="actor"/>, graded by <see cref="CallRiskRules.Grade"/>.</summary>
    public void Log(LogCall input, string summary, DateTimeOffset answeredAt, string? organizationId, Actor actor, DateTimeOffset now)
    {
        state.Exists = true;
        state.Channel = input.Channel;
        state.AnsweredAt = answeredAt;
        state.AnsweredBy = actor.Subject;
        state.CallerPersonId = input.CallerPersonId;
        state.Summary = summary;
        state.RiskCheck = input.RiskCheck;
        state.RiskLevel = CallRiskRules.Grade(input.RiskCheck, input.StatedRisk);
        state.RiskUngraded = input.RiskUngraded && input.StatedRisk is null && input.RiskCheck == CallRiskCheck.None;
        state.OrganizationId = organizationId;
        state.LoggedAt = now;
        state.CreatedBy = input.IdempotencyKey is { } key ? new RememberedWrite(actor.Subject, key, Fingerprint(input), now) : null;
    }

    /// <summary>
    /// True when <paramref name="actor"/> may read the call: the one who answered it, or a level-3 professional (Counsellor,
    /// Clinician, R-4.3) whose units cover the known caller's unit (an anonymous call has no unit: every level-3 scope covers it).
    /// </summary>
    public bool MayRead(Actor actor, StaffScope scope) =>
        actor.IsSystem || actor.Subject == state.AnsweredBy || actor.HasAny(Roles.Level3) && scope.Covers(state.OrganizationId);

    /// <summary>
    /// <c>FORBIDDEN</c> (<c>rule = need-to-know</c>) unless the call exists and <see cref="MayRead"/>: an id that names no call
    /// answers as one outside need-to-know (round-33 red team F3: NOT_FOUND against FORBIDDEN told which ids exist).
    /// </summary>
    public void EnsureReadable(Actor actor, StaffScope scope)
    {
        if (!state.Exists || !MayRead(actor, scope))
        {
            throw new CareGridException(ErrorCodes.Forbidden,
                $"Call '{localId}' is not one you may see: a call is read by the one who answered it and by level-3 staff (Counsellor, Clinician) whose units cover the caller; an id that names none answers the same.",
                new Dictionary<string, string> { ["rule"] = "need-to-know" });
        }
    }

    /// <summary>
    /// The person a conversion is about: <paramref name="personId"/> when given (a caller who called about someone else, or
    /// an anonymous caller now registered), else the known caller. <c>VALIDATION_FAILED</c> (<c>personId</c>) for an anonymous
    /// call without one. Null when the call was converted already (answer the conversion as it is); <c>ALREADY_EXISTS</c>
    /// (<c>personId</c>) when it was converted about another person (<see cref="ConvertedRefusal"/>).
    /// </summary>
    public string? ConcernPerson(string? personId)
    {
        if (state.CaseId is not null)
        {
            ConvertedRefusal.ThrowIfOtherPerson("Call", state.ConcernPersonId, personId);
            return null;
        }

        return personId ?? state.CallerPersonId ?? throw CareGridException.Validation("personId",
            "The caller is anonymous: a concern is about a registered person. Pass personId (registerPerson first when the person is new).");
    }

    /// <summary>
    /// True when the call must be reported at logging: a known caller graded HIGH or IMMINENT and not yet converted (R-1.10;
    /// docs/intake.md "Escalation at logging").
    /// </summary>
    public bool NeedsEscalation => state.Exists && state.CaseId is null && state.CallerPersonId is not null && state.RiskLevel >= RiskLevel.High;

    /// <summary>
    /// Records that the call's concern went to case <paramref name="caseId"/> about <paramref name="personId"/>;
    /// <paramref name="receiptId"/> is the receipt's own id when the converter was answered with a receipt (else null).
    /// </summary>
    public void Converted(string caseId, string personId, Actor actor, DateTimeOffset now, string? receiptId = null)
    {
        state.ReceiptId = receiptId;
        state.CaseId = caseId;
        state.ConcernPersonId = personId;
        state.ConvertedBy = actor.Subject;
        state.ConvertedAt = now;
    }

    /// <summary>
    /// The concern a conversion reports: the call's summary at the call's grading (the high-risk protocol runs on HIGH and above,
    /// ); a call nobody graded reports an ungraded concern (the case opens not yet graded with its GRADE_RISK task, RT19-3).
    /// </summary>
    public ReportConcern Concern(string personId, string? organizationId) =>
        new(personId, state.Summary, state.RiskLevel, organizationId, Ungraded: state.RiskUngraded, GradedBy: state.RiskUngraded ? null : state.AnsweredBy);

    /// <summary>The call as the API answers it.</summary>
    public CallView View(string? caseId) => new(localId, state.Channel, state.AnsweredAt, state.AnsweredBy, state.CallerPersonId, state.Summary, state.RiskCheck,
        state.RiskLevel, state.OrganizationId, caseId, state.ConcernPersonId, state.ConvertedBy, state.ConvertedAt,
        !state.RiskUngraded);

    /// <summary>The case the call's concern went to and the converter's receipt id (<see cref="ReportReceipts.ShownCaseIdAsync"/>).</summary>
    public (string? CaseId, string? ReceiptId, string? ConvertedBy) Conversion => (state.CaseId, state.ReceiptId, state.ConvertedBy);

    /// <summary>The call's read-side row.</summary>
    public CallRow Row(string tenantId) => new(tenantId, localId, state.Channel, state.AnsweredAt, state.AnsweredBy, state.CallerPersonId is not null,
        state.RiskLevel, state.OrganizationId, state.ReceiptId ?? state.CaseId, state.ConvertedBy, !state.RiskUngraded);
}
