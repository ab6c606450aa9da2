using CareGrid.Grains.People;
using CareGrid.Grains.Statistics;

namespace CareGrid.Grains.Imports;

/// <summary>
/// Reads a roster's <c>targetGroups</c> (目标群体, 人群类别) cell (docs/rosters.md "Target groups"): codes or the names
/// <see cref="TargetGroupCatalog"/> holds for them, in Chinese or English (<c>留守儿童、低保户</c> →
/// <c>LeftBehindChild</c>, <c>LowIncomeHousehold</c>), separated by <c>;</c>, <c>；</c>, <c>,</c>, <c>，</c>, <c>、</c>, <c>/</c>
/// or spaces. A code the catalogue does not hold (1–64 letters and digits) is kept as written, as before.
/// </summary>
public static class RosterTargetGroups
{
    private static readonly char[] Separators = [';', '；', ',', '，', '、', '/', '／'];

    /// <summary>
    /// The codes of <paramref name="cell"/>, without repeats (none for a blank cell), or null when a part is neither a code
    /// nor a catalogued name. A part with spaces is first read whole (an English name, <c>Left-behind child</c>); otherwise
    /// each word must be a catalogued code or name, so <c>left behind</c> is refused rather than read as two free codes.
    /// </summary>
    public static List<string>? Read(string? cell)
    {
        var codes = new List<string>();
        foreach (var part in (cell ?? "").Split(Separators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (Code(part) is { } code)
            {
                codes.Add(code);
                continue;
            }

            var words = part.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries); // white space, U+3000 too
            if (words.Length < 2 || words.Any(w => TargetGroupCatalog.CodeFor(w) is null))
            {
                return null;
            }

            codes.AddRange(words.Select(w => TargetGroupCatalog.CodeFor(w)!));
        }

        return codes.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>A catalogued code or name's code, else the part itself when it is a free code, else null.</summary>
    private static string? Code(string part) =>
        TargetGroupCatalog.CodeFor(part) ?? (PersonValidation.IsCode(part) ? part : null);
}
