using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// The JSON of the data-rights exports (<c>exportPerson</c>, <c>exportTenant</c>): camelCase, enums as the schema spells them (<c>PROFESSIONAL_INTERVENTION</c>), indented,
/// and readable as UTF-8 text — only what JSON itself requires is escaped (quotation mark, backslash, control
/// characters), so Chinese names and notes, including characters beyond the Basic Multilingual Plane (rare characters of
/// names, CJK Extension B and later), appear as written, never as <c>\u…</c> escapes (docs/access.md "Data-rights export").
/// The document is a string value returned to an authenticated API caller, never embedded in a web page, so the HTML-safe
/// escaping of the default encoder buys nothing here.
/// </summary>
public static partial class ExportDocument
{
    /// <summary>The serializer options of exports.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper) }, // the schema's spellings: MALE, GRANTED, HIGH
    };

    /// <summary><paramref name="value"/> as export JSON (see the type's summary).</summary>
    public static string Serialize<T>(T value) =>
        // The relaxed encoder still writes a character beyond the BMP as an escaped surrogate pair; a valid pair is put back
        // as the character itself. The lookbehind keeps "\\uD842…" (an escaped backslash followed by text) as it is.
        EscapedPair().Replace(JsonSerializer.Serialize(value, Options), m =>
            char.ConvertFromUtf32(char.ConvertToUtf32((char)Convert.ToInt32(m.Groups[1].Value, 16), (char)Convert.ToInt32(m.Groups[2].Value, 16))));

    [GeneratedRegex(@"(?<=(?:^|[^\\])(?:\\\\)*)\\u(D[89AB][0-9A-F]{2})\\u(D[C-F][0-9A-F]{2})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EscapedPair();
}
