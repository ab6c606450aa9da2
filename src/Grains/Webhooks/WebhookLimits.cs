namespace CareGrid.Grains.Webhooks;

/// <summary>
/// Bounds of the webhook feature, so an endpoint's outbox state stays far below the storage's size limit (about 1 MiB per
/// entity on Azure Table storage, docs/storage.md; docs/webhooks.md "Limits"). An event in the outbox takes about 250 bytes.
/// </summary>
public static class WebhookLimits
{
    /// <summary>Endpoints per tenant.</summary>
    public const int EndpointsPerTenant = 10;

    /// <summary>Events waiting per endpoint; past it the oldest waiting event of the fullest case is given up (dead letter, kept for replay).</summary>
    public const int Pending = 1_000;

    /// <summary>Delivered events kept per endpoint for replay (the newest).</summary>
    public const int Delivered = 200;

    /// <summary>Given-up events kept per endpoint for replay (the newest).</summary>
    public const int DeadLetters = 200;

    /// <summary>Lines of the delivery log per endpoint (the newest).</summary>
    public const int LogLines = 200;

    /// <summary>Cases whose highest queued sequence is remembered for de-duplication (the most recently touched).</summary>
    public const int Watermarks = 2_000;

    /// <summary>Deliveries one wake-up of the outbox attempts at most (the rest follow on the next wake-up).</summary>
    public const int AttemptsPerRound = 100;

    /// <summary>Longest URL accepted, in characters.</summary>
    public const int UrlLength = 2_000;

    /// <summary>Default and longest overlap of a rotated secret.</summary>
    public static readonly TimeSpan DefaultOverlap = TimeSpan.FromHours(24);

    /// <summary>Longest overlap of a rotated secret.</summary>
    public static readonly TimeSpan MaxOverlap = TimeSpan.FromDays(7);
}
