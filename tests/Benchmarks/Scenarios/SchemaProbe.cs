using System.Text;
using System.Text.Json.Nodes;

namespace CareGrid.Benchmarks.Scenarios;

/// <summary>
/// Reads the silo's schema by introspection at run time, so the statistics scenarios select every field the schema has
/// now (helpers keep adding figures to <c>TenantStatistics</c>) and detect fields that are not on main yet.
/// </summary>
internal sealed class SchemaProbe(CareGridApi api, Uri uri, string token)
{
    /// <summary>Most nesting of object types in a generated selection (well under <c>GraphQL:Limits:MaxDepth</c>, 12).</summary>
    private const int MaxNesting = 6;

    private const string TypeQuery = """
        query($n: String!) { __type(name: $n) { name kind fields { name args { name defaultValue type { kind name ofType { kind name ofType { kind name } } } }
          type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } } } } }
        """;

    private readonly Dictionary<string, JsonObject?> _types = new(StringComparer.Ordinal);

    /// <summary>The field <paramref name="field"/> of type <paramref name="typeName"/>, or null when the schema lacks it.</summary>
    public async Task<JsonObject?> FieldAsync(string typeName, string field)
    {
        var type = await TypeAsync(typeName);
        return type?["fields"]?.AsArray().OfType<JsonObject>().FirstOrDefault(f => (string?)f["name"] == field);
    }

    /// <summary>
    /// A selection set (<c>{ … }</c>) of every field of <paramref name="typeName"/> that needs no argument, object fields
    /// expanded in turn (interfaces and unions as <c>__typename</c>), a type already on the path not entered again.
    /// </summary>
    public async Task<string> SelectionAsync(string typeName)
    {
        var text = new StringBuilder();
        await AppendAsync(text, typeName, [typeName]);
        return text.ToString();
    }

    /// <summary>The names of the fields of <paramref name="typeName"/> (for the report).</summary>
    public async Task<IReadOnlyList<string>> FieldNamesAsync(string typeName) =>
        (await TypeAsync(typeName))?["fields"]?.AsArray().OfType<JsonObject>().Select(f => (string)f["name"]!).ToList() ?? [];

    /// <summary>The named type under the list and non-null wrappers of a <c>type</c> object: (kind, name).</summary>
    public static (string Kind, string Name) Named(JsonNode? type)
    {
        while (type is not null && (string?)type["name"] is null)
        {
            type = type["ofType"];
        }

        return ((string?)type?["kind"] ?? "SCALAR", (string?)type?["name"] ?? "String");
    }

    /// <summary>A type reference as written in a variable definition, e.g. <c>StatisticsPeriodInput</c> or <c>[ID!]!</c>.</summary>
    public static string TypeRef(JsonNode? type) => (string?)type?["kind"] switch
    {
        "NON_NULL" => TypeRef(type!["ofType"]) + "!",
        "LIST" => "[" + TypeRef(type!["ofType"]) + "]",
        _ => (string?)type?["name"] ?? "String",
    };

    /// <summary>True when the argument must be given (non-null without a default).</summary>
    public static bool IsRequired(JsonNode arg) => (string?)arg["type"]?["kind"] == "NON_NULL" && arg["defaultValue"] is null;

    private async Task AppendAsync(StringBuilder text, string typeName, List<string> path)
    {
        var type = await TypeAsync(typeName) ?? throw new InvalidOperationException($"Type {typeName} is not in the schema.");
        text.Append("{ ");
        foreach (var field in type["fields"]!.AsArray().OfType<JsonObject>())
        {
            if (field["args"]!.AsArray().Any(a => IsRequired(a!)))
            {
                continue;
            }

            var name = (string)field["name"]!;
            var (kind, named) = Named(field["type"]);
            switch (kind)
            {
                case "OBJECT" when path.Contains(named) || path.Count >= MaxNesting:
                    continue;
                case "OBJECT":
                    text.Append(name).Append(' ');
                    path.Add(named);
                    await AppendAsync(text, named, path);
                    path.RemoveAt(path.Count - 1);
                    break;
                case "INTERFACE" or "UNION":
                    text.Append(name).Append(" { __typename } ");
                    break;
                default:
                    text.Append(name).Append(' ');
                    break;
            }
        }

        text.Append("} ");
    }

    private async Task<JsonObject?> TypeAsync(string name)
    {
        if (!_types.TryGetValue(name, out var type))
        {
            var answer = JsonNode.Parse(await api.CallAsync(uri, token, TypeQuery, new { n = name }));
            _types[name] = type = answer?["data"]?["__type"] as JsonObject;
        }

        return type;
    }
}
