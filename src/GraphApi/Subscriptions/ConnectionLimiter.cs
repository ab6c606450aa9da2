using Microsoft.Extensions.Options;

namespace CareGrid.GraphApi.Subscriptions;

/// <summary>
/// Counts the open, acknowledged WebSocket connections of this silo per tenant and per user within a tenant, and refuses
/// one over <see cref="SubscriptionOptions.MaxConnectionsPerTenant"/> or <see cref="SubscriptionOptions.MaxConnectionsPerUser"/>
/// (docs/subscriptions.md "Limits"). Per silo: a cluster of n silos admits at most n times the limit.
/// </summary>
public sealed class ConnectionLimiter(IOptions<SubscriptionOptions> options)
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>Takes a slot for <paramref name="subject"/> in <paramref name="tenantId"/>; null when a limit is reached (the message says which).</summary>
    /// <returns>The slot (dispose it when the connection closes), or null and the refusal's text.</returns>
    public (IDisposable? Slot, string? Refusal) TryEnter(string tenantId, string subject)
    {
        var limits = options.Value;
        var tenantKey = "t:" + tenantId;
        var userKey = "u:" + tenantId + "\n" + subject;
        lock (_counts)
        {
            var tenantCount = _counts.GetValueOrDefault(tenantKey);
            var userCount = _counts.GetValueOrDefault(userKey);
            if (userCount >= limits.MaxConnectionsPerUser)
            {
                return (null, $"Too many connections for this user (limit {limits.MaxConnectionsPerUser}, {SubscriptionOptions.Section}:MaxConnectionsPerUser).");
            }

            if (tenantCount >= limits.MaxConnectionsPerTenant)
            {
                return (null, $"Too many connections for this tenant (limit {limits.MaxConnectionsPerTenant}).");
            }

            _counts[tenantKey] = tenantCount + 1;
            _counts[userKey] = userCount + 1;
        }

        return (new Slot(this, tenantKey, userKey), null);
    }

    private void Leave(string tenantKey, string userKey)
    {
        lock (_counts)
        {
            Decrement(tenantKey);
            Decrement(userKey);
        }
    }

    private void Decrement(string key)
    {
        var left = _counts.GetValueOrDefault(key) - 1;
        if (left <= 0)
        {
            _counts.Remove(key);
        }
        else
        {
            _counts[key] = left;
        }
    }

    private sealed class Slot(ConnectionLimiter limiter, string tenantKey, string userKey) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
            {
                limiter.Leave(tenantKey, userKey);
            }
        }
    }
}
