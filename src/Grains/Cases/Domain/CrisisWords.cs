using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CareGrid.Grains.Cases.Domain;

/// <summary>
/// Words that suggest a risk of self-harm or suicide (R-1.10 high-risk protocol: signs of self-harm or talk of suicide
/// are graded High), in English and Simplified Chinese; the list is in docs/protocol.md "Crisis words". One list serves
/// the worry mailbox's urgent flag (R-5.2 triage), a report or call whose words suggest a crisis while its grading is
/// below High (<see cref="CaseAggregate.FlagCrisisWords"/>), and the console's question before such a report is sent
/// (the <c>crisisWords</c> query). A word list misses what is said in other words and flags what is only quoted: it
/// orders reading and hastens grading, it never replaces either. Before matching, the text is folded so the same word
/// typed another way still matches: case and full-width forms, traditional characters of the listed words (自殺 → 自杀),
/// and anything between the letters of a word that is not a letter or digit — spaces, punctuation, symbols, invisible
/// format characters such as a zero-width space (自\u200B杀, 自 - 杀, kill my self).
/// </summary>
public static class CrisisWords
{
    /// <summary>English phrases, lower case, matched after case folding with runs of white space read as one space, and
    /// again with all but letters and digits removed (so "dont want to live" and "self harm" match their listed forms);
    /// first-person and third-person forms, since a teacher's report tells what a pupil said.</summary>
    public static readonly IReadOnlyList<string> English =
    [
        "suicide", "suicidal", "kill myself", "killing myself", "kill himself", "kill herself", "kill themselves",
        "end my life", "ending my life", "end his life", "end her life", "end their life", "take my own life",
        "take his own life", "take her own life", "want to die", "wants to die", "wanna die", "better off dead",
        "don't want to live", "do not want to live", "doesn't want to live", "does not want to live", "hurt myself", "hurting myself", "hurt himself", "hurt herself", "cut myself",
        "cutting myself", "cut himself", "cut herself", "self-harm", "overdose", "sleeping pills",
        "no reason to live", "not worth living",
    ];

    /// <summary>Simplified Chinese words, matched with everything but letters and digits removed; those of
    /// <see cref="ChinesePatterns"/> by their pattern instead of as written.</summary>
    public static readonly IReadOnlyList<string> Chinese =
    [
        "自杀", "自尽", "轻生", "寻死", "想死", "去死", "死了算了", "不想活", "活不下去", "活着没意思", "活着没有意思", "结束生命",
        "结束自己", "自残", "自伤", "伤害自己", "割腕", "划手", "跳楼", "跳河", "上吊", "吃药死", "安眠药", "农药", "攒药", "遗书",
        "一了百了",
        "紫砂", // a homophone of 自杀 (zìshā) used online to pass word filters
    ];

    /// <summary>
    /// Words of <see cref="Chinese"/> looked for by a pattern: 不想活 also as 不想再活 but not in 不想活动 (not wanting to
    /// do an activity); 攒药 also with up to four characters between (药都攒好了, 攒了好多药 — the new-user trial's report).
    /// </summary>
    private static readonly IReadOnlyDictionary<string, Regex> ChinesePatterns = new Dictionary<string, Regex>
    {
        ["不想活"] = new("不想再?活(?!动)", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)),
        ["攒药"] = new("攒.{0,4}药|药.{0,4}攒", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)),
    };

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
    public static bool Suggests(string text) => Find(text).Count > 0;

    /// <summary>
    /// The words of <see cref="Chinese"/> and then <see cref="English"/> that <paramref name="texts"/> contain (each once, in
    /// list order, as the list writes them); empty when none. Null or empty texts are skipped. Pure.
    /// </summary>
    public static IReadOnlyList<string> Find(params string?[] texts)
    {
        var text = string.Join('\n', texts.Where(t => !string.IsNullOrEmpty(t)));
        if (text.Length == 0)
        {
            return [];
        }

        var folded = Fold(text);
        // Only letters and digits: what was put between a word's letters (spaces, "-", a zero-width space) is gone.
        var compact = string.Concat(folded.Where(char.IsLetterOrDigit));
        var found = Chinese.Where(w => ChinesePatterns.TryGetValue(w, out var pattern) ? pattern.IsMatch(compact) : compact.Contains(w, StringComparison.Ordinal)).ToList();
        found.AddRange(English.Where(w => folded.Contains(w, StringComparison.Ordinal) || compact.Contains(Compact(w), StringComparison.Ordinal)));
        return found;
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
                var c = CareGrid.Grains.Imports.RosterColumns.FoldWidth(source[i]); // U+3000 becomes a space, as white space it was already
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
