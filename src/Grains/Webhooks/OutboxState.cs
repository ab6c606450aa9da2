namespace CareGrid.Grains.Webhooks;

/// <summary>
/// Persisted state of one webhook endpoint (<see cref="WebhookOutboxGrain"/>, state name <c>webhookOutbox</c>): its settings and
/// secrets, the events waiting, the delivered and given-up events kept for replay, the delivery log and the per-case
/// watermarks that de-duplicate. Every list is capped (<see cref="WebhookLimits"/>): some 600 KB at the very most, below the
/// storage's 1 MiB per entity (docs/webhooks.md "Limits").
/// </summary>
[GenerateSerializer, Alias("CareGrid.Webhooks.OutboxState")]
public sealed class OutboxState
{
    /// <summary>The endpoint's settings; null before it is configured and after it was deleted.</summary>
    [Id(0)] public WebhookEndpoint? Endpoint { get; set; }

    /// <summary>The signing secrets.</summary>
    [Id(1)] public WebhookSecrets Secrets { get; set; } = new();

    /// <summary>Events waiting, in the order they were queued (per case: ascending sequence, replays after).</summary>
    [Id(2)] public List<OutboxEntry> Pending { get; set; } = [];

    /// <summary>The newest delivered events (at most <see cref="WebhookLimits.Delivered"/>), oldest first.</summary>
    [Id(3)] public List<OutboxEntry> Delivered { get; set; } = [];

    /// <summary>The newest given-up events (at most <see cref="WebhookLimits.DeadLetters"/>), oldest first.</summary>
    [Id(4)] public List<OutboxEntry> DeadLetters { get; set; } = [];

    /// <summary>The newest delivery attempts (at most <see cref="WebhookLimits.LogLines"/>), oldest first.</summary>
    [Id(5)] public List<DeliveryLogEntry> Log { get; set; } = [];

    /// <summary>Per case: the highest sequence queued and when (at most <see cref="WebhookLimits.Watermarks"/> cases).</summary>
    [Id(6)] public Dictionary<string, CaseWatermark> Watermarks { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Events given up because the outbox was full (a running count, for the operator).</summary>
    [Id(7)] public long Overflowed { get; set; }
}

/// <summary>The highest sequence of a case queued to an endpoint, and when it was last raised.</summary>
[GenerateSerializer, Alias("CareGrid.Webhooks.CaseWatermark")]
public sealed record CaseWatermark([property: Id(0)] long Sequence, [property: Id(1)] DateTimeOffset TouchedAt);
