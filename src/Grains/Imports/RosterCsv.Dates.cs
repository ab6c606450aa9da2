using System.Globalization;
using System.Text.RegularExpressions;

namespace CareGrid.Grains.Imports;

public static partial class RosterCsv
{
    /// <summary>
    /// The date forms a roster cell may use, all year first so no date is ambiguous: <c>yyyy-M-d</c> (which includes
    /// <c>yyyy-MM-dd</c>), <c>yyyy/M/d</c> (what Excel on Chinese Windows saves), <c>yyyy.M.d</c>, <c>yyyy年M月d日</c> and
    /// <c>yyyyMMdd</c> (eight digits, as the national student registration system writes 出生日期). Month and day take one
    /// or two digits (two in <c>yyyyMMdd</c>); the year takes four. A day-first or month-first date never reads as one of
    /// them: as eight digits its "month" would be 19 or 20, or its "year" before 1900 (docs/rosters.md).
    /// </summary>
    public const string DateForms = "yyyy-MM-dd, yyyy-M-d, yyyy/M/d, yyyy.M.d, yyyy年M月d日 or yyyyMMdd (e.g. 2013-05-09, 2013/5/9, 2013年5月9日, 20130509)";

    /// <summary>
    /// The year-and-month forms a <c>dateOfBirth</c> cell may use instead of a date (a 出生年月 column): <c>yyyy-M</c>,
    /// <c>yyyy/M</c>, <c>yyyy.M</c>, <c>yyyy年M月</c> and <c>yyyyMM</c>. They give the birth year only; the month is not stored.
    /// </summary>
    public const string YearMonthForms = "yyyy-M, yyyy/M, yyyy.M, yyyy年M月 or yyyyMM (e.g. 2013-05, 2013.5, 2013年5月, 201305)";

    private static readonly string[] DateFormats = ["yyyy'-'M'-'d", "yyyy'/'M'/'d", "yyyy'.'M'.'d", "yyyy'年'M'月'd'日'", "yyyyMMdd"];

    /// <summary>
    /// Reads a roster date written in one of the <see cref="DateForms"/> (invariant culture, exact: no day-first or
    /// month-first form, no time, no two-digit year). False for anything else, including impossible dates (2013-2-30).
    /// Full-width digits and separators (<c>２０１３－５－９</c>, <c>２０１３年５月９日</c>, as an input method in full-width mode
    /// types them) read as half-width first (<see cref="FoldFullWidth"/>; new-user trial 2026-12-04: they were refused).
    /// </summary>
    public static bool TryParseDate(string? text, out DateOnly date)
    {
        date = default;
        text = FoldFullWidth(text);
        return text is not null && (DateShape().IsMatch(text) || EightDigits().IsMatch(text))
            && DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>The year of a cell written in one of the <see cref="YearMonthForms"/> (month 1–12), or null.</summary>
    public static int? TryParseYearMonth(string? text)
    {
        text = FoldFullWidth(text);
        var m = text is null ? Match.Empty : YearMonthShape().Match(text);
        return m.Success && int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) is >= 1 and <= 12
            ? int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>
    /// <paramref name="text"/> with the full-width forms of ASCII (U+FF01–U+FF5E: <c>２</c>, <c>－</c>, <c>／</c>, <c>．</c>) as
    /// ASCII (<see cref="RosterColumns.FoldWidth(char)"/>), for cells read as numbers and dates; nothing else changes (an
    /// ideographic space stays, so a date with spaces is still refused). Null for null.
    /// </summary>
    public static string? FoldFullWidth(string? text) =>
        text is null || !text.Any(static c => c is >= '\uFF01' and <= '\uFF5E')
            ? text
            : string.Concat(text.Select(static c => c is >= '\uFF01' and <= '\uFF5E' ? RosterColumns.FoldWidth(c) : c));

    /// <summary>Four ASCII digits, a separator, one or two digits, a separator, one or two digits (and 日): no spaces, no time.</summary>
    [GeneratedRegex(@"^[0-9]{4}[-/.年][0-9]{1,2}[-/.月][0-9]{1,2}日?\z", RegexOptions.CultureInvariant)]
    private static partial Regex DateShape();

    /// <summary>Exactly eight ASCII digits (<c>yyyyMMdd</c>).</summary>
    [GeneratedRegex(@"^[0-9]{8}\z", RegexOptions.CultureInvariant)]
    private static partial Regex EightDigits();

    /// <summary>A year and a month: <c>yyyy-M</c>, <c>yyyy/M</c>, <c>yyyy.M</c>, <c>yyyy年M月</c> or <c>yyyyMM</c>.</summary>
    [GeneratedRegex(@"^(?<y>[0-9]{4})(?:[-/.](?<m>[0-9]{1,2})|年(?<m>[0-9]{1,2})月|(?<m>[0-9]{2}))\z", RegexOptions.CultureInvariant)]
    private static partial Regex YearMonthShape();

    /// <summary>
    /// The <c>dateOfBirth</c> cell: empty; a date in one of the <see cref="DateForms"/> from 1900 to
    /// <paramref name="thisYear"/>, whose year equals <paramref name="birthYear"/> when that column is filled too; or a
    /// year and month in one of the <see cref="YearMonthForms"/> (a 出生年月 column), which gives the birth year only.
    /// </summary>
    internal static (DateOnly? Date, int? Year) ParseDateOfBirth(string? cell, int? birthYear, int thisYear, Action<string, string> error)
    {
        if (cell is null)
        {
            return (null, null);
        }

        DateOnly? date = TryParseDate(cell, out var d) ? d : null;
        var year = date?.Year ?? TryParseYearMonth(cell);
        if (year is null || year < 1900 || year > thisYear)
        {
            error("dateOfBirth", RosterReasons.DateOfBirth(thisYear));
            return (null, null);
        }

        if (birthYear is not null && birthYear != year)
        {
            error("dateOfBirth", RosterReasons.DateOfBirthDisagrees());
            return (null, null);
        }

        return (date, year);
    }
}
