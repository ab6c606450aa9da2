using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace CareGrid.Silo.Cli;

/// <summary>How the <c>import</c> verb decodes a roster file (<c>--encoding</c>).</summary>
public enum RosterEncoding
{
    /// <summary>UTF-8 (with or without BOM) or UTF-16 with BOM as marked; otherwise GB18030 (GBK) when the bytes are valid GB18030.</summary>
    Auto = 0,
    /// <summary>UTF-8 only (a BOM is allowed); anything else is refused.</summary>
    Utf8 = 1,
    /// <summary>GB18030 only (a superset of GBK, code page 936, as Excel on Chinese Windows saves CSV).</summary>
    Gb18030 = 2,
}

/// <summary>A roster file's text and, when it was not plain UTF-8, a bilingual note saying how it was read.</summary>
/// <param name="Text">The decoded text, without a leading byte-order mark.</param>
/// <param name="EncodingName">UTF-8, UTF-16 LE, UTF-16 BE or GB18030.</param>
/// <param name="Notice">Simplified Chinese and English note for stderr, or null for UTF-8.</param>
public sealed record DecodedRoster(string Text, string EncodingName, string? Notice);

/// <summary>A roster file that cannot be read as text; the message is bilingual (Simplified Chinese, then English) and names the fix.</summary>
public sealed class RosterFileException : Exception
{
    /// <summary>A refusal: the Chinese sentence(s), a line break, then the English; both end with the fix and "nothing was imported".</summary>
    /// <param name="chinese">What is wrong, in Simplified Chinese (ends with "。").</param>
    /// <param name="english">What is wrong, in English (ends with ".").</param>
    public RosterFileException(string chinese, string english)
        : base($"{chinese}{RosterFile.ExcelFixZh}未导入任何内容。\n{english} {RosterFile.ExcelFixEn} Nothing was imported.")
    {
    }
}

/// <summary>
/// Decodes roster files strictly, so garbled text never reaches the service (see <c>docs/roster-encoding.md</c>): bytes
/// are never replaced by U+FFFD. Auto mode: a UTF-8 BOM or valid UTF-8 is UTF-8; a UTF-16 BOM is UTF-16 LE/BE;
/// otherwise the file is read as GB18030 (a superset of GBK; the encoding Excel on Chinese Windows uses for "CSV (逗号分隔)")
/// when every byte sequence is valid GB18030, and refused when not. A decoded text that already holds U+FFFD (garbled
/// before it was saved) or U+0000 (UTF-16 without a BOM) is refused too.
/// </summary>
public static class RosterFile
{
    /// <summary>What to do in Excel, in Simplified Chinese (Excel's own menu names).</summary>
    public const string ExcelFixZh = "请在 Excel 中选择“另存为” → “CSV UTF-8 (逗号分隔)(*.csv)”后重新导入。";

    /// <summary>What to do in Excel, in English (Excel's own menu names).</summary>
    public const string ExcelFixEn = "In Excel, use Save As → \"CSV UTF-8 (Comma delimited) (*.csv)\" and import again.";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly Lazy<Encoding> Gb18030 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(54936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    });

    /// <summary>GB18030 (code page 54936, from <see cref="CodePagesEncodingProvider"/>) that throws on invalid bytes instead of writing U+FFFD.</summary>
    public static Encoding StrictGb18030 => Gb18030.Value;

    /// <summary>Parses an <c>--encoding</c> value: auto, utf-8 (utf8) or gb18030 (gbk, 936, 54936); null when unknown.</summary>
    public static RosterEncoding? ParseEncoding(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => RosterEncoding.Auto,
        "utf-8" or "utf8" => RosterEncoding.Utf8,
        "gb18030" or "gbk" or "936" or "cp936" or "54936" => RosterEncoding.Gb18030,
        _ => null,
    };

    /// <summary>Decodes <paramref name="bytes"/> of the file called <paramref name="name"/> as <paramref name="encoding"/> says.</summary>
    /// <exception cref="RosterFileException">The bytes are not valid in the encoding(s) tried, or the text is garbled.</exception>
    public static DecodedRoster Decode(byte[] bytes, string name, RosterEncoding encoding)
    {
        var decoded = encoding switch
        {
            RosterEncoding.Utf8 => DecodeUtf8(bytes, name, forced: true),
            RosterEncoding.Gb18030 => DecodeGb18030(bytes, name, forced: true),
            _ => DecodeAuto(bytes, name),
        };
        EnsureNotGarbled(decoded.Text, name);
        return decoded;
    }

    private static DecodedRoster DecodeAuto(byte[] bytes, string name)
    {
        if (bytes.AsSpan().StartsWith<byte>([0xFF, 0xFE]) || bytes.AsSpan().StartsWith<byte>([0xFE, 0xFF]))
        {
            return DecodeUtf16(bytes, name, bigEndian: bytes[0] == 0xFE);
        }

        if (bytes.AsSpan().StartsWith<byte>([0xEF, 0xBB, 0xBF]) || Utf8.IsValid(bytes))
        {
            return DecodeUtf8(bytes, name, forced: false);
        }

        return DecodeGb18030(bytes, name, forced: false);
    }

    private static DecodedRoster DecodeUtf8(byte[] bytes, string name, bool forced)
    {
        var start = bytes.AsSpan().StartsWith<byte>([0xEF, 0xBB, 0xBF]) ? 3 : 0;
        if (FirstInvalidUtf8(bytes, start) is { } bad)
        {
            throw new RosterFileException(
                $"无法读取 {name}：它不是有效的 UTF-8，{Where(bytes, bad, zh: true)}。" + (forced ? "如果文件是 GBK 编码，请改用 --encoding gb18030 或 auto。" : ""),
                $"Cannot read {name}: it is not valid UTF-8; {Where(bytes, bad, zh: false)}." + (forced ? " If the file is GBK, use --encoding gb18030 or auto." : ""));
        }

        return new DecodedRoster(StrictUtf8.GetString(bytes, start, bytes.Length - start), "UTF-8", null);
    }

    private static DecodedRoster DecodeGb18030(byte[] bytes, string name, bool forced)
    {
        try
        {
            var text = StrictGb18030.GetString(bytes).TrimStart('\uFEFF');
            var notice = forced ? null
                : $"已按 GB18030（GBK）编码读取 {name}（该文件不是 UTF-8）；以后请另存为“CSV UTF-8 (逗号分隔)(*.csv)”。\nRead {name} as GB18030 (GBK): it is not UTF-8; next time save it as \"CSV UTF-8 (Comma delimited) (*.csv)\".";
            return new DecodedRoster(text, "GB18030", notice);
        }
        catch (DecoderFallbackException e)
        {
            var gbBad = Math.Clamp(e.Index, 0, Math.Max(bytes.Length - 1, 0));
            var utf8Bad = forced ? null : FirstInvalidUtf8(bytes, 0);
            var zh = forced
                ? $"它不是有效的 GB18030（GBK），{Where(bytes, gbBad, zh: true)}"
                : $"它既不是有效的 UTF-8（{Where(bytes, utf8Bad ?? 0, zh: true)}），也不是有效的 GB18030（GBK）（{Where(bytes, gbBad, zh: true)}）";
            var en = forced
                ? $"it is not valid GB18030 (GBK); {Where(bytes, gbBad, zh: false)}"
                : $"it is neither valid UTF-8 ({Where(bytes, utf8Bad ?? 0, zh: false)}) nor valid GB18030 (GBK) ({Where(bytes, gbBad, zh: false)})";
            throw new RosterFileException($"无法读取 {name}：{zh}。", $"Cannot read {name}: {en}.");
        }
    }

    private static DecodedRoster DecodeUtf16(byte[] bytes, string name, bool bigEndian)
    {
        var label = bigEndian ? "UTF-16 BE" : "UTF-16 LE";
        if (FirstInvalidUtf16(bytes, bigEndian) is { } offset)
        {
            throw new RosterFileException(
                $"无法读取 {name}：它以 {label} 字节顺序标记开头，但字节偏移 {offset} 处不是有效的 {label}。",
                $"Cannot read {name}: it starts with a {label} byte-order mark but is not valid {label} at byte offset {offset}.");
        }

        var text = new UnicodeEncoding(bigEndian, byteOrderMark: false, throwOnInvalidBytes: true).GetString(bytes, 2, bytes.Length - 2);
        return new DecodedRoster(text, label, $"已按 {label} 编码读取 {name}。\nRead {name} as {label}.");
    }

    /// <summary>The byte offset of the first unit after the BOM that is not valid UTF-16 (an unpaired surrogate or an odd last byte), or null.</summary>
    private static int? FirstInvalidUtf16(byte[] bytes, bool bigEndian)
    {
        char Unit(int at) => (char)(bigEndian ? (bytes[at] << 8) | bytes[at + 1] : bytes[at] | (bytes[at + 1] << 8));
        for (var at = 2; at < bytes.Length; at += 2)
        {
            if (at + 1 >= bytes.Length)
            {
                return at;
            }

            var c = Unit(at);
            if (char.IsLowSurrogate(c) || (char.IsHighSurrogate(c) && (at + 3 >= bytes.Length || !char.IsLowSurrogate(Unit(at + 2)))))
            {
                return at;
            }

            at += char.IsHighSurrogate(c) ? 2 : 0;
        }

        return null;
    }

    /// <summary>Refuses text that was garbled before it was saved (U+FFFD) or is UTF-16 read as bytes (U+0000), naming the line.</summary>
    private static void EnsureNotGarbled(string text, string name)
    {
        var at = text.AsSpan().IndexOfAny('\uFFFD', '\0');
        if (at < 0)
        {
            return;
        }

        var line = text.AsSpan(0, at).Count('\n') + 1;
        throw text[at] == '\uFFFD'
            ? new RosterFileException(
                $"{name} 第 {line} 行含有替换字符 U+FFFD：文本在此前保存时已经乱码（例如 GBK 文件被当作 UTF-8 打开后又保存）。请从原始数据重新导出。",
                $"Line {line} of {name} contains the replacement character U+FFFD: the text was already garbled when the file was saved (e.g. a GBK file opened as UTF-8 and saved again). Export it again from the source data.")
            : new RosterFileException(
                $"{name} 第 {line} 行含有空字符 U+0000：文件可能是没有字节顺序标记的 UTF-16。",
                $"Line {line} of {name} contains the character U+0000: the file is probably UTF-16 without a byte-order mark.");
    }

    /// <summary>The offset of the first byte that does not start a valid UTF-8 sequence, or null when all are valid.</summary>
    private static int? FirstInvalidUtf8(byte[] bytes, int start)
    {
        var rest = bytes.AsSpan(start);
        var offset = start;
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(rest, out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return offset;
            }

            rest = rest[consumed..];
            offset += consumed;
        }

        return null;
    }

    /// <summary>"line L (byte offset O: XX YY)" in Chinese or English; lines count LF bytes, which GB18030 and UTF-8 never use inside a character.</summary>
    private static string Where(byte[] bytes, int offset, bool zh)
    {
        var line = bytes.AsSpan(0, Math.Min(offset, bytes.Length)).Count((byte)'\n') + 1;
        var shown = Convert.ToHexString(bytes.AsSpan(offset, Math.Min(4, bytes.Length - offset)));
        var hex = string.Join(" ", Enumerable.Range(0, shown.Length / 2).Select(i => shown.Substring(i * 2, 2)));
        var lineText = line.ToString(CultureInfo.InvariantCulture);
        var offsetText = offset.ToString(CultureInfo.InvariantCulture);
        return zh ? $"第 {lineText} 行（字节偏移 {offsetText}：{hex}）有无效字节" : $"invalid bytes at line {lineText} (byte offset {offsetText}: {hex})";
    }
}
