using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Console;

namespace CareGrid.Silo.Observability;

/// <summary>
/// Keeps staff subjects off the console log (docs/observability.md "Logs"): the console provider writes with
/// <see cref="CareGridConsoleFormatter"/>, whatever the configuration says.
/// </summary>
public static class ConsoleLogHosting
{
    /// <summary>
    /// Registers <see cref="CareGridConsoleFormatter"/> (options bound from <c>Logging:Console:FormatterOptions</c>) and, after every
    /// configuration source and on every reload, sets <see cref="ConsoleLoggerOptions.FormatterName"/> to
    /// <see cref="CareGridConsoleFormatter.FormatterName"/>: <c>Logging:Console:FormatterName</c> (<c>simple</c>, <c>json</c>,
    /// <c>systemd</c>, …) has no effect, so configuration cannot turn the scrubbing off. Uses the <see cref="SubjectScrubber"/>
    /// registered in the services (one is added when none is, but the service registers the one its telemetry uses, so a grain's
    /// token is the same on the console and in the exported traces and logs) and the unkeyed <see cref="TimeProvider"/>
    /// (<see cref="TimeProvider.System"/> when none is registered) for timestamps. Adds no console provider itself.
    /// </summary>
    public static ILoggingBuilder AddCareGridConsoleFormatter(this ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.AddConsoleFormatter<CareGridConsoleFormatter, CareGridConsoleFormatterOptions>();
        logging.Services.TryAddSingleton<SubjectScrubber>();
        logging.Services.TryAddSingleton(TimeProvider.System);
        logging.Services.PostConfigure<ConsoleLoggerOptions>(options => options.FormatterName = CareGridConsoleFormatter.FormatterName);
        return logging;
    }
}
