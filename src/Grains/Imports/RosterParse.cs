namespace CareGrid.Grains.Imports;

/// <summary>The rows of a roster file: the valid ones, the errors of the invalid ones, and the number of data rows.</summary>
/// <param name="Rows">Valid rows in file order.</param>
/// <param name="Errors">Errors, by row (a row may have several).</param>
/// <param name="Total">Data rows in the file (valid and invalid).</param>
public sealed record RosterParse(IReadOnlyList<RosterRow> Rows, IReadOnlyList<ImportRowError> Errors, int Total)
{
    /// <summary>Number of distinct invalid rows.</summary>
    public int InvalidRows => Errors.Select(e => e.Row).Distinct().Count();
}
