using System.Diagnostics.Metrics;

namespace CareGrid.Grains.Telemetry;

/// <summary>
/// The storage request meter, <see cref="MeterName"/> (docs/observability.md "Metrics", docs/storage-requests.md): one
/// counter, <see cref="RequestsName"/>, incremented once per HTTP request the Azure SDK sends to Table storage (each retry
/// is a request), by <see cref="StorageRequestPolicy"/>. Tags: <c>table</c> (the table's name, or <c>(service)</c> for
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

    /// <summary>True when a listener collects the counter (the policy then works out the tags; else it does nothing).</summary>
    internal static bool Enabled => Requests.Enabled;

    /// <summary>Counts one request to <paramref name="table"/> with HTTP method or <c>batch</c> <paramref name="operation"/>.</summary>
    internal static void Request(string table, string operation, bool critical) =>
        Requests.Add(1,
            new KeyValuePair<string, object?>("table", table),
            new KeyValuePair<string, object?>("operation", operation),
            new KeyValuePair<string, object?>("critical", critical ? "true" : "false"));
}
