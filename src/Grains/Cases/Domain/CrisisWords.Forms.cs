using System.Globalization;
using System.Text.RegularExpressions;

namespace CareGrid.Grains.Cases.Domain;

/// <summary>
/// The other ways the words of <see cref="CrisisWords"/> are typed, found in round 37 (docs/protocol.md "Crisis words"):
/// styled letters that plain filters do not read, pinyin after a word of intent (wo xiang zi sha, woxiangzisha), pinyin
/// mixed with characters (我想zi杀), and misspellings of "suicide".
/// </summary>
public static partial class CrisisWords
{
    /// <summary>
    /// Pinyin words of intent after which two syllables apart are read as a listed word (wo xiang zi sha 我想自杀, yao tiao
    /// lou 要跳楼, I want to zi sha), also written together (woxiangzisha): 想, 要, 去, 会, 打算, 准备, 决定, 说 (ta shuo zi sha,
    /// a teacher's report of what was said), and the English want, wanna, gonna, to, will. Without one, two syllables apart
    /// stay unread beside another Latin word (hai zi sha dou bu dong 孩子啥都不懂; <see cref="Pinyin"/>).
    /// </summary>
    private const string Intent = "(?:xiang|yao|qu|hui|dasuan|zhunbei|jueding|shuo|want|wanna|gonna|to|will)";

    /// <summary>The characters before 自 that make it the end of another word — 来自, 亲自, 独自, 各自, 出自, 源自, 发自, 擅自, 暗自,
    /// 私自, 径自, 兀自, 自顾自, 竟自, 犹自, 空自, 晚自(习) — so that it does not begin 自杀, 自尽 or 自残 across a comma or before
    /// pinyin (各自，杀出重围, 来自Jin老师的班级; round-37 red team; 晚自，犹自: round-38 red team).</summary>
    private const string EndsWithSelf = "来亲独各出源发擅暗私径兀顾竟犹空晚";

    /// <summary>
    /// The two-character words of <see cref="Chinese"/> most often typed half in pinyin, half in characters (我想zi杀, 自sha,
    /// 跳lou): each word's pinyin syllables. 想死 and 遗书 are left out (xiang and yi begin too many other words), and so are
    /// 轻生 and 上吊, whose second syllable is a common surname or the start of one written beside a character (Qing生病,
    /// 年轻Sheng老师, 上Diao老师的课; round-37 red team).
    /// </summary>
    private static readonly IReadOnlyDictionary<string, (string First, string Second)> MixedSyllables = new Dictionary<string, (string, string)>
    {
        ["自杀"] = ("zi", "sha"), ["自尽"] = ("zi", "jin"), ["寻死"] = ("xun", "si"), ["自残"] = ("zi", "can"),
        ["割腕"] = ("ge", "wan"), ["跳楼"] = ("tiao", "lou"),
    };

    /// <summary>
    /// Each word of <see cref="MixedSyllables"/> as a pattern over the clauses (letters and digits only; a tone number may
    /// follow a syllable): the first syllable then the second character (zi杀; not 腕部, the wrist: 李Ge腕部扭伤), or the first
    /// character then the second syllable not running on into a longer Latin word (我想自sha了, 他有自sha倾向, 跳lou; not
    /// 来自shanghai). 自 is not read so after the words it ends that come before a name (<see cref="EndsWithSelf"/>: 来自Jin老师的班级,
    /// 亲自Sha老师; round-37 red team).
    /// </summary>
    private static readonly IReadOnlyDictionary<string, Regex> MixedPatterns = MixedSyllables.ToDictionary(
        p => p.Key,
        p => new Regex($"(?<![a-z]){p.Value.First}[1-5]?{p.Key[1]}(?!部)|(?<![{EndsWithSelf}]){p.Key[0]}{p.Value.Second}[1-5]?(?![a-z])", RegexOptions.CultureInvariant, MatchTimeout));

    /// <summary>The English words found also misspelt by one letter — left out, doubled, wrong or two swapped (sucide, suicde,
    /// suiside, sucidal): words of seven letters or more with no everyday word that near them. "overdose" is not among them
    /// ("he overdoes it").</summary>
    private static readonly string[] Misspellable = ["suicide", "suicidal"];

    /// <summary>
    /// True when the clause mark at <paramref name="at"/> splits a word of the list (<see cref="SplitPairs"/>) between two
    /// Chinese characters — spaces and invisible characters beside the mark passed over (自 ，杀) — the way words are broken
    /// up to pass filters: for a full stop 。 one of them standing alone (自。杀, 我想自。杀), for a comma both (说：自，杀;
    /// round 37), and for 自杀 whatever stands beside, unless 自 ends another word (<see cref="EndsWithSelf"/>, spaces before
    /// 自 passed over too): 我想自，杀了 (round-37 gaps) — not for 自尽, 自伤 or 自残, since 尽 and 伤 begin everyday words
    /// after a comma (各人自，尽力而为; 生字：自、伤、残; round-38 red team). Otherwise stricter than a dot, and stricter for commas,
    /// since a comma is ordinary Chinese between two longer runs (年轻，生活 is not 轻生) and beside one lone character
    /// (想，死也要去; 一二三，跳，楼梯口集合; round-37 red team).
    /// </summary>
    private static bool JoinsWordAcross(string text, int at, bool bothAlone)
    {
        var before = Beside(text, at, -1);
        var after = Beside(text, at, 1);
        if (before < 0 || after >= text.Length || !Imports.Bilingual.IsIdeograph(text[before]) || !Imports.Bilingual.IsIdeograph(text[after])
            || !SplitPairs.Contains(string.Concat(text[before], text[after])))
        {
            return false;
        }

        if (text[before] == '自' && text[after] == '杀')
        {
            var ahead = Beside(text, before, -1);
            return ahead < 0 || !EndsWithSelf.Contains(text[ahead], StringComparison.Ordinal); // 各 自，杀 is 各自 (round-38 re-check)
        }

        return bothAlone
            ? Alone(text, before, -1) && Alone(text, after, 1) && !InList(text, before, -1) && !InList(text, after, 1)
            : Alone(text, before, -1) || Alone(text, after, 1);
    }

    /// <summary>True when the lone character at <paramref name="at"/> is one of a list of lone characters, another one standing
    /// beyond it (<paramref name="away"/>: −1 before, 1 after) after a comma or 、 — a list of new characters learnt (生字：自、伤、残;
    /// 自，尽，量; round-38 red team), not a word broken up.</summary>
    private static bool InList(string text, int at, int away)
    {
        var mark = Beside(text, at, away);
        if (mark < 0 || mark >= text.Length || text[mark] is not ('，' or '、' or ','))
        {
            return false;
        }

        var next = Beside(text, mark, away);
        return next >= 0 && next < text.Length && Imports.Bilingual.IsIdeograph(text[next]) && Alone(text, next, away);
    }

    /// <summary>
    /// True when the clause mark at <paramref name="at"/> stands inside 自杀 with at most twelve UTF-16 units that are not
    /// letters, digits or brackets on either side of it — other marks, spaces, quotes, emoji (我想自，，杀, 我想自！杀,
    /// 我想自😭，杀, 我想“自”，“杀”; round-38 red team) — and 自 does not end another word (<see cref="EndsWithSelf"/>). Brackets
    /// stop it: 填空：自（ ），杀（ ） is an exercise (round-38 re-check).
    /// </summary>
    private static bool SelfKillAcross(string text, int at)
    {
        int Letter(int step)
        {
            var i = at + step;
            for (var passed = 0; i >= 0 && i < text.Length && !char.IsLetterOrDigit(text[i]) && text[i] is not ('(' or ')' or '（' or '）') && passed < 12; passed++)
            {
                i += step;
            }

            return i >= 0 && i < text.Length && char.IsLetterOrDigit(text[i]) ? i : -1;
        }

        var self = Letter(-1);
        var kill = Letter(1);
        return self >= 0 && kill >= 0 && text[self] == '自' && text[kill] == '杀' && Beside(text, self, -1) is var ahead
            && (ahead < 0 || !EndsWithSelf.Contains(text[ahead], StringComparison.Ordinal));
    }

    /// <summary>The index of the character nearest to <paramref name="at"/> in the direction <paramref name="step"/> (−1 or 1)
    /// that is neither a space nor an invisible format character; −1 or the text's length when there is none.</summary>
    private static int Beside(string text, int at, int step)
    {
        var i = at + step;
        while (i >= 0 && i < text.Length && (text[i] == ' ' || char.GetUnicodeCategory(text[i]) == UnicodeCategory.Format))
        {
            i += step;
        }

        return i;
    }

    /// <summary>True when the Chinese character at <paramref name="at"/> has no Chinese character next to it on the side away
    /// from the dots (<paramref name="away"/>: −1 before it, 1 after it).</summary>
    private static bool Alone(string text, int at, int away) => at + away < 0 || at + away >= text.Length || !Imports.Bilingual.IsIdeograph(text[at + away]);

    /// <summary>A run of three or more of one Latin letter (dieee, killll): a word stretched for emphasis.</summary>
    private static readonly Regex Stretched = new("([a-z])\\1{2,}", RegexOptions.CultureInvariant, MatchTimeout);

    /// <summary>Capital I beside a small letter (myseIf, kiII, Iife): an l in many fonts, typed as I to pass a filter.</summary>
    private static readonly Regex CapitalIForL = new("(?<=[a-z])I+|(?<!I)(?>I+)(?=[a-z])", RegexOptions.CultureInvariant, MatchTimeout); // each run tried once: linear (round-38 re-check)

    /// <summary>
    /// Further readings of the text for the English and pinyin words, each only when the text has what it reads (most have
    /// none; looked at besides the text, never instead): each run of three or more of one letter read once and twice
    /// (i want to dieee, killll myself, zishaaa), and a capital I beside a small letter read as l (kill myseIf, kiII
    /// myself, end my Iife), from <paramref name="text"/> as written, before case is folded — each also with digits read as
    /// letters and the other reading (killll myseIf, k1llll myself; round-38 red team); <paramref name="numbers"/> are the
    /// text's own digit-for-letter readings, already made by the caller. Round-37 gaps.
    /// </summary>
    private static IEnumerable<string> OtherReadings(string text, string folded, IReadOnlyList<string> numbers)
    {
        List<string> bases = [folded, .. numbers];
        if (Holds(CapitalIForL, text))
        {
            var capital = Fold(CapitalIForL.Replace(text, m => new string('l', m.Length)));
            bases.Add(capital);
            yield return capital;
            foreach (var reading in NumberForLetterReadings(capital))
            {
                bases.Add(reading);
                yield return reading;
            }
        }

        foreach (var reading in bases.Where(r => Holds(Stretched, r)))
        {
            yield return Stretched.Replace(reading, "$1");
            yield return Stretched.Replace(reading, "$1$1");
        }
    }

    /// <summary>True when <paramref name="word"/> of <see cref="Chinese"/> is written half in pinyin in <paramref name="clauses"/>
    /// (looked at only when <paramref name="latinAndCharacters"/>: the clauses hold both Latin letters and Chinese characters).</summary>
    private static bool Mixed(string word, string clauses, bool latinAndCharacters) =>
        latinAndCharacters && MixedPatterns.TryGetValue(word, out var pattern) && Holds(pattern, clauses);

    /// <summary>True when <paramref name="word"/> is in <see cref="Misspellable"/> and a Latin word of <paramref name="folded"/>
    /// is one edit from it (Damerau–Levenshtein distance 1: one letter left out, added, changed, or two next to each other swapped).</summary>
    private static bool Misspelt(string word, string folded)
    {
        if (!Misspellable.Contains(word))
        {
            return false;
        }

        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var letter = i < folded.Length && folded[i] is >= 'a' and <= 'z';
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                if (OneEditApart(folded.AsSpan(start, i - start), word))
                {
                    return true;
                }

                start = -1;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="token"/> differs from <paramref name="word"/> by exactly one edit (an equal token
    /// is found by the word's own pattern).</summary>
    private static bool OneEditApart(ReadOnlySpan<char> token, string word)
    {
        if (Math.Abs(token.Length - word.Length) > 1 || token.SequenceEqual(word))
        {
            return false;
        }

        var head = 0;
        while (head < token.Length && head < word.Length && token[head] == word[head])
        {
            head++;
        }

        var tail = 0;
        while (tail < token.Length - head && tail < word.Length - head && token[^(tail + 1)] == word[^(tail + 1)])
        {
            tail++;
        }

        var left = token.Length - head - tail;
        var right = word.Length - head - tail;
        return (left, right) switch
        {
            (0, 1) or (1, 0) or (1, 1) => true,
            (2, 2) => token[head] == word[head + 1] && token[head + 1] == word[head], // two letters swapped
            _ => false,
        };
    }

    /// <summary>
    /// The Latin letter or digit that a styled character outside the BMP stands for, lower case, or null: the mathematical
    /// alphanumeric symbols (𝐬𝐮𝐢𝐜𝐢𝐝𝐞 bold, italic, script, fraktur, double-struck, sans-serif and monospace; U+1D400–U+1D6A3,
    /// digits U+1D7CE–U+1D7FF) and the squared, negative and regional-indicator letters (U+1F130–U+1F189, U+1F1E6–U+1F1FF),
    /// which social apps offer as "fonts" and plain filters do not read. Unicode's compatibility mappings (NFKC), by hand:
    /// normalization is unavailable under invariant globalization.
    /// </summary>
    private static char? StyledLetter(int codePoint) => codePoint switch
    {
        >= 0x1D400 and <= 0x1D6A3 => (char)((codePoint - 0x1D400) % 52 % 26 + 'a'),
        >= 0x1D7CE and <= 0x1D7FF => (char)((codePoint - 0x1D7CE) % 10 + '0'),
        >= 0x1F130 and <= 0x1F189 when (codePoint - 0x1F130) % 32 < 26 => (char)((codePoint - 0x1F130) % 32 + 'a'),
        >= 0x1F1E6 and <= 0x1F1FF => (char)(codePoint - 0x1F1E6 + 'a'),
        _ => null,
    };

    /// <summary>The Latin letter a styled BMP character stands for, lower case, or itself: circled and parenthesized letters
    /// (ⓢⓤⓘ, ⒮⒰⒤; U+249C–U+24E9), small capitals (ᴋɪʟʟ), and the letter-like symbols that fill the gaps of the mathematical
    /// alphabets (ℎ, ℯ, ℬ…).</summary>
    private static char StyledBmpLetter(char c) => c switch
    {
        >= '\u249C' and <= '\u24B5' => (char)(c - '\u249C' + 'a'),
        >= '\u24B6' and <= '\u24CF' => (char)(c - '\u24B6' + 'a'),
        >= '\u24D0' and <= '\u24E9' => (char)(c - '\u24D0' + 'a'),
        _ => SmallCapitals.GetValueOrDefault(c, c),
    };

    /// <summary>Small capitals and letter-like symbols read as the Latin letter (<see cref="StyledBmpLetter"/>).</summary>
    private static readonly IReadOnlyDictionary<char, char> SmallCapitals = new Dictionary<char, char>
    {
        ['ᴀ'] = 'a', ['ʙ'] = 'b', ['ᴄ'] = 'c', ['ᴅ'] = 'd', ['ᴇ'] = 'e', ['ꜰ'] = 'f', ['ɢ'] = 'g', ['ʜ'] = 'h', ['ɪ'] = 'i',
        ['ᴊ'] = 'j', ['ᴋ'] = 'k', ['ʟ'] = 'l', ['ᴍ'] = 'm', ['ɴ'] = 'n', ['ᴏ'] = 'o', ['ᴘ'] = 'p', ['ǫ'] = 'q', ['ʀ'] = 'r',
        ['ꜱ'] = 's', ['ᴛ'] = 't', ['ᴜ'] = 'u', ['ᴠ'] = 'v', ['ᴡ'] = 'w', ['ʏ'] = 'y', ['ᴢ'] = 'z',
        ['ℎ'] = 'h', ['ℯ'] = 'e', ['ℊ'] = 'g', ['ℴ'] = 'o', ['ℬ'] = 'b', ['ℰ'] = 'e', ['ℱ'] = 'f', ['ℋ'] = 'h', ['ℐ'] = 'i',
        ['ℒ'] = 'l', ['ℳ'] = 'm', ['ℛ'] = 'r', ['ℭ'] = 'c', ['ℌ'] = 'h', ['ℑ'] = 'i', ['ℜ'] = 'r', ['ℨ'] = 'z', ['ℂ'] = 'c',
        ['ℍ'] = 'h', ['ℕ'] = 'n', ['ℙ'] = 'p', ['ℚ'] = 'q', ['ℝ'] = 'r', ['ℤ'] = 'z',
    };

    /// <summary>A reading of the text and its letters and digits alone, which the plain search looks in first.</summary>
    private static (string Text, string Letters) Reading(string text) => (text, string.Concat(text.Where(char.IsLetterOrDigit)));

    /// <summary>Whether one of <paramref name="readings"/> holds the letters of <paramref name="word"/> and then its pattern.</summary>
    private static bool InAnyReading(string word, List<(string Text, string Letters)> readings)
    {
        var core = LatinCores[word];
        foreach (var (text, letters) in readings)
        {
            if (letters.Contains(core, StringComparison.Ordinal) && Holds(LatinPatterns[word], text))
            {
                return true;
            }
        }

        return false;
    }
}
