namespace CareGrid.Grains.Exports;

/// <summary>
/// One table of an export as the writers stream it: a stable key, a title and column headers already in the requested
/// language, and rows produced one at a time (so a large table is never held whole, docs/statistics.md "Exports").
/// </summary>
/// <param name="Key">Stable key, e.g. <c>cases-by-status</c> (the same in every language).</param>
/// <param name="Title">Human title in the export's language; becomes the sheet name (XLSX, shortened to 31 characters).</param>
/// <param name="Headers">Column headers in the export's language.</param>
/// <param name="Rows">The rows, each a list of cells (a row may be shorter than <paramref name="Headers"/>).</param>
public sealed record ExportTable(string Key, string Title, IReadOnlyList<string> Headers, IAsyncEnumerable<IReadOnlyList<ExportCell>> Rows)
{
    /// <summary>A table whose rows are already in memory (small tables such as a statistics report's).</summary>
    public static ExportTable Of(string key, string title, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<ExportCell>> rows) =>
        new(key, title, headers, rows.ToAsyncEnumerable());
}
