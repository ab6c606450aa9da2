using CareGrid.GraphApi.Schema;
using CareGrid.Silo.Cli;
using CareGrid.Tests.Infrastructure;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Tests.WebConsole;

/// <summary>
/// <c>schema.graphql</c> at the repository root is the schema the service serves (the console's types are generated from
/// it, docs/console.md "Schema"): the test host's schema and the <c>schema</c> verb both print exactly the file.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class SchemaFileShould(CareGridApiFactory factory)
{
    private const string Regenerate =
        "schema.graphql differs from the served schema. Regenerate it from the repository root with\n" +
        "  dotnet run --project src/Silo -- schema > schema.graphql\n" +
        "and commit it (then run `npm run build` in src/Web: the console's types come from it).";

    private static string File => System.IO.File.ReadAllText(Path.Combine(RepoPaths.Root, "schema.graphql")).ReplaceLineEndings("\n");

    [Fact]
    public void Equal_the_schema_the_service_serves()
    {
        var served = SchemaSdl.Print(factory.Services.GetRequiredService<ISchema>());

        Assert.True(served == File, Regenerate + "\nFirst difference: " + FirstDifference(served, File));
    }

    [Fact]
    public void Equal_what_the_schema_verb_prints()
    {
        var printed = SchemaVerb.Sdl();

        Assert.True(printed == File, Regenerate + "\nFirst difference: " + FirstDifference(printed, File));
    }

    private static string FirstDifference(string served, string file)
    {
        var a = served.Split('\n');
        var b = file.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = i < a.Length ? a[i] : "<end>";
            var y = i < b.Length ? b[i] : "<end>";
            if (x != y)
            {
                return $"line {i + 1}: served '{x}', file '{y}'";
            }
        }

        return "none";
    }
}
