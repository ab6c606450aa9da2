using System.Diagnostics.Metrics;

namespace CareGrid.Grains.Telemetry;

/// <summary>
/// The storage request meter, <see cref="MeterName"/> (docs/observability.md "Metrics", docs/storage-requests.md): a
/// counter, <see cref="RequestsName"/>, incremented once per HTTP request the Azure SDK sends to Table storage (each retry
/// is a request), and a histogram, <see cref="DurationName"/>, of each such request's time to its answer, both by
/// <see cref="StorageRequestPolicy"/>; and a histogram, <see cref="DepthName"/>, of each API request's critical depth
/// (<see cref="StorageCommandDepth"/>). Tags: <c>table</c> (the table's name, or <c>(service)</c> for
/// table creation and service calls), <c>operation</c> (the HTTP method, or <c>batch</c> for an entity-group transaction)
/// and <c>critical</c> (<c>true</c> when a command's own awaited work sent it; see <see cref="StorageWork"/>). No tenant,
/// person or key is tagged.
/// </summary>
public static class StorageMetrics
{
    /// <summary>Name of the meter (the benchmark listens to it over EventPipe; add it to a metrics pipeline to export it).</summary>
    public const string MeterName = "CareGrid.Storage";

    /// <summary>Name of the counter of Table storage requests (unit <c>{request}</c>).</summary>
    public const string RequestsName = "caregrid.storage.requests";

    /// <summary>Tag value of <c>table</c> for requests that address the table service rather than one table.</summary>
    public const string ServiceTable = "(service)";

    /// <summary>Tag value of <c>operation</c> for an entity-group transaction (<c>POST $batch</c>).</summary>
    public const string BatchOperation = "batch";

    private static readonly Meter Meter = new(MeterName, typeof(StorageMetrics).Assembly.GetName().Version?.ToString());

    private static readonly Counter<long> Requests = Meter.CreateCounter<long>(
        RequestsName, "{request}", "HTTP requests sent to Azure Table storage, by table, operation and whether a command awaited it.");

    /// <summary>Name of the histogram of Table storage request durations (unit <c>s</c>; same tags as <see cref="RequestsName"/>).</summary>
    public const string DurationName = "caregrid.storage.request.duration";

    private static readonly Histogram<double> Durations = Meter.CreateHistogram<double>(
        DurationName, "s", "Time from sending a Table storage request to its answer (or failure), by table, operation and whether a command awaited it.");

    /// <summary>Name of the histogram of each API request's critical depth (unit <c>{round trip}</c>; no tags; <see cref="StorageCommandDepth"/>).</summary>
    public const string DepthName = "caregrid.storage.critical_depth";

    private static readonly Histogram<int> Depths = Meter.CreateHistogram<int>(
        DepthName, "{round trip}", "Critical Table storage round trips an API request waited for one after another (upper bound from timing).");

    /// <summary>True when a listener collects the critical depth (the API then tracks each request's critical requests).</summary>
    internal static bool DepthEnabled => Depths.Enabled;

    /// <summary>True when a listener collects any of the meter's instruments (the policy then works out the tags; else it does nothing).</summary>
    internal static bool Enabled => Requests.Enabled || Durations.Enabled || Depths.Enabled;

    /// <summary>Records one API request's critical depth.</summary>
    internal static void Depth(int roundTrips) => Depths.Record(roundTrips);

    /// <summary>Counts one request to <paramref name="table"/> with HTTP method or <c>batch</c> <paramref name="operation"/>.</summary>
    internal static void Request(string table, string operation, bool critical) =>
        Requests.Add(1,
            new KeyValuePair<string, object?>("table", table),
            new KeyValuePair<string, object?>("operation", operation),
            new KeyValuePair<string, object?>("critical", critical ? "true" : "false"));

    /// <summary>Records that a request counted by <see cref="Request"/> took <paramref name="seconds"/> until its answer or failure.</summary>
    internal static void Completed(string table, string operation, bool critical, double seconds) =>
        Durations.Record(seconds,
            new KeyValuePair<string, object?>("table", table),
            new KeyValuePair<string, object?>("operation", operation),
            new KeyValuePair<string, object?>("critical", critical ? "true" : "false"));
}
