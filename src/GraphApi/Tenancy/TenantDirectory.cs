using CareGrid.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using System.Collections.Concurrent;
using CareGrid.Grains.Tenancy;

namespace CareGrid.GraphApi.Tenancy;

/// <summary>
/// Answers "which tenant is this and may it be served" from the platform registry grain, caching each answer
/// (also "unknown") for <see cref="Ttl"/> so that junk tenant names cost no more than one registry call per
/// interval. Lifecycle changes made through this process invalidate the entry at once; changes made on
/// another silo are seen within <see cref="Ttl"/>.
/// </summary>
public sealed class TenantDirectory(IGrainFactory grains, [FromKeyedServices(DomainClock.Key)] TimeProvider clock)
{
    /// <summary>How long an answer is reused: 2 seconds.</summary>
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, (TenantInfo? Info, DateTimeOffset Expires)> _cache = new(StringComparer.Ordinal);

    /// <summary>The tenant, or null when unknown. Never activates a tenant-scoped grain.</summary>
    public async ValueTask<TenantInfo?> FindAsync(string tenantId)
    {
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(tenantId, out var hit) && hit.Expires > now)
        {
            return hit.Info;
        }

        var info = await grains.GetRef<ITenantRegistryGrain>(ITenantRegistryGrain.Key).Get(tenantId);
        if (_cache.Count > 100_000)
        {
            _cache.Clear();
        }

        _cache[tenantId] = (info, now + Ttl);
        return info;
    }

    /// <summary>Forgets the cached answer for a tenant (after a lifecycle change made here).</summary>
    public void Invalidate(string tenantId) => _cache.TryRemove(tenantId, out _);
}
