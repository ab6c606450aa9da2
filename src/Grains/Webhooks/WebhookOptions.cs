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

    /// <summary>
    /// The keys that encrypt the signing secrets at rest (docs/webhooks.md "Secrets"): key id (1–32 letters, digits, '.', '_' or
    /// '-') → the base64 of 32 random bytes, e.g. <c>Webhooks:SecretKeys:2026-12=…</c> (<c>Webhooks__SecretKeys__2026-12</c> in the
    /// environment). Keep every key that sealed a stored secret: a record carries its key id and opens only with that key.
    /// Required on durable storage (<see cref="SecretKeysRequired"/>); the embedded default without keys uses a random key of
    /// its process. Checked at start (<see cref="WebhookSecretKeyRing.Check"/>); never shown in a message.
    /// </summary>
    public Dictionary<string, string> SecretKeys { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The id in <see cref="SecretKeys"/> of the key that seals new secrets (<c>Webhooks:CurrentSecretKey</c>); required when keys are set.</summary>
    public string CurrentSecretKey { get; set; } = "";

    /// <summary>
    /// True when <see cref="SecretKeys"/> must be configured: set by the host on durable storage (<c>Storage:Provider=AzureTable</c>),
    /// where a per-process key would leave the stored secrets unreadable after a restart and differ between silos. Not a
    /// configuration key.
    /// </summary>
    public bool SecretKeysRequired => _secretKeysRequired;

    private bool _secretKeysRequired;

    /// <summary>Requires configured <see cref="SecretKeys"/> (the host calls it on durable storage); answers this instance.</summary>
    public WebhookOptions RequireSecretKeys()
    {
        _secretKeysRequired = true;
        return this;
    }
}
