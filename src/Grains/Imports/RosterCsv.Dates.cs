using System.Globalization;
using System.Text.RegularExpressions;

namespace CareGrid.Grains.Imports;

public static partial class RosterCsv
{
    /// <summary>
    /// The date forms a roster cell may use, all year first so no date is ambiguous: <c>yyyy-M-d</c> (which includes
    /// <c>yyyy-MM-dd</c>), <c>yyyy/M/d</c> (what Excel on Chinese Windows saves), <c>yyyy.M.d</c> and <c>yyyy年M月d日</c>.
    /// Month and day take one or two digits; the year takes four.
    /// </summary>
    public const string DateForms = "yyyy-MM-dd, yyyy-M-d, yyyy/M/d, yyyy.M.d or yyyy年M月d日 (e.g. 2013-05-09, 2013/5/9, 2013年5月9日)";

    private static readonly string[] DateFormats = ["yyyy'-'M'-'d", "yyyy'/'M'/'d", "yyyy'.'M'.'d", "yyyy'年'M'月'd'日'"];

    /// <summary>
    /// Reads a roster date written in one of the <see cref="DateForms"/> (invariant culture, exact: no day-first or
    /// month-first form, no time, no two-digit year). False for anything else, including impossible dates (2013-2-30).
    /// </summary>
    public static bool TryParseDate(string? text, out DateOnly date)
    {
        date = default;
        return text is not null && DateShape().IsMatch(text)
            && DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>Four ASCII digits, a separator, one or two digits, a separator, one or two digits (and 日): no spaces, no time.</summary>
    [GeneratedRegex(@"^[0-9]{4}[-/.年][0-9]{1,2}[-/.月][0-9]{1,2}日?\z", RegexOptions.CultureInvariant)]
    private static partial Regex DateShape();

    /// <summary>
    /// The <c>dateOfBirth</c> cell: empty, or a date in one of the <see cref="DateForms"/> from 1900 to
    /// <paramref name="thisYear"/>, whose year equals <paramref name="birthYear"/> when that column is filled too.
    /// </summary>
    internal static DateOnly? ParseDateOfBirth(string? cell, int? birthYear, int thisYear, Action<string, string> error)
    {
        if (cell is null)
        {
            return null;
        }

        if (!TryParseDate(cell, out var date) || date.Year < 1900 || date.Year > thisYear)
        {
            error("dateOfBirth", $"dateOfBirth is a date from 1900 to {thisYear} written year first as {DateForms}, or empty.");
            return null;
        }

        if (birthYear is not null && birthYear != date.Year)
        {
            error("dateOfBirth", "The year of dateOfBirth must equal birthYear when both columns are filled: correct one of them, or leave birthYear empty.");
            return null;
        }

        return date;
    }
}
