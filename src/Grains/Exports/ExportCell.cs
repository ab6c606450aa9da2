using System.Globalization;

namespace CareGrid.Grains.Exports;

/// <summary>What a cell of an exported table holds (docs/statistics.md "Exports").</summary>
[GenerateSerializer, Alias("CareGrid.ExportCellKind")]
public enum ExportCellKind
{
    /// <summary>Text, written as text (never a formula; see <see cref="FormulaGuard"/>).</summary>
    Text,

    /// <summary>A number, written as a numeric cell (XLSX) or invariant-culture digits (CSV); never altered.</summary>
    Number,

    /// <summary>A count withheld for disclosure control (the roll-up's small-cell rule); written as the language's label.</summary>
    Suppressed,
}

/// <summary>One cell of an exported table: text, a number, or a suppressed count.</summary>
/// <param name="Kind">What the cell holds.</param>
/// <param name="Text">The text (for <see cref="ExportCellKind.Text"/>; empty otherwise).</param>
/// <param name="Number">The number (for <see cref="ExportCellKind.Number"/>; 0 otherwise).</param>
public readonly record struct ExportCell(ExportCellKind Kind, string Text, decimal Number)
{
    /// <summary>A text cell (null becomes empty).</summary>
    public static ExportCell Of(string? text) => new(ExportCellKind.Text, text ?? "", 0);

    /// <summary>A numeric cell.</summary>
    public static ExportCell Of(decimal number) => new(ExportCellKind.Number, "", number);

    /// <summary>A suppressed cell.</summary>
    public static ExportCell Suppressed { get; } = new(ExportCellKind.Suppressed, "", 0);

    /// <summary>The number as written to a file: invariant culture, '.' as decimal separator, no grouping, no exponent.</summary>
    public string NumberText => Number.ToString(CultureInfo.InvariantCulture);
}
