using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareGrid.Silo;

/// <summary>Settings of <see cref="MemoryTrimmer"/> (configuration section <c>Memory:Trim</c>).</summary>
public sealed class MemoryTrimOptions
{
    /// <summary>Whether the trimmer runs (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the GC's figures are looked at, in seconds (default 30).</summary>
    public double CheckEverySeconds { get; set; } = 30;

    /// <summary>Grain activations that must have been collected since the peak before a trim (default 10,000).</summary>
    public int MinDeactivated { get; set; } = 10_000;

    /// <summary>A trim happens only when activations fell to at most this share of the peak (default 0.5).</summary>
    public double MaxRemainingShare { get; set; } = 0.5;

    /// <summary>
    /// Least time between two trims, in minutes (default 1). A second trim also needs a second wave: after a trim the
    /// peak restarts from the activations left, so another <see cref="MinDeactivated"/> must come and go first. At 5
    /// minutes a wave collected within 5 minutes of the previous trim kept its freed memory committed until the next
    /// check past the interval (measured 2026-12-02 with the benchmark's stored-bytes step, docs/memory.md).
    /// </summary>
    public double MinMinutesBetweenTrims { get; set; } = 1;

    /// <summary>
    /// The quiet trigger (<see cref="MemoryTrimmer.ShouldTrimWhenQuiet"/>): memory the GC keeps committed beyond its heap, in MiB,
    /// that makes a quiet silo trim (default 64). Tenants built one after another are collected as they go, so activations
    /// never fall by <see cref="MinDeactivated"/> at once (durable-scale 12,000, 2026-12-04: no trim at all), yet the freed
    /// memory stays committed.
    /// </summary>
    public int MinUnusedCommittedMiB { get; set; } = 64;

    /// <summary>
    /// Most gen-0 collections during one check interval for the silo to count as quiet (default 2): under load a gen-0
    /// collection runs several times a second, idle almost never, so a blocking collection is taken only when nobody waits.
    /// </summary>
    public int QuietMaxGen0PerCheck { get; set; } = 2;
}

/// <summary>
/// Hands memory back to the operating system after a wave of idle grain deactivations (with 100,000 cases
/// deactivated the live heap was a fraction of the RSS; the dead activations sit in gen2 until a full collection, and
/// the GC keeps what it freed committed). At each check it reads the silo's activation count
/// (<see cref="IManagementGrain.GetTotalActivationCount()"/>); when at least <see cref="MemoryTrimOptions.MinDeactivated"/>
/// activations were collected since the peak and no more than <see cref="MemoryTrimOptions.MaxRemainingShare"/> of the
/// peak remain, it runs one <see cref="GCCollectionMode.Aggressive"/> collection (blocking and compacting; the runtime
/// then decommits what it can) and then asks the C library to hand back the free pages of its own heap
/// (<see cref="NativeHeap.Trim"/>), at most once per <see cref="MemoryTrimOptions.MinMinutesBetweenTrims"/>. Steady churn —
/// grains activated and collected a few thousand at a time — never makes such a wave, so it also trims when the silo is
/// quiet and the GC keeps much more committed than its heap (<see cref="ShouldTrimWhenQuiet"/>).
/// </summary>
/// <remarks>
/// The trade-off, chosen deliberately: an aggressive collection pauses the process for roughly the time it takes to
/// compact the live heap (well under a second at 100,000 cases), and it only happens after memory use has fallen
/// steeply — which in this service means grains went idle and were collected, so few requests are in flight.
/// Times come from the injected <see cref="TimeProvider"/>.
/// </remarks>
public sealed partial class MemoryTrimmer(IOptions<MemoryTrimOptions> options, IGrainFactory grains, TimeProvider clock, ILogger<MemoryTrimmer> logger) : BackgroundService
{
    private DateTimeOffset? _lastTrim;
    private int? _lastTrimActivations;
    private int _peak;
    private int? _gen0;
    private long? _committedAfterTrimMiB;

    /// <summary>
    /// Whether to trim now: activations fell from <paramref name="peak"/> to <paramref name="current"/> by at least
    /// <see cref="MemoryTrimOptions.MinDeactivated"/> and to at most <see cref="MemoryTrimOptions.MaxRemainingShare"/>
    /// of the peak, and the last trim (if any, at <paramref name="lastTrim"/>) is old enough at <paramref name="now"/>.
    /// A wave is often collected over several minutes: after a trim of this wave (<paramref name="lastTrimActivations"/>
    /// activations were left then) another one comes once the activations fell again to at most that share of what was
    /// left, and are fewer. Before, a trim restarted the peak from the activations left, so the rest of the wave (measured:
    /// a trim at 2,272 of a peak of 12,764, and the last 2,200 collected afterwards) kept its freed memory committed.
    /// </summary>
    public static bool ShouldTrim(MemoryTrimOptions options, int peak, int current, DateTimeOffset? lastTrim, DateTimeOffset now, int? lastTrimActivations = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled || peak - current < options.MinDeactivated || current > options.MaxRemainingShare * peak)
        {
            return false;
        }

        if (lastTrimActivations is { } left && (current >= left || current > options.MaxRemainingShare * left))
        {
            return false;
        }

        return lastTrim is null || now - lastTrim.Value >= TimeSpan.FromMinutes(options.MinMinutesBetweenTrims);
    }

    /// <summary>
    /// The quiet trigger: whether to trim although no single wave of deactivations came (<see cref="ShouldTrim"/>): the silo
    /// is quiet — at most <see cref="MemoryTrimOptions.QuietMaxGen0PerCheck"/> gen-0 collections in the last check interval
    /// (<paramref name="gen0SinceLastCheck"/>) — the GC keeps at least <see cref="MemoryTrimOptions.MinUnusedCommittedMiB"/> MiB
    /// committed beyond its heap (<paramref name="committedMiB"/> − <paramref name="heapMiB"/>), committed memory grew by that much
    /// since the last trim left it (<paramref name="committedAfterLastTrimMiB"/>, so an idle silo whose committed memory cannot
    /// shrink is not trimmed again and again), and the last trim is old enough.
    /// </summary>
    public static bool ShouldTrimWhenQuiet(MemoryTrimOptions options, long committedMiB, long heapMiB, long? committedAfterLastTrimMiB, int gen0SinceLastCheck,
        DateTimeOffset? lastTrim, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Enabled
            && gen0SinceLastCheck <= options.QuietMaxGen0PerCheck
            && committedMiB - heapMiB >= options.MinUnusedCommittedMiB
            && (committedAfterLastTrimMiB is not { } after || committedMiB - after >= options.MinUnusedCommittedMiB)
            && (lastTrim is null || now - lastTrim.Value >= TimeSpan.FromMinutes(options.MinMinutesBetweenTrims));
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, settings.CheckEverySeconds)), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                int current;
                try
                {
                    current = await grains.GetGrain<IManagementGrain>(0).GetTotalActivationCount();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    continue; // The silo is starting or stopping; look again at the next tick.
                }

                if (_lastTrimActivations is { } left && current >= left + settings.MinDeactivated)
                {
                    // A new wave of activations: its own peak, and no trim of it yet.
                    _lastTrimActivations = null;
                    _peak = current;
                }

                _peak = Math.Max(_peak, current);
                var now = clock.GetUtcNow();
                var gen0 = GC.CollectionCount(0);
                var gen0Since = _gen0 is { } g ? gen0 - g : int.MaxValue; // the first tick has nothing to compare with: not quiet
                _gen0 = gen0;
                var gc = GC.GetGCMemoryInfo();
                var wave = ShouldTrim(settings, _peak, current, _lastTrim, now, _lastTrimActivations);
                if (wave || ShouldTrimWhenQuiet(settings, gc.TotalCommittedBytes >> 20, gc.HeapSizeBytes >> 20, _committedAfterTrimMiB, gen0Since, _lastTrim, now))
                {
                    var before = GC.GetTotalMemory(false) >> 20;
                    var committedBefore = gc.TotalCommittedBytes >> 20;
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                    var nativeReturned = NativeHeap.Trim();
                    _committedAfterTrimMiB = GC.GetGCMemoryInfo().TotalCommittedBytes >> 20;
                    _gen0 = GC.CollectionCount(0); // the trim's own collection does not make the next interval look busy
                    LogTrimmed(logger, wave ? "wave" : "quiet", _peak, current, committedBefore, before, _committedAfterTrimMiB.Value, nativeReturned);
                    _lastTrim = now;
                    _lastTrimActivations = wave ? current : _lastTrimActivations;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Memory trim ({Trigger}; activations peak {Peak}, now {Current}): returned unused memory to the OS (GC committed {CommittedMiB} MiB, heap {HeapMiB} MiB before; {AfterMiB} MiB committed after; native heap trimmed: {NativeTrimmed}).")]
    private static partial void LogTrimmed(ILogger logger, string trigger, int peak, int current, long committedMiB, long heapMiB, long afterMiB, bool nativeTrimmed);
}
