using System.Text;

namespace CareGrid.GraphApi.Exports;

/// <summary>
/// The <c>Content-Disposition</c> of a download (RFC 6266): <c>attachment</c>, an ASCII <c>filename</c> for old clients and
/// the real name (Chinese when the export is in Chinese) as <c>filename*=UTF-8''…</c> percent-encoded per RFC 5987/8187.
/// </summary>
public static class ContentDisposition
{
    /// <summary>The header value for <paramref name="fileName"/>, with <paramref name="asciiFileName"/> as fallback.</summary>
    public static string Attachment(string fileName, string asciiFileName)
    {
        var fallback = new StringBuilder(asciiFileName.Length);
        foreach (var c in asciiFileName)
        {
            // A quoted-string without quotes, backslashes, controls or non-ASCII.
            fallback.Append(c is >= ' ' and < '\u007f' and not '"' and not '\\' ? c : '_');
        }

        return $"attachment; filename=\"{fallback}\"; filename*=UTF-8''{Encode(fileName)}";
    }

    /// <summary>RFC 8187 <c>value-chars</c>: attr-char as is, every other UTF-8 byte as <c>%XX</c>.</summary>
    public static string Encode(string value)
    {
        var encoded = new StringBuilder(value.Length * 3);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || "!#$&+-.^_`|~".Contains(c))
            {
                encoded.Append(c);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }
}
