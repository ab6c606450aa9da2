using CsvHelper;

namespace CareGrid.Grains.Exports;

/// <summary>
/// Writes tables as one CSV file with CsvHelper (RFC 4180: comma-separated, fields with a comma, quote, CR or LF in
/// double quotes, quotes doubled; CRLF line ends; UTF-8 with a byte-order mark so spreadsheet programs read Chinese text
/// correctly). Each table is a title record, a header record and its rows; tables are separated by a record of one empty
/// field (<c>""</c>). Text cells, titles and headers pass through <see cref="FormulaGuard"/>; numbers are written in
/// invariant culture, never altered (docs/statistics.md "Exports").
/// </summary>
public sealed class CsvTableWriter : ITableWriter
{
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        NewLine = "\r\n",
        WriteByteOrderMark = true,
        // Tables differ in width: a title record has one field, a header record as many as the table's columns.
        ValidateFieldCount = false,
        // The one rule for CSV and XLSX is FormulaGuard, applied to text only; CsvHelper's own check stays off so it cannot
        // touch a number written as digits (a negative count).
        Injection = CsvInjection.None,
    };

    /// <inheritdoc />
    public async Task WriteAsync(IAsyncEnumerable<ExportTable> tables, Stream output, ExportLabels labels, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(output, Options, leaveOpen: true);
        var first = true;
        await foreach (var table in tables.WithCancellation(cancellationToken))
        {
            if (!first)
            {
                csv.WriteField("");
                await csv.EndRecordAsync(cancellationToken);
            }

            first = false;
            await WriteTextRecordAsync(csv, [table.Title], cancellationToken);
            await WriteTextRecordAsync(csv, table.Headers, cancellationToken);
            var rows = 0;
            await foreach (var row in table.Rows.WithCancellation(cancellationToken))
            {
                foreach (var cell in row)
                {
                    csv.WriteField(cell.Kind switch
                    {
                        ExportCellKind.Number => cell.NumberText,
                        ExportCellKind.Suppressed => FormulaGuard.Neutralise(labels.Suppressed),
                        _ => FormulaGuard.Neutralise(cell.Text),
                    });
                }

                await csv.EndRecordAsync(cancellationToken);
                if (++rows % ITableWriter.RowsPerChunk == 0)
                {
                    // The chunk goes to the output now (and waits while a slow reader catches up).
                    await csv.FlushAsync(cancellationToken);
                }
            }
        }

        // Also writes the byte-order mark of a file without tables.
        await csv.FlushAsync(cancellationToken);
    }

    private static async Task WriteTextRecordAsync(CsvWriter csv, IEnumerable<string> cells, CancellationToken cancellationToken)
    {
        foreach (var cell in cells)
        {
            csv.WriteField(FormulaGuard.Neutralise(cell));
        }

        await csv.EndRecordAsync(cancellationToken);
    }
}
