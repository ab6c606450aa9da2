using CareGrid.Grains.Cases;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// One receipt of <c>myReports</c> (docs/access.md "Receipts for reporters"): which case took the report, when, and where it
/// stands. By design it has no field for the case's content, risk, people or person id.
/// </summary>
/// <param name="CaseId">The id to quote when calling the school: the receipt's own id (<c>rcpt-…</c>) when the report was
/// answered with a receipt (a report-only caller, or staff off the case's need-to-know list; round 16 red team F3), else the
/// case the concern opened or joined. Receipts stored before round 16 show the case id.</param>
/// <param name="ReportedAt">When the caller reported (UTC).</param>
/// <param name="Outcome">Whether the concern opened the case or joined a case already open.</param>
/// <param name="Status">Received, being handled or closed (<see cref="ReceiptStatuses.Of"/>).</param>
/// <param name="UpdatedOn">The date of the case's last change, in the tenant's time zone.</param>
public sealed record ReportReceiptView(string CaseId, DateTimeOffset ReportedAt, ReportOutcome Outcome, ReceiptStatus Status, DateOnly UpdatedOn);

/// <summary>GraphQL <c>ReportReceipt</c>.</summary>
public sealed class ReportReceiptType : ObjectGraphType<ReportReceiptView>
{
    /// <summary>Defines the fields.</summary>
    public ReportReceiptType()
    {
        Name = "ReportReceipt";
        Description = "A receipt for a concern the caller reported: no content, risk, names or person id.";
        Field(x => x.CaseId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The id to quote when calling the school. When your report was answered with a receipt (you report only, or are not on the case's need-to-know list) it is the receipt's own id (rcpt-...), the same one reportConcern answered, never the case's: the school finds the case from it. Otherwise the case that took the concern.");
        Field(x => x.ReportedAt).Description("When you reported (UTC).");
        Field(x => x.Outcome, type: typeof(NonNullGraphType<EnumerationGraphType<ReportOutcome>>)).Description("OPENED_NEW_CASE, or JOINED_OPEN_CASE when the person already had an open case; always RECEIVED for a Reporter (reports only) and for anyone answered with a receipt (not on the case's need-to-know list, e.g. staff whose units do not cover the person), who are not told whether the person had one.");
        Field(x => x.Status, type: typeof(NonNullGraphType<ReceiptStatusType>)).Description("RECEIVED, BEING_HANDLED or CLOSED; a Reporter (reports only), and anyone answered with a receipt, sees RECEIVED until the case is CLOSED.");
        Field(x => x.UpdatedOn, type: typeof(NonNullGraphType<DateOnlyGraphType>)).Description("The date the case last changed, in the tenant's time zone.");
        this.ReachedThroughParent();
    }
}

/// <summary>GraphQL <c>ReceiptStatus</c>: the case's status as its reporter may know it (docs/access.md "Receipts for reporters").</summary>
public sealed class ReceiptStatusType : EnumerationGraphType
{
    /// <summary>Defines the values and the case statuses each one stands for.</summary>
    public ReceiptStatusType()
    {
        Name = "ReceiptStatus";
        Add("RECEIVED", ReceiptStatus.Received, "The case is REPORTED: received, nobody has acted on it yet.");
        Add("BEING_HANDLED", ReceiptStatus.BeingHandled, "The case is in TRIAGE, ACTIVE, REFERRED or FOLLOW_UP.");
        Add("CLOSED", ReceiptStatus.Closed, "The case is CLOSED.");
    }
}

/// <summary>GraphQL <c>ReportReceiptConnection</c>.</summary>
public sealed class ReportReceiptConnectionType() : ConnectionType<ReportReceiptType, ReportReceiptView>("ReportReceiptConnection");
