using CareGrid.GraphApi.Auth;
using Microsoft.Extensions.Options;

namespace CareGrid.Silo;

/// <summary>Runs the service: one host with the Orleans silo and the GraphQL API (<see cref="SiloHostingExtensions"/>).</summary>
public static class CareGridService
{
    /// <summary>
    /// Builds and runs the host with <paramref name="hostArgs"/> until it stops; 0 then. A configuration value that fails its
    /// check (or does not convert to its type) stops the start before any port is opened: each failure, naming its key, is
    /// printed on <paramref name="stderr"/> and the result is 1.
    /// </summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> hostArgs, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(hostArgs);
        ArgumentNullException.ThrowIfNull(stderr);
        try
        {
            var builder = WebApplication.CreateBuilder([.. hostArgs]);
            // Errors (such as a start refused by configuration) go to stderr, the rest of the log to stdout.
            builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Error);
            builder.AddCareGrid();
            var app = builder.Build();
            app.UseCareGrid();
            await app.RunAsync();
            return 0;
        }
        catch (Exception e) when (ConfigurationFailures(e) is { Count: > 0 } failures)
        {
            return Refuse(stderr, failures);
        }
    }

    /// <summary>
    /// The failures of a start stopped by configuration: an <see cref="OptionsValidationException"/>'s, the binder's message for
    /// a value that does not convert (it names the key), a development signing key file that is not used
    /// (<see cref="DevelopmentKeyFileException"/>: others can read it, or it holds no usable key), or all of an <see cref="AggregateException"/> of these; empty otherwise.
    /// </summary>
    public static IReadOnlyList<string> ConfigurationFailures(Exception exception) => exception switch
    {
        OptionsValidationException options => [.. options.Failures],
        DevelopmentKeyFileException key => [key.Message],
        InvalidOperationException { Source: "Microsoft.Extensions.Configuration.Binder" } => [exception.Message],
        AggregateException many when many.InnerExceptions.All(e => ConfigurationFailures(e).Count > 0) =>
            [.. many.InnerExceptions.SelectMany(ConfigurationFailures)],
        _ => [],
    };

    private static int Refuse(TextWriter stderr, IEnumerable<string> failures)
    {
        stderr.WriteLine("CareGrid 未启动：配置有误。 / CareGrid did not start: the configuration is invalid.");
        foreach (var failure in failures)
        {
            stderr.WriteLine("  " + failure.Replace("\n", "\n  ", StringComparison.Ordinal));
        }

        stderr.WriteLine("见 docs/operations.md 的配置表。 / See the configuration table in docs/operations.md.");
        return 1;
    }
}
