using CareGrid.Grains.Events;

namespace CareGrid.Grains.Webhooks;

/// <summary>
/// One webhook endpoint of a tenant as its TenantAdmin registered it (docs/webhooks.md): where to post, which event kinds,
/// whether it is on. The signing secrets are kept apart (<see cref="WebhookSecrets"/>) and never leave the outbox grain
/// except once, in the answer of the call that created them.
/// </summary>
[GenerateSerializer, Alias("CareGrid.Webhooks.WebhookEndpoint")]
public sealed record WebhookEndpoint
{
    /// <summary>The endpoint's id within the tenant: <c>wh-</c> and 12 lower-case letters and digits.</summary>
    [Id(0)] public string Id { get; init; } = "";

    /// <summary>The absolute https URL (http only to loopback when allowed, <see cref="WebhookUrlRules"/>).</summary>
    [Id(1)] public string Url { get; init; } = "";

    /// <summary>The event kinds posted to this endpoint (at least one).</summary>
    [Id(2)] public IReadOnlyList<CareEventKind> Kinds { get; init; } = [];

    /// <summary>False while the TenantAdmin has disabled it: new events are not queued, queued ones wait.</summary>
    [Id(3)] public bool Enabled { get; init; } = true;

    /// <summary>When it was registered (domain clock, UTC).</summary>
    [Id(4)] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The TenantAdmin who registered it (staff sub).</summary>
    [Id(5)] public string CreatedBy { get; init; } = "";
}

/// <summary>
/// The signing secrets of an endpoint (Standard Webhooks, docs/webhooks.md "Rotation" and "Secrets"): the current one, and after a
/// rotation the previous one until <see cref="PreviousUntil"/>, during which every delivery carries a signature by each. Stored
/// sealed (<see cref="SealedSecret"/>, AES-256-GCM under a <see cref="WebhookSecretKeyRing"/> key): the outbox writes no plain
/// secret (<see cref="WebhookSecretSeal.ForWrite"/>). States written before the secrets were sealed hold them in
/// <see cref="PlainCurrent"/> and <see cref="PlainPrevious"/>; they still sign and are sealed at the outbox's next write.
/// </summary>
[GenerateSerializer, Alias("CareGrid.Webhooks.WebhookSecrets")]
public sealed record WebhookSecrets
{
    /// <summary>The current secret in plain text, only in a state written before the secrets were sealed; empty otherwise.</summary>
    [Id(0)] public string PlainCurrent { get; init; } = "";

    /// <summary>The previous secret in plain text, only in a state written before the secrets were sealed; null otherwise.</summary>
    [Id(1)] public string? PlainPrevious { get; init; }

    /// <summary>Until when the previous secret still signs (UTC), or null.</summary>
    [Id(2)] public DateTimeOffset? PreviousUntil { get; init; }

    /// <summary>When the current secret was made (UTC).</summary>
    [Id(3)] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The current secret (<c>whsec_</c> and the base64 of 32 random bytes), sealed; null in an old state (<see cref="PlainCurrent"/>) and before the endpoint is configured.</summary>
    [Id(4)] public SealedSecret? SealedCurrent { get; init; }

    /// <summary>The secret before the last rotation, sealed, or null.</summary>
    [Id(5)] public SealedSecret? SealedPrevious { get; init; }

    /// <summary>True when a previous secret exists and still signs at <paramref name="now"/> (before <see cref="PreviousUntil"/>).</summary>
    public bool PreviousSignsAt(DateTimeOffset now) =>
        (SealedPrevious is not null || !string.IsNullOrEmpty(PlainPrevious)) && PreviousUntil is { } until && now < until;
}

/// <summary>One event waiting in an endpoint's outbox (or kept after delivery or give-up for replay).</summary>
[GenerateSerializer, Alias("CareGrid.Webhooks.OutboxEntry")]
public sealed record OutboxEntry
{
    /// <summary>The event (ids, kinds and timestamps only).</summary>
    [Id(0)] public CareEvent Event { get; init; } = null!;

    /// <summary>Delivery attempts made so far.</summary>
    [Id(1)] public int Attempts { get; init; }

    /// <summary>When it was queued (UTC); the give-up horizon counts from here.</summary>
    [Id(2)] public DateTimeOffset QueuedAt { get; init; }

    /// <summary>Not before this instant is it attempted (UTC).</summary>
    [Id(3)] public DateTimeOffset NextAttemptAt { get; init; }

    /// <summary>When it was delivered or given up (UTC), for the retained lists.</summary>
    [Id(4)] public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The last attempt's status code (0: no HTTP answer) or null before any attempt.</summary>
    [Id(5)] public int? LastStatus { get; init; }

    /// <summary>True when queued by a replay (<c>replayWebhookEvent</c>).</summary>
    [Id(6)] public bool Replay { get; init; }
}

/// <summary>What one delivery attempt came to.</summary>
[GenerateSerializer, Alias("CareGrid.DeliveryOutcome")]
public enum DeliveryOutcome
{
    /// <summary>The receiver answered 2xx.</summary>
    Delivered = 0,

    /// <summary>No 2xx answer (status, timeout, connection refused, refused address); retried after the back-off.</summary>
    Failed = 1,

    /// <summary>Failed and past the give-up horizon: moved to the dead letters (kept for replay).</summary>
    GaveUp = 2,
}

/// <summary>One line of an endpoint's delivery log (bounded, newest last; docs/webhooks.md "Delivery log").</summary>
[GenerateSerializer, Alias("CareGrid.Webhooks.DeliveryLogEntry")]
public sealed record DeliveryLogEntry
{
    /// <summary>When the attempt started (domain clock, UTC).</summary>
    [Id(0)] public DateTimeOffset At { get; init; }

    /// <summary>The event's id (also the <c>webhook-id</c> header).</summary>
    [Id(1)] public string EventId { get; init; } = "";

    /// <summary>The attempt's number for this event, from 1.</summary>
    [Id(2)] public int Attempt { get; init; }

    /// <summary>The HTTP status code, or 0 when there was no answer.</summary>
    [Id(3)] public int StatusCode { get; init; }

    /// <summary>How long the attempt took, in milliseconds (wall time).</summary>
    [Id(4)] public long DurationMs { get; init; }

    /// <summary>What the attempt came to.</summary>
    [Id(5)] public DeliveryOutcome Outcome { get; init; }

    /// <summary>Why it failed without an HTTP answer (<c>timeout</c>, <c>connection</c>, <c>address-refused</c>, <c>redirect</c>), or null.</summary>
    [Id(6)] public string? Error { get; init; }
}

/// <summary>What the API shows of an endpoint: its settings and its outbox's figures, never a secret.</summary>
[GenerateSerializer, Alias("CareGrid.Webhooks.WebhookView")]
public sealed record WebhookView
{
    /// <summary>The endpoint's settings.</summary>
    [Id(0)] public WebhookEndpoint Endpoint { get; init; } = new();

    /// <summary>Events waiting for delivery.</summary>
    [Id(1)] public int Pending { get; init; }

    /// <summary>Events given up (kept for replay, the newest <see cref="WebhookLimits.DeadLetters"/>).</summary>
    [Id(2)] public int DeadLetters { get; init; }

    /// <summary>When the current secret was made (UTC).</summary>
    [Id(3)] public DateTimeOffset SecretCreatedAt { get; init; }

    /// <summary>Until when the previous secret still signs, or null.</summary>
    [Id(4)] public DateTimeOffset? PreviousSecretUntil { get; init; }
}

/// <summary>The answer of a call that made a secret: the endpoint and the secret, shown this once.</summary>
[GenerateSerializer, Alias("CareGrid.Webhooks.WebhookWithSecret")]
public sealed record WebhookWithSecret(
    [property: Id(0)] WebhookView Webhook,
    [property: Id(1)] string Secret);
