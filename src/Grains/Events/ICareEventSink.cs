namespace CareGrid.Grains.Events;

/// <summary>
/// Somewhere the case grain hands its events after it has saved them (a live stream for GraphQL subscriptions; the
/// tenant's webhook outbox). Registered in dependency injection; the case grain calls every registered sink, in
/// registration order, with the events of one save in sequence order. A sink must accept a repeat of an event it has
/// seen (same <see cref="CareEvent.Id"/>) without effect: after a silo failure the case grain hands over again every
/// event not yet acknowledged.
/// </summary>
public interface ICareEventSink
{
    /// <summary>Takes the events of one case, in ascending <see cref="CareEvent.Sequence"/>; throws when it could not take them (the case grain retries later).</summary>
    Task AcceptAsync(IGrainFactory grains, IReadOnlyList<CareEvent> events);
}
