using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace CareGrid.Benchmarks.Infra;

/// <summary>One time series of the storage request counter: its tags.</summary>
internal readonly record struct StorageSeries(string Table, string Operation, bool Critical);

/// <summary>
/// Listens to the silo's <c>CareGrid.Storage</c> meter (counter <c>caregrid.storage.requests</c>, tags <c>table</c>,
/// <c>operation</c>, <c>critical</c>; see docs/storage-requests.md) from outside, over an EventPipe session with the
/// runtime's <c>System.Diagnostics.Metrics</c> event source (as <c>dotnet-counters</c> does): every refresh interval the
/// silo publishes each series' increment, and this sums them. Nothing is added to the silo for it.
/// </summary>
internal sealed class StorageMeter : IAsyncDisposable
{
    /// <summary>The meter's name (the contract with the silo).</summary>
    public const string MeterName = "CareGrid.Storage";

    /// <summary>The counter's name.</summary>
    public const string CounterName = "caregrid.storage.requests";

    /// <summary>The histogram of each API request's critical depth (sequential critical round trips, an upper bound from timing).</summary>
    public const string DepthName = "caregrid.storage.critical_depth";

    private const string Provider = "System.Diagnostics.Metrics";
    private const long TimeSeriesValues = 0x2, Messages = 0x1;

    private readonly EventPipeListening _listening;
    private readonly Lock _gate = new();
    private readonly Dictionary<StorageSeries, double> _totals = [];
    private long _depthCount;
    private double _depthSum;
    private readonly string _sessionId;
    private DateTime _lastPublished = DateTime.MinValue;
    private DateTime _lastChange = DateTime.UtcNow;
    private string? _error;

    private StorageMeter(EventPipeSession session, string sessionId)
    {
        _sessionId = sessionId;
        _listening = new EventPipeListening(session, source => source.Dynamic.All += OnEvent);
    }

    /// <summary>Opens the session on <paramref name="pid"/> (refresh every <paramref name="refreshSeconds"/> s).</summary>
    public static StorageMeter Start(int pid, double refreshSeconds = 1)
    {
        var id = Guid.NewGuid().ToString("N");
        var arguments = new Dictionary<string, string>
        {
            ["SessionId"] = id,
            // Only the counter and the depth histogram (the per-request duration histogram would cost the silo quantiles).
            ["Metrics"] = $"{MeterName}\\{CounterName},{MeterName}\\{DepthName}",
            ["RefreshInterval"] = refreshSeconds.ToString(CultureInfo.InvariantCulture),
            ["MaxTimeSeries"] = "1000",
            ["MaxHistograms"] = "10",
        };
        var provider = new EventPipeProvider(Provider, EventLevel.Informational, TimeSeriesValues | Messages, arguments);
        var session = new DiagnosticsClient(pid).StartEventPipeSession([provider], requestRundown: false, circularBufferMB: 32);
        return new StorageMeter(session, id);
    }

    /// <summary>True once the silo has published at least one interval of the counter's values.</summary>
    public bool Publishing
    {
        get
        {
            lock (_gate)
            {
                return _lastPublished > DateTime.MinValue;
            }
        }
    }

    /// <summary>An error the event source reported (e.g. another session already listening), or null.</summary>
    public string? Error
    {
        get
        {
            lock (_gate)
            {
                return _error;
            }
        }
    }

    /// <summary>The requests counted so far, by series.</summary>
    public Dictionary<StorageSeries, double> Snapshot()
    {
        lock (_gate)
        {
            return new Dictionary<StorageSeries, double>(_totals);
        }
    }

    /// <summary>The API requests whose critical depth the silo recorded so far, and the sum of their depths.</summary>
    public (long Count, double Sum) Depths()
    {
        lock (_gate)
        {
            return (_depthCount, _depthSum);
        }
    }

    /// <summary>
    /// Waits until the silo has published and no request was counted for <paramref name="quiet"/> (background flushes
    /// done), at most <paramref name="bound"/>; returns false when the bound was reached first.
    /// </summary>
    public async Task<bool> WaitQuietAsync(TimeSpan quiet, TimeSpan bound)
    {
        var deadline = DateTime.UtcNow + bound;
        while (DateTime.UtcNow < deadline)
        {
            lock (_gate)
            {
                if (_lastPublished - _lastChange >= quiet)
                {
                    return true;
                }
            }

            await Task.Delay(200);
        }

        return false;
    }

    private void OnEvent(TraceEvent e)
    {
        if (e.ProviderName != Provider)
        {
            return;
        }

        if (e.EventName is "Error" or "MultipleSessionsNotSupportedError" or "MultipleSessionsConfiguredIncorrectlyError" or "TimeSeriesLimitReached")
        {
            lock (_gate)
            {
                _error ??= e.EventName + ": " + (e.PayloadByName("errorMessage") as string ?? "");
            }

            return;
        }

        if (e.EventName == "HistogramValuePublished" && e.PayloadByName("sessionId") as string == _sessionId
            && e.PayloadByName("meterName") as string == MeterName && e.PayloadByName("instrumentName") as string == DepthName)
        {
            // Each interval's count and sum of the recorded depths (the event's fields since .NET 8).
            var count = Convert.ToInt64(e.PayloadByName("count") ?? 0, CultureInfo.InvariantCulture);
            var sum = Convert.ToDouble(e.PayloadByName("sum") ?? 0.0, CultureInfo.InvariantCulture);
            lock (_gate)
            {
                _depthCount += count;
                _depthSum += sum;
            }

            return;
        }

        if (e.EventName != "CounterRateValuePublished" || e.PayloadByName("sessionId") as string != _sessionId
            || e.PayloadByName("meterName") as string != MeterName || e.PayloadByName("instrumentName") as string != CounterName)
        {
            return;
        }

        var rate = double.TryParse(e.PayloadByName("rate") as string, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) ? r : 0;
        var series = ParseTags(e.PayloadByName("tags") as string ?? "");
        lock (_gate)
        {
            _lastPublished = DateTime.UtcNow;
            if (rate > 0)
            {
                _totals[series] = _totals.GetValueOrDefault(series) + rate;
                _lastChange = DateTime.UtcNow;
            }
        }
    }

    private static StorageSeries ParseTags(string tags)
    {
        string table = "?", operation = "?";
        var critical = false;
        foreach (var pair in tags.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var value = kv.Length > 1 ? kv[1] : "";
            switch (kv[0])
            {
                case "table": table = value; break;
                case "operation": operation = value; break;
                case "critical": critical = value.Equals("true", StringComparison.OrdinalIgnoreCase); break;
            }
        }

        return new StorageSeries(table, operation, critical);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _listening.DisposeAsync();
}
