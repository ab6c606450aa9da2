namespace CareGrid.Grains.Imports;

/// <summary>A refused or unwritten roster row: its row number, the column at fault (null for the row as a whole) and why.</summary>
/// <param name="Row">The row number as a spreadsheet shows it: the header is row 1, the first data row is row 2.</param>
/// <param name="Column">The column name as in the header specification (e.g. <c>birthYear</c>), or null.</param>
/// <param name="Reason">Why the row was refused (never echoes the cell's value).</param>
/// <param name="Retryable">
/// True when the row itself is fine but could not be written (its person call failed transiently on every try,
/// <see cref="ImportStatus.NotWritten"/>): importing the same file again lands it. False for a refused row: fix the cell first.
/// </param>
[GenerateSerializer, Alias("CareGrid.ImportRowError")]
public sealed record ImportRowError([property: Id(0)] int Row, [property: Id(1)] string? Column, [property: Id(2)] string Reason,
    [property: Id(3)] bool Retryable = false);
