using CareGrid.Grains.Hosting;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Statistics.RollUp;

/// <summary>A parent tenant's roll-up (docs/statistics.md "Roll-up").</summary>
/// <param name="Period">The weeks of the flow figures (the same dates for every tenant, each counted in its own time zone).</param>
/// <param name="AsOf">The instant the snapshot figures describe.</param>
/// <param name="Tenants">The tenants covered, children before grandchildren, each level by id; empty when none shares.</param>
/// <param name="Tables">A table per figure family, suppressed; empty when no tenant is covered.</param>
/// <param name="NotCovered">The descendants (not deleted) left out, each with why (<see cref="SharingTenants.NotCovered"/>), children
/// before grandchildren, each level by id; empty when every one is covered. Names only, never a count, the district supervises.</param>
public sealed record RollUpReport(StatisticsPeriod Period, DateTimeOffset AsOf, IReadOnlyList<RollUpTenant> Tenants, IReadOnlyList<StatisticsTable> Tables,
    IReadOnlyList<RollUpNotCovered> NotCovered);

/// <summary>
/// Builds a parent tenant's roll-up (docs/statistics.md "Roll-up"): finds the descendants from the tenant
/// registry, confirms each one's sharing switch with its own tenant grain (the registry's copy could lag a switch-off), asks
/// every covered tenant's <see cref="ITenantStatisticsGrain"/> in parallel, and builds the suppressed tables
/// (<see cref="RollUpTables"/>). Each call to a descendant's grain carries that descendant as its tenant
/// (<see cref="TenantContext"/>), as the tenant isolation filter requires; the caller's own context is left as it was.
/// Whether the caller may ask for <paramref name="grains"/>' parent is the API's decision (Supervisor, TenantAdmin).
/// </summary>
/// <param name="grains">The grain factory.</param>
/// <param name="clock">The domain clock (the default period: the current week and the three before, in the parent's time zone).</param>
public sealed class StatisticsRollUp(IGrainFactory grains, TimeProvider clock)
{
    /// <summary>
    /// The roll-up of <paramref name="parentId"/> for <paramref name="period"/> (null: <see cref="StatisticsPeriod.Default"/> in
    /// the parent's time zone), labelled in <paramref name="language"/>.
    /// </summary>
    public async Task<RollUpReport> BuildAsync(string parentId, StatisticsPeriod? period, ReportLanguage language)
    {
        var now = clock.GetUtcNow();
        var weeks = period ?? StatisticsPeriod.Default(now, (await As(parentId, () => grains.GetRef<ITenantGrain>(parentId).GetSettings())).Calendar);
        var listed = await grains.GetRef<ITenantRegistryGrain>(ITenantRegistryGrain.Key).List();
        var current = await Task.WhenAll(SharingTenants.Descendants(listed, parentId)
            .Select(t => As(t.Id, () => grains.GetRef<ITenantGrain>(t.Id).Get())));
        var known = current.OfType<TenantInfo>().ToList();
        var covered = SharingTenants.Covered(known, parentId);
        var reports = await Task.WhenAll(covered
            .Select(t => As(t.Id, () => grains.GetRef<ITenantStatisticsGrain>(t.Id).Get(new StatisticsRequest(weeks, null)))));
        var tenants = covered.Select(t => new RollUpTenant(t.Id, t.Name, t.Kind)).ToList();
        return new RollUpReport(weeks, now, tenants, RollUpTables.Build(tenants, reports, language),
            SharingTenants.NotCovered(known, parentId));
    }

    /// <summary>Runs <paramref name="call"/> carrying <paramref name="tenantId"/> as the tenant; the change stays inside this async flow.</summary>
    private static async Task<T> As<T>(string tenantId, Func<Task<T>> call)
    {
        TenantContext.Set(tenantId);
        return await call();
    }
}
