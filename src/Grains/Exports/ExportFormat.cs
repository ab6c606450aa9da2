namespace CareGrid.Grains.Exports;

/// <summary>The file formats of an export (docs/statistics.md "Exports").</summary>
[GenerateSerializer, Alias("CareGrid.ExportFormat")]
public enum ExportFormat
{
    /// <summary>CSV: RFC 4180, UTF-8 with a byte-order mark, CRLF line ends (<see cref="CsvTableWriter"/>).</summary>
    Csv,

    /// <summary>XLSX (Office Open XML spreadsheet), one sheet per table (<see cref="XlsxTableWriter"/>).</summary>
    Xlsx,
}

/// <summary>Names and media types of <see cref="ExportFormat"/>.</summary>
public static class ExportFormats
{
    /// <summary>The format for a file extension without the dot (<c>csv</c>, <c>xlsx</c>, case-insensitive), or null.</summary>
    public static ExportFormat? FromExtension(string extension) => extension.ToLowerInvariant() switch
    {
        "csv" => ExportFormat.Csv,
        "xlsx" => ExportFormat.Xlsx,
        _ => null,
    };

    /// <summary>The file extension without the dot.</summary>
    public static string Extension(this ExportFormat format) => format == ExportFormat.Csv ? "csv" : "xlsx";

    /// <summary>The media type: <c>text/csv; charset=utf-8</c> (RFC 7111) or the XLSX media type (ECMA-376).</summary>
    public static string ContentType(this ExportFormat format) => format == ExportFormat.Csv
        ? "text/csv; charset=utf-8"
        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The writer of <paramref name="format"/>.</summary>
    public static ITableWriter Writer(this ExportFormat format) =>
        format == ExportFormat.Csv ? new CsvTableWriter() : new XlsxTableWriter();
}
