using CareGrid.Grains.Errors;
using CareGrid.Grains.Idempotency;
using CareGrid.Grains.Security;

namespace CareGrid.Grains.Cases.Domain;

/// <summary>What a concern that joined an open case caused (<see cref="ConcernJoin.Join"/>).</summary>
/// <param name="RaiseRiskTo">The higher risk the concern brings (the high-risk protocol runs as on any raise, R-1.10), or null.</param>
/// <param name="Key">The keyed write to remember with the change (answer <c>JoinedOpenCase</c>), or null when unkeyed.</param>
public sealed record ConcernJoined(RiskLevel? RaiseRiskTo, RememberedWrite? Key);

/// <summary>
/// How a concern reaches an existing case (R-1.5: one open case per person; docs/idempotency.md). The person's grain chose
/// the case (<see cref="ConcernIntake"/>); here: a keyed retry answers its first result, a plain create of an existing id
/// is refused, and a routed concern joins the open case — <c>ConcernAdded</c> on the timeline, the reporter noted (which
/// opens nothing to them: they get a receipt), the risk raised when higher, never lowered. A separate case is noted on
/// both cases. Applies one command to the case of <paramref name="c"/> at its <see cref="CaseAggregate.Now"/>, with the
/// aggregate's role and timeline rules; a refused command throws and changes nothing.
/// </summary>
/// <param name="c">The case (its state is changed in place).</param>
/// <param name="caseId">The case's local id.</param>
public sealed class ConcernJoin(CaseAggregate c, string caseId)
{
    /// <summary>The timeline reason of a risk raised by a joining concern.</summary>
    public const string RaiseReason = "raised by an added concern";

    /// <summary>
    /// For a keyed report: the outcome of the first attempt when this is its retry (same caller, key and report), null when
    /// the key is new here; <c>IDEMPOTENCY_KEY_REUSED</c> when the key came with another report.
    /// </summary>
    public ReportOutcome? Replay(ReportConcern input, Actor actor)
    {
        if (input.IdempotencyKey is not { } key)
        {
            return null;
        }

        var (match, write) = RememberedWrites.Find(c.State.RememberedWrites, actor.Subject, key, ConcernIntake.Fingerprint(input));
        return match switch
        {
            KeyMatch.Reused => throw IdempotencyKey.Reused("reportConcern"),
            KeyMatch.Replay => Enum.Parse<ReportOutcome>(write!.Result ?? nameof(ReportOutcome.OpenedNewCase)),
            _ => null,
        };
    }

    /// <summary>
    /// Adds a routed concern to this case: <c>ALREADY_EXISTS</c> for a plain create (<see cref="ConcernRouting.Direct"/>),
    /// <c>VALIDATION_FAILED</c> (<c>personId</c>) for another person, the closed-meanwhile <c>INVALID_TRANSITION</c> (the intake
    /// routes again), <c>FORBIDDEN</c> for a role that does not report, <c>VALIDATION_FAILED</c> on <c>summary</c>/<c>riskLevel</c>.
    /// </summary>
    public ConcernJoined Join(ReportConcern input, Actor actor)
    {
        if (input.Routing == ConcernRouting.Direct)
        {
            throw new CareGridException(ErrorCodes.AlreadyExists, $"Case '{caseId}' already exists.");
        }

        if (input.PersonId != c.State.PersonId)
        {
            throw CareGridException.Validation("personId", $"Case '{caseId}' is about another person.");
        }

        if (c.State.Status == CaseStatus.Closed)
        {
            throw ConcernIntake.ClosedMeanwhile(caseId);
        }

        CaseAggregate.RequireAny(actor, Roles.CanReport, "report a concern");
        var summary = ConcernIntake.CheckSummary(input);
        c.Record(actor.Subject, "ConcernAdded", $"{(input.Ungraded ? "not graded" : input.RiskLevel.ToString())}: {summary}");
        if (actor.Subject != c.State.ReportedBy && c.State.Reporters?.Contains(actor.Subject) != true)
        {
            (c.State.Reporters ??= []).Add(actor.Subject);
        }

        // A case not yet graded is graded below HIGH by level 3 alone (CaseAggregate.AssessRisk, rule ungraded-professional):
        // a joining concern's MODERATE from anyone else is noted on the timeline and leaves the case for the professional
        // (round-27 red team: a teacher, a volunteer and a pupil's report each graded such a case and closed its GRADE_RISK task).
        var grades = input.RiskLevel > c.State.RiskLevel
            && !(c.State.RiskUngraded && input.RiskLevel < RiskLevel.High && !actor.HasAny(Roles.Level3));
        return new ConcernJoined(grades ? input.RiskLevel : null, KeyOf(input, actor, ReportOutcome.JoinedOpenCase));
    }

    /// <summary>The timeline action of a receipt given to a reporter instead of the case (<see cref="NoteReceipt"/>).</summary>
    public const string ReceiptGiven = "ReceiptGiven";

    /// <summary>
    /// Notes on the timeline, in the reporter's name, the id of the receipt they were given instead of the case
    /// (<see cref="ReportConcern.ReceiptId"/>; system text <c>receipt {id}</c>), so case staff can answer "I am calling about
    /// receipt X" (round 16 red team F3; docs/access.md "Receipts for reporters"). Nothing when the report carries no receipt id.
    /// </summary>
    public void NoteReceipt(ReportConcern input, Actor actor)
    {
        if (input.ReceiptId is { } receiptId)
        {
            c.Record(actor.Subject, ReceiptGiven, $"receipt {receiptId}");
        }
    }

    /// <summary>
    /// On a case the report just opened: notes the receipt of a caller answered with one when <paramref name="receipt"/>
    /// (<see cref="NoteReceipt"/>; the grain decides it by the rule of a joining report: a report-only caller, or one the
    /// case does not open to by need-to-know, RT17-7), a separate case's reason on the timeline (R-1.5), and returns the
    /// keyed write to remember (answer <c>OpenedNewCase</c>).
    /// </summary>
    public RememberedWrite? Open(ReportConcern input, Actor actor, bool receipt)
    {
        if (receipt)
        {
            NoteReceipt(input, actor);
        }

        if (input.SeparateCaseReason is { } reason)
        {
            c.Record(actor.Subject, "SeparateCase", $"opened apart from open case {input.SeparatedFrom ?? "(none)"}: {reason.Trim()}");
        }

        return KeyOf(input, actor, ReportOutcome.OpenedNewCase);
    }

    /// <summary>On the open case a separate case was kept apart from: notes it on the timeline once (a retry adds nothing). True when it was added.</summary>
    public bool NoteSeparateCase(string separateCaseId, string reason, Actor actor)
    {
        var note = $"case {separateCaseId} opened separately: {reason.Trim()}";
        if (c.State.Timeline.Any(e => e.Action == "SeparateCaseOpened" && e.Reason == note))
        {
            return false;
        }

        c.Record(actor.Subject, "SeparateCaseOpened", note);
        return true;
    }

    /// <summary>
    /// What a keyed report meets here before the person's registry records it: <c>Reused</c> when this case holds the
    /// key for another report or is about another person, else the key's match (docs/idempotency.md).
    /// </summary>
    public KeyMatch MatchReportKey(string subject, string key, string fingerprint, string personId)
    {
        if (!c.State.Exists)
        {
            return KeyMatch.None;
        }

        var (match, _) = RememberedWrites.Find(c.State.RememberedWrites, subject, key, fingerprint);
        return match == KeyMatch.None && c.State.PersonId != personId ? KeyMatch.Reused : match;
    }

    /// <summary>
    /// The receipt a reporter outside the case's need-to-know list gets (<see cref="CaseView.IsReceipt"/>): which case took
    /// the concern, nothing of what the case holds (docs/architecture.md "Security and privacy").
    /// </summary>
    public CaseView Receipt(string tenantId, Actor actor) =>
        ReportReceipts.Receipt(tenantId, caseId, c.State.PersonId, actor.Subject, c.Now, c.Now);

    private RememberedWrite? KeyOf(ReportConcern input, Actor actor, ReportOutcome outcome) =>
        input.IdempotencyKey is { } key ? new RememberedWrite(actor.Subject, key, ConcernIntake.Fingerprint(input), c.Now, outcome.ToString()) : null;
}
