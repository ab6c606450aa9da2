using System.Globalization;
using System.Text;
using CareGrid.Grains.Errors;

namespace CareGrid.Grains.Validation;

/// <summary>
/// The one rule for a written justification that lets someone act beyond their usual rights: a break-the-glass reason
/// (<c>breakTheGlass</c>, docs/architecture.md "Security and privacy") and a duty-of-care consent override
/// (<c>consentOverrideReason</c>, R-1.7, docs/consent.md). Once invisible format characters (Unicode category Cf, e.g.
/// U+200B ZERO WIDTH SPACE) are removed and the text is trimmed, the reason weighs at least <see cref="MinLength"/> — each
/// letter or digit 1 (spaces, punctuation, symbols and marks nothing, <see cref="Weight"/>), each CJK ideograph, kana or
/// Hangul syllable <see cref="WideWeight"/>, because one of them carries about as much
/// as a short English word (so "自杀风险", suicide risk, is a reason, four ideographs being the least, as "suicide risk" is one
/// in English; round-28 red team: at 2 per ideograph a teacher's "自杀风险" was refused) — holds at most
/// <see cref="MaxLength"/> characters, contains at least <see cref="MinDistinctLetters"/> different letters
/// (<see cref="char.IsLetter(char)"/>, upper and lower case the same), and passes <see cref="StoredText"/> as multi-line
/// text. So ".", "\u200b", "aaaaaaaaaa" or "哈哈哈哈哈" is never taken as a reason: a justification that a duty-of-care
/// override or an access outside need-to-know rests on must be written, not typed to get past the field (round-26 red team).
/// </summary>
public static class WrittenReason
{
    /// <summary>Least weight of a reason (after removing format characters and trimming): letters and digits, CJK ones counting <see cref="WideWeight"/>.</summary>
    public const int MinLength = 10;

    /// <summary>What one CJK ideograph, kana or Hangul syllable weighs toward <see cref="MinLength"/>: four of them are a reason.</summary>
    public const int WideWeight = 3;

    /// <summary>The least number of CJK characters that make a reason (<see cref="MinLength"/> ÷ <see cref="WideWeight"/>, rounded up).</summary>
    public const int MinWideCharacters = (MinLength + WideWeight - 1) / WideWeight;

    /// <summary>Most characters of a reason.</summary>
    public const int MaxLength = 1000;

    /// <summary>Least number of different letters in a reason (case-insensitive): one letter repeated is not a reason.</summary>
    public const int MinDistinctLetters = 4;

    /// <summary>
    /// True when <paramref name="value"/> is written as <see cref="Ensure"/> asks (weight, different letters, invisible format
    /// characters not counted), at any length: a crisis task's note that says what was done (docs/protocol.md "Guards").
    /// </summary>
    /// <param name="value">The text, or null.</param>
    public static bool IsWritten(string? value)
    {
        var visible = WithoutFormatCharacters(value?.Trim() ?? "").Trim();
        return Weight(visible) >= MinLength && DistinctLetters(visible) >= MinDistinctLetters;
    }

    /// <summary>
    /// The checked reason (trimmed, as written), or <c>VALIDATION_FAILED</c> with <c>extensions.field</c> =
    /// <paramref name="field"/> and a message that names the field and the rule.
    /// </summary>
    /// <param name="value">The reason as given.</param>
    /// <param name="field">The API argument name (e.g. <c>reason</c>, <c>consentOverrideReason</c>).</param>
    /// <param name="purpose">What the reason is for, starting the message (e.g. "Breaking the glass").</param>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c> on <paramref name="field"/>.</exception>
    public static string Ensure(string? value, string field, string purpose)
    {
        var trimmed = value?.Trim() ?? "";
        var visible = WithoutFormatCharacters(trimmed).Trim();
        if (Weight(visible) < MinLength || visible.Length > MaxLength || DistinctLetters(visible) < MinDistinctLetters)
        {
            throw CareGridException.Validation(field,
                $"{purpose} needs a written reason in {field}: at least {MinLength} letters or digits (or {MinWideCharacters} Chinese characters) and at most {MaxLength} characters, in words with at least {MinDistinctLetters} different letters; spaces, punctuation, symbols and invisible characters do not count. " +
                $"需要在 {field} 中写明理由：至少 {MinWideCharacters} 个汉字（或 {MinLength} 个字母），最多 {MaxLength} 个字符，并且至少包含 {MinDistinctLetters} 个不同的字，不能只重复同一个字。");
        }

        StoredText.Ensure(trimmed, field, multiline: true);
        return trimmed;
    }

    /// <summary>
    /// The weight of <paramref name="text"/>: <see cref="WideWeight"/> for each CJK ideograph (including those outside the Basic
    /// Multilingual Plane), kana or Hangul syllable — a letter (Unicode Lo) of those blocks, so a combining mark or an
    /// unassigned code point there weighs nothing (round-29 red team) — 1 for each other letter or digit (per code point), and
    /// nothing for anything else: spaces, punctuation, symbols, emoji, combining marks, modifier letters, CJK compatibility
    /// ideographs and the blank letters (Hangul fillers), so "abcd" padded with dots, blank lines, variation selectors or blank
    /// Braille cells is four, not ten (round-32 red team: such a note counted as a written account of crisis work).
    /// </summary>
    public static int Weight(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var weight = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            weight += IsWide(rune) ? WideWeight : Rune.IsLetterOrDigit(rune) && !IsBlankLetter(rune)
                && Rune.GetUnicodeCategory(rune) != UnicodeCategory.ModifierLetter && !IsCompatibilityIdeograph(rune) ? 1 : 0;
        }

        return weight;
    }

    /// <summary>The letters that show as nothing: the Hangul fillers U+115F, U+1160, U+3164 and U+FFA0.</summary>
    private static bool IsBlankLetter(Rune rune) => rune.Value is 0x115F or 0x1160 or 0x3164 or 0xFFA0;

    /// <summary>True for a CJK ideograph (the unified blocks, Extension A, and planes 2–3), kana or Hangul syllable that is a letter.</summary>
    private static bool IsWide(Rune rune) =>
        rune.Value is (>= 0x3040 and <= 0x30FF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF) or (>= 0xAC00 and <= 0xD7AF)
            or (>= 0x20000 and <= 0x3FFFF)
        && !IsCompatibilityIdeograph(rune) && Rune.GetUnicodeCategory(rune) == UnicodeCategory.OtherLetter;

    /// <summary>
    /// A CJK compatibility ideograph (U+F900–U+FAFF, U+2F800–U+2FA1F): a second code for a unified ideograph (U+F914 is 樂,
    /// U+6A02), which no Chinese input method types. The service runs without ICU (invariant globalization), so it cannot
    /// fold them by normalization; instead they count as neither a letter nor an ideograph (round-29 red team: 樂樂樂樂
    /// written with three of them counted as four different letters).
    /// </summary>
    private static bool IsCompatibilityIdeograph(Rune rune) => rune.Value is (>= 0xF900 and <= 0xFAFF) or (>= 0x2F800 and <= 0x2FA1F);

    /// <summary>
    /// How many different letters <paramref name="text"/> holds, per Unicode code point (so a letter outside the Basic
    /// Multilingual Plane, e.g. a CJK Extension B ideograph, counts as one letter, as the console counts it), upper and lower
    /// case counted as one (a CJK ideograph is a letter). Modifier letters (Unicode Lm: the kana iteration marks ゝゞヽヾ,
    /// the long-vowel mark ー) repeat or lengthen another letter and are not counted, nor are CJK compatibility ideographs
    /// (round-29 red team).
    /// </summary>
    public static int DistinctLetters(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.EnumerateRunes().Where(r => Rune.IsLetter(r) && Rune.GetUnicodeCategory(r) != UnicodeCategory.ModifierLetter && !IsCompatibilityIdeograph(r))
            .Select(Rune.ToLowerInvariant).Distinct().Count();
    }

    /// <summary>
    /// <paramref name="text"/> without its format characters (Unicode category Cf: zero-width spaces and joiners, bidi marks,
    /// soft hyphen, BOM, and the tag characters U+E0001–U+E007F outside the Basic Multilingual Plane, which a check per UTF-16
    /// unit missed: round-29 red team, "abcd" followed by three tags was taken as a reason).
    /// </summary>
    public static string WithoutFormatCharacters(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var kept = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.Format)
            {
                kept.Append(rune.ToString());
            }
        }

        return kept.ToString();
    }

    /// <summary>True when <paramref name="text"/> contains a letter once its format characters are removed (a name or a word, not "." or "\u200b").</summary>
    public static bool HasLetter(string? text) => text is not null && WithoutFormatCharacters(text).Any(char.IsLetter);
}
