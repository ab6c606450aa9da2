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
    /// The form a name is matched in: Unicode NFKC (full-width Latin letters and digits become half-width, the ideographic
    /// space becomes a space, compatibility forms fold), runs of white space collapsed to one space, trimmed, and lower-cased
    /// with the invariant culture (Latin, Greek and Cyrillic match case-insensitively; Chinese characters are unchanged, so
    /// <c>张</c> is a prefix of <c>张伟</c>). Pinyin is not derived. Throws <see cref="ArgumentException"/> for text that is not
    /// valid UTF-16 (an unpaired surrogate); callers check input with <see cref="TryNormalize"/>.
    /// </summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var folded = text.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(folded.Length);
        var space = false;
        foreach (var c in folded)
        {
            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c);
        }

        return sb.ToString().ToLowerInvariant();
    }

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
