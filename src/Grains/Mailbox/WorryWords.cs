using System.Globalization;
using System.Text;

namespace CareGrid.Grains.Mailbox;

/// <summary>
/// The self-harm word flag of the worry mailbox (R-5.2 triage, R-1.10 high-risk protocol; the list is in
/// docs/mailbox.md "Urgent flag"): a message containing any of these words or phrases, in English or Simplified
/// Chinese, is flagged for urgent reading and its thread sorts first in the counsellors' queue. A word list misses
/// what is said in other words and flags what is only quoted: it orders reading, it never replaces it. Before matching, the
/// text is folded so the same word typed another way still matches: case and full-width forms, traditional characters of
/// the listed words (自殺 → 自杀), and anything between the letters of a word that is not a letter or digit — spaces,
/// punctuation, symbols, invisible format characters such as a zero-width space (自\u200B杀, 自 - 杀, kill my self).
/// </summary>
public static class WorryWords
{
    /// <summary>English phrases, lower case, matched after case folding with runs of white space read as one space.</summary>
    public static readonly IReadOnlyList<string> English =
    [
        "suicide", "suicidal", "kill myself", "killing myself", "end my life", "ending my life", "take my own life",
        "want to die", "wanna die", "better off dead", "don't want to live", "dont want to live", "do not want to live",
        "hurt myself", "hurting myself", "cut myself", "cutting myself", "self-harm", "self harm", "overdose",
        "no reason to live", "not worth living",
    ];

    /// <summary>Simplified Chinese words, matched with all white space removed.</summary>
    public static readonly IReadOnlyList<string> Chinese =
    [
        "自杀", "自尽", "轻生", "寻死", "想死", "去死", "不想活", "活不下去", "活着没意思", "结束生命", "结束自己",
        "自残", "自伤", "伤害自己", "割腕", "划手", "跳楼", "吃药死", "安眠药", "一了百了",
        "紫砂", // a homophone of 自杀 (zìshā) used online to pass word filters
    ];

    /// <summary>
    /// Traditional forms of the characters of <see cref="Chinese"/> that differ from the simplified ones (Hong Kong, Taiwan
    /// and many input-method settings write 自殺, 輕生, 自殘), each folded to its simplified form before matching.
    /// </summary>
    private static readonly IReadOnlyDictionary<char, char> Traditional = new Dictionary<char, char>
    {
        ['殺'] = '杀', ['盡'] = '尽', ['輕'] = '轻', ['尋'] = '寻', ['結'] = '结', ['殘'] = '残', ['傷'] = '伤',
        ['樓'] = '楼', ['藥'] = '药', ['著'] = '着', ['沒'] = '没', ['劃'] = '划', ['裡'] = '里', ['裏'] = '里',
    };

    /// <summary>True when <paramref name="text"/> contains a word of <see cref="English"/> or <see cref="Chinese"/>.</summary>
    public static bool Suggests(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = Fold(text);
        if (English.Any(w => folded.Contains(w, StringComparison.Ordinal)))
        {
            return true;
        }

        // Only letters and digits: what was put between a word's letters (spaces, "-", a zero-width space) is gone.
        var compact = string.Concat(folded.Where(char.IsLetterOrDigit));
        return Chinese.Any(w => compact.Contains(w, StringComparison.Ordinal))
            || English.Any(w => compact.Contains(Compact(w), StringComparison.Ordinal));
    }

    private static string Compact(string word) => string.Concat(word.Where(char.IsLetterOrDigit));

    /// <summary>Lower case (invariant), full-width forms, traditional characters (<see cref="Traditional"/>) and typographic
    /// apostrophes made plain, white space runs as one space.</summary>
    private static string Fold(string text)
    {
        // Full-width ASCII forms (U+FF01–U+FF5E) folded by hand: Unicode normalization is a no-op under invariant globalization.
        var widened = string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = Imports.RosterColumns.FoldWidth(source[i]); // U+3000 becomes a space, as white space it was already
                span[i] = Traditional.TryGetValue(c, out var simplified) ? simplified : c;
            }
        });
        var normalized = widened.ToLower(CultureInfo.InvariantCulture).Replace('\u2019', '\'');
        var builder = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (char.IsWhiteSpace(c))
            {
                if (builder.Length > 0 && builder[^1] != ' ')
                {
                    builder.Append(' ');
                }
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
