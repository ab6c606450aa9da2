namespace CareGrid.Grains.Webhooks;

/// <summary>
/// Configuration section <c>Webhooks</c> (docs/webhooks.md "Configuration", docs/operations.md).
/// </summary>
public sealed class WebhookOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Webhooks";

    /// <summary>
    /// Whether webhooks may target loopback (and use plain http there). Default: on for the embedded default (in-memory storage)
    /// and in the Development environment, off otherwise; <c>Webhooks:AllowLoopback</c> decides when set.
    /// </summary>
    public bool AllowLoopback { get; set; }

    /// <summary>
    /// Internal networks webhooks may target besides public addresses: CIDR networks separated by commas or spaces
    /// (<c>Webhooks:AllowedNetworks=10.20.0.0/16, fd12:3456::/32</c>); default empty (none). Each entry must lie inside a private,
    /// shared, link-local or unique-local range and may not contain a cloud metadata address
    /// (<see cref="WebhookAddressPolicy.CheckNetwork"/>; checked at start). Applies at registration and at every connection;
    /// https is still required.
    /// </summary>
    public string AllowedNetworks { get; set; } = "";

    /// <summary>The entries of <see cref="AllowedNetworks"/>, split at commas and white space.</summary>
    public IReadOnlyList<string> AllowedNetworkEntries() =>
        AllowedNetworks.Split([',', ' ', '\t', '\n', '\r', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>How long one delivery may take (connect, send, answer), in seconds: 1–60, default 10.</summary>
    public int TimeoutSeconds { get; set; } = 10;
}
