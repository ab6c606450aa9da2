using Stateless;

namespace CareGrid.Grains.Cases;

/// <summary>
/// The case lifecycle as a Stateless machine: <c>Reported → Triage → Active → (Referred) → FollowUp → Closed</c>,
/// <c>Closed → Triage</c> on reopen. The machine keeps no state of its own: it reads and writes the status through
/// the accessors it is built with, so one machine serves a grain activation for its whole life.
/// </summary>
internal static class CaseStateMachine
{
    /// <summary>Builds the machine over <paramref name="read"/>/<paramref name="write"/>.</summary>
    /// <param name="read">Reads the current status.</param>
    /// <param name="write">Stores a new status.</param>
    /// <param name="interventionNotStarted">Guard of <c>Active → Active</c> on <see cref="CaseTrigger.StartIntervention"/>.</param>
    /// <param name="noOpenReferral">Guard of <c>Referred → FollowUp</c>.</param>
    public static StateMachine<CaseStatus, CaseTrigger> Build(
        Func<CaseStatus> read, Action<CaseStatus> write, Func<bool> interventionNotStarted, Func<bool> noOpenReferral)
    {
        var m = new StateMachine<CaseStatus, CaseTrigger>(read, write);
        m.Configure(CaseStatus.Reported)
            .Permit(CaseTrigger.Triage, CaseStatus.Triage)
            .Permit(CaseTrigger.StartIntervention, CaseStatus.Active);
        m.Configure(CaseStatus.Triage)
            .Permit(CaseTrigger.Activate, CaseStatus.Active)
            .Permit(CaseTrigger.StartIntervention, CaseStatus.Active)
            .Permit(CaseTrigger.Close, CaseStatus.Closed);
        m.Configure(CaseStatus.Active)
            .PermitReentryIf(CaseTrigger.StartIntervention, interventionNotStarted)
            .Permit(CaseTrigger.Refer, CaseStatus.Referred)
            .Permit(CaseTrigger.StartFollowUp, CaseStatus.FollowUp)
            .Permit(CaseTrigger.Close, CaseStatus.Closed);
        m.Configure(CaseStatus.Referred)
            .Permit(CaseTrigger.ReferralDeclined, CaseStatus.Active)
            .PermitIf(CaseTrigger.StartFollowUp, CaseStatus.FollowUp, noOpenReferral);
        m.Configure(CaseStatus.FollowUp).Permit(CaseTrigger.Close, CaseStatus.Closed);
        m.Configure(CaseStatus.Closed).Permit(CaseTrigger.Reopen, CaseStatus.Triage);
        return m;
    }
}
