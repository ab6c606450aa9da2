using CareGrid.Grains.Hosting;

namespace CareGrid.Grains.GroupCrisis;

/// <summary>
/// How the records watches reach the group-crisis counters (docs/group-crisis.md): a census round sends each flagged
/// record, the case grain each concern it took (a new case or a concern joining an open one), after its own change is stored.
/// </summary>
public static class GroupCrisisFeed
{
    /// <summary>
    /// Sends <paramref name="signal"/> to its unit's counter. Best effort: the source's change is stored already and must not
    /// be refused because of the warning, so a failure here is swallowed (and the signal is not re-sent; docs/group-crisis.md
    /// "Limits"). A signal without a unit is not counted.
    /// </summary>
    public static async Task SignalAsync(IGrainFactory grains, string tenantId, GroupCrisisSignal signal)
    {
        ArgumentNullException.ThrowIfNull(grains);
        if (string.IsNullOrEmpty(signal?.OrganizationId) || string.IsNullOrEmpty(signal.PersonId))
        {
            return;
        }

        try
        {
            await grains.GetRef<IGroupCrisisUnitGrain>(IGroupCrisisUnitGrain.KeyOf(tenantId, signal.OrganizationId)).Observe(signal);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The census record or the concern is stored; the warning is an addition to it (docs/group-crisis.md "Limits").
        }
    }

    /// <summary>Sends a census record of <paramref name="personId"/> counted in <paramref name="unit"/> when it is flagged (<see cref="People.CensusRecord.IsFlagged"/>, R-7.4); best effort as <see cref="SignalAsync"/>.</summary>
    public static Task CensusRecordedAsync(IGrainFactory grains, string tenantId, string unit, string personId, People.CensusRecord record) =>
        record is { IsFlagged: true }
            ? SignalAsync(grains, tenantId, new GroupCrisisSignal(unit, personId, GroupCrisisSources.Census, record.At))
            : Task.CompletedTask;

    /// <summary>Erases the tenant's alerts and the counters of <paramref name="organizationIds"/> (tenant deletion, <c>TenantPurge</c>).</summary>
    public static async Task PurgeAsync(IGrainFactory grains, string tenantId, IEnumerable<string> organizationIds)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(organizationIds);
        foreach (var organizationId in organizationIds)
        {
            await grains.GetRef<IGroupCrisisUnitGrain>(IGroupCrisisUnitGrain.KeyOf(tenantId, organizationId)).Purge();
        }

        await grains.GetRef<IGroupCrisisAlertsGrain>(IGroupCrisisAlertsGrain.KeyOf(tenantId)).Purge();
    }
}
