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

    /// <summary>
    /// Whether the machine permits <paramref name="trigger"/> from <paramref name="status"/> with the two guards as
    /// given — the machine's own answer (<see cref="StateMachine{TState, TTrigger}.CanFire(TTrigger)"/>), computed once
    /// per status and guard combination, so listing a viewer's available actions on every read builds no machine.
    /// </summary>
    /// <param name="status">The case's status.</param>
    /// <param name="interventionNotStarted">The guard of <c>Active → Active</c> on <see cref="CaseTrigger.StartIntervention"/>.</param>
    /// <param name="noOpenReferral">The guard of <c>Referred → FollowUp</c>.</param>
    /// <param name="trigger">The trigger.</param>
    public static bool Permits(CaseStatus status, bool interventionNotStarted, bool noOpenReferral, CaseTrigger trigger) =>
        (PermittedTable[Index(status, interventionNotStarted, noOpenReferral)] & (1UL << (int)trigger)) != 0;

    private static readonly CaseStatus[] Statuses = Enum.GetValues<CaseStatus>();

    private static readonly ulong[] PermittedTable = BuildTable();

    private static int Index(CaseStatus status, bool interventionNotStarted, bool noOpenReferral) =>
        ((int)status * 4) + (interventionNotStarted ? 2 : 0) + (noOpenReferral ? 1 : 0);

    private static ulong[] BuildTable()
    {
        var triggers = Enum.GetValues<CaseTrigger>();
        if (triggers.Any(t => (int)t is < 0 or > 63) || Statuses.Any(s => (int)s < 0))
        {
            throw new InvalidOperationException("CaseTrigger values must be 0–63 and CaseStatus values non-negative.");
        }

        var table = new ulong[(Statuses.Max(s => (int)s) + 1) * 4];
        foreach (var status in Statuses)
        {
            foreach (var interventionNotStarted in new[] { false, true })
            {
                foreach (var noOpenReferral in new[] { false, true })
                {
                    var current = status;
                    var machine = Build(() => current, s => current = s, () => interventionNotStarted, () => noOpenReferral);
                    ulong mask = 0;
                    foreach (var trigger in triggers)
                    {
                        if (machine.CanFire(trigger))
                        {
                            mask |= 1UL << (int)trigger;
                        }
                    }

                    table[Index(status, interventionNotStarted, noOpenReferral)] = mask;
                }
            }
        }

        return table;
    }
}
