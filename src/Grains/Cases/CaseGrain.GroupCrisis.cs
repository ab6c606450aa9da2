using CareGrid.Grains.GroupCrisis;

namespace CareGrid.Grains.Cases;

/// <summary>The group-crisis warning's feed from cases (R-4.5, docs/group-crisis.md).</summary>
public sealed partial class CaseGrain
{
    /// <summary>
    /// The signal of the concern this case just stored (a new case, or a concern that joined it) for the group-crisis
    /// counter of the case's unit: the person counted once per window, no content. A keyed retry does not come here (it
    /// stores nothing). <see cref="Report"/> sends it itself once the case is stored; for a report from <see cref="ConcernIntake"/>
    /// the case sends it with the receipt, together with its own state write (<see cref="IntakeFollowUps"/>,
    /// <see cref="GroupCrisisFeed.SignalAsync"/>, best effort).
    /// </summary>
    private GroupCrisisSignal ConcernSignal() => new(S.OrganizationId ?? "", S.PersonId, GroupCrisisSources.Concern, clock.GetUtcNow());
}
