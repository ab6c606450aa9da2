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
    /// lou 要跳楼, I want to zi sha), also written together (woxiangzisha): 想, 要, 去, 会, 打算, 准备, 决定, and the
    /// English want, wanna, gonna, to, will. Without one, two syllables apart stay unread beside another Latin word
    /// (hai zi sha dou bu dong 孩子啥都不懂; <see cref="Pinyin"/>).
    /// </summary>
    private const string Intent = "(?:xiang|yao|qu|hui|dasuan|zhunbei|jueding|want|wanna|gonna|to|will)";

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
    /// 来自shanghai). 自 is not read so after the words it ends that come before a name — 来自, 亲自, 独自, 各自, 出自, 源自,
    /// 发自, 擅自, 暗自, 私自 (来自Jin老师的班级, 亲自Sha老师; round-37 red team).
    /// </summary>
    private static readonly IReadOnlyDictionary<string, Regex> MixedPatterns = MixedSyllables.ToDictionary(
        p => p.Key,
        p => new Regex($"(?<![a-z]){p.Value.First}[1-5]?{p.Key[1]}(?!部)|(?<![来亲独各出源发擅暗私]){p.Key[0]}{p.Value.Second}[1-5]?(?![a-z])", RegexOptions.CultureInvariant, MatchTimeout));

    /// <summary>The English words found also misspelt by one letter — left out, doubled, wrong or two swapped (sucide, suicde,
    /// suiside, sucidal): words of seven letters or more with no everyday word that near them. "overdose" is not among them
    /// ("he overdoes it").</summary>
    private static readonly string[] Misspellable = ["suicide", "suicidal"];

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
}
