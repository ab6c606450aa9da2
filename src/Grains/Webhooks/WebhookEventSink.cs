using CareGrid.Grains.Events;
using CareGrid.Grains.Hosting;

namespace CareGrid.Grains.Webhooks;

/// <summary>
/// The webhooks' <see cref="ICareEventSink"/> (docs/webhooks.md, docs/events.md): hands one case's events to its tenant's
/// <see cref="IWebhookRegistryGrain"/>, which queues them in the durable outbox of every enabled endpoint subscribed to their
/// kinds. It returns once they are stored, so the case grain may then acknowledge them; a repeat is absorbed by the outbox's
/// de-duplication (by event id and per-case sequence).
/// </summary>
public sealed class WebhookEventSink : ICareEventSink
{
    /// <inheritdoc />
    public Task AcceptAsync(IGrainFactory grains, IReadOnlyList<CareEvent> events)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return Task.CompletedTask;
        }

        return Task.WhenAll(events.GroupBy(e => e.TenantId, StringComparer.Ordinal)
            .Select(tenant => grains.GetRef<IWebhookRegistryGrain>(IWebhookRegistryGrain.KeyOf(tenant.Key)).Dispatch([.. tenant])));
    }
}
