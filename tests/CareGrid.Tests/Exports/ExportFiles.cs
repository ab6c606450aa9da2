using System.Globalization;
using CareGrid.Grains.Exports;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CareGrid.Tests.Exports;

/// <summary>Reads export files back the way a spreadsheet would see them: CSV with CsvHelper, XLSX with the Open XML SDK.</summary>
public static class ExportFiles
{
    /// <summary>The UTF-8 byte-order mark.</summary>
    public static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>Every record of a CSV file, blank separator records included.</summary>
    public static List<string[]> CsvRecords(byte[] bytes)
    {
        using var reader = CsvReader.Create(new MemoryStream(bytes), new CsvReaderOptions { Separator = ',', HasHeader = false, SkipEmptyLines = false }, leaveOpen: false);
        var records = new List<string[]>();
        while (reader.Read())
        {
            records.Add(reader.Current.ToArray());
        }

        return records;
    }

    /// <summary>One sheet of a workbook: its name and its cells by row (text of text cells, or the number).</summary>
    public sealed record Sheet(string Name, List<List<Cell>> Rows);

    /// <summary>The sheets of an XLSX file in order.</summary>
    public static List<Sheet> XlsxSheets(byte[] bytes)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), isEditable: false);
        var workbook = document.WorkbookPart!;
        return [.. workbook.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => new Sheet(
            s.Name!.Value!,
            [.. ((WorksheetPart)workbook.GetPartById(s.Id!.Value!)).Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().ToList())]))];
    }

    /// <summary>The text a spreadsheet shows for an inline-string or shared-string cell, or the number's text.</summary>
    public static string Text(Cell cell) => cell.DataType?.Value == CellValues.InlineString
        ? cell.InlineString!.InnerText
        : cell.CellValue?.Text ?? "";

    /// <summary>
    /// True when a spreadsheet would evaluate <paramref name="value"/> typed or pasted into a cell as a formula: it starts
    /// with one of = + - @ tab CR or their full-width forms ＝ ＋ － ＠ (WPS, Excel with an IME) and is not simply a number (a leading '-' of a number is a sign).
    /// </summary>
    public static bool WouldBeFormula(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\uFF1D' or '\uFF0B' or '\uFF0D' or '\uFF20'
            or '\uFE66' or '\uFE62' or '\uFE63' or '\uFE6B' or '\u2212' or '\u207A' or '\u207B' or '\u208A' or '\u208B' or '\u207C' or '\u208C'
        && !decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);

    /// <summary>Text as an XML reader returns it (XML 1.0 end-of-line handling: CR LF and a lone CR read as LF).</summary>
    public static string XmlLineEnds(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    /// <summary>A stream that only accepts writes (no read, no seek), as an HTTP response body.</summary>
    public sealed class WriteOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public int Flushes { get; private set; }
        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            Flushes++;
            return inner.FlushAsync(cancellationToken);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }

    /// <summary>Writes <paramref name="tables"/> with <paramref name="format"/>'s writer to a write-only stream and returns the bytes.</summary>
    public static async Task<byte[]> WriteAsync(ExportFormat format, ExportLabels labels, params ExportTable[] tables)
    {
        var bytes = new MemoryStream();
        await format.Writer().WriteAsync(tables.ToAsyncEnumerable(), new WriteOnlyStream(bytes), labels, CancellationToken.None);
        return bytes.ToArray();
    }
}
