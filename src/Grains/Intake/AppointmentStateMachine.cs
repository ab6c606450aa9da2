using Stateless;

namespace CareGrid.Grains.Intake;

/// <summary>
/// The appointment lifecycle as one Stateless declaration (R-5.1; docs/intake.md): <c>Requested → Scheduled → Held |
/// Missed | Cancelled</c> and <c>Requested → Cancelled</c>; a scheduled appointment may be moved (re-entry). Held, Missed
/// and Cancelled are final. The machine keeps no state of its own: it reads and writes the status through its accessors.
/// </summary>
public static class AppointmentStateMachine
{
    /// <summary>The machine over <paramref name="state"/>'s <see cref="AppointmentState.Status"/>.</summary>
    public static StateMachine<AppointmentStatus, AppointmentTrigger> Over(AppointmentState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var m = new StateMachine<AppointmentStatus, AppointmentTrigger>(() => state.Status, s => state.Status = s);
        m.Configure(AppointmentStatus.Requested)
            .Permit(AppointmentTrigger.Schedule, AppointmentStatus.Scheduled)
            .Permit(AppointmentTrigger.Cancel, AppointmentStatus.Cancelled);
        m.Configure(AppointmentStatus.Scheduled)
            .PermitReentry(AppointmentTrigger.Schedule)
            .Permit(AppointmentTrigger.RecordHeld, AppointmentStatus.Held)
            .Permit(AppointmentTrigger.RecordMissed, AppointmentStatus.Missed)
            .Permit(AppointmentTrigger.Cancel, AppointmentStatus.Cancelled);
        m.Configure(AppointmentStatus.Held);
        m.Configure(AppointmentStatus.Missed);
        m.Configure(AppointmentStatus.Cancelled);
        return m;
    }
}
