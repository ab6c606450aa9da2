using Stateless;

namespace CareGrid.Grains.Tenancy;

/// <summary>
/// The tenant lifecycle as a Stateless machine (docs/architecture.md "TenantGrain"):
/// <c>Provisioning → Active ⇄ Suspended → Offboarding → Deleted</c>. Deleting needs the offboarding export first;
/// that precondition lives in <see cref="TenantAggregate"/>, the machine only knows the statuses. The machine keeps no
/// state of its own: it reads and writes the status through the accessors it is built with.
/// </summary>
internal static class TenantStateMachine
{
    /// <summary>Builds the machine over <paramref name="read"/>/<paramref name="write"/>.</summary>
    /// <param name="read">Reads the current status.</param>
    /// <param name="write">Stores a new status.</param>
    public static StateMachine<TenantStatus, TenantTrigger> Build(Func<TenantStatus> read, Action<TenantStatus> write)
    {
        var m = new StateMachine<TenantStatus, TenantTrigger>(read, write);
        m.Configure(TenantStatus.Provisioning)
            .Permit(TenantTrigger.Activate, TenantStatus.Active);
        m.Configure(TenantStatus.Active)
            .Permit(TenantTrigger.Suspend, TenantStatus.Suspended)
            .Permit(TenantTrigger.Offboard, TenantStatus.Offboarding);
        m.Configure(TenantStatus.Suspended)
            .Permit(TenantTrigger.Reactivate, TenantStatus.Active)
            .Permit(TenantTrigger.Offboard, TenantStatus.Offboarding);
        m.Configure(TenantStatus.Offboarding)
            .Permit(TenantTrigger.Delete, TenantStatus.Deleted);
        return m;
    }

    /// <summary>The machine over <paramref name="state"/>'s <see cref="TenantState.Status"/>.</summary>
    /// <param name="state">The tenant's state; firing a trigger writes its status.</param>
    public static StateMachine<TenantStatus, TenantTrigger> Over(TenantState state) =>
        Build(() => state.Status, s => state.Status = s);
}
