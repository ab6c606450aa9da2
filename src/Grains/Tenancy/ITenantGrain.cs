using CareGrid.Grains.Security;
using Orleans.Concurrency;

namespace CareGrid.Grains.Tenancy;

/// <summary>One tenant (district, town or school): settings and lifecycle. Key: the bare tenant id.</summary>
public interface ITenantGrain : ITenantScopedGrain
{
    /// <summary>
    /// Onboards the tenant: reserves its id in the registry, passes through <c>Provisioning</c> and ends
    /// <c>Active</c> with its first TenantAdmin. Fails with <c>VALIDATION_FAILED</c> (bad id, name, time
    /// zone, admin), <c>ALREADY_EXISTS</c> (id taken) or <c>NOT_FOUND</c> (unknown parent tenant).
    /// </summary>
    Task<TenantInfo> Onboard(OnboardTenant input, Actor actor);

    /// <summary>
    /// The tenant as last stored, or null when it was never onboarded. Interleaves with every call, as
    /// <see cref="GetSettings"/> does: the need-to-know scope of a report reads it (through the jurisdiction's template), so it
    /// must not wait for a settings or lifecycle write being stored; it answers the old tenant until the write is stored.
    /// </summary>
    [AlwaysInterleave]
    Task<TenantInfo?> Get();

    /// <summary>Records that the offboarding export was taken; <c>INVALID_TRANSITION</c> unless the tenant is Offboarding. Deletion needs it.</summary>
    Task<TenantInfo> MarkExported(Actor actor);

    /// <summary>
    /// The tenant's protocol settings (defaults when never changed or not onboarded): the ones last stored. Every case command
    /// reads them, so this interleaves with every call (<see cref="AlwaysInterleaveAttribute"/>; <c>[ReadOnly]</c> would still
    /// queue behind a write in progress): it never waits for a settings change or lifecycle write being stored, and answers a
    /// whole <see cref="TenantSettings"/> (an immutable record), the old one until the change is stored, the new one after
    /// (docs/architecture.md "Tenancy").
    /// </summary>
    [AlwaysInterleave]
    Task<TenantSettings> GetSettings();

    /// <summary>Replaces the protocol settings. <c>TENANT_NOT_FOUND</c> when not onboarded, <c>VALIDATION_FAILED</c> on bad values.</summary>
    Task<TenantSettings> UpdateSettings(TenantSettings settings, Actor actor);

    /// <summary>
    /// Switches sharing of the tenant's statistics with its parent's roll-up on or off (docs/statistics.md "Roll-up").
    /// <c>TENANT_NOT_FOUND</c> when not onboarded, <c>VALIDATION_FAILED</c> (field <c>enabled</c>) when switched on without a parent.
    /// </summary>
    Task<TenantInfo> SetStatisticsSharing(bool enabled, Actor actor);

    /// <summary>Fires a lifecycle trigger; <c>INVALID_TRANSITION</c> when not permitted, <c>TENANT_NOT_FOUND</c> when not onboarded.</summary>
    Task<TenantInfo> Fire(TenantTrigger trigger, string? reason, Actor actor);
}
