namespace CareGrid.Grains.Statistics;

/// <summary>
/// One statistic as a table, already in one <see cref="ReportLanguage"/>: what exports write (CSV, XLSX) and what the
/// roll-up publishes (docs/statistics.md). Cells hold counts, figures or labels — never a name or free text.
/// </summary>
/// <param name="Key">Stable key, lower-case with hyphens (e.g. <c>cases-by-status</c>); also the export's sheet and file name stem.</param>
/// <param name="Title">Title in the table's language.</param>
/// <param name="Columns">Column headers in the table's language.</param>
/// <param name="Rows">Rows, each with one cell per column.</param>
[GenerateSerializer, Alias("CareGrid.StatisticsTable"), Immutable]
public sealed record StatisticsTable(
    [property: Id(0)] string Key,
    [property: Id(1)] string Title,
    [property: Id(2)] IReadOnlyList<string> Columns,
    [property: Id(3)] IReadOnlyList<IReadOnlyList<StatisticsCell>> Rows);

/// <summary>One cell of a <see cref="StatisticsTable"/>: a text, a number, or a suppressed value (roll-up, docs/statistics.md).</summary>
/// <param name="Text">The text (a label such as a unit name or an enum value), or null.</param>
/// <param name="Number">The number, or null.</param>
/// <param name="Suppressed">True when the value is withheld (a small count or its complement); then both are null.</param>
[GenerateSerializer, Alias("CareGrid.StatisticsCell"), Immutable]
public readonly record struct StatisticsCell(
    [property: Id(0)] string? Text,
    [property: Id(1)] decimal? Number,
    [property: Id(2)] bool Suppressed)
{
    /// <summary>A text cell.</summary>
    public static StatisticsCell Of(string text) => new(text, null, false);

    /// <summary>A number cell.</summary>
    public static StatisticsCell Of(decimal number) => new(null, number, false);

    /// <summary>A number cell, or an empty cell when <paramref name="number"/> is null (no value, e.g. a median of nothing).</summary>
    public static StatisticsCell Of(decimal? number) => new(null, number, false);

    /// <summary>A withheld value.</summary>
    public static StatisticsCell Withheld { get; } = new(null, null, true);
}
