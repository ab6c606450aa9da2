using CareGrid.Grains.Hosting;
using Stateless;

namespace CareGrid.Grains.Aid;

/// <summary>
/// The material-aid lifecycle, declared once as a Stateless machine and tracked like a referral (R-1.8, R-2.2;
/// docs/aid.md): <c>Proposed → Sent → Provided | Declined</c>; Provided and Declined are final.
/// </summary>
public static class AidStateMachine
{
    /// <summary>The machine in <paramref name="current"/>.</summary>
    public static StateMachine<AidStatus, AidTrigger> Build(AidStatus current)
    {
        var m = new StateMachine<AidStatus, AidTrigger>(current);
        m.Configure(AidStatus.Proposed).Permit(AidTrigger.Send, AidStatus.Sent);
        m.Configure(AidStatus.Sent).Permit(AidTrigger.Provide, AidStatus.Provided).Permit(AidTrigger.Decline, AidStatus.Declined);
        return m;
    }

    /// <summary>True while the request is under way (Proposed or Sent).</summary>
    public static bool IsOpen(AidStatus status) => Build(status).Permitted().Count > 0;

    /// <summary>
    /// The status after <paramref name="trigger"/>; <c>INVALID_TRANSITION</c> (<c>extensions.state</c>,
    /// <c>extensions.permittedTriggers</c>) when <paramref name="current"/> does not permit it.
    /// </summary>
    public static AidStatus Next(AidStatus current, AidTrigger trigger)
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
