using System.Collections.Immutable;
using CareGrid.Grains.Events;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace CareGrid.GraphApi.Subscriptions;

/// <summary>
/// The silo's one reader of each tenant's <see cref="CareEvent"/> stream (<see cref="CareEventStreams"/>, docs/events.md):
/// the first live subscription of a tenant on this silo subscribes to the tenant's Orleans stream, every further one only
/// joins the local list, and the last to leave unsubscribes. Each event is handed to every local listener of its tenant;
/// a listener must not block (it queues the event, see <see cref="CareEventFeed"/>). The stream carries events between
/// silos, so a subscriber on silo B sees a case saved on silo A (docs/subscriptions.md "Across silos").
/// </summary>
public sealed partial class CareEventHub(IClusterClient cluster, ILogger<CareEventHub> logger)
{
    private readonly ILogger _logger = logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, TenantFeed> _tenants = new(StringComparer.Ordinal);

    /// <summary>Listeners of <paramref name="tenantId"/> on this silo (0 when none); for tests and docs/subscriptions.md.</summary>
    public int ListenerCount(string tenantId)
    {
        lock (_tenants)
        {
            return _tenants.TryGetValue(tenantId, out var feed) ? feed.Listeners.Length : 0;
        }
    }

    /// <summary>
    /// Adds <paramref name="listener"/> for the events of <paramref name="tenantId"/>; returns once the tenant's stream is
    /// subscribed, so every event saved after this returns reaches the listener. Dispose the result to leave.
    /// </summary>
    /// <exception cref="Exception">The stream could not be subscribed (a transient cluster fault); nothing was added.</exception>
    public async Task<IAsyncDisposable> AttachAsync(string tenantId, Action<CareEvent> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            TenantFeed? feed;
            lock (_tenants)
            {
                _tenants.TryGetValue(tenantId, out feed);
            }

            if (feed is null)
            {
                feed = new TenantFeed(tenantId, this);
                var stream = cluster.GetStreamProvider(CareEventStreams.Provider)
                    .GetStream<CareEvent>(StreamId.Create(CareEventStreams.Namespace, tenantId));
                feed.Handle = await stream.SubscribeAsync(feed).ConfigureAwait(false);
                lock (_tenants)
                {
                    _tenants[tenantId] = feed;
                }
            }

            lock (_tenants)
            {
                feed.Listeners = feed.Listeners.Add(listener);
            }

            return new Attachment(this, feed, listener);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task DetachAsync(TenantFeed feed, Action<CareEvent> listener)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            StreamSubscriptionHandle<CareEvent>? unsubscribe = null;
            lock (_tenants)
            {
                feed.Listeners = feed.Listeners.Remove(listener);
                if (feed.Listeners.IsEmpty && _tenants.TryGetValue(feed.TenantId, out var current) && current == feed)
                {
                    _tenants.Remove(feed.TenantId);
                    unsubscribe = feed.Handle;
                }
            }

            if (unsubscribe is not null)
            {
                try
                {
                    await unsubscribe.UnsubscribeAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // The subscription goes with the silo anyway; a stale one only delivers to an empty list.
                    LogUnsubscribeFailed(_logger, feed.TenantId, ex);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>One tenant's Orleans subscription on this silo and its local listeners.</summary>
    private sealed class TenantFeed(string tenantId, CareEventHub hub) : IAsyncObserver<CareEvent>
    {
        public string TenantId { get; } = tenantId;

        public StreamSubscriptionHandle<CareEvent>? Handle { get; set; }

        public ImmutableArray<Action<CareEvent>> Listeners { get; set; } = [];

        public Task OnNextAsync(CareEvent item, StreamSequenceToken? token = null)
        {
            // The tenant is the stream's key; an event naming another tenant is dropped (isolation, docs/architecture.md "Tenancy").
            if (!string.Equals(item.TenantId, TenantId, StringComparison.Ordinal))
            {
                return Task.CompletedTask;
            }

            foreach (var listener in Listeners)
            {
                listener(item);
            }

            return Task.CompletedTask;
        }

        public Task OnCompletedAsync() => Task.CompletedTask;

        public Task OnErrorAsync(Exception ex)
        {
            LogStreamError(hub._logger, TenantId, ex);
            return Task.CompletedTask;
        }
    }

    private sealed class Attachment(CareEventHub hub, TenantFeed feed, Action<CareEvent> listener) : IAsyncDisposable
    {
        private int _disposed;

        public ValueTask DisposeAsync() =>
            Interlocked.Exchange(ref _disposed, 1) == 0 ? new ValueTask(hub.DetachAsync(feed, listener)) : ValueTask.CompletedTask;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Could not unsubscribe from the care-event stream of tenant {TenantId}.")]
    private static partial void LogUnsubscribeFailed(ILogger logger, string tenantId, Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "The care-event stream of tenant {TenantId} reported an error.")]
    private static partial void LogStreamError(ILogger logger, string tenantId, Exception exception);
}
