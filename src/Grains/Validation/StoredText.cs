using System.Globalization;
using CareGrid.Grains.Errors;

namespace CareGrid.Grains.Validation;

/// <summary>
/// The one rule for text that is stored in a person's, an organization's, a tenant's or a census round's state (names,
/// external ids, contacts, subjects, reasons, notes, roster cells): it refuses characters that only a decoding failure
/// produces or that are unsafe to show, so a garbled roster (a GBK file read as UTF-8) is refused instead of stored
/// (see <c>docs/roster-encoding.md</c>). Refused anywhere: the replacement character U+FFFD, unpaired surrogates,
/// noncharacters (U+FFFE, U+FFFF, U+FDD0–U+FDEF and the last two code points of every plane), C0 controls, DEL and C1
/// controls (U+0080–U+009F, typical of UTF-8 read as Latin-1). Single-line text also refuses tab, line breaks, the
/// byte-order mark U+FEFF and the bidirectional embedding, override and isolate controls (U+202A–U+202E,
/// U+2066–U+2069), which can make a name read differently from what is stored, and the invisible format characters that
/// let two different names look identical (spoofing a person's name): the soft hyphen U+00AD, the combining grapheme
/// joiner U+034F, the Arabic letter mark U+061C, the Hangul fillers U+115F, U+1160, U+3164 and U+FFA0, U+17B4, U+17B5,
/// the zero-width space, non-joiner and joiner and the left-to-right / right-to-left marks (U+200B–U+200F), the word
/// joiner and invisible operators (U+2060–U+2065), the deprecated format controls U+206A–U+206F, the invisible musical
/// format controls U+1D173–U+1D17A and the tag characters U+E0000–U+E007F; the Mongolian vowel separator U+180E only when
/// it does not stand between two Mongolian letters (U+1820–U+18AA), where Mongolian spelling needs it. Variation
/// selectors stay allowed (ideographic variation sequences spell rare characters of Chinese names). Multi-line text
/// (every reason, note and summary stored on a case or person) allows tab, CR and LF and the format characters that real
/// text needs — the zero-width non-joiner and joiner U+200C/U+200D (emoji sequences, Persian and Indic spelling), the
/// marks U+200E, U+200F and U+061C (mixed-script notes), the soft hyphen, U+034F, U+17B4, U+17B5, U+180E, the musical
/// controls and the tag characters (flag emoji) — but refuses, like single-line text, the byte-order mark inside the text,
/// the bidirectional embedding, override and isolate controls (they make a reason read differently from what is stored),
/// and the invisible characters that no text needs: the zero-width space U+200B, the word joiner and invisible operators
/// U+2060–U+2065, the deprecated format controls U+206A–U+206F and the Hangul fillers (docs/roster-encoding.md).
/// </summary>
public static class StoredText
{
    /// <summary>The Unicode replacement character a decoder writes for bytes it cannot decode.</summary>
    public const char ReplacementCharacter = '\uFFFD';

    /// <summary>The Mongolian vowel separator, allowed in single-line text only between two Mongolian letters.</summary>
    private const char MongolianVowelSeparator = '\u180E';

    /// <summary>The fix given with every refusal of an invisible character in single-line text.</summary>
    private const string InvisibleFix = "it is invisible and can make two different names look the same; remove it";

    /// <summary>The advice given with every garbled-text refusal.</summary>
    public const string EncodingAdvice =
        "the text was probably decoded with the wrong encoding (e.g. a GBK file read as UTF-8); save the file as UTF-8 (in Excel: Save As → CSV UTF-8) and send it again";

    /// <summary>
    /// Why <paramref name="value"/> cannot be stored, as a sentence fragment that follows a field or column name
    /// (e.g. "contains the replacement character U+FFFD (character 3): …"), or null when it can. Positions are 1-based
    /// UTF-16 positions; the text itself is never echoed. Null and empty text have no problem.
    /// </summary>
    /// <param name="value">The text (untrimmed or trimmed; the result is the same).</param>
    /// <param name="multiline">True for free text that may hold tab, CR and LF (notes, summaries).</param>
    public static string? Problem(string? value, bool multiline = false)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    var cp = char.ConvertToUtf32(c, value[i + 1]);
                    if (IsNoncharacter(cp))
                    {
                        return $"contains the noncharacter {Hex(cp)} (character {i + 1}): {EncodingAdvice}.";
                    }

                    if (!multiline && cp is (>= 0x1D173 and <= 0x1D17A) or (>= 0xE0000 and <= 0xE007F))
                    {
                        return $"contains the invisible character {Hex(cp)} (character {i + 1}): {InvisibleFix}.";
                    }

                    i++;
                    continue;
                }

                return $"contains an unpaired surrogate {Hex(c)} (character {i + 1}): the text was cut inside a character or {EncodingAdvice}.";
            }

            if (!multiline && c == MongolianVowelSeparator && !(IsMongolianLetter(value, i - 1) && IsMongolianLetter(value, i + 1)))
            {
                return $"contains the invisible character {Hex(c)} outside a Mongolian word (character {i + 1}): {InvisibleFix}.";
            }

            if (CharProblem(c, multiline) is var (what, fix))
            {
                return $"contains {what} (character {i + 1}): {fix}.";
            }
        }

        return null;
    }

    /// <summary>
    /// Throws <c>VALIDATION_FAILED</c> on <paramref name="field"/> when <see cref="Problem"/> finds one; the message
    /// starts with the field name and ends with the fix.
    /// </summary>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c> with <c>extensions.field</c> = <paramref name="field"/>.</exception>
    public static void Ensure(string? value, string field, bool multiline = false)
    {
        if (Problem(value, multiline) is { } problem)
        {
            throw CareGridException.Validation(field, $"{field} {problem}");
        }
    }

    /// <summary>True when <paramref name="value"/> has no <see cref="Problem"/>.</summary>
    public static bool IsSafe(string? value, bool multiline = false) => Problem(value, multiline) is null;

    /// <summary>What is wrong with one UTF-16 unit (not a surrogate) and how to fix it, or null.</summary>
    private static (string What, string Fix)? CharProblem(char c, bool multiline)
    {
        if (c == ReplacementCharacter)
        {
            return ("the replacement character U+FFFD", EncodingAdvice);
        }

        if (IsNoncharacter(c))
        {
            return ($"the noncharacter {Hex(c)}", EncodingAdvice);
        }

        if (c is '\t' or '\n' or '\r')
        {
            return multiline ? null : ($"a {(c == '\t' ? "tab" : "line break")} ({Hex(c)})", "this single-line field does not allow it");
        }

        if (c is '\u2028' or '\u2029')
        {
            // round-26 red team: a line separator passed where "\r\n" was refused, and breaks a name over two lines in exports
            return multiline ? null : ($"a {(c == '\u2028' ? "line" : "paragraph")} separator ({Hex(c)})", "this single-line field does not allow it");
        }

        if (c < 0x20 || c is >= '\u007F' and <= '\u009F')
        {
            return ($"the control character {Hex(c)}", c >= 0x80 ? EncodingAdvice : "remove it");
        }

        if (c == '\uFEFF')
        {
            return ("a byte-order mark U+FEFF inside the text", "it is left over from joining files; remove it");
        }

        if (c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'))
        {
            return ($"the bidirectional control {Hex(c)}", "it can make the text read differently from what is stored; remove it");
        }

        if (multiline ? IsInvisibleInFreeText(c) : IsInvisible(c))
        {
            return ($"the invisible character {Hex(c)}", InvisibleFix);
        }

        return null;
    }

    /// <summary>Invisible format characters refused in single-line text (see the class summary; U+180E is handled apart).</summary>
    private static bool IsInvisible(char c) =>
        c is '\u00AD' or '\u034F' or '\u061C' or '\u115F' or '\u1160' or '\u17B4' or '\u17B5' or '\u3164' or '\uFFA0'
            or (>= '\u200B' and <= '\u200F') or (>= '\u2060' and <= '\u2065') or (>= '\u206A' and <= '\u206F');

    /// <summary>Invisible characters refused in multi-line text too: no script or emoji sequence needs them (see the class summary).</summary>
    private static bool IsInvisibleInFreeText(char c) =>
        c is '\u200B' or '\u115F' or '\u1160' or '\u3164' or '\uFFA0' or (>= '\u2060' and <= '\u2065') or (>= '\u206A' and <= '\u206F');

    private static bool IsMongolianLetter(string value, int index) =>
        index >= 0 && index < value.Length && value[index] is >= '\u1820' and <= '\u18AA';

    private static bool IsNoncharacter(int cp) => (cp & 0xFFFE) == 0xFFFE || cp is >= 0xFDD0 and <= 0xFDEF;

    private static string Hex(int cp) => "U+" + cp.ToString("X4", CultureInfo.InvariantCulture);
}
