namespace CareGrid.Grains.Exports;

/// <summary>
/// The formula-injection rule of every export (OWASP "CSV Injection"; docs/statistics.md "Exports"): a text cell whose
/// first character is <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab (U+0009) or a carriage return (U+000D) — or the
/// full-width <c>＝</c> (U+FF1D), <c>＋</c> (U+FF0B), <c>－</c> (U+FF0D) or <c>＠</c> (U+FF20) a Chinese IME types, which
/// WPS and Excel with an IME read as the ASCII sign and evaluate (round 18 gaps), or another compatibility form of those
/// signs or the minus sign U+2212 (<see cref="Triggers"/>) — is written
/// with a single quote (<c>'</c>) in front, so no spreadsheet evaluates it as a formula when the file is opened or when
/// its cells are pasted elsewhere. Applied to every text cell, title and header in both CSV and XLSX (XLSX text cells are
/// inline strings and never formulas, but a cell copied from the workbook into a CSV keeps the quote). Numbers are never
/// altered: a negative count stays a number.
/// </summary>
public static class FormulaGuard
{
    /// <summary>The characters that make a spreadsheet treat a cell as a formula (or a DDE call) when they come first.</summary>
    /// <remarks>The list holds every character whose Unicode compatibility form (NFKC) is one of <c>= + - @</c> — full-width, small
    /// (<c>﹦</c> U+FE66, <c>﹢</c> U+FE62, <c>﹣</c> U+FE63, <c>﹫</c> U+FE6B), superscript and subscript — and the minus sign
    /// <c>−</c> (U+2212), written out because the service runs with invariant globalization, where no NFKC is at hand (round 24
    /// red team: spreadsheets that fold them read a formula).</remarks>
    public static readonly IReadOnlyList<char> Triggers =
    [
        '=', '+', '-', '@', '\t', '\r',
        '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20', // full-width
        '\uFE66', '\uFE62', '\uFE63', '\uFE6B', // small forms
        '\u207C', '\u207A', '\u207B', '\u208C', '\u208A', '\u208B', // superscript and subscript = + -
        '\u2212', // minus sign
    ];

    /// <summary>The prefix written before a text that starts with one of <see cref="Triggers"/>.</summary>
    public const char Prefix = '\'';

    /// <summary>True when <paramref name="text"/> starts with one of <see cref="Triggers"/>.</summary>
    public static bool IsRisky(string text) => text.Length > 0 && Triggers.Contains(text[0]);

    /// <summary><paramref name="text"/> unchanged, or with <see cref="Prefix"/> in front when <see cref="IsRisky"/>.</summary>
    public static string Neutralise(string text) => IsRisky(text) ? Prefix + text : text;
}
