using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

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
    /// Null (with an error text) when the session failed or no such event arrived.
    /// </summary>
    public static async Task<(long? HeapBytes, string? Error)> HeapAfterFullGcAsync(int pid)
    {
        try
        {
            var client = new DiagnosticsClient(pid);
            var providers = new[] { new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, GcKeyword | GcHeapCollectKeyword) };
            using var session = await client.StartEventPipeSessionAsync(providers, requestRundown: false, circularBufferMB: 16, CancellationToken.None);
            long heap = -1; // Interlocked does not take a long? (it throws NotSupportedException in the event pump).
            var source = new EventPipeEventSource(session.EventStream);
            source.Clr.GCHeapStats += e => Interlocked.Exchange(ref heap,
                (long)(e.GenerationSize0 + e.GenerationSize1 + e.GenerationSize2 + e.GenerationSize3 + e.GenerationSize4));
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
            return read < 0 ? (null, "no GCHeapStats event arrived") : (read, null);
        }
        catch (Exception ex) when (ex is ServerNotAvailableException or ServerErrorException or IOException or TimeoutException or UnsupportedCommandException)
        {
            return (null, ex.GetType().Name + ": " + ex.Message);
        }
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
