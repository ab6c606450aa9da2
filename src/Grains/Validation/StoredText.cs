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
/// U+2066–U+2069), which can make a name read differently from what is stored; multi-line text allows tab, CR and LF.
/// </summary>
public static class StoredText
{
    /// <summary>The Unicode replacement character a decoder writes for bytes it cannot decode.</summary>
    public const char ReplacementCharacter = '\uFFFD';

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

                    i++;
                    continue;
                }

                return $"contains an unpaired surrogate {Hex(c)} (character {i + 1}): the text was cut inside a character or {EncodingAdvice}.";
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

        if (c < 0x20 || c is >= '\u007F' and <= '\u009F')
        {
            return ($"the control character {Hex(c)}", c >= 0x80 ? EncodingAdvice : "remove it");
        }

        if (!multiline && c == '\uFEFF')
        {
            return ("a byte-order mark U+FEFF inside the text", "it is left over from joining files; remove it");
        }

        if (!multiline && c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'))
        {
            return ($"the bidirectional control {Hex(c)}", "it can make a name read differently from what is stored; remove it");
        }

        return null;
    }

    private static bool IsNoncharacter(int cp) => (cp & 0xFFFE) == 0xFFFE || cp is >= 0xFDD0 and <= 0xFDEF;

    private static string Hex(int cp) => "U+" + cp.ToString("X4", CultureInfo.InvariantCulture);
}
