using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.GroupCrisis;

/// <summary>
/// One unit's group-crisis counter (R-4.5, docs/group-crisis.md). Key: <c>"{tenant}/group-crisis/{organizationId}"</c>. Fed by
/// the census round (a flagged record) and the case grain (a concern) through <see cref="GroupCrisisFeed"/>.
/// </summary>
public interface IGroupCrisisUnitGrain : ITenantScopedGrain
{
    /// <summary>The grain key of unit <paramref name="organizationId"/>'s counter in <paramref name="tenantId"/>.</summary>
    static string KeyOf(string tenantId, string organizationId) => TenantIds.Key(tenantId, "group-crisis/" + organizationId);

    /// <summary>
    /// Counts a signal under the tenant's rule (<see cref="GroupCrisisCounter"/>); when the unit's count reaches the threshold
    /// in the window, raises the window's alert (once), later updates its counts.
    /// </summary>
    Task Observe(GroupCrisisSignal signal);

    /// <summary>Erases the counter (tenant deletion after export).</summary>
    Task Purge();
}

/// <summary>
/// A tenant's group-crisis alerts (R-4.5, docs/group-crisis.md), at most <see cref="GroupCrisisAlertBook.MaxAlerts"/>.
/// Key: <c>"{tenant}/group-crisis-alerts"</c>.
/// </summary>
public interface IGroupCrisisAlertsGrain : ITenantScopedGrain
{
    /// <summary>The grain key of <paramref name="tenantId"/>'s alerts.</summary>
    static string KeyOf(string tenantId) => TenantIds.Key(tenantId, "group-crisis-alerts");

    /// <summary>Adds an alert or updates the counts of the alert with its id (<see cref="GroupCrisisAlertBook.Raise"/>).</summary>
    Task Raise(GroupCrisisAlert alert);

    /// <summary>Up to <paramref name="first"/> (1–500) alerts of units in <paramref name="scope"/>, newest first, of <paramref name="status"/> when given.</summary>
    Task<IReadOnlyList<GroupCrisisAlert>> List(StaffScope scope, GroupCrisisAlertStatus? status, int first);

    /// <summary>Acknowledges an alert with a proposed response (<see cref="GroupCrisisAlertBook.Acknowledge"/>; its errors).</summary>
    Task<GroupCrisisAlert> Acknowledge(string id, string response, StaffScope scope, Actor actor);

    /// <summary>Erases the alerts (tenant deletion after export).</summary>
    Task Purge();
}
