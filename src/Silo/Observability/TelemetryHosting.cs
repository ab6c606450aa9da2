using CareGrid.Grains.Telemetry;
using CareGrid.GraphApi.Telemetry;
using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CareGrid.Silo.Observability;

/// <summary>
/// Traces, metrics and logs (docs/observability.md "Telemetry"). Logs are always redacted: values classified
/// <see cref="CareGridTaxonomy.Personal"/> are erased before any logger sees them; staff subjects in grain ids are scrubbed
/// on the console (<see cref="CareGridConsoleFormatter"/>) and, when exported, in traces and logs. OpenTelemetry runs only when an OTLP
/// endpoint is configured by the standard variables (<see cref="IsExportConfigured"/>); otherwise no listener exists and the
/// request path pays nothing for it.
/// </summary>
public static class TelemetryHosting
{
    /// <summary>The Orleans activity sources of grain calls (application grains and system targets).</summary>
    public static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <summary>Orleans' meter (messaging, grain counts, directory, storage latencies).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>Service name of the exported resource when <c>OTEL_SERVICE_NAME</c> is not set.</summary>
    public const string DefaultServiceName = "caregrid";

    /// <summary>
    /// The OpenTelemetry specification's endpoint variables; export is on when one is set (as an environment variable or any
    /// other configuration source) and <c>OTEL_SDK_DISABLED</c> is not <c>true</c>.
    /// </summary>
    public static readonly string[] EndpointKeys =
    [
        "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT",
    ];

    /// <summary>True when an OTLP endpoint is configured and the SDK is not disabled (see <see cref="EndpointKeys"/>).</summary>
    public static bool IsExportConfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.Equals(configuration["OTEL_SDK_DISABLED"], "true", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return EndpointKeys.Any(key => !string.IsNullOrWhiteSpace(configuration[key]));
    }

    /// <summary>
    /// Adds log redaction, the process's one <see cref="SubjectScrubber"/> (a singleton) and the scrubbing console formatter
    /// (<see cref="ConsoleLogHosting.AddCareGridConsoleFormatter"/>) and, when export is configured, OpenTelemetry: traces of ASP.NET Core (health probes and the
    /// dashboard's polling left out), outgoing HTTP, GraphQL operations (<see cref="GraphQLTelemetry"/>) and Orleans grain calls;
    /// metrics of ASP.NET Core, HTTP, the .NET runtime, Orleans and <see cref="CareGridMetrics"/>; logs; all to OTLP as the
    /// <c>OTEL_EXPORTER_OTLP_*</c> variables say (protocol, headers, per-signal endpoints).
    /// </summary>
    public static WebApplicationBuilder AddCareGridTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Logging.EnableRedaction();
        builder.Services.PostConfigure<LoggerFilterOptions>(HostingLogFloor.Apply); // query strings out of every log (docs/observability.md "Logs")
        var scrubber = new SubjectScrubber(); // one key per process: a grain's token is the same on the console, in traces and in logs
        builder.Services.AddSingleton(scrubber);
        builder.Logging.AddCareGridConsoleFormatter(); // no staff subject on the console, whatever the configuration says
        builder.Services.AddRedaction(redaction => redaction.SetRedactor<ErasingRedactor>(new DataClassificationSet(CareGridTaxonomy.Personal)));
        if (!IsExportConfigured(builder.Configuration))
        {
            return builder;
        }

        var named = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"]);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                if (!named)
                {
                    resource.AddService(DefaultServiceName);
                }
            })
            .WithTracing(tracing => tracing
                .AddProcessor(new GrainIdScrubbingProcessor(scrubber)) // before the exporter: no staff subject leaves (docs/observability.md "Traces")
                .AddSource(GraphQLTelemetry.SourceName)
                .AddSource(OrleansSources)
                .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = context => !IsOperatorPath(context.Request.Path))
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(CareGridMetrics.MeterName, OrleansMeter)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation())
            .WithLogging(logging => logging.AddProcessor(new LogScrubbingProcessor(scrubber))) // nor in a log record (docs/observability.md "Logs")
            .UseOtlpExporter();
        return builder;
    }

    /// <summary>Orleans side: grain calls carry the current trace (W3C trace context) when export is configured.</summary>
    public static ISiloBuilder AddCareGridTelemetry(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        if (IsExportConfigured(configuration))
        {
            silo.AddActivityPropagation();
        }

        return silo;
    }

    /// <summary>The health probes and the dashboard: polled all the time, never traced.</summary>
    private static bool IsOperatorPath(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments(DashboardHosting.Path, StringComparison.OrdinalIgnoreCase);
}
