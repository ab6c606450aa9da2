using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace CareGrid.Benchmarks.Infra;

/// <summary>
/// Makes another .NET process run a full blocking garbage collection from outside, the way <c>dotnet-gcdump</c> does:
/// an EventPipe session that enables the runtime's GCHeapCollect keyword induces one. Nothing in the silo is added for it.
/// </summary>
internal static class GcTrigger
{
    private const long GcKeyword = 0x1;
    private const long GcHeapCollectKeyword = 0x800000;

    /// <summary>
    /// Induces a full GC in <paramref name="pid"/> and returns the size of its GC heap after it, in bytes: the sum of the
    /// five generations' sizes (0, 1, 2, large and pinned object heaps) of the runtime's GCHeapStats event of that
    /// collection — the live objects plus the free space the GC left between them, not the memory it keeps committed.
    /// Beside it, the live bytes alone: the same generations' object sizes after that collection without its fragmentation
    /// (free-list and free-object space), summed over the GC heaps of its GCPerHeapHistory events — the figure a heap
    /// dump's live objects give. Null (with an error text) when the session failed or no such event arrived.
    /// </summary>
    public static async Task<(long? HeapBytes, long? LiveBytes, string? Error)> HeapAfterFullGcAsync(int pid)
    {
        try
        {
            var client = new DiagnosticsClient(pid);
            var providers = new[] { new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, GcKeyword | GcHeapCollectKeyword) };
            using var session = await client.StartEventPipeSessionAsync(providers, requestRundown: false, circularBufferMB: 16, CancellationToken.None);
            long heap = -1; // Interlocked does not take a long? (it throws NotSupportedException in the event pump).
            long live = -1;
            long liveOfThisGc = 0; // the per-heap events of a collection come before its GCHeapStats
            var source = new EventPipeEventSource(session.EventStream);
            source.Clr.GCPerHeapHistory += e => liveOfThisGc += LiveAfter(e);
            source.Clr.GCHeapStats += e =>
            {
                Interlocked.Exchange(ref heap, (long)(e.GenerationSize0 + e.GenerationSize1 + e.GenerationSize2 + e.GenerationSize3 + e.GenerationSize4));
                Interlocked.Exchange(ref live, liveOfThisGc > 0 ? liveOfThisGc : -1);
                liveOfThisGc = 0;
            };
            var pump = Task.Run(() =>
            {
                try
                {
                    source.Process();
                }
                catch (Exception ex) when (ex is IOException or ObjectDisposedException or EndOfStreamException)
                {
                }
            });
            await Task.Delay(TimeSpan.FromSeconds(4));
            await session.StopAsync(CancellationToken.None);
            await Task.WhenAny(pump, Task.Delay(TimeSpan.FromSeconds(10)));
            var read = Interlocked.Read(ref heap);
            var readLive = Interlocked.Read(ref live);
            return read < 0 ? (null, null, "no GCHeapStats event arrived") : (read, readLive < 0 ? null : readLive, null);
        }
        catch (Exception ex) when (ex is ServerNotAvailableException or ServerErrorException or IOException or TimeoutException or UnsupportedCommandException)
        {
            return (null, null, ex.GetType().Name + ": " + ex.Message);
        }
    }

    /// <summary>One GC heap's object bytes after the collection (generations 0, 1, 2, large and pinned), fragmentation excluded; 0 if unreadable.</summary>
    private static long LiveAfter(GCPerHeapHistoryTraceData e)
    {
        long sum = 0;
        foreach (var gen in new[] { Gens.Gen0, Gens.Gen1, Gens.Gen2, Gens.GenLargeObj, Gens.GenPinObj })
        {
            try
            {
                sum += (long)e.GenData(gen).ObjSizeAfter;
            }
            catch (Exception ex) when (ex is ArgumentOutOfRangeException or IndexOutOfRangeException or InvalidOperationException)
            {
                // an older event version without the pinned object heap
            }
        }

        return sum;
    }

    /// <summary>Induces a full GC in <paramref name="pid"/> and waits for the session to close. Returns an error text, or null.</summary>
    public static async Task<string?> InduceAsync(int pid)
    {
        try
        {
            var client = new DiagnosticsClient(pid);
            var providers = new[] { new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, GcKeyword | GcHeapCollectKeyword) };
            using var session = await client.StartEventPipeSessionAsync(providers, requestRundown: false, circularBufferMB: 16, CancellationToken.None);
            var drain = Task.Run(async () =>
            {
                var buffer = new byte[64 * 1024];
                try
                {
                    while (await session.EventStream.ReadAsync(buffer) > 0)
                    {
                    }
                }
                catch (Exception ex) when (ex is IOException or ObjectDisposedException)
                {
                }
            });
            await Task.Delay(TimeSpan.FromSeconds(4));
            await session.StopAsync(CancellationToken.None);
            await Task.WhenAny(drain, Task.Delay(TimeSpan.FromSeconds(10)));
            return null;
        }
        catch (Exception ex) when (ex is ServerNotAvailableException or ServerErrorException or IOException or TimeoutException or UnsupportedCommandException)
        {
            return ex.GetType().Name + ": " + ex.Message;
        }
    }
}
