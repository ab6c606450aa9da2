using GraphQL;
using GraphQL.Types;
using GraphQL.Utilities;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// The served schema as GraphQL SDL, the text of <c>schema.graphql</c> at the repository root (docs/console.md "Schema"):
/// types, fields, arguments and enum values sorted by ordinal name, descriptions and deprecation reasons included,
/// <c>\n</c> line ends and one final newline, so the same schema always prints the same bytes.
/// </summary>
public static class SchemaSdl
{
    /// <summary>Prints <paramref name="schema"/> (initializing it first when needed).</summary>
    public static string Print(ISchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        schema.Initialize();
        var sdl = schema.Print(new PrintOptions
        {
            IncludeDescriptions = true,
            IncludeDeprecationReasons = true,
            StringComparison = StringComparison.Ordinal,
        });
        return sdl.ReplaceLineEndings("\n").TrimEnd('\n') + "\n";
    }
}
