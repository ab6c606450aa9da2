namespace CareGrid.Grains.Imports;

/// <summary>
/// The one way CareGrid puts English and Simplified Chinese into a text a person reads (roster row errors, the
/// <c>import</c> verb's lines, the receipt-only refusal). Every method takes the English first and the Chinese second;
/// the method says in which order they are shown:
/// <list type="bullet">
/// <item><see cref="Join"/> — <c>English / 中文</c> on one line: the service's messages (row errors in <c>importStatus</c>,
/// GraphQL error messages). English first, so a message's English beginning stays as it was for API clients; the
/// convention of <see cref="Validation.ResidentIdNumber.Problem"/>.</item>
/// <item><see cref="ChineseFirst"/> — <c>中文 / English</c> on one line: short command-line messages and <c>--help</c>
/// texts, as <c>CareGridCommandLine</c> prints them.</item>
/// <item><see cref="Stacked"/> — the Chinese line, a line break, the English line: longer command-line lines and table
/// headers, as the <c>import</c> verb's stderr refusals print them.</item>
/// </list>
/// </summary>
public static class Bilingual
{
    /// <summary>What stands between the two languages on one line: a space, a slash and a space.</summary>
    public const string Separator = " / ";

    /// <summary>
    /// <c>{english} / {chinese}</c>: a message of the service. A <see cref="Separator"/> inside the English part (a quoted
    /// title or cell such as "2026 / 高一(3)班") is written with a no-break space after its slash, so that the first
    /// separator of the text is always the one between the languages: <see cref="Split"/> and the console's
    /// <c>splitBilingual</c> cut there, and a reader sees the same slash.
    /// </summary>
    /// <param name="english">The English text (a sentence or more, ending with its full stop).</param>
    /// <param name="chinese">The same in Simplified Chinese (ending with "。").</param>
    public static string Join(string english, string chinese) =>
        english.Replace(Separator, QuotedSeparator, StringComparison.Ordinal) + Separator + chinese;

    /// <summary>
    /// Several English/Chinese pairs as one <see cref="Join"/>ed message, in their order: the English parts separated by a
    /// space, then the Chinese parts run together (each ends with "。"); the English alone when no part has Chinese; null
    /// when <paramref name="parts"/> is empty.
    /// </summary>
    public static string? JoinAll(IEnumerable<(string English, string Chinese)> parts)
    {
        var list = parts.ToList();
        var english = string.Join(" ", list.Select(p => p.English));
        return list.Count == 0 ? null : list.All(p => p.Chinese.Length == 0) ? english : Join(english, string.Concat(list.Select(p => p.Chinese)));
    }

    /// <summary>
    /// Two <see cref="Join"/>ed messages as one, as <see cref="JoinAll(IEnumerable{ValueTuple{string, string}})"/> joins pairs (a message without Chinese counts as
    /// English only); the one that is not null when the other is.
    /// </summary>
    public static string? JoinAll(string? first, string? second)
    {
        if (first is null || second is null)
        {
            return first ?? second;
        }

        var (a, b) = (Split(first), Split(second));
        return JoinAll([(a.English, a.Chinese ?? ""), (b.English, b.Chinese ?? "")]);
    }

    /// <summary>How <see cref="Join"/> writes a <see cref="Separator"/> that stands inside the English part.</summary>
    private const string QuotedSeparator = " /\u00A0";

    /// <summary><c>{chinese} / {english}</c>: a short command-line message or a <c>--help</c> text.</summary>
    /// <param name="english">The English text.</param>
    /// <param name="chinese">The same in Simplified Chinese.</param>
    public static string ChineseFirst(string english, string chinese) => chinese + Separator + english;

    /// <summary><c>{chinese}\n{english}</c>: a longer command-line line, or a table header on two lines.</summary>
    /// <param name="english">The English text.</param>
    /// <param name="chinese">The same in Simplified Chinese.</param>
    public static string Stacked(string english, string chinese) => chinese + "\n" + english;

    /// <summary>
    /// The two parts of a <see cref="Join"/>ed text: the English before the first <see cref="Separator"/> and the Chinese
    /// after it; the whole text as English and a null Chinese when it has no separator followed by Chinese.
    /// </summary>
    public static (string English, string? Chinese) Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.IndexOf(Separator, StringComparison.Ordinal);
        return at > 0 && HasChinese(text[(at + Separator.Length)..]) ? (text[..at], text[(at + Separator.Length)..]) : (text, null);
    }

    /// <summary>True when <paramref name="text"/> holds a CJK ideograph (U+3400–U+4DBF, U+4E00–U+9FFF): it has its Chinese.</summary>
    public static bool HasChinese(string? text) => text is not null && text.Any(IsIdeograph);

    /// <summary>True for a CJK unified ideograph of the basic block or extension A.</summary>
    public static bool IsIdeograph(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';
}
