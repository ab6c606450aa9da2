using System.Net;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CareGrid.Benchmarks.Servers;

/// <summary>
/// The HTTP ceiling: a minimal ASP.NET Core app (slim builder, one minimal-API endpoint) that answers
/// <c>GET /json</c> with a small JSON document serialized per request. Runs in its own process
/// (<c>CareGrid.Benchmarks serve-json --port N</c>), never in the load generator's.
/// </summary>
internal static class MinimalJsonServer
{
    /// <summary>The verb that runs this server instead of the benchmark.</summary>
    public const string Verb = "serve-json";

    /// <summary>Runs until stopped (SIGTERM).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var port = int.Parse(args.SkipWhile(a => a != "--port").Skip(1).First(), System.Globalization.CultureInfo.InvariantCulture);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, MinimalJsonContext.Default));
        var app = builder.Build();
        app.MapGet("/json", () => TypedResults.Ok(new Greeting("Hello, World!")));
        app.MapGet("/health", () => TypedResults.Ok(new Greeting("ok")));
        await app.RunAsync();
        return 0;
    }
}

/// <summary>The document the minimal endpoint returns.</summary>
internal sealed record Greeting(string Message);

/// <summary>Source-generated JSON for <see cref="Greeting"/>.</summary>
[JsonSerializable(typeof(Greeting))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class MinimalJsonContext : JsonSerializerContext;
