using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CareGrid.Grains.Exports;

/// <summary>
/// Writes tables as an XLSX workbook, one worksheet per table (named by <see cref="WorksheetNames"/> from its title): row 1
/// the title, row 2 the headers, then the rows. Numbers are numeric cells; text, titles, headers and the suppressed mark
/// are inline strings passed through <see cref="FormulaGuard"/>, with characters XML 1.0 cannot carry replaced by U+FFFD (a
/// carriage return inside a text reads back as a line feed, XML's end-of-line handling; the CSV keeps it).
/// The package is a forward-only ZIP (<see cref="XlsxPackage"/>) and each worksheet is written with the SAX-style
/// <see cref="OpenXmlWriter"/>, so rows go to the output as they come and the workbook is never held whole in memory; the
/// workbook part listing the sheets is written after them (docs/statistics.md "Exports").
/// </summary>
public sealed class XlsxTableWriter : ITableWriter
{
    /// <inheritdoc />
    public async Task WriteAsync(IAsyncEnumerable<ExportTable> tables, Stream output, ExportLabels labels, CancellationToken cancellationToken)
    {
        using (var package = new XlsxPackage(output))
        {
            var names = new WorksheetNames();
            var sheets = new List<Sheet>();
            await foreach (var table in tables.WithCancellation(cancellationToken))
            {
                var (stream, relationshipId) = package.NextSheet();
                sheets.Add(new Sheet { Name = names.Next(table.Title), SheetId = (uint)package.Sheets, Id = relationshipId });
                await WriteSheetAsync(stream, table, labels, output, cancellationToken);
            }

            using (var part = package.Workbook())
            using (var writer = OpenXmlWriter.Create(part))
            {
                writer.WriteStartDocument();
                writer.WriteStartElement(new Workbook(), [], [new("r", RelationshipsNamespace)]);
                writer.WriteStartElement(new Sheets());
                sheets.ForEach(writer.WriteElement);
                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            package.Complete();
        }

        await output.FlushAsync(cancellationToken);
    }

    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private static async Task WriteSheetAsync(Stream part, ExportTable table, ExportLabels labels, Stream output, CancellationToken cancellationToken)
    {
        using var entry = part;
        using var writer = OpenXmlWriter.Create(entry);
        writer.WriteStartDocument();
        writer.WriteStartElement(new Worksheet());
        writer.WriteStartElement(new SheetData());
        uint row = 0;
        WriteTextRow(writer, ++row, [table.Title]);
        WriteTextRow(writer, ++row, table.Headers);
        await foreach (var cells in table.Rows.WithCancellation(cancellationToken))
        {
            writer.WriteStartElement(new Row { RowIndex = ++row });
            for (var i = 0; i < cells.Count; i++)
            {
                var cell = cells[i];
                writer.WriteElement(cell.Kind == ExportCellKind.Number
                    ? new Cell { CellReference = Reference(i, row), DataType = CellValues.Number, CellValue = new CellValue(cell.Number) }
                    : TextCell(i, row, cell.Kind == ExportCellKind.Suppressed ? labels.Suppressed : cell.Text));
            }

            writer.WriteEndElement();
            if (row % ITableWriter.RowsPerChunk == 0)
            {
                // What the compressor has emitted so far goes to the output now (and waits for a slow reader).
                await output.FlushAsync(cancellationToken);
            }
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private static void WriteTextRow(OpenXmlWriter writer, uint row, IReadOnlyList<string> texts)
    {
        writer.WriteStartElement(new Row { RowIndex = row });
        for (var i = 0; i < texts.Count; i++)
        {
            writer.WriteElement(TextCell(i, row, texts[i]));
        }

        writer.WriteEndElement();
    }

    private static Cell TextCell(int column, uint row, string text) => new()
    {
        CellReference = Reference(column, row),
        DataType = CellValues.InlineString,
        InlineString = new InlineString(new Text(XmlSafe(FormulaGuard.Neutralise(text))) { Space = SpaceProcessingModeValues.Preserve }),
    };

    /// <summary>The A1 reference of a zero-based column and one-based row.</summary>
    internal static string Reference(int column, uint row)
    {
        var letters = "";
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + (n - 1) % 26) + letters;
        }

        return letters + row.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string XmlSafe(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!XmlConvert.IsXmlChar(text[i]) && !(i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i])))
            {
                return string.Create(text.Length, text, static (span, source) => Replace(span, source));
            }

            if (char.IsHighSurrogate(text[i]))
            {
                i++;
            }
        }

        return text;
    }

    private static void Replace(Span<char> span, string source)
    {
        for (var i = 0; i < source.Length; i++)
        {
            if (i + 1 < source.Length && XmlConvert.IsXmlSurrogatePair(source[i + 1], source[i]))
            {
                span[i] = source[i];
                span[++i] = source[i];
            }
            else
            {
                span[i] = XmlConvert.IsXmlChar(source[i]) ? source[i] : '\uFFFD';
            }
        }
    }
}
