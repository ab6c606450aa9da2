namespace CareGrid.Grains.Cases;

/// <summary>
/// Where a report stands, as its reporter may know it (docs/access.md "Receipts for reporters", R-7.5): never what the
/// case holds, only that it was received, is being handled, or is closed.
/// </summary>
[GenerateSerializer, Alias("CareGrid.ReceiptStatus")]
public enum ReceiptStatus
{
    /// <summary>The case is <see cref="CaseStatus.Reported"/>: received, nobody has acted on it yet.</summary>
    Received,

    /// <summary>The case is in <see cref="CaseStatus.Triage"/>, <see cref="CaseStatus.Active"/>, <see cref="CaseStatus.Referred"/> or <see cref="CaseStatus.FollowUp"/>.</summary>
    BeingHandled,

    /// <summary>The case is <see cref="CaseStatus.Closed"/> (a reopened case is being handled again).</summary>
    Closed,
}

/// <summary>The mapping of a case's status to its reporter's <see cref="ReceiptStatus"/> (docs/access.md "Receipts for reporters").</summary>
public static class ReceiptStatuses
{
    /// <summary>
    /// <see cref="CaseStatus.Reported"/> → <see cref="ReceiptStatus.Received"/>; <see cref="CaseStatus.Closed"/> →
    /// <see cref="ReceiptStatus.Closed"/>; every other status (triage, active, referred, follow-up) →
    /// <see cref="ReceiptStatus.BeingHandled"/>.
    /// </summary>
    public static ReceiptStatus Of(CaseStatus status) => status switch
    {
        CaseStatus.Reported => ReceiptStatus.Received,
        CaseStatus.Closed => ReceiptStatus.Closed,
        _ => ReceiptStatus.BeingHandled,
    };
}

/// <summary>One report in a reporter's receipt index (<see cref="IReportReceiptsGrain"/>): which case took it and when; no content.</summary>
/// <param name="Sequence">The entry's number in the reporter's index, from 1, increasing (the list's cursor).</param>
/// <param name="CaseId">The case the concern opened or joined: the id the reporter quotes when calling the school.</param>
/// <param name="ReportedAt">When the report was accepted (UTC, domain clock).</param>
/// <param name="Outcome">Whether the concern opened the case or joined it.</param>
/// <param name="IdempotencyKey">The report's idempotency key, so a retry adds no second receipt; null when unkeyed.</param>
/// <param name="ReceiptId">
/// The receipt's own id when the report was answered with a receipt instead of the case (<c>rcpt-…</c>,
/// <see cref="ReportReceipts.NewReceiptId"/>; round 16 red team F3), so the reporter never learns the case's id; null when
/// the reporter was answered with the case, and for entries stored before round 16 (they show the case id, as then).
/// </param>
[GenerateSerializer, Alias("CareGrid.ReportReceiptEntry"), Immutable]
public sealed record ReportReceiptEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string CaseId,
    [property: Id(2)] DateTimeOffset ReportedAt,
    [property: Id(3)] ReportOutcome Outcome,
    [property: Id(4)] string? IdempotencyKey,
    [property: Id(5)] string? ReceiptId = null)
{
    /// <summary>The id the reporter is shown and quotes: <see cref="ReceiptId"/>, or the case id when the report was answered with the case (or stored before round 16).</summary>
    public string ShownId => ReceiptId ?? CaseId;
}

/// <summary>What a case tells one of its reporters (<see cref="ICaseGrain.ReceiptFor"/>): the receipt status and the last change.</summary>
/// <param name="Status">The case's status mapped by <see cref="ReceiptStatuses.Of"/>.</param>
/// <param name="UpdatedAt">When the case last changed (UTC); the API shows only its date.</param>
[GenerateSerializer, Alias("CareGrid.ReceiptState"), Immutable]
public sealed record ReceiptState([property: Id(0)] ReceiptStatus Status, [property: Id(1)] DateTimeOffset UpdatedAt);

/// <summary>One page of a reporter's receipts, newest first.</summary>
/// <param name="Entries">At most the requested number of entries.</param>
/// <param name="HasNextPage">True when older entries follow.</param>
[GenerateSerializer, Alias("CareGrid.ReportReceiptPage"), Immutable]
public sealed record ReportReceiptPage([property: Id(0)] IReadOnlyList<ReportReceiptEntry> Entries, [property: Id(1)] bool HasNextPage);
