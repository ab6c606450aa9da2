using System.CommandLine;
using CareGrid.GraphApi.Schema;
using GraphQL.Types;

namespace CareGrid.Silo.Cli;

/// <summary>
/// <c>schema</c>: prints the served GraphQL schema as SDL (<see cref="SchemaSdl"/>) alone on stdout, without starting the
/// service or opening a port: the host is built as <c>dotnet run --project src/Silo</c> builds it, and only the schema
/// is read from it. <c>dotnet run --project src/Silo -- schema &gt; schema.graphql</c> regenerates the committed file that
/// the console's types are generated from (docs/console.md "Schema"). Exit code 0.
/// </summary>
public static class SchemaVerb
{
    /// <summary>The <c>schema</c> command.</summary>
    public static Command Create()
    {
        var command = new Command("schema",
            "打印 GraphQL 模式（SDL），即仓库根目录的 schema.graphql。 / Print the GraphQL schema (SDL), the repository's schema.graphql.");
        command.SetAction(parse =>
        {
            parse.InvocationConfiguration.Output.Write(Sdl());
            return CareGridCommandLine.Ok;
        });
        return command;
    }

    /// <summary>The SDL of the schema the service serves on its embedded default.</summary>
    public static string Sdl()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = ["--Seed:Demo=false", "--Logging:LogLevel:Default=None"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.AddCareGrid();
        using var app = builder.Build();
        return SchemaSdl.Print(app.Services.GetRequiredService<ISchema>());
    }
}
