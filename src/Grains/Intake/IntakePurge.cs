using CareGrid.Grains.Hosting;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Intake;

/// <summary>Erases a tenant's intake records at tenant deletion (<see cref="TenantPurge"/>): every call and appointment grain, then their rows.</summary>
public static class IntakePurge
{
    /// <summary>Purges every call and appointment grain of <paramref name="tenantId"/> listed by <paramref name="store"/>, then the tenant's rows.</summary>
    public static async Task EraseAsync(IGrainFactory grains, IIntakeStore store, string tenantId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(store);
        foreach (var id in await store.ListIdsAsync(tenantId, IntakeKind.Call))
        {
            await grains.GetRef<ICallLogGrain>(TenantIds.Key(tenantId, id)).Purge();
        }

        foreach (var id in await store.ListIdsAsync(tenantId, IntakeKind.Appointment))
        {
            await grains.GetRef<IAppointmentGrain>(TenantIds.Key(tenantId, id)).Purge();
        }

        await store.PurgeTenantAsync(tenantId);
    }
}
