using CareGrid.Grains.Hosting;
using Stateless;

namespace CareGrid.Grains.People.Domain;

/// <summary>
/// The consent decisions of one purpose as a Stateless machine (R-1.7: professionals are brought in only after the person
/// consents; docs/consent.md). The state is the purpose's <see cref="ConsentStatus"/>, the trigger the decision recorded:
/// <c>Pending → Granted | Refused</c>, <c>Refused → Granted</c> (asked again), <c>Granted → Withdrawn</c>,
/// <c>Withdrawn → Granted</c>. Who may decide (the person or a guardian, by age; PIPL art. 31) is <see cref="AgeOfConsent"/>,
/// checked by <see cref="PersonRecord.RecordConsent"/> once the transition is permitted.
/// </summary>
public static class ConsentStateMachine
{
    /// <summary>Builds the machine over <paramref name="read"/>/<paramref name="write"/> (it keeps no state of its own).</summary>
    /// <param name="read">Reads the purpose's current status.</param>
    /// <param name="write">Stores the new status.</param>
    public static StateMachine<ConsentStatus, ConsentStatus> Build(Func<ConsentStatus> read, Action<ConsentStatus> write)
    {
        var m = new StateMachine<ConsentStatus, ConsentStatus>(read, write);
        m.Configure(ConsentStatus.Pending)
            .Permit(ConsentStatus.Granted, ConsentStatus.Granted)
            .Permit(ConsentStatus.Refused, ConsentStatus.Refused);
        m.Configure(ConsentStatus.Refused).Permit(ConsentStatus.Granted, ConsentStatus.Granted);
        m.Configure(ConsentStatus.Granted).Permit(ConsentStatus.Withdrawn, ConsentStatus.Withdrawn);
        m.Configure(ConsentStatus.Withdrawn).Permit(ConsentStatus.Granted, ConsentStatus.Granted);
        return m;
    }

    /// <summary>
    /// The status after recording <paramref name="decision"/> on a purpose at <paramref name="from"/>. Throws
    /// <c>INVALID_TRANSITION</c> (details <c>state</c>, <c>trigger</c>, <c>permittedTriggers</c>) when the machine does not permit it.
    /// </summary>
    public static ConsentStatus Next(ConsentStatus from, ConsentStatus decision)
    {
        var current = from;
        var machine = Build(() => current, s => current = s);
        if (!Enum.IsDefined(decision) || !machine.CanFire(decision))
        {
            throw Transitions.Invalid(from, decision, machine.Permitted());
        }

        machine.Fire(decision);
        return current;
    }
}
