using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using CareGrid.Grains.Telemetry;

namespace CareGrid.Tests.Durable;

/// <summary>
/// Listens to the <c>CareGrid.Storage</c> meter in this process (<see cref="StorageMetrics"/>) and keeps every request it
/// counts: table, operation, critical, and — when <c>withCallers</c> — the sending code's stack (the measurement callback
/// runs on the thread that sends the request), for the storage request lists of docs/storage-requests.md. It also keeps
/// each finished request's interval (the duration histogram), from which <see cref="CriticalDepth"/> measures how many
/// critical round trips a command waited for one after another.
/// </summary>
public sealed class StorageRequestRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<StorageRequest> _requests = new();
    private readonly ConcurrentQueue<StorageInterval> _intervals = new();
    private readonly ConcurrentQueue<int> _depths = new();
    private readonly bool _withCallers;
    private readonly Func<string?>? _grain;

    /// <param name="withCallers">Keep each request's sending stack (and grain, below) for printing.</param>
    /// <param name="grain">
    /// With <paramref name="withCallers"/>: the id of the grain whose turn sends the request, read on the sending thread
    /// (for example from the silo's <c>IGrainContextAccessor</c>); null outside a grain. It attributes the activation
    /// reads and first inserts, whose stacks hold no CareGrid frame.
    /// </param>
    public StorageRequestRecorder(bool withCallers = false, Func<string?>? grain = null)
    {
        _withCallers = withCallers;
        _grain = grain;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == StorageMetrics.MeterName && instrument.Name is StorageMetrics.RequestsName or StorageMetrics.DurationName or StorageMetrics.DepthName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.SetMeasurementEventCallback<double>(OnDuration);
        _listener.SetMeasurementEventCallback<int>((_, depth, _, _) => _depths.Enqueue(depth));
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

    /// <summary>The finished requests' intervals since the last call, and forgets them.</summary>
    public List<StorageInterval> TakeIntervals()
    {
        var taken = new List<StorageInterval>();
        while (_intervals.TryDequeue(out var interval))
        {
            taken.Add(interval);
        }

        return taken;
    }

    /// <summary>The critical depths the silo recorded per API request (<see cref="StorageCommandDepth"/>) since the last call, and forgets them.</summary>
    public List<int> TakeDepths()
    {
        var taken = new List<int>();
        while (_depths.TryDequeue(out var depth))
        {
            taken.Add(depth);
        }

        return taken;
    }

    /// <summary>
    /// The number of critical requests a command waited for one after another: a request's depth is one more than the
    /// deepest critical request that had finished before it was sent (requests under way at the same time share a depth);
    /// the command's depth is the deepest request's. Exact for one command at a time (every critical request is awaited
    /// before the command answers, so all of them are among <paramref name="intervals"/>); 0 without critical requests.
    /// </summary>
    public static int CriticalDepth(IEnumerable<StorageInterval> intervals) =>
        StorageCommandDepth.Measure(intervals.Where(i => i.Critical).Select(i => (i.Start, i.End)));

    public void Dispose() => _listener.Dispose();

    private void OnDuration(Instrument instrument, double seconds, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        var (table, operation, critical) = Tags(tags);
        var end = Stopwatch.GetTimestamp();
        var start = end - (long)(seconds * Stopwatch.Frequency);
        _intervals.Enqueue(new StorageInterval(table, operation, critical, start, end));
    }

    private static (string Table, string Operation, bool Critical) Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
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

        return (table, operation, critical == "true");
    }

    private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        var (table, operation, critical) = Tags(tags);
        for (var i = 0; i < value; i++)
        {
            _requests.Enqueue(new StorageRequest(table, operation, critical, _withCallers ? Callers() : "", _withCallers ? _grain?.Invoke() ?? "" : ""));
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

/// <summary>One counted storage request; <paramref name="Grain"/> is the sending grain's id when the recorder was asked for it, else empty.</summary>
public sealed record StorageRequest(string Table, string Operation, bool Critical, string Callers, string Grain = "")
{
    /// <summary>The grain type of <see cref="Grain"/> (the part before its first '/'), or empty.</summary>
    public string GrainType => Grain.Split('/')[0];

    public override string ToString() =>
        $"{(Critical ? "critical  " : "background")} {Operation,-6} {Table}" + (Grain.Length > 0 ? $" [{Grain}]" : "") + (Callers.Length > 0 ? "  ← " + Callers : "");
}

/// <summary>One finished storage request: its tags and when it was sent and answered (<see cref="Stopwatch"/> timestamps).</summary>
public sealed record StorageInterval(string Table, string Operation, bool Critical, long Start, long End);
