namespace CareGrid.Grains.Cases;

/// <summary>Receipts for reporters (docs/access.md "Receipts for reporters", R-7.5): what a case tells the people who reported to it.</summary>
public sealed partial class CaseGrain
{
    /// <inheritdoc />
    public Task<ReceiptState?> ReceiptFor(string subject) =>
        Task.FromResult(S.Exists && IsReporter(subject) ? new ReceiptState(ReceiptStatuses.Of(S.Status), S.UpdatedAt) : null);

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ReporterSubjects() =>
        Task.FromResult<IReadOnlyList<string>>(S.Exists ? [S.ReportedBy, .. (S.Reporters ?? []).Where(r => r != S.ReportedBy)] : []);

    private bool IsReporter(string subject) => subject == S.ReportedBy || S.Reporters?.Contains(subject) == true;
}
