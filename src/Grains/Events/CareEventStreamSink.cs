using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;

namespace CareGrid.Grains.Events;

/// <summary>
/// The sink that publishes a case's events to its tenant's Orleans stream (<see cref="CareEventStreams"/>: provider
/// <c>care-events</c>, namespace <c>case-events</c>, key = tenant id), where live subscribers on any silo read them
/// (docs/events.md "The stream"). Registered first by <see cref="CareEventsHostingExtensions.AddCareGridEvents"/>.
/// </summary>
/// <remarks>
/// The stream is a memory stream: publishing enqueues into a queue grain of the cluster and succeeds whether or not
/// anyone subscribes, so nobody listening never makes a mutation fail. It is not durable: a subscriber that is not
/// connected misses what was published meanwhile (the tenant's webhooks are the durable path). A repeat of an event
/// (same <see cref="CareEvent.Id"/>) is published again; subscribers de-duplicate by id.
/// </remarks>
public sealed class CareEventStreamSink(IServiceProvider services) : ICareEventSink
{
    /// <summary>
    /// The tenants' stream handles, kept for the silo's life (one small handle per tenant that raised an event here):
    /// resolving the provider and building a handle on every save showed in the write path's profile
    /// (docs/write-path-profile.md). A handle only names the stream; publishing through it is what it was before.
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IAsyncStream<CareEvent>> _streams = new(StringComparer.Ordinal);

    private IStreamProvider? _provider;

    /// <inheritdoc />
    public async Task AcceptAsync(IGrainFactory grains, IReadOnlyList<CareEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }

        foreach (var tenant in events.GroupBy(e => e.TenantId, StringComparer.Ordinal))
        {
            // One queue message per tenant and save: the events keep their order (one case's events are one tenant's).
            await StreamOf(tenant.Key).OnNextBatchAsync([.. tenant]);
        }
    }

    private IAsyncStream<CareEvent> StreamOf(string tenantId) =>
        _streams.TryGetValue(tenantId, out var stream)
            ? stream
            : _streams.GetOrAdd(tenantId, static (tenant, sink) => sink.Provider.GetStream<CareEvent>(StreamId.Create(CareEventStreams.Namespace, tenant)), this);

    private IStreamProvider Provider => _provider ??= services.GetRequiredKeyedService<IStreamProvider>(CareEventStreams.Provider);
}
