using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CareGrid.Grains.Telemetry;

namespace CareGrid.Tests.Durable;

/// <summary>
/// Listens to the <c>CareGrid.Storage</c> meter in this process (<see cref="StorageMetrics"/>) and keeps every request it
/// counts: table, operation, critical, and — when <c>withCallers</c> — the sending code's stack (the measurement callback
/// runs on the thread that sends the request), for the storage request lists of docs/storage-requests.md.
/// </summary>
public sealed class StorageRequestRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<StorageRequest> _requests = new();
    private readonly bool _withCallers;

    public StorageRequestRecorder(bool withCallers = false)
    {
        _withCallers = withCallers;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == StorageMetrics.MeterName && instrument.Name == StorageMetrics.RequestsName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();
    }

    /// <summary>The requests counted since the last <see cref="Take"/>, oldest first, and forgets them.</summary>
    public List<StorageRequest> Take()
    {
        var taken = new List<StorageRequest>();
        while (_requests.TryDequeue(out var request))
        {
            taken.Add(request);
        }

        return taken;
    }

    public void Dispose() => _listener.Dispose();

    private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        string table = "", operation = "", critical = "";
        foreach (var tag in tags)
        {
            switch (tag.Key)
            {
                case "table": table = (string)tag.Value!; break;
                case "operation": operation = (string)tag.Value!; break;
                case "critical": critical = (string)tag.Value!; break;
            }
        }

        for (var i = 0; i < value; i++)
        {
            _requests.Enqueue(new StorageRequest(table, operation, critical == "true", _withCallers ? Callers() : ""));
        }
    }

    /// <summary>The innermost Orleans frame and the CareGrid frames of the current stack, innermost first (the Azure SDK's own frames left out).</summary>
    private static string Callers()
    {
        var frames = Environment.StackTrace.Split('\n')
            .Select(l => l.Trim())
            .Where(l => !l.Contains("StorageRequestRecorder", StringComparison.Ordinal) && !l.Contains("Telemetry.Storage", StringComparison.Ordinal))
            .Select(l => l.StartsWith("at ", StringComparison.Ordinal) ? l[3..].Split(" in ")[0].Split('(')[0] : "")
            .Distinct()
            .ToList();
        var orleans = frames.Where(f => f.StartsWith("Orleans.", StringComparison.Ordinal)).Take(1);
        var ours = frames.Where(f => f.StartsWith("CareGrid.", StringComparison.Ordinal)).Take(4);
        return string.Join(" < ", orleans.Concat(ours));
    }
}

/// <summary>One counted storage request.</summary>
public sealed record StorageRequest(string Table, string Operation, bool Critical, string Callers)
{
    public override string ToString() => $"{(Critical ? "critical  " : "background")} {Operation,-6} {Table}" + (Callers.Length > 0 ? "  ← " + Callers : "");
}
