using System.Threading.Channels;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Events;
using CareGrid.GraphApi.Http;

namespace CareGrid.GraphApi.Subscriptions;

/// <summary>
/// The events of one subscription: the tenant's events from <see cref="CareEventHub"/>, in arrival order, kept only when
/// <c>match</c> holds (kinds, case, task owner — cheap checks first) and then <c>mayOpen</c> holds — the per-event
/// need-to-know check, which asks the case grain the same question <c>case(id)</c> asks (docs/subscriptions.md
/// "Who receives what"). At most <see cref="SubscriptionOptions.MaxPendingEvents"/> events wait; beyond that the
/// subscription ends with <c>SUBSCRIPTION_OVERFLOW</c>. A failed access check ends it too (never an event let through
/// unchecked, never one silently skipped), and so does a tenant no longer served (suspended, offboarding, deleted), checked
/// for every arriving event before any other check.
/// </summary>
public sealed class CareEventFeed : IObservable<CareEvent>
{
    private readonly Channel<CareEvent> _pending;
    private readonly Func<CareEvent, bool> _match;
    private readonly Func<CareEvent, Task<bool>> _mayOpen;
    private readonly Func<ValueTask<CareGridException?>> _served;
    private readonly int _maxPending;
    private readonly CancellationTokenSource _stop = new();
    private IAsyncDisposable? _attachment;
    private int _subscribed;

    private CareEventFeed(int maxPending, Func<CareEvent, bool> match, Func<CareEvent, Task<bool>> mayOpen, Func<ValueTask<CareGridException?>> served)
    {
        _maxPending = maxPending;
        _served = served;
        _match = match;
        _mayOpen = mayOpen;
        _pending = Channel.CreateBounded<CareEvent>(new BoundedChannelOptions(maxPending)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>
    /// Starts a feed of <paramref name="tenantId"/>'s events: returns once attached to the tenant's stream, so every event
    /// saved from then on is considered.
    /// </summary>
    /// <param name="hub">The silo's hub.</param>
    /// <param name="tenantId">The admitted tenant.</param>
    /// <param name="maxPending">Events allowed to wait (<see cref="SubscriptionOptions.MaxPendingEvents"/>).</param>
    /// <param name="match">The subscription's own filter (kinds, case id, task owner); must not block.</param>
    /// <param name="mayOpen">The need-to-know check of the event's case for the subscriber.</param>
    /// <param name="served">
    /// Asked for every arriving event before anything else: null while the tenant is served, else the refusal
    /// (<c>TENANT_SUSPENDED</c>, <c>TENANT_NOT_FOUND</c>) that ends the feed with that error, the event undelivered
    /// (docs/subscriptions.md "Suspended tenants").
    /// </param>
    public static async Task<CareEventFeed> StartAsync(CareEventHub hub, string tenantId, int maxPending,
        Func<CareEvent, bool> match, Func<CareEvent, Task<bool>> mayOpen, Func<ValueTask<CareGridException?>> served)
    {
        ArgumentNullException.ThrowIfNull(hub);
        var feed = new CareEventFeed(maxPending, match, mayOpen, served);
        feed._attachment = await hub.AttachAsync(tenantId, feed.Offer).ConfigureAwait(false);
        return feed;
    }

    private void Offer(CareEvent item)
    {
        if (!_pending.Writer.TryWrite(item))
        {
            _pending.Writer.TryComplete(new CareGridException(TransportErrorCodes.SubscriptionOverflow,
                $"More than {_maxPending} events were waiting for this subscription; it has ended. Subscribe again and read the current state with queries."));
        }
    }

    /// <inheritdoc />
    /// <remarks>One observer per feed (GraphQL for .NET subscribes once per operation); a second gets an error.</remarks>
    public IDisposable Subscribe(IObserver<CareEvent> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        if (Interlocked.Exchange(ref _subscribed, 1) == 1)
        {
            observer.OnError(new InvalidOperationException("A care-event feed has one observer."));
            return new Stopper(null);
        }

        _ = PumpAsync(observer);
        return new Stopper(this);
    }

    private async Task PumpAsync(IObserver<CareEvent> observer)
    {
        try
        {
            await foreach (var item in _pending.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                if (await _served().ConfigureAwait(false) is { } refusal)
                {
                    throw refusal;
                }

                if (_match(item) && await _mayOpen(item).ConfigureAwait(false))
                {
                    observer.OnNext(item);
                }
            }

            observer.OnCompleted();
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Unsubscribed: nobody listens any more.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            observer.OnError(ex is ChannelClosedException { InnerException: { } inner } ? inner : ex);
        }
        finally
        {
            await StopAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Detaches from the hub and stops the pump (idempotent).</summary>
    public async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }

        _pending.Writer.TryComplete();
        if (Interlocked.Exchange(ref _attachment, null) is { } attachment)
        {
            await attachment.DisposeAsync().ConfigureAwait(false);
        }
    }

    private sealed class Stopper(CareEventFeed? feed) : IDisposable
    {
        public void Dispose() => _ = feed?.StopAsync();
    }
}
