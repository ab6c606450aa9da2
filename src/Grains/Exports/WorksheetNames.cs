namespace CareGrid.Grains.Exports;

/// <summary>
/// Sheet names Excel accepts (ECMA-376 and Excel's own limits): 1–31 characters, none of <c>: \ / ? * [ ]</c>, not
/// starting or ending with an apostrophe, not <c>History</c>, and unique within a workbook ignoring case. Names are
/// counted in UTF-16 code units, as Excel counts them, and never cut inside a surrogate pair.
/// </summary>
public sealed class WorksheetNames
{
    /// <summary>Longest sheet name: 31 characters.</summary>
    public const int MaxLength = 31;

    private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A valid name for <paramref name="title"/> not yet used in this workbook: forbidden characters become '_', the name is
    /// cut to <see cref="MaxLength"/>, and a repeated name gets " (2)", " (3)", … (cut further to make room).
    /// </summary>
    public string Next(string title)
    {
        var clean = new string([.. title.Select(c => c is ':' or '\\' or '/' or '?' or '*' or '[' or ']' || char.IsControl(c) ? '_' : c)]).Trim().Trim('\'');
        if (clean.Length == 0 || clean.Equals("History", StringComparison.OrdinalIgnoreCase))
        {
            clean = "Sheet" + (clean.Length == 0 ? "" : " " + clean);
        }

        var name = Cut(clean, MaxLength);
        for (var n = 2; !_used.Add(name); n++)
        {
            var suffix = $" ({n})";
            name = Cut(clean, MaxLength - suffix.Length).TrimEnd('\'') + suffix;
        }

        return name;
    }

    private static string Cut(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var end = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return text[..end].TrimEnd().TrimEnd('\'');
    }
}
