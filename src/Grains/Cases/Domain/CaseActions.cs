using CareGrid.Grains.Security;

namespace CareGrid.Grains.Cases.Domain;

/// <summary>
/// The <c>availableActions</c> of a case: the mutations a viewer may call now, by GraphQL name, in a fixed order. An
/// action is offered only when the machines permit it — the case machine (<see cref="CaseStateMachine"/>) and the open
/// referral's (<see cref="ReferralStateMachine"/>) — the viewer's roles allow it, and for a lifecycle trigger the case's
/// own rules let the viewer fire it (<see cref="CaseAggregate.MayFire"/>: level 3 starts intervention, and a High or
/// Imminent case closes only by level 3 after a level-3 reassessment, R-4.3, R-1.10), and, for a professional action, the
/// person's consent does not rule it out (R-1.7, <see cref="ConsentGate.Offers"/>: offered at Imminent risk, where a
/// written override lets it go ahead). Pure: the case, the viewer and the last consent seen in.
/// </summary>
public static class CaseActions
{
    /// <summary>The action name of each referral trigger, in trigger order.</summary>
    private static readonly (ReferralTrigger Trigger, string Name)[] ReferralActions =
    [
        (ReferralTrigger.Send, "sendReferral"),
        (ReferralTrigger.Accept, "acceptReferral"),
        (ReferralTrigger.Decline, "declineReferral"),
        (ReferralTrigger.Complete, "completeReferral"),
    ];

    /// <summary>The mutations <paramref name="viewer"/> may call on the case <paramref name="c"/> now.</summary>
    /// <param name="c">The case.</param>
    /// <param name="viewer">Who asks.</param>
    /// <param name="consent">The person's consents as last seen (<see cref="CaseConsent.None"/> when unknown).</param>
    /// <returns>GraphQL mutation names, in the fixed order of this method.</returns>
    public static IReadOnlyList<string> For(CaseAggregate c, Actor viewer, ConsentSnapshot consent)
    {
        ArgumentNullException.ThrowIfNull(c);
        var s = c.State;
        var actions = new List<string>();
        void Add(bool ok, string name)
        {
            if (ok)
            {
                actions.Add(name);
            }
        }

        bool Offers(GatedAction action) => CaseConsent.Offers(s, action, viewer, consent);
        bool Can(CaseTrigger t) => c.MayFire(t, viewer);
        var referral = c.OpenReferral;
        Add(Can(CaseTrigger.Triage), "triageCase");
        Add(Can(CaseTrigger.Activate), "activateCase");
        Add(Can(CaseTrigger.StartIntervention) && Offers(GatedAction.StartIntervention), "startIntervention");
        var referrer = viewer.HasAny(CaseReferrals.Roles);
        Add(referrer && s.Status == CaseStatus.Active && referral is null && Offers(GatedAction.ProposeReferral), "proposeReferral");
        foreach (var (trigger, name) in ReferralActions)
        {
            var permitted = referral is not null && ReferralStateMachine.Permits(referral.Status, trigger);
            var gate = trigger != ReferralTrigger.Send || c.Permits(CaseTrigger.Refer) && Offers(GatedAction.SendReferral);
            Add(referrer && permitted && gate, name);
        }

        Add(Can(CaseTrigger.StartFollowUp), "startFollowUp");
        Add(Can(CaseTrigger.Close), "closeCase");
        Add(Can(CaseTrigger.Reopen), "reopenCase");
        var open = s.Status != CaseStatus.Closed;
        Add(open && viewer.HasAny(Roles.CaseStaff), "assessRisk");
        Add(open && viewer.HasAny(Roles.CaseStaff) && Offers(GatedAction.RecordScreening), "recordScreening");
        Add(open && viewer.HasAny(CaseContacts.Roles) && Offers(GatedAction.LogContact), "logContact");
        Add(open && viewer.HasAny(CaseContacts.Roles) && Offers(GatedAction.ScheduleFollowUp), "scheduleFollowUp");
        Add(s.Tasks.Any(t => t.Status == CaseTaskStatus.Open) && viewer.HasAny(CaseContacts.Roles), "completeTask");
        Add(c.MayTake(viewer), "takeCase"); // docs/protocol.md "How a concern travels"
        Add(c.MayRequestReview(viewer), "requestProfessionalReview");
        return actions;
    }
}
