namespace CareGrid.Grains.Exports;

/// <summary>
/// Writes a stream of tables to a file format. Rows are written as they arrive; after every <see cref="RowsPerChunk"/>
/// rows the writer calls <see cref="Stream.FlushAsync(CancellationToken)"/> on the output so a network output sends
/// them (and applies back-pressure) before more rows are read: memory stays bounded by a chunk, not the table.
/// </summary>
public interface ITableWriter
{
    /// <summary>Rows written between two flushes of the output: 256.</summary>
    const int RowsPerChunk = 256;

    /// <summary>Writes every table of <paramref name="tables"/> to <paramref name="output"/>, then completes the file.</summary>
    /// <param name="tables">The tables, in order; each one's rows are read once.</param>
    /// <param name="output">A writable stream; it need not be readable or seekable. Left open.</param>
    /// <param name="labels">The language's words for what the writer itself adds (the suppressed mark).</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    Task WriteAsync(IAsyncEnumerable<ExportTable> tables, Stream output, ExportLabels labels, CancellationToken cancellationToken);
}

/// <summary>Words the writers add to a file, in the export's language (English or Simplified Chinese).</summary>
/// <param name="Suppressed">Written in place of a suppressed count.</param>
public sealed record ExportLabels(string Suppressed)
{
    /// <summary>English.</summary>
    public static ExportLabels English { get; } = new("suppressed");

    /// <summary>Simplified Chinese.</summary>
    public static ExportLabels Chinese { get; } = new("已隐藏");
}
