using CareGrid.Grains.GroupCrisis;

namespace CareGrid.Grains.Cases;

/// <summary>The group-crisis warning's feed from cases (R-4.5, docs/group-crisis.md).</summary>
public sealed partial class CaseGrain
{
    /// <summary>
    /// Sends the concern this case just stored (a new case, or a concern that joined it) to the group-crisis counter of the
    /// case's unit: the person counted once per window, no content. A keyed retry does not come here (it stores nothing).
    /// </summary>
    private Task SignalConcernAsync() =>
        GroupCrisisFeed.SignalAsync(GrainFactory, TenantId, new GroupCrisisSignal(S.OrganizationId ?? "", S.PersonId, GroupCrisisSources.Concern, clock.GetUtcNow()));
}
