using CareGrid.Grains.Hosting;
using Stateless;

namespace CareGrid.Grains.Cases.Domain;

/// <summary>
/// The referral lifecycle, declared once as a Stateless machine (R-1.5 and: the person is guided to a psychiatric
/// institution: practical hardship goes to civil affairs): <c>Proposed → Sent → Accepted | Declined</c>,
/// <c>Accepted → Completed</c>. Declined and Completed are final. The triggers each status permits are read from the
/// machine once, so refusals and <c>availableActions</c> (<see cref="CaseActions"/>) use the same answer.
/// </summary>
public static class ReferralStateMachine
{
    private static readonly Dictionary<ReferralStatus, IReadOnlyList<ReferralTrigger>> PermittedTable =
        Enum.GetValues<ReferralStatus>().ToDictionary(s => s, s => Build(s).Permitted());

    /// <summary>The machine in <paramref name="current"/>.</summary>
    public static StateMachine<ReferralStatus, ReferralTrigger> Build(ReferralStatus current)
    {
        var m = new StateMachine<ReferralStatus, ReferralTrigger>(current);
        m.Configure(ReferralStatus.Proposed).Permit(ReferralTrigger.Send, ReferralStatus.Sent);
        m.Configure(ReferralStatus.Sent).Permit(ReferralTrigger.Accept, ReferralStatus.Accepted).Permit(ReferralTrigger.Decline, ReferralStatus.Declined);
        m.Configure(ReferralStatus.Accepted).Permit(ReferralTrigger.Complete, ReferralStatus.Completed);
        return m;
    }

    /// <summary>The triggers <paramref name="status"/> permits, in enum order (empty for a final status).</summary>
    public static IReadOnlyList<ReferralTrigger> Permitted(ReferralStatus status) =>
        PermittedTable.TryGetValue(status, out var permitted) ? permitted : [];

    /// <summary>True when <paramref name="status"/> permits <paramref name="trigger"/>.</summary>
    public static bool Permits(ReferralStatus status, ReferralTrigger trigger) => Permitted(status).Contains(trigger);

    /// <summary>True for a referral still under way (Proposed, Sent, Accepted): one whose machine permits a trigger.</summary>
    public static bool IsOpen(ReferralStatus status) => Permitted(status).Count > 0;

    /// <summary>
    /// The status after <paramref name="trigger"/>; <c>INVALID_TRANSITION</c> (<c>extensions.state</c>,
    /// <c>extensions.permittedTriggers</c>) when <paramref name="current"/> does not permit it.
    /// </summary>
    public static ReferralStatus Next(ReferralStatus current, ReferralTrigger trigger)
    {
        var m = Build(current);
        if (!m.CanFire(trigger))
        {
            throw Transitions.Invalid(current, trigger, m.Permitted());
        }

        m.Fire(trigger);
        return m.State;
    }
}
