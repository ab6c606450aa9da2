namespace CareGrid.Grains.Imports;

/// <summary>A refused or unwritten roster row: its row number, the column at fault (null for the row as a whole) and why.</summary>
/// <param name="Row">The row number as a spreadsheet shows it: the header is row 1, the first data row is row 2.</param>
/// <param name="Column">The column name as in the header specification (e.g. <c>birthYear</c>), or null.</param>
/// <param name="Reason">Why the row was refused (never echoes the cell's value).</param>
/// <param name="Retryable">
/// True when the row itself is fine but could not be written (its person call failed transiently on every try,
/// <see cref="ImportStatus.NotWritten"/>): importing the same file again lands it. False for a refused row: fix the cell first.
/// </param>
/// <param name="Code">
/// The error code when the person or unit refused the row as it was written (<c>EXTERNAL_ID_CONFLICT</c>,
/// <c>PERSON_IN_OTHER_UNIT</c>, <c>ALREADY_EXISTS</c>, …, as in <c>Errors.ErrorCodes</c>); null for a cell the file check
/// refused and for a row not written.
/// </param>
[GenerateSerializer, Alias("CareGrid.ImportRowError")]
public sealed record ImportRowError([property: Id(0)] int Row, [property: Id(1)] string? Column, [property: Id(2)] string Reason,
    [property: Id(3)] bool Retryable = false, [property: Id(4)] string? Code = null);
