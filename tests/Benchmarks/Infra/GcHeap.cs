using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace CareGrid.Benchmarks.Infra;

/// <summary>
/// The live GC heap of another .NET process: induces a full blocking GC from outside (as <see cref="GcTrigger"/> does, an
/// EventPipe session with the runtime's GCHeapCollect keyword) and reads the runtime's <c>GCHeapStats</c> event that
/// follows it — the bytes of every generation, the large and the pinned object heap after that GC, i.e. what is still
/// reachable. Beside VmRSS this separates what the process keeps alive from what the GC merely keeps committed.
/// </summary>
internal static class GcHeap
{
    private const long GcKeyword = 0x1;
    private const long GcHeapCollectKeyword = 0x800000;

    /// <summary>Induces a full GC in <paramref name="pid"/>; returns the live heap bytes after it, or an error text.</summary>
    public static async Task<(long? Bytes, string? Error)> AfterFullGcAsync(int pid)
    {
        try
        {
            var client = new DiagnosticsClient(pid);
            var providers = new[] { new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, GcKeyword | GcHeapCollectKeyword) };
            using var session = await client.StartEventPipeSessionAsync(providers, requestRundown: false, circularBufferMB: 16, CancellationToken.None);
            long last = -1;
            var pump = Task.Run(() =>
            {
                try
                {
                    var source = new EventPipeEventSource(session.EventStream);
                    source.Clr.GCHeapStats += stats =>
                    {
                        // Generations 0-2, the large object heap (3) and the pinned object heap (4, .NET 5+).
                        long bytes = stats.GenerationSize0 + stats.GenerationSize1 + stats.GenerationSize2 + stats.GenerationSize3 + stats.GenerationSize4;
                        Interlocked.Exchange(ref last, bytes);
                    };
                    source.Process();
                }
                catch (Exception ex) when (ex is IOException or ObjectDisposedException or EndOfStreamException)
                {
                    // The session was stopped.
                }
            });
            await Task.Delay(TimeSpan.FromSeconds(4));
            await session.StopAsync(CancellationToken.None);
            await Task.WhenAny(pump, Task.Delay(TimeSpan.FromSeconds(10)));
            var seen = Interlocked.Read(ref last);
            return seen >= 0 ? (seen, null) : (null, "no GCHeapStats event after the induced GC");
        }
        catch (Exception ex) when (ex is ServerNotAvailableException or ServerErrorException or IOException or TimeoutException or UnsupportedCommandException)
        {
            return (null, ex.GetType().Name + ": " + ex.Message);
        }
    }
}
