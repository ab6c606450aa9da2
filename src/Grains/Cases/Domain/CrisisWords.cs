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
/// anything between the letters of a word that is not a letter or digit — spaces, punctuation, symbols, invisible
/// format characters such as a zero-width space (自\u200B杀, 自 - 杀, kill my self), letters of other alphabets that look
/// Latin and pinyin's tone marks (<see cref="LookAlikes"/>), and digits written for letters (<see cref="ForLetters"/>).
/// </summary>
public static partial class CrisisWords
{
    /// <summary>The longest a pattern may look at one text; a text that takes longer counts as holding the word (safe side).
    /// A property, not a field: the patterns of the class's other file may be built before this file's fields.</summary>
    private static TimeSpan MatchTimeout => TimeSpan.FromSeconds(1);

    /// <summary>English phrases, lower case; first-person and third-person forms, since a teacher's report tells what a
    /// pupil said. Each is found as whole words (never inside a longer English word: "wants to diet", "skill himself";
    /// <see cref="EnglishSource"/>), with anything but letters and digits allowed between its letters ("kill my self",
    /// "k.i.l.l myself", "dont want to live").</summary>
    public static readonly IReadOnlyList<string> English =
    [
        "suicide", "suicidal", "kill myself", "killing myself", "kill himself", "kill herself", "kill themselves",
        "end my life", "ending my life", "end his life", "end her life", "end their life", "take my own life",
        "take his own life", "take her own life", "want to die", "wants to die", "wanna die", "better off dead",
        "wanted to die", "don't want to live", "don't wanna live", "do not want to live", "doesn't want to live",
        "does not want to live", "hurt myself", "hurting myself", "hurt himself", "hurting himself", "hurt herself",
        "hurting herself", "cut myself", "cutting myself", "cut himself", "cutting himself", "cut herself", "cutting herself",
        "hang myself", "hang himself", "hang herself", "hanged myself", "hanged himself", "hanged herself", "self-harm",
        "overdose", "overdosing", "sleeping pills",
        "no reason to live", "not worth living", "end it all", "unalive", "sewerslide",
        // Chinese English (round 37): the way a pupil who learns English at school writes it
        "want die", "wants die", "want to dead", "wanna dead", "want to be dead", "wish i was dead", "wish i were dead",
        "don't want to be alive", "do not want to be alive", "doesn't want to be alive",
    ];

    /// <summary>Simplified Chinese words, found within one clause (never across 。，！？；： or their ASCII forms) with
    /// everything else that is not a letter or digit removed; those of <see cref="ChinesePatterns"/> by their pattern instead.</summary>
    public static readonly IReadOnlyList<string> Chinese =
    [
        "自杀", "自尽", "轻生", "寻死", "想死", "去死", "死了算了", "不想活", "活不下去", "活着没意思", "活着没有意思", "不想存在",
        "从世界上消失", "结束生命", "结束自己", "自残", "自伤", "伤害自己", "割腕", "划手", "跳楼", "跳河", "上吊", "吃药死",
        "安眠药", "农药", "攒药", "遗书", "一了百了",
        "紫砂", "自鲨", // homophones of 自杀 (zìshā) used online to pass word filters
    ];

    /// <summary>
    /// Pinyin without tones, syllables apart, of the words of <see cref="Chinese"/> that are seldom anything else (zi sha 自杀,
    /// tiao lou 跳楼, bu xiang huo le 不想活了, huo bu xia qu 活不下去, yi liao bai liao 一了百了, an mian yao 安眠药): pupils type
    /// pinyin to pass word filters or when the input method is off. Tone marks (zì shā) and tone numbers (zi4 sha1) are
    /// read as toneless, and 了 may follow (zishale). A word of three or more syllables is found written together or with one
    /// space, hyphen or apostrophe between its syllables; a word of two syllables written together (zisha), or apart only
    /// when no other Latin word stands next to it (想zi sha, "zi sha"), since two syllables apart are as often the end of one
    /// word and the start of the next (hai zi sha dou bu dong 孩子啥都不懂, yi tiao lou ti 一条楼梯; round-36 red team).
    /// Left out as too often something else: xiangsi (相似), qingsheng (庆生), zijin (紫金), yishu (艺术), zishang, and given
    /// names — zican (自残, but Wang Zican), gewan (割腕, but yi ge wan shang 一个晚上), xunsi (寻死, but pei xun si tian).
    /// </summary>
    public static readonly IReadOnlyList<string> Pinyin =
    [
        "zi sha", "tiao lou", "bu xiang huo le", "huo bu xia qu", "yi liao bai liao", "an mian yao",
    ];

    /// <summary>The words found as whole Latin-letter words: <see cref="English"/> then <see cref="Pinyin"/>.</summary>
    private static readonly IReadOnlyList<string> Latin = [.. English, .. Pinyin];

    /// <summary>
    /// Words of <see cref="Chinese"/> found by a pattern: forms with other characters (不想再活, 割手腕, 药都攒好了 — the
    /// new-user trial's report), and the everyday phrases that hold a listed word without its meaning, left out so that a
    /// one-hour grading is not spent on them (round-35 red team): 预防自杀 (a class theme), 想死你了 (missing someone),
    /// 去死记硬背, 不想活动 / 活跃, 结束生命教育课, 划手机, 计划手册, 来自残联 / 残疾, 想死亡, 双十一跳楼价, 跳楼机, 上吊环, 紫砂壶, 打农药 / 喷农药 — but not
    /// 买农药, a classic warning sign in the countryside, nor 想死 followed by anything but 你了 / 您了 / 我了.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> ChinesePatternSources = new Dictionary<string, string>
    {
        ["自杀"] = "(?<!预防|防止)自杀(?!预防|干预)",
        ["想死"] = "想死(?!你了|您了|我了|亡)",
        ["去死"] = "去死(?!记|海)",
        ["自残"] = "(?<!来|出)自残(?!联|疾)",
        ["不想活"] = "不想再?活(?!动|跃|泼|儿)",
        ["从世界上消失"] = "(?:从|在)这个世界上?消失|从世界上消失",
        ["结束生命"] = "结束生命(?!教育)",
        ["割腕"] = "割手?腕|割(?:手臂|脉|动脉)",
        ["划手"] = "(?<!计|规|策|筹|谋)划手(?!机)",
        ["跳楼"] = "跳楼(?!价|机)",
        ["上吊"] = "上吊(?!环|床)",
        ["农药"] = "(?<!打|喷|施|撒)农药(?!厂|残留|化肥)",
        ["攒药"] = "攒[^|]{0,4}药|药[^|]{0,4}攒",
        ["紫砂"] = "紫砂(?!壶|锅|杯|茶)",
    };

    private static readonly IReadOnlyDictionary<string, Regex> ChinesePatterns =
        ChinesePatternSources.ToDictionary(p => p.Key, p => new Regex(p.Value, RegexOptions.CultureInvariant, MatchTimeout));

    /// <summary>Each <see cref="Latin"/> phrase as a whole-word pattern over the folded text, anything but letters and
    /// digits allowed between its letters.</summary>
    private static readonly IReadOnlyDictionary<string, Regex> LatinPatterns =
        English.ToDictionary(w => w, w => new Regex(EnglishSource(w), RegexOptions.CultureInvariant, MatchTimeout))
            .Concat(Pinyin.ToDictionary(w => w, w => new Regex(PinyinSource(w), RegexOptions.CultureInvariant, MatchTimeout))).ToDictionary();

    /// <summary>The pattern of a <see cref="Pinyin"/> word (its syllables apart by spaces), as <see cref="Pinyin"/> says.</summary>
    private static string PinyinSource(string syllables)
    {
        var parts = syllables.Split(' ');
        // Between syllables: up to three of space, apostrophe, hyphen, the symbols words are broken up with and invisible
        // characters (zi.sha, zi_sha, zi/sha, zi\u200Bsha, zi. sha; round-37 red team) — never a comma or other clause mark.
        const string Gap = "[ '\\-._/*~·\u200B-\u200D\u2060\uFEFF]", Le = @"(?:[ '\-]?le)?(?:[ '\-]?(?:ba|a|ya))?";
        if (parts.Length > 2)
        {
            return @"(?<![a-z0-9])" + string.Join(Gap + "{0,3}", parts) + Le + @"(?![a-z0-9])";
        }

        var together = @"(?<![a-z0-9])" + string.Concat(parts) + Le + @"(?![a-z0-9])";
        var apart = @"(?<![a-z0-9][ '\-]*)" + string.Join(Gap + "{1,3}", parts) + Le + @"(?![ '\-]*[a-z0-9])"; // punctuation ends the word beside
        var intended = Intent + "[ '\\-]*" + string.Join(Gap + "{0,3}", parts) + "(?:" + Le + @"(?![a-z0-9])|(?=[ '\-]))"; // wo xiang zi sha dou mei ren guan
        return together + "|" + apart + "|" + intended;
    }

    /// <summary>
    /// For a word of <see cref="ChinesePatterns"/>, a part every match of its pattern holds. Each word's part (the word itself
    /// when it has no pattern), and each English phrase's letters, is looked for first with a plain search; only a text that
    /// holds one is matched against the patterns. Most reports hold none, and the plain searches cost a few microseconds
    /// where the patterns one by one cost ~15 (issue 18's report path).
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> ChineseCores = new Dictionary<string, string>
    {
        ["不想活"] = "不想", ["从世界上消失"] = "消失", ["割腕"] = "割", ["攒药"] = "攒",
    };

    /// <summary>The letters and digits of each <see cref="Latin"/> phrase, the part the plain search looks for.</summary>
    private static readonly IReadOnlyDictionary<string, string> LatinCores = Latin.ToDictionary(w => w, w => string.Concat(w.Where(char.IsLetterOrDigit)));

    /// <summary>
    /// The whole-word pattern of an English phrase: its letters and digits, anything else allowed between them, an ending
    /// -s, -d, -ed or -ing allowed (self-harming, overdosed, suicides), and no Latin letter or digit on either side — a
    /// Chinese character may touch it, since Chinese is written without spaces (我想kill myself, 他有self-harm行为; round-35
    /// re-check: a boundary of any letter missed every English word written inside Chinese); an "I" run into it counts as
    /// a word of its own (iwanttodie, ikillmyself; round-37 gaps).
    /// </summary>
    private static string EnglishSource(string phrase) =>
        @"(?:(?<![a-z0-9])|(?<=(?<![a-z0-9])i))" + string.Join(@"[^\p{L}\p{N}]*", phrase.Where(char.IsLetterOrDigit).Select(c => Regex.Escape(c.ToString()))) + @"(?:s|d|ed|ing)?(?![a-z0-9])";

    /// <summary>Where a clause ends: Chinese and ASCII sentence and clause punctuation — not the enumeration comma 、, which
    /// is typed with one key to break words up (安眠、药, 活、不下去; round-38 re-check) (a line break is read as a space, so
    /// a word broken over two lines is still found) — except ASCII full stops put straight between two Chinese characters
    /// (自.杀, 想...死), the way words are broken up online to pass filters; a sentence ends in 。 in Chinese.</summary>
    private const string ClauseEnds = "。，！？；：,.!?;:";

    /// <summary>
    /// Traditional forms of the characters of <see cref="Chinese"/> and of its patterns that differ from the simplified ones
    /// (Hong Kong, Taiwan and many input-method settings write 自殺, 輕生, 遺書), each folded to its simplified form before matching.
    /// </summary>
    private static readonly IReadOnlyDictionary<char, char> Traditional = new Dictionary<char, char>
    {
        ['殺'] = '杀', ['盡'] = '尽', ['輕'] = '轻', ['尋'] = '寻', ['結'] = '结', ['殘'] = '残', ['傷'] = '伤',
        ['樓'] = '楼', ['藥'] = '药', ['著'] = '着', ['沒'] = '没', ['劃'] = '划', ['裡'] = '里', ['裏'] = '里',
        ['遺'] = '遗', ['書'] = '书', ['農'] = '农', ['攢'] = '攒', ['鯊'] = '鲨', ['脈'] = '脉', ['動'] = '动', ['這'] = '这',
        ['個'] = '个', ['預'] = '预', ['幹'] = '干', ['價'] = '价', ['機'] = '机', ['環'] = '环', ['壺'] = '壶', ['記'] = '记',
        ['噴'] = '喷', ['買'] = '买', ['賣'] = '卖', ['廠'] = '厂', ['躍'] = '跃', ['潑'] = '泼', ['兒'] = '儿', ['從'] = '从',
        ['獨'] = '独', ['親'] = '亲', ['來'] = '来', ['發'] = '发', ['徑'] = '径', ['顧'] = '顾', ['猶'] = '犹', // before 自 (EndsWithSelf)
    };

    /// <summary>
    /// Lower-case letters read as the Latin letter they look like or stand for: Cyrillic and Greek letters that look Latin
    /// (suіcіde with a Cyrillic і passes a plain filter; Unicode's confusables list, UTS #39) and pinyin's toned vowels
    /// (zì shā). Applied after lower-casing.
    /// </summary>
    private static readonly IReadOnlyDictionary<char, char> LookAlikes = new Dictionary<char, char>
    {
        ['а'] = 'a', ['е'] = 'e', ['о'] = 'o', ['р'] = 'p', ['с'] = 'c', ['у'] = 'y', ['х'] = 'x', ['і'] = 'i', ['ј'] = 'j',
        ['ѕ'] = 's', ['ԁ'] = 'd', ['һ'] = 'h', ['ӏ'] = 'l', ['к'] = 'k', ['м'] = 'm', ['т'] = 't', ['ԛ'] = 'q', ['ԝ'] = 'w',
        ['α'] = 'a', ['ε'] = 'e', ['ι'] = 'i', ['κ'] = 'k', ['ν'] = 'v', ['ο'] = 'o', ['ρ'] = 'p', ['τ'] = 't', ['υ'] = 'u',
        ['ā'] = 'a', ['á'] = 'a', ['ǎ'] = 'a', ['à'] = 'a', ['ē'] = 'e', ['é'] = 'e', ['ě'] = 'e', ['è'] = 'e',
        ['ī'] = 'i', ['í'] = 'i', ['ǐ'] = 'i', ['ì'] = 'i', ['ō'] = 'o', ['ó'] = 'o', ['ǒ'] = 'o', ['ò'] = 'o',
        ['ū'] = 'u', ['ú'] = 'u', ['ǔ'] = 'u', ['ù'] = 'u', ['ǖ'] = 'u', ['ǘ'] = 'u', ['ǚ'] = 'u', ['ǜ'] = 'u', ['ü'] = 'u',
        ['ı'] = 'i', ['ï'] = 'i', ['î'] = 'i', ['â'] = 'a', ['ä'] = 'a', ['ê'] = 'e', ['ë'] = 'e', ['ô'] = 'o', ['ö'] = 'o',
        ['û'] = 'u', ['İ'] = 'i', // other accented vowels (round-36 red team: suıcıde with a dotless ı, suïcide)
    };

    /// <summary>
    /// Digits and symbols written for letters inside a word that has Latin letters (su1c1de, k1ll mys3lf, d1e, overd0se,
    /// $uicide), and "2" for "to", standing alone or inside such a word (want 2 die, want2die). A 1 is read as i (k1ll), as l
    /// (ki11), and as i before an l and l elsewhere (k1ll mys31f); a word without letters (room 101, 3楼) is left as it is. A
    /// digit 1–5 after a letter is also read as a pinyin tone number for the pinyin words only (zi4 sha1). These readings are looked at besides the
    /// text itself, never instead of it.
    /// </summary>
    private static readonly IReadOnlyDictionary<char, char> ForLetters = new Dictionary<char, char>
    {
        ['0'] = 'o', ['1'] = 'i', ['3'] = 'e', ['4'] = 'a', ['5'] = 's', ['7'] = 't', ['@'] = 'a', ['$'] = 's', ['!'] = 'i',
    };

    /// <summary>True when <paramref name="text"/> contains a word of <see cref="Chinese"/>, <see cref="English"/> or <see cref="Pinyin"/>.</summary>
    public static bool Suggests(string text) => Find(text).Count > 0;

    /// <summary>
    /// The words of <see cref="Chinese"/>, <see cref="English"/> and then <see cref="Pinyin"/> that <paramref name="texts"/> contain (each once, in
    /// list order, as the list writes them); empty when none. Null or empty texts are skipped. Pure.
    /// </summary>
    public static IReadOnlyList<string> Find(params string?[] texts)
    {
        var text = string.Join('。', texts.Where(t => !string.IsNullOrEmpty(t))); // two texts never join into one word
        if (text.Length == 0)
        {
            return [];
        }

        var folded = Fold(text);
        var clauses = Clauses(folded);
        var hasLatin = clauses.Any(c => c is >= 'a' and <= 'z');
        var mixed = hasLatin && clauses.Any(Imports.Bilingual.IsIdeograph); // half pinyin needs a character beside it
        var found = Chinese.Where(w => (clauses.Contains(ChineseCores.GetValueOrDefault(w, w), StringComparison.Ordinal)
            && (!ChinesePatterns.TryGetValue(w, out var pattern) || Holds(pattern, clauses))) || Mixed(w, clauses, mixed)).ToList();
        var numbers = NumberForLetterReadings(folded).ToList();
        var readings = numbers.Prepend(folded).Concat(OtherReadings(text, folded, numbers)).Select(Reading).ToList();
        var pinyinReadings = ToneNumberReading(folded) is { } toneless ? [.. readings, Reading(toneless)] : readings;
        // An English or pinyin phrase's letters are looked for first in the letters alone ("k.i.l.l myself"), then its pattern;
        // tone numbers are read only for pinyin (want2die is not "want die").
        foreach (var w in Latin) // a loop, not a lambda per word: every report reads this list (round 39 allocation profile)
        {
            if (InAnyReading(w, Pinyin.Contains(w) ? pinyinReadings : readings) || (hasLatin && Misspelt(w, folded)))
            {
                found.Add(w);
            }
        }

        return found;
    }

    /// <summary>
    /// Letters and digits of <paramref name="folded"/>, and '|' where a clause ends: what was put between a word's characters
    /// (spaces, "-", an emoji, a zero-width space, ASCII full stops between Chinese characters) is gone, but two clauses never
    /// join into a word (他说话结束。自己… is not 结束自己).
    /// </summary>
    private static string Clauses(string folded)
    {
        var clauses = new StringBuilder(folded.Length);
        for (var i = 0; i < folded.Length; i++)
        {
            var c = folded[i];
            if (c == '.')
            {
                var end = i;
                while (end + 1 < folded.Length && folded[end + 1] == '.')
                {
                    end++;
                }

                var joins = JoinsAcross(folded, i, end) || SelfKillAcross(folded, i); // each run looked at once: a text of dots stays linear (round-36 re-check)
                i = end;
                if (joins)
                {
                    continue;
                }
            }
            else if (ClauseEnds.Contains(c) && (SelfKillAcross(folded, i) || (c is '。' or '，' or '、' or ',' && JoinsWordAcross(folded, i, bothAlone: c != '。'))))
            {
                continue;
            }

            if (ClauseEnds.Contains(c))
            {
                clauses.Append('|');
            }
            else if (char.IsLetterOrDigit(c))
            {
                clauses.Append(c);
            }
        }

        return clauses.ToString();
    }

    /// <summary>
    /// True when the run of '.' from <paramref name="start"/> to <paramref name="end"/> has a Chinese character straight before
    /// and after it, and either one of them stands alone between such dots or the text's edge (自.杀, 我想自.杀, 想.自.杀) or the
    /// two are next to each other in a word of the list (我想自.杀了, 我要跳.楼了, 吃了安眠.药了; round-36 re-check): the way words
    /// are broken up online to pass filters. Elsewhere a full stop typed in English mode between two longer runs ends a sentence
    /// (活动结束.自己收拾桌椅; round-36 red team).
    /// </summary>
    private static bool JoinsAcross(string text, int start, int end) =>
        start > 0 && end < text.Length - 1 && Imports.Bilingual.IsIdeograph(text[start - 1]) && Imports.Bilingual.IsIdeograph(text[end + 1])
        && (Alone(text, start - 1, -1) || Alone(text, end + 1, 1) || SplitPairs.Contains(string.Concat(text[start - 1], text[end + 1])));

    /// <summary>The two-character words of <see cref="Chinese"/>, and the pairs of characters inside its longer words that
    /// a dot is put between (想.活, 安.眠, 眠.药): where a dot between two Chinese characters splits a listed word.</summary>
    private static readonly HashSet<string> SplitPairs = [.. Chinese.Where(w => w.Length == 2), "想活", "安眠", "眠药", "割手", "手腕"];

    /// <summary>
    /// The readings of <paramref name="folded"/> with <see cref="ForLetters"/> applied (1 as i, then 1 as l), each only when
    /// it differs from the text; none for a text without such characters (most reports).
    /// </summary>
    private static IEnumerable<string> NumberForLetterReadings(string folded)
    {
        // Every reading changes only words with Latin letters: a text without one (most Chinese reports, 3楼) has none.
        if (!folded.Any(c => c is >= 'a' and <= 'z') || !folded.Any(c => c == '2' || ForLetters.ContainsKey(c)))
        {
            return [];
        }

        string Token(string token, char? one) => token == "2" ? "to" : !token.Any(c => c is >= 'a' and <= 'z') ? token
            : string.Concat(token.Select((c, i) => c switch
            {
                '1' => (one ?? (i + 1 < token.Length && token[i + 1] == 'l' ? 'i' : 'l')).ToString(),
                '2' => "to",
                _ => ForLetters.GetValueOrDefault(c, c).ToString(),
            }));
        return new char?[] { 'i', 'l', null }.Select(one => string.Join(' ', folded.Split(' ').Select(token => Token(token, one))))
            .Where(reading => reading != folded).Distinct();
    }

    /// <summary><paramref name="folded"/> with a digit 1–5 after a letter read as a pinyin tone number and dropped (zi4 sha1),
    /// for the <see cref="Pinyin"/> words only; null when there is none.</summary>
    private static string? ToneNumberReading(string folded)
    {
        if (!folded.Any(c => c is >= '1' and <= '5'))
        {
            return null;
        }

        var toneless = Regex.Replace(folded, "(?<=[a-z])[1-5]", "", RegexOptions.CultureInvariant, MatchTimeout);
        return toneless == folded ? null : toneless;
    }

    /// <summary>True when <paramref name="pattern"/> matches <paramref name="text"/>, or took longer than allowed (safe side).</summary>
    private static bool Holds(Regex pattern, string text)
    {
        try
        {
            return pattern.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return true;
        }
    }

    /// <summary>Lower case (invariant), full-width forms, traditional characters (<see cref="Traditional"/>), look-alike
    /// letters (<see cref="LookAlikes"/>) and typographic apostrophes made plain, white space runs as one space.</summary>
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
        for (var i = 0; i < normalized.Length; i++)
        {
            var c = StyledBmpLetter(normalized[i]);
            if (char.IsHighSurrogate(c) && i + 1 < normalized.Length && char.IsLowSurrogate(normalized[i + 1])
                && StyledLetter(char.ConvertToUtf32(c, normalized[i + 1])) is { } styled)
            {
                builder.Append(styled); // 𝐬𝐮𝐢𝐜𝐢𝐝𝐞: two UTF-16 units read as one letter
                i++;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (builder.Length > 0 && builder[^1] != ' ')
                {
                    builder.Append(' ');
                }
            }
            else if (c is >= '\u0300' and <= '\u036F')
            {
                continue; // a combining accent typed apart (zi\u0300 sha\u0304; the İ of SUİCIDE lower-cased): the letter stands without it
            }
            else
            {
                builder.Append(LookAlikes.GetValueOrDefault(c, c));
            }
        }

        return builder.ToString();
    }
}
