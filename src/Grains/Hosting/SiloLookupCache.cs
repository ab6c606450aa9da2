using System.Collections.Concurrent;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Hosting;

/// <summary>
/// A silo's short-lived copy of answers that every case read needs and that change rarely: a staff member's
/// <see cref="StaffScope"/> and a tenant's <see cref="TenantSettings"/> (docs/access.md "How fresh a scope is"; #18: resolving
/// both took three grain calls of every <c>case(id)</c>). An answer is reused for at most <see cref="Ttl"/> (2 seconds, as
/// the tenant directory's, docs/tenancy.md). A change made on this silo removes it at once: the staff scope grain when a
/// membership changes, the organization tree when a unit is added, the tenant grain when its settings are stored — so on
/// one silo (the embedded default) nothing is ever read stale; a change made on another silo is seen within <see cref="Ttl"/>.
/// An answer that was being fetched while something was removed is not kept (a generation counter), so a removal never
/// loses to a read that started before it. At most <see cref="MaxEntries"/> answers of each kind are kept.
/// </summary>
/// <param name="time">The process clock (real time, not the domain clock: how long a copy lives is not a domain rule).</param>
public sealed class SiloLookupCache(TimeProvider time)
{
    /// <summary>How long an answer is reused: 2 seconds.</summary>
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(2);

    /// <summary>How many answers of each kind are kept before the cache starts over (bounded memory).</summary>
    public const int MaxEntries = 50_000;

    private readonly ConcurrentDictionary<(string Tenant, string Subject), (StaffScope Scope, long Expires)> _scopes = new();
    private readonly ConcurrentDictionary<string, (TenantSettings Settings, long Expires)> _settings = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>
    /// The scope of <paramref name="actor"/> in <paramref name="tenantId"/>, as <see cref="StaffScopes.ResolveAsync"/> answers it
    /// (the whole tenant for the service and a TenantAdmin without a call), from this silo's copy when it is fresh.
    /// </summary>
    public async ValueTask<StaffScope> ScopeAsync(IGrainFactory grains, string tenantId, Actor actor)
    {
        if (StaffScopes.WholeTenantByRole(actor))
        {
            return StaffScope.Tenant;
        }

        var key = (tenantId, actor.Subject);
        if (_scopes.TryGetValue(key, out var hit) && hit.Expires > time.GetTimestamp())
        {
            return hit.Scope;
        }

        var generation = Interlocked.Read(ref _generation);
        var scope = await StaffScopes.ResolveAsync(grains, tenantId, actor);
        Keep(_scopes, key, (scope, Expiry()), generation);
        return scope;
    }

    /// <summary>The tenant's settings as <see cref="ITenantGrain.GetSettings"/> answers them, from this silo's copy when it is fresh.</summary>
    public async ValueTask<TenantSettings> SettingsAsync(IGrainFactory grains, string tenantId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        if (_settings.TryGetValue(tenantId, out var hit) && hit.Expires > time.GetTimestamp())
        {
            return hit.Settings;
        }

        var generation = Interlocked.Read(ref _generation);
        var settings = await grains.GetRef<ITenantGrain>(tenantId).GetSettings();
        Keep(_settings, tenantId, (settings, Expiry()), generation);
        return settings;
    }

    /// <summary>Forgets the scope of <paramref name="subject"/> in <paramref name="tenantId"/> (a membership of theirs changed).</summary>
    public void ForgetScope(string tenantId, string subject)
    {
        Interlocked.Increment(ref _generation);
        _scopes.TryRemove((tenantId, subject), out _);
    }

    /// <summary>Forgets every scope of <paramref name="tenantId"/> (its organization tree changed).</summary>
    public void ForgetScopes(string tenantId)
    {
        Interlocked.Increment(ref _generation);
        foreach (var key in _scopes.Keys)
        {
            if (key.Tenant == tenantId)
            {
                _scopes.TryRemove(key, out _);
            }
        }
    }

    /// <summary>Forgets the settings of <paramref name="tenantId"/> (they were stored anew).</summary>
    public void ForgetSettings(string tenantId)
    {
        Interlocked.Increment(ref _generation);
        _settings.TryRemove(tenantId, out _);
    }

    private long Expiry() => time.GetTimestamp() + (long)(Ttl.TotalSeconds * time.TimestampFrequency);

    /// <summary>Keeps <paramref name="value"/> unless something was forgotten since <paramref name="generation"/> was read.</summary>
    private void Keep<TKey, TValue>(ConcurrentDictionary<TKey, TValue> entries, TKey key, TValue value, long generation)
        where TKey : notnull
    {
        if (entries.Count >= MaxEntries)
        {
            entries.Clear();
        }

        entries[key] = value;
        if (Interlocked.Read(ref _generation) != generation)
        {
            entries.TryRemove(key, out _); // a change landed while it was fetched: it may be the old answer
        }
    }
}
