using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace CareGrid.Benchmarks.Infra;

/// <summary>
/// An EventPipe session on another process with its events read on a background task: the caller subscribes to
/// <see cref="Source"/> in the constructor's <c>subscribe</c> callback, before reading starts. Disposing stops the session
/// (a process already gone is not an error) and waits at most <see cref="DrainBound"/> for the last events to be read —
/// bounded so that a process that died mid-session cannot hang the benchmark. Disposing twice is harmless.
/// </summary>
internal sealed class EventPipeListening : IAsyncDisposable
{
    /// <summary>The longest wait for the reader to finish after the session was stopped.</summary>
    public static readonly TimeSpan DrainBound = TimeSpan.FromSeconds(10);

    private readonly EventPipeSession _session;
    private readonly Task _reader;
    private int _stopped;

    /// <summary>Starts reading <paramref name="session"/>'s events after <paramref name="subscribe"/> has attached its handlers.</summary>
    public EventPipeListening(EventPipeSession session, Action<EventPipeEventSource> subscribe)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(subscribe);
        _session = session;
        Source = new EventPipeEventSource(session.EventStream);
        subscribe(Source);
        _reader = Task.Run(() =>
        {
            try
            {
                Source.Process();
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or EndOfStreamException)
            {
                // The session was stopped or the process exited.
            }
        });
    }

    /// <summary>The session's event source (subscribe in the constructor's callback).</summary>
    public EventPipeEventSource Source { get; }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        try
        {
            await _session.StopAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is ServerNotAvailableException or ServerErrorException or IOException or TimeoutException)
        {
            // The process is gone already.
        }

        await Task.WhenAny(_reader, Task.Delay(DrainBound));
        _session.Dispose();
    }
}
