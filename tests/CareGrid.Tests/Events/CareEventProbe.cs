using System.Collections.Concurrent;
using CareGrid.Grains.Events;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;

namespace CareGrid.Tests.Events;

/// <summary>
/// Subscribes to one tenant's case events stream (<see cref="CareEventStreams"/>) inside a running host, through the host's
/// own stream provider — as a live subscriber on that silo would — and collects what arrives.
/// </summary>
internal sealed class CareEventProbe : IAsyncDisposable
{
    private readonly ConcurrentQueue<CareEvent> _received = new();
    private readonly TaskCompletionSource _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<CareEvent, bool> _until;
    private StreamSubscriptionHandle<CareEvent>? _handle;

    private CareEventProbe(Func<CareEvent, bool> until) => _until = until;

    /// <summary>Everything received so far, in arrival order.</summary>
    public IReadOnlyList<CareEvent> Received => [.. _received];

    /// <summary>Subscribes to <paramref name="tenant"/>'s stream in the host of <paramref name="services"/>; <see cref="WaitAsync"/> ends at the first event <paramref name="until"/> accepts.</summary>
    public static async Task<CareEventProbe> SubscribeAsync(IServiceProvider services, string tenant, Func<CareEvent, bool> until)
    {
        var probe = new CareEventProbe(until);
        var stream = services.GetRequiredKeyedService<IStreamProvider>(CareEventStreams.Provider)
            .GetStream<CareEvent>(StreamId.Create(CareEventStreams.Namespace, tenant));
        probe._handle = await stream.SubscribeAsync((e, _) =>
        {
            probe._received.Enqueue(e);
            if (probe._until(e))
            {
                probe._seen.TrySetResult();
            }

            return Task.CompletedTask;
        });
        return probe;
    }

    /// <summary>Waits (at most 30 s, a bound against a hang, not a timing assertion) for the awaited event.</summary>
    public Task WaitAsync() => _seen.Task.WaitAsync(TimeSpan.FromSeconds(30));

    public async ValueTask DisposeAsync()
    {
        if (_handle is not null)
        {
            await _handle.UnsubscribeAsync();
        }
    }
}
