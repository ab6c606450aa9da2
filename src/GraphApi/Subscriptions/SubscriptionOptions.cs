using CareGrid.GraphApi.Configuration;
using Microsoft.Extensions.Options;

namespace CareGrid.GraphApi.Subscriptions;

/// <summary>
/// Limits of GraphQL subscriptions over WebSocket (<c>graphql-transport-ws</c>, docs/subscriptions.md "Limits"), bound from
/// the configuration section <see cref="Section"/> (for example <c>GraphQL__Subscriptions__MaxConnectionsPerUser=4</c>) and
/// checked at start by <see cref="SubscriptionOptionsValidator"/>.
/// </summary>
public sealed class SubscriptionOptions
{
    /// <summary>The configuration section: <c>GraphQL:Subscriptions</c>.</summary>
    public const string Section = "GraphQL:Subscriptions";

    /// <summary>Seconds a new socket may take to send <c>connection_init</c> before it is closed with 4408 (default 10, 1–300).</summary>
    public int InitTimeoutSeconds { get; set; } = 10;

    /// <summary>Open connections one user (token subject) may hold in one tenant on one silo; one more is closed with 4429 (default 8, 1–1000).</summary>
    public int MaxConnectionsPerUser { get; set; } = 8;

    /// <summary>Open connections of one tenant on one silo; one more is closed with 4429 (default 2000, 1–1,000,000).</summary>
    public int MaxConnectionsPerTenant { get; set; } = 2000;

    /// <summary>Active subscriptions on one connection; one more is answered with an <c>error</c> <c>SUBSCRIPTION_LIMIT</c> (default 10, 1–200).</summary>
    public int MaxSubscriptionsPerConnection { get; set; } = 10;

    /// <summary>Largest client message in bytes; a larger one closes the socket with 1009 (default 64 KiB, 1 KiB–1 MiB).</summary>
    public int MaxMessageBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Events one subscription may have waiting (received, not yet sent); a client that falls further behind gets an
    /// <c>error</c> <c>SUBSCRIPTION_OVERFLOW</c> and the subscription ends (default 256, 1–100,000).
    /// </summary>
    public int MaxPendingEvents { get; set; } = 256;
}

/// <summary>Checks <see cref="SubscriptionOptions"/>: every limit within its documented range.</summary>
public sealed class SubscriptionOptionsValidator : IValidateOptions<SubscriptionOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SubscriptionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new OptionsCheck(SubscriptionOptions.Section)
            .Between(nameof(options.InitTimeoutSeconds), options.InitTimeoutSeconds, 1, 300)
            .Between(nameof(options.MaxConnectionsPerUser), options.MaxConnectionsPerUser, 1, 1000)
            .Between(nameof(options.MaxConnectionsPerTenant), options.MaxConnectionsPerTenant, 1, 1_000_000)
            .Between(nameof(options.MaxSubscriptionsPerConnection), options.MaxSubscriptionsPerConnection, 1, 200)
            .Between(nameof(options.MaxMessageBytes), options.MaxMessageBytes, 1024, 1024 * 1024)
            .Between(nameof(options.MaxPendingEvents), options.MaxPendingEvents, 1, 100_000)
            .Result();
    }
}
