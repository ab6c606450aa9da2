using CareGrid.Grains.Hosting;
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
    /// recorded (<see cref="RecordAsync"/>), so it stays so.
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
    /// Adds the receipt of the report answered by <paramref name="view"/> to <paramref name="actor"/>'s index (a keyed retry
    /// adds none), with the outcome <paramref name="actor"/> may know: <see cref="ReportOutcome.Received"/> when the answer
    /// was a receipt (<see cref="CaseView.IsReceipt"/>: the caller is not on the case's need-to-know list; round 16 F15).
    /// </summary>
    public static Task RecordAsync(IGrainFactory grains, string tenantId, Actor actor, CaseView view, string? idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(view);
        var outcome = view.IsReceipt ? ReportOutcome.Received : view.ReportOutcome ?? ReportOutcome.OpenedNewCase;
        return grains.GetRef<IReportReceiptsGrain>(IReportReceiptsGrain.KeyOf(tenantId, actor.Subject)).Add(view.Id, outcome, idempotencyKey);
    }

    /// <summary>
    /// The answer of <c>reportConcern</c> for <paramref name="actor"/>: <paramref name="view"/> as it is for case staff and
    /// volunteers on the case's need-to-know list; a receipt the case grain made for one who is not on it answers
    /// <see cref="ReportOutcome.Received"/> like a report-only caller's (never <c>JOINED_OPEN_CASE</c>, which would tell them the
    /// person already had an open case; round 16 F15); for a report-only
    /// caller a receipt (<see cref="CaseView.IsReceipt"/>: id, person, reporter, time, and the outcome
    /// <see cref="ReportOutcome.Received"/> whether the report opened or joined the case) — so a retried report cannot be used to
    /// read the case as it develops, nor a report to learn whether the person already had an open case.
    /// </summary>
    public static CaseView AnswerFor(CaseView view, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(actor);
        if (view.IsReceipt)
        {
            return view.WithReportOutcome(ReportOutcome.Received);
        }

        if (!IsReportOnly(actor))
        {
            return view;
        }

        var receipt = Receipt(view.TenantId, view.Id, view.PersonId, actor.Subject,
            view.ReportOutcome == ReportOutcome.JoinedOpenCase ? view.UpdatedAt : view.ReportedAt, view.UpdatedAt);
        return receipt.WithReportOutcome(ReportOutcome.Received);
    }

    /// <summary>
    /// A receipt: which case took a concern, its person, who reported and when — nothing of what the case holds (empty
    /// summary and lists, <see cref="CaseView.IsReceipt"/>; docs/access.md "Receipts for reporters").
    /// </summary>
    public static CaseView Receipt(string tenantId, string caseId, string personId, string reportedBy, DateTimeOffset reportedAt, DateTimeOffset updatedAt) => new()
    {
        TenantId = tenantId,
        Id = caseId,
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
