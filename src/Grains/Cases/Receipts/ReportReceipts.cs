using CareGrid.Grains.Hosting;
using CareGrid.Grains.Idempotency;
using CareGrid.Grains.Security;

namespace CareGrid.Grains.Cases;

/// <summary>
/// What a report leaves its reporter (docs/access.md "Receipts for reporters", R-7.5): an entry in their receipt index, and
/// for a report-only caller (role Reporter, e.g. a class psychology committee member) an answer that is a receipt, never the case.
/// </summary>
public static class ReportReceipts
{
    /// <summary>Roles that work cases and may see a case they are on the need-to-know list of; a caller with none of them reports only.</summary>
    private static readonly IReadOnlyList<string> CaseWorkers = [.. Roles.CaseStaff, Roles.Volunteer];

    /// <summary>True when <paramref name="actor"/> only reports (role Reporter without a case-working role or Volunteer; not the system).</summary>
    public static bool IsReportOnly(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return !actor.IsSystem && !actor.HasAny(CaseWorkers);
    }

    /// <summary>
    /// What <paramref name="actor"/> is told a report did: <paramref name="outcome"/> for case staff and volunteers;
    /// <see cref="ReportOutcome.Received"/> for a report-only caller, who must not learn whether the person already had an open
    /// case (docs/access.md "Receipts for reporters"). Case staff answered with a receipt had <see cref="ReportOutcome.Received"/>
    /// recorded (<see cref="RecordAsync(IGrainFactory, string, Actor, string, ReportOutcome, string?, string?)"/>), so it stays so.
    /// </summary>
    public static ReportOutcome OutcomeFor(ReportOutcome outcome, Actor actor) => IsReportOnly(actor) ? ReportOutcome.Received : outcome;

    /// <summary>
    /// The receipt status <paramref name="actor"/> is shown: <paramref name="status"/> for case staff and volunteers; for a
    /// report-only caller <see cref="ReceiptStatus.Received"/> until the case is <see cref="ReceiptStatus.Closed"/> — a case
    /// their concern joined is often already being handled, so showing that would tell them the person had an open case
    /// (docs/access.md "Receipts for reporters").
    /// </summary>
    public static ReceiptStatus StatusFor(ReceiptStatus status, Actor actor) =>
        IsReportOnly(actor) && status == ReceiptStatus.BeingHandled ? ReceiptStatus.Received : status;

    /// <summary>
    /// The receipt status shown in <c>myReports</c> for an entry recorded with <paramref name="recorded"/>: as
    /// <see cref="StatusFor(ReceiptStatus, Actor)"/>, and <see cref="ReceiptStatus.Received"/> until closed also for case
    /// staff whose report was answered with a receipt (<see cref="ReportOutcome.Received"/>: not on the case's need-to-know
    /// list) — "being handled" right after their report would tell them the person already had an open case (round 16 F15).
    /// </summary>
    public static ReceiptStatus StatusFor(ReceiptStatus status, Actor actor, ReportOutcome recorded) =>
        recorded == ReportOutcome.Received && status == ReceiptStatus.BeingHandled ? ReceiptStatus.Received : StatusFor(status, actor);

    /// <summary>
    /// The date of the last change <c>myReports</c> shows (<c>updatedOn</c>): the case's <paramref name="updatedAt"/> for case
    /// staff and volunteers on the case's need-to-know list; for a report-only caller and for staff answered with a receipt
    /// (<paramref name="recorded"/> <see cref="ReportOutcome.Received"/>), their own <paramref name="reportedAt"/> until the
    /// shown status is <see cref="ReceiptStatus.Closed"/> — the status is held at RECEIVED for them, and a date that moved with
    /// every change would tell on which days the case was worked (round-33 red team F4).
    /// </summary>
    public static DateTimeOffset UpdatedFor(DateTimeOffset updatedAt, DateTimeOffset reportedAt, ReceiptStatus shown, Actor actor, ReportOutcome recorded) =>
        (IsReportOnly(actor) || recorded == ReportOutcome.Received) && shown != ReceiptStatus.Closed ? reportedAt : updatedAt;

    /// <summary>The prefix of a receipt's own id (<see cref="NewReceiptId"/>).</summary>
    public const string ReceiptIdPrefix = "rcpt";

    /// <summary>
    /// The id of the receipt a report gets when it is answered with a receipt instead of the case (round 16 red team F3;
    /// docs/access.md "Receipts for reporters"): its own, never the case's, so two reports on one person — by one reporter
    /// or two — never share an id and an id from before is never recognised. Keyed: derived from the tenant, the caller and
    /// the key (<c>rcpt-k</c> + 32 hex, <see cref="IdempotencyKey.DeriveId"/>), so a retry answers the same id; unkeyed:
    /// random (<c>rcpt-</c> + 32 hex, a version-4 GUID: nothing of the time or the case in it).
    /// </summary>
    public static string NewReceiptId(string tenantId, string subject, string? idempotencyKey) =>
        idempotencyKey is null
            ? string.Concat(ReceiptIdPrefix, "-", Guid.NewGuid().ToString("N"))
            : IdempotencyKey.DeriveId(ReceiptIdPrefix, tenantId, subject, idempotencyKey);

    /// <summary>
    /// The id of the case that took a report answered with <paramref name="answer"/> (<see cref="ConcernIntake.ReportAsync"/>):
    /// <see cref="CaseView.ReceiptForCaseId"/> for a receipt under its own id, else the answer's id. For the callers that
    /// convert something into a concern (calls, mailbox threads, census rounds, discharges) and must keep the case's id,
    /// never the receipt's.
    /// </summary>
    public static string CaseIdOf(CaseView answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return answer.ReceiptForCaseId ?? answer.Id;
    }

    /// <summary>
    /// The receipt's own id of a report answered with <paramref name="answer"/> (<see cref="ConcernIntake.ReportAsync"/>) when
    /// that answer was a receipt, else null: a record converted into a concern (a call, a mailbox thread) keeps it next to
    /// the case's id (<see cref="CaseIdOf"/>) to show its converter instead (<see cref="ShownCaseIdAsync"/>).
    /// </summary>
    public static string? ReceiptIdOf(CaseView answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return answer.IsReceipt ? answer.Id : null;
    }

    /// <summary>
    /// The id a record converted into a concern (a call: <c>Call.caseId</c>; a worry-mailbox thread: <c>MailboxThread.caseId</c>)
    /// shows <paramref name="viewer"/>: the case's id <paramref name="caseId"/> when the case opens to them by need-to-know
    /// (<see cref="ICaseGrain.HasNeedToKnow"/>, one call; never to a report-only caller, <see cref="IsReportOnly"/>); else, to its converter <paramref name="convertedBy"/>, the receipt's
    /// own id they were answered with (<paramref name="receiptId"/>, null when they were answered with the case); else null.
    /// So a conversion tells a report-only caller, or case staff off the case's list, no case id — an id seen again would say
    /// the person already had an open case, the oracle receipts close (round 16 F3, F15; round 17; docs/access.md).
    /// </summary>
    public static async Task<string?> ShownCaseIdAsync(IGrainFactory grains, string tenantId, string? caseId, string? receiptId, string? convertedBy, Actor viewer)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(viewer);
        if (caseId is null)
        {
            return null;
        }

        if (!IsReportOnly(viewer) && await grains.GetRef<ICaseGrain>(Tenancy.TenantIds.Key(tenantId, caseId)).HasNeedToKnow(viewer))
        {
            return caseId;
        }

        return viewer.Subject == convertedBy ? receiptId : null;
    }

    /// <summary>
    /// Adds the receipt of the report the case answered with <paramref name="view"/> (and the caller was told
    /// <paramref name="answer"/>, <see cref="AnswerFor"/>) to <paramref name="actor"/>'s index (a keyed retry adds none),
    /// under the case's id, with the outcome <paramref name="actor"/> may know — <see cref="ReportOutcome.Received"/> when
    /// the case answered with a receipt (<see cref="CaseView.IsReceipt"/>: the caller is not on the case's need-to-know
    /// list; round 16 F15) — and, when the answer was a receipt, the receipt's own id (<c>myReports</c> shows it; F3).
    /// </summary>
    public static Task RecordAsync(IGrainFactory grains, string tenantId, Actor actor, CaseView view, CaseView answer, string? idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(answer);
        var outcome = view.IsReceipt ? ReportOutcome.Received : view.ReportOutcome ?? ReportOutcome.OpenedNewCase;
        return RecordAsync(grains, tenantId, actor, view.Id, outcome, idempotencyKey, answer.IsReceipt ? answer.Id : null);
    }

    /// <summary>
    /// Adds a receipt for a report on case <paramref name="caseId"/> to <paramref name="actor"/>'s index, recorded with
    /// <paramref name="outcome"/> (<see cref="ReportOutcome.Received"/> when the reporter was answered with a receipt), under
    /// <paramref name="receiptId"/> when they were (null: the receipt shows the case id). A keyed retry adds none. Completes
    /// when the receipt is stored; fails when its write failed.
    /// </summary>
    public static Task RecordAsync(IGrainFactory grains, string tenantId, Actor actor, string caseId, ReportOutcome outcome, string? idempotencyKey, string? receiptId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(actor);
        return grains.GetRef<IReportReceiptsGrain>(IReportReceiptsGrain.KeyOf(tenantId, actor.Subject)).Add(caseId, outcome, idempotencyKey, receiptId);
    }

    /// <summary>
    /// The answer of <c>reportConcern</c> for <paramref name="actor"/>: <paramref name="view"/> as it is for case staff and
    /// volunteers on the case's need-to-know list. Otherwise a receipt (<see cref="CaseView.IsReceipt"/>: id, person,
    /// reporter, time) under <paramref name="receiptId"/> (<see cref="NewReceiptId"/>), never the case's id (round 16 F3),
    /// with the outcome <see cref="ReportOutcome.Received"/> whether the report opened or joined the case (never
    /// <c>JOINED_OPEN_CASE</c>; F15): for one the case grain answered with a receipt (not on the list) and for a report-only
    /// caller — so a retried report cannot be used to read the case as it develops, nor a report (or its id) to learn
    /// whether the person already had an open case.
    /// </summary>
    public static CaseView AnswerFor(CaseView view, Actor actor, string receiptId)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentException.ThrowIfNullOrEmpty(receiptId);
        if (view.IsReceipt)
        {
            return Receipt(view.TenantId, receiptId, view.PersonId, actor.Subject, view.ReportedAt, view.UpdatedAt, view.Id).WithReportOutcome(ReportOutcome.Received);
        }

        if (!IsReportOnly(actor))
        {
            return view;
        }

        var receipt = Receipt(view.TenantId, receiptId, view.PersonId, actor.Subject,
            view.ReportOutcome == ReportOutcome.JoinedOpenCase ? view.UpdatedAt : view.ReportedAt, view.UpdatedAt, view.Id);
        return receipt.WithReportOutcome(ReportOutcome.Received);
    }

    /// <summary>
    /// A receipt under <paramref name="id"/> (the case's id inside the case grain; the receipt's own id once
    /// <see cref="AnswerFor"/> answers the caller): its person, who reported and when — nothing of what the case holds (empty
    /// summary and lists, <see cref="CaseView.IsReceipt"/>; docs/access.md "Receipts for reporters"). Under a receipt's own id,
    /// <paramref name="caseId"/> names the case for the audit record only (<see cref="CaseView.ReceiptForCaseId"/>).
    /// </summary>
    public static CaseView Receipt(string tenantId, string id, string personId, string reportedBy, DateTimeOffset reportedAt, DateTimeOffset updatedAt, string? caseId = null) => new()
    {
        ReceiptForCaseId = caseId,
        TenantId = tenantId,
        Id = id,
        PersonId = personId,
        Summary = "",
        ReportedBy = reportedBy,
        ReportedAt = reportedAt,
        UpdatedAt = updatedAt,
        Timeline = [],
        AvailableActions = [],
        Tasks = [],
        Screenings = [],
        Contacts = [],
        Referrals = [],
        Notifications = [],
        IsReceipt = true,
    };
}
