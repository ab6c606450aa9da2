using Stateless;

namespace CareGrid.Grains.Organizations;

/// <summary>
/// The organization lifecycle as a Stateless machine (docs/architecture.md "OrganizationGrain"):
/// <c>Draft → Active ⇄ Suspended → Closed</c>; a unit closes from any open status and a closed unit keeps its history.
/// The machine keeps no state of its own: it reads and writes the status through the accessors it is built with.
/// </summary>
internal static class OrganizationStateMachine
{
    /// <summary>Builds the machine over <paramref name="read"/>/<paramref name="write"/>.</summary>
    /// <param name="read">Reads the current status.</param>
    /// <param name="write">Stores a new status.</param>
    public static StateMachine<OrganizationStatus, OrganizationTrigger> Build(Func<OrganizationStatus> read, Action<OrganizationStatus> write)
    {
        var m = new StateMachine<OrganizationStatus, OrganizationTrigger>(read, write);
        m.Configure(OrganizationStatus.Draft)
            .Permit(OrganizationTrigger.Activate, OrganizationStatus.Active)
            .Permit(OrganizationTrigger.Close, OrganizationStatus.Closed);
        m.Configure(OrganizationStatus.Active)
            .Permit(OrganizationTrigger.Suspend, OrganizationStatus.Suspended)
            .Permit(OrganizationTrigger.Close, OrganizationStatus.Closed);
        m.Configure(OrganizationStatus.Suspended)
            .Permit(OrganizationTrigger.Activate, OrganizationStatus.Active)
            .Permit(OrganizationTrigger.Close, OrganizationStatus.Closed);
        return m;
    }

    /// <summary>The machine over <paramref name="state"/>'s <see cref="OrganizationState.Status"/>.</summary>
    /// <param name="state">The unit's state; firing a trigger writes its status.</param>
    public static StateMachine<OrganizationStatus, OrganizationTrigger> Over(OrganizationState state) =>
        Build(() => state.Status, s => state.Status = s);
}
