namespace CareGrid.Grains.Imports;

/// <summary>The rows of a roster file: the valid ones, the errors of the invalid ones, the number of data rows and of blank rows.</summary>
/// <param name="Rows">Valid rows in file order (each numbered by its line in the file, header = 1).</param>
/// <param name="Errors">Errors, by row (a row may have several).</param>
/// <param name="Total">Data rows in the file (valid and invalid), blank rows not included.</param>
/// <param name="Blank">Blank rows skipped between the header and the last data row: empty lines and rows of only separators (Excel's <c>,,,,,,</c>).</param>
public sealed record RosterParse(IReadOnlyList<RosterRow> Rows, IReadOnlyList<ImportRowError> Errors, int Total, int Blank = 0)
{
    /// <summary>The title row skipped above the header (<see cref="RosterCsv.WithoutTitleRows"/>), or null when the header is the first row.</summary>
    public string? Title { get; init; }

    /// <summary>The notice that free-text notes columns were not read (<see cref="RosterColumns.NotesNotice"/>), or null.</summary>
    public (string English, string Chinese)? NotesNotice { get; init; }

    /// <summary>Number of distinct invalid rows.</summary>
    public int InvalidRows => Errors.Select(e => e.Row).Distinct().Count();
}
