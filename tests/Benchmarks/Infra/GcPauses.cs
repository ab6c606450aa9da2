using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace CareGrid.Benchmarks.Infra;

/// <summary>
/// What the garbage collector did in a server process during one measured run: how many collections, how many of them
/// were blocking generation-2 collections, and the pauses (execution engine suspended → restarted, so the time every
/// request thread stood still) — their count, sum and longest, in milliseconds.
/// </summary>
internal sealed record GcSummary(int Collections, int BlockingGen2, int Pauses, double TotalPauseMs, double MaxPauseMs, int MaxPauseGeneration)
{
    /// <summary>Generation-2 collections of any type, background ones included (their work runs beside the requests, not in a pause).</summary>
    public int Gen2 { get; init; }

    /// <summary>
    /// Bytes the process allocated during the run, summed from the runtime's allocation ticks (one about every 100 KB
    /// allocated, each carrying the amount since the last): exact to within one tick per heap and kind.
    /// </summary>
    public long AllocatedBytes { get; init; }
}

/// <summary>
/// Watches a .NET process's garbage collections from outside, over an EventPipe session with the runtime's GC events
/// (provider <c>Microsoft-Windows-DotNETRuntime</c>, keyword GC, verbose: a handful of events per collection, as
/// <c>dotnet-trace --profile gc-collect</c> records, and the allocation ticks, one about every 100 KB allocated, without
/// stacks), to tell a latency tail caused by a GC pause from one that is not, and what the requests allocated.
/// Nothing is added to the watched process. Start it before a run and <see cref="StopAsync"/> it after.
/// </summary>
internal sealed class GcPauses : IAsyncDisposable
{
    private const string Provider = "Microsoft-Windows-DotNETRuntime";
    private const long GcKeyword = 0x1;

    private readonly EventPipeListening _listening;
    private readonly Lock _gate = new();
    private double? _suspendedAtMs;
    private int _generation;
    private int _collections;
    private int _blockingGen2;
    private int _gen2;
    private int _pauses;
    private double _totalPauseMs;
    private double _maxPauseMs;
    private int _maxPauseGeneration;
    private long _allocated;

    private GcPauses(EventPipeSession session)
    {
        _listening = new EventPipeListening(session, source =>
        {
            var clr = new ClrTraceEventParser(source);
            clr.GCStart += OnStart;
            clr.GCSuspendEEStart += e => Suspended(e.TimeStampRelativeMSec);
            clr.GCRestartEEStop += e => Restarted(e.TimeStampRelativeMSec);
            clr.GCAllocationTick += e => Interlocked.Add(ref _allocated, e.AllocationAmount64);
        });
    }

    /// <summary>Opens the session on <paramref name="pid"/>; null (and nothing watched) when the process cannot be reached.</summary>
    public static GcPauses? TryStart(int pid)
    {
        try
        {
            var provider = new EventPipeProvider(Provider, EventLevel.Verbose, GcKeyword);
            return new GcPauses(new DiagnosticsClient(pid).StartEventPipeSession([provider], requestRundown: false, circularBufferMB: 16));
        }
        catch (Exception ex) when (ex is ServerNotAvailableException or ServerErrorException or IOException or TimeoutException or UnsupportedCommandException)
        {
            return null;
        }
    }

    /// <summary>Stops the session, waits for its last events and returns what it saw.</summary>
    public async Task<GcSummary> StopAsync()
    {
        await DisposeAsync();
        lock (_gate)
        {
            return new GcSummary(_collections, _blockingGen2, _pauses, _totalPauseMs, _maxPauseMs, _maxPauseGeneration) { Gen2 = _gen2, AllocatedBytes = Interlocked.Read(ref _allocated) };
        }
    }

    private void OnStart(GCStartTraceData e)
    {
        lock (_gate)
        {
            _collections++;
            _generation = e.Depth;
            if (e.Depth == 2)
            {
                _gen2++;
            }

            if (e.Depth == 2 && e.Type != GCType.BackgroundGC)
            {
                _blockingGen2++;
            }
        }
    }

    private void Suspended(double atMs)
    {
        lock (_gate)
        {
            _suspendedAtMs = atMs;
            _generation = -1;
        }
    }

    private void Restarted(double atMs)
    {
        lock (_gate)
        {
            if (_suspendedAtMs is not { } start)
            {
                return;
            }

            var pause = atMs - start;
            _suspendedAtMs = null;
            _pauses++;
            _totalPauseMs += pause;
            if (pause > _maxPauseMs)
            {
                _maxPauseMs = pause;
                _maxPauseGeneration = _generation;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _listening.DisposeAsync();
}
