using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;

namespace CareGrid.Benchmarks.Infra;

/// <summary>
/// Makes another .NET process run a full blocking garbage collection from outside, the way <c>dotnet-gcdump</c> does:
/// an EventPipe session that enables the runtime's GCHeapCollect keyword induces one. Nothing in the silo is added for it.
/// </summary>
internal static class GcTrigger
{
    private const long GcKeyword = 0x1;
    private const long GcHeapCollectKeyword = 0x800000;

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
