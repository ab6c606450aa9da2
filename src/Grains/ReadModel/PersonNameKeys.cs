using System.Globalization;
using System.Text;

namespace CareGrid.Grains.ReadModel;

/// <summary>
/// How names and external ids are matched and indexed on the read side (docs/search.md): a name is normalized
/// (<see cref="Normalize"/>) and searched by prefix; an external id is matched exactly. The keys of the name and
/// external-id indexes are escaped so that they are valid Azure Table row keys and sort as the normalized text does.
/// </summary>
public static class PersonNameKeys
{
    /// <summary>Normalized characters of a name that the index keys keep; a longer search prefix is checked on the rows read.</summary>
    public const int MaxKeyChars = 64;

    /// <summary>Separates the escaped text of an index key from the person id (escaped in the text, so it never occurs there).</summary>
    public const char Separator = '|';

    /// <summary>
    /// The form a name is matched in (docs/search.md): the width folds of Unicode NFKC that occur in names typed on Chinese
    /// keyboards — full-width ASCII (U+FF01–U+FF5E) becomes half-width, the ideographic space U+3000 a space — the middle
    /// dots of transcribed names (<c>·</c> U+00B7, U+2022, U+2027, U+30FB, U+FF65) one U+00B7, runs of white space one
    /// space — none between two Chinese characters or beside a middle dot, where Excel rosters pad a two-character name to
    /// the width of three (<c>王  芳</c>, <c>刘 梓萱</c> match <c>王芳</c>, <c>刘梓萱</c>; new-user trial round 40) — trimmed, then lower-cased (invariant: Latin, Greek and Cyrillic match case-insensitively; Chinese characters
    /// are unchanged, so <c>张</c> is a prefix of <c>张伟</c>). Pinyin is not derived. The fold is done here, not by
    /// <see cref="string.Normalize(NormalizationForm)"/>, because the service runs with invariant globalization (no ICU),
    /// where that call leaves non-ASCII text unchanged; so every process computes the same keys.
    /// Throws <see cref="ArgumentException"/> for text that is not valid UTF-16 (callers check input with <see cref="TryNormalize"/>).
    /// </summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var sb = new StringBuilder(text.Length);
        var space = false;
        var afterHan = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = Fold(text[i]);
            var pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (!pair && char.IsSurrogate(c))
            {
                throw new ArgumentException("The text holds an unpaired surrogate.", nameof(text));
            }

            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }

            var han = IsHanOrDot(c);
            if (space && !(afterHan && han))
            {
                sb.Append(' ');
            }

            space = false;
            afterHan = han;

            if (pair)
            {
                sb.Append(c).Append(text[++i]);
            }
            else
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// True for a Chinese character (CJK Unified Ideographs, Extension A, compatibility ideographs, and the high surrogate of
    /// a supplementary-plane ideograph, U+20000–U+3FFFF) or the folded middle dot: white space between two of them is
    /// padding, not part of the name (see <see cref="Normalize"/>).
    /// </summary>
    private static bool IsHanOrDot(char c) =>
        c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF' or >= '\uD840' and <= '\uD8BF' or '\u00B7';

    /// <summary>One character's width and middle-dot fold (see <see cref="Normalize"/>).</summary>
    private static char Fold(char c) => c switch
    {
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
        '\u3000' => ' ',
        '\u2022' or '\u2027' or '\u30FB' or '\uFF65' => '\u00B7',
        _ => c,
    };

    /// <summary><see cref="Normalize"/>, or false when <paramref name="text"/> is not valid UTF-16.</summary>
    public static bool TryNormalize(string? text, out string normalized)
    {
        try
        {
            normalized = Normalize(text);
            return true;
        }
        catch (ArgumentException)
        {
            normalized = "";
            return false;
        }
    }

    /// <summary>
    /// <paramref name="text"/> as it appears in an index key: at most <see cref="MaxKeyChars"/> characters, each of
    /// <c>/ \ # ? % |</c> and control characters written as <c>%XXXX</c> (hex UTF-16 code unit), so a prefix of the text
    /// escapes to a prefix of the escaped text.
    /// </summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(Math.Min(text.Length, MaxKeyChars) + 8);
        var end = Math.Min(text.Length, MaxKeyChars);
        if (end < text.Length && char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }

        for (var i = 0; i < end; i++)
        {
            var c = text[i];
            if (c is '/' or '\\' or '#' or '?' or '%' or Separator || char.IsControl(c))
            {
                sb.Append('%').Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>The position of <paramref name="row"/> in a name search: escaped normalized name, <see cref="Separator"/>, id.</summary>
    public static string SortKey(PersonRow row) => Escape(Normalize(row.DisplayName)) + Separator + row.Id;

    /// <summary>The key of an external id in its index: the escaped id, <see cref="Separator"/>, the person id.</summary>
    public static string ExternalKey(string externalId, string personId) => Escape(externalId) + Separator + personId;

    /// <summary>
    /// The smallest string greater than every string that starts with <paramref name="prefix"/> in ordinal UTF-16 order, or
    /// null when that bound would be a surrogate or past U+FFFF (the caller then checks the prefix on each row read).
    /// </summary>
    public static string? UpperBound(string prefix)
    {
        if (prefix.Length == 0)
        {
            return null;
        }

        var last = prefix[^1];
        return char.IsSurrogate(last) || last is '\uD7FF' or char.MaxValue ? null : prefix[..^1] + (char)(last + 1);
    }
}
