using CareGrid.Grains.Activities;
using CareGrid.Grains.Calendar;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Statistics;

/// <summary>
/// Activities and hazards per unit now (R-7.1, R-7.6; docs/statistics.md "Activities and hazards"): the units with a plan
/// or ledger are found in the tenant's <see cref="IActivityRegistryGrain"/>, never by a scan, and each unit's grain answers
/// its counts on the tenant's local date (<see cref="IActivityPlanGrain.Counts"/>).
/// </summary>
public static class ActivityCountsReader
{
    /// <summary>The counts of the units <paramref name="report"/> covers (all registered units for the whole tenant), ordered by unit id.</summary>
    public static async Task<IReadOnlyList<UnitActivityCounts>> ReadAsync(IGrainFactory grains, string tenantId, StatisticsReport report, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(calendar);
        var wanted = report.OrganizationIds is { } ids ? new HashSet<string>(ids, StringComparer.Ordinal) : null;
        var units = (await grains.GetGrain<IActivityRegistryGrain>(tenantId).Units()).Where(u => wanted is null || wanted.Contains(u));
        var today = calendar.LocalDate(report.AsOf);
        var counts = await Task.WhenAll(units.Select(u => grains.GetRef<IActivityPlanGrain>(TenantIds.Key(tenantId, u)).Counts(today)));
        return [.. counts.OrderBy(c => c.OrganizationId, StringComparer.Ordinal)];
    }
}
