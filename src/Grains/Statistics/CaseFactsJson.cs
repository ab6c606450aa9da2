using System.Text.Json;
using System.Text.Json.Serialization;

namespace CareGrid.Grains.Statistics;

/// <summary>
/// <see cref="CaseFacts"/> as the JSON of the read side's <c>Facts</c> column (Azure Table storage, docs/statistics.md
/// "Timeliness"): camelCase members, enums by name, instants in ISO 8601. The facts' bounds keep it under
/// <see cref="MaxChars"/>, the 64 KiB limit of a table string property.
/// </summary>
public static class CaseFactsJson
{
    /// <summary>The most characters of a table string property (64 KiB of UTF-16).</summary>
    public const int MaxChars = 32 * 1024;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The JSON of <paramref name="facts"/>.</summary>
    public static string Write(CaseFacts facts) => JsonSerializer.Serialize(facts, Options);

    /// <summary>The facts of <paramref name="json"/>; <see cref="InvalidDataException"/> when it is not facts JSON.</summary>
    public static CaseFacts Read(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<CaseFacts>(json, Options) ?? throw new InvalidDataException("A case row's Facts column is null JSON.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException("A case row's Facts column is not facts JSON: " + ex.Message, ex);
        }
    }
}
