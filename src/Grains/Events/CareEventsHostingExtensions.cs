using CareGrid.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace CareGrid.Grains.Events;

/// <summary>Registers the live events of cases in a silo (docs/events.md "Hosting").</summary>
public static class CareEventsHostingExtensions
{
    /// <summary>The grain storage Orleans' stream pub-sub keeps its subscriptions in (Orleans' default name).</summary>
    public const string PubSubStore = "PubSubStore";

    /// <summary>
    /// Adds the memory stream provider <see cref="CareEventStreams.Provider"/>, the <see cref="PubSubStore"/> grain storage it
    /// needs (in-process <see cref="InMemoryGrainStorage"/> unless the host registered one before, as the durable mode does on
    /// Azure Table storage), and <see cref="CareEventStreamSink"/> as the first <see cref="ICareEventSink"/>. Other sinks (the
    /// tenant's webhooks, a test's recorder) are added with <c>services.AddSingleton&lt;ICareEventSink, T&gt;()</c>; the case grain
    /// calls every registered sink in registration order.
    /// </summary>
    public static ISiloBuilder AddCareGridEvents(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.AddMemoryStreams(CareEventStreams.Provider);
        if (!silo.Services.Any(d => d.IsKeyedService && d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, PubSubStore)))
        {
            silo.Services.AddKeyedSingleton<IGrainStorage>(PubSubStore, static (services, _) =>
                new InMemoryGrainStorage(new ExactGrainStorageSerializer(services.GetRequiredService<Serializer>())));
        }

        silo.Services.AddSingleton<ICareEventSink, CareEventStreamSink>();
        return silo;
    }
}
