using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Intake;

/// <summary>
/// One appointment request to the counselling centre (R-5.1; docs/intake.md), key <c>{tenant}/appt-…</c>; lists come
/// from <see cref="IIntakeStore"/>. Errors of every command: <c>NOT_FOUND</c>; <c>FORBIDDEN</c> (need-to-know).
/// </summary>
public interface IAppointmentGrain : ITenantScopedGrain
{
    /// <summary>Records the request (<c>REQUESTED</c>). <c>VALIDATION_FAILED</c> (<c>reason</c>, <c>preferredTimes</c>), <c>NOT_FOUND</c> (<c>personId</c>), <c>ALREADY_EXISTS</c>, <c>IDEMPOTENCY_KEY_REUSED</c>.</summary>
    Task<AppointmentView> Request(RequestAppointment input, Actor actor);

    /// <summary>The request for <paramref name="viewer"/>.</summary>
    Task<AppointmentView> Get(Actor viewer);

    /// <summary>
    /// Sets or moves its time (level 3) with <paramref name="counsellorSubject"/> (null: the caller). <c>VALIDATION_FAILED</c>
    /// (<c>at</c>, <c>note</c>; <c>counsellorSubject</c> with rule <c>staff-member</c> when the login is no staff member whose
    /// units cover the person, <see cref="Security.StaffAssignee"/>), <c>INVALID_TRANSITION</c>.
    /// </summary>
    Task<AppointmentView> Schedule(DateTimeOffset at, string? counsellorSubject, string? note, Actor actor);

    /// <summary>Records held or missed (level 3), once its time has come. <c>VALIDATION_FAILED</c> (<c>outcome</c>, <c>note</c>), <c>INVALID_TRANSITION</c>.</summary>
    Task<AppointmentView> RecordOutcome(AppointmentOutcome outcome, string? note, Actor actor);

    /// <summary>Calls it off (level 3 or the requester). <c>VALIDATION_FAILED</c> (<c>reason</c>), <c>INVALID_TRANSITION</c>.</summary>
    Task<AppointmentView> Cancel(string reason, Actor actor);

    /// <summary>Erases it (tenant deletion).</summary>
    Task Purge();
}
