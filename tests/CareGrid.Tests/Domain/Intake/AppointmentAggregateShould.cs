using CareGrid.Grains.Errors;
using CareGrid.Grains.Intake;
using CareGrid.Grains.Security;

namespace CareGrid.Tests.Domain.Intake;

/// <summary>
/// Appointment requests to the counselling centre without a silo (R-5.1; docs/intake.md): the Stateless lifecycle
/// <c>Requested → Scheduled → Held | Missed | Cancelled</c> and <c>Requested → Cancelled</c>, the time rules and who may
/// move a request. A refusal leaves the state as it was.
/// </summary>
[Trait("tier", "domain")]
public sealed class AppointmentAggregateShould
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 14, 0, 0, TimeSpan.Zero);
    private static readonly Actor Teacher = new("homeroom@school", [Roles.Caseworker]);
    private static readonly Actor Counsellor = new("psych@school", [Roles.Counsellor]);

    private static AppointmentState Requested()
    {
        var state = new AppointmentState();
        var input = new RequestAppointment("stu-1", "Cannot sleep before exams", "after 16:00", null);
        new AppointmentAggregate("appt-1", state, Now).Request(input, AppointmentAggregate.Check(input), "class-8-1", Teacher);
        return state;
    }

    private static AppointmentAggregate At(AppointmentState state, DateTimeOffset now) => new("appt-1", state, now);

    [Fact]
    public void Walk_requested_scheduled_held_and_permit_nothing_after()
    {
        var state = Requested();
        At(state, Now).Schedule(Now.AddDays(1), null, "room 204", Counsellor);
        Assert.Equal((AppointmentStatus.Scheduled, "psych@school"), (state.Status, state.CounsellorSubject));
        At(state, Now.AddDays(1)).RecordOutcome(AppointmentOutcome.Held, null, Counsellor);
        Assert.Equal(AppointmentStatus.Held, state.Status);
        Assert.Equal([AppointmentStatus.Requested, AppointmentStatus.Scheduled, AppointmentStatus.Held], state.History.Select(h => h.Status));
        Assert.All(Enum.GetValues<AppointmentTrigger>(), t => Assert.False(AppointmentStateMachine.Over(state).CanFire(t)));
    }

    [Fact]
    public void Cancel_a_request_before_it_is_scheduled_and_refuse_an_outcome_then()
    {
        var state = Requested();
        var refused = Assert.Throws<CareGridException>(() => At(state, Now).RecordOutcome(AppointmentOutcome.Missed, null, Counsellor));
        Assert.Equal(ErrorCodes.InvalidTransition, refused.Code);
        Assert.Equal("REQUESTED", refused.Details["state"]);
        Assert.Equal("cancelAppointment,scheduleAppointment", refused.Details["permittedTriggers"]);
        At(state, Now).Cancel("student moved school", Teacher);
        Assert.Equal(AppointmentStatus.Cancelled, state.Status);
        Assert.Equal(ErrorCodes.InvalidTransition, Assert.Throws<CareGridException>(() => At(state, Now).Schedule(Now.AddDays(1), null, null, Counsellor)).Code);
    }

    [Fact]
    public void Record_missed_only_once_the_appointments_time_has_come()
    {
        var state = Requested();
        At(state, Now).Schedule(Now.AddHours(2), null, null, Counsellor);
        var early = Assert.Throws<CareGridException>(() => At(state, Now.AddHours(1)).RecordOutcome(AppointmentOutcome.Missed, null, Counsellor));
        Assert.Equal("outcome", early.Details["field"]);
        Assert.Equal(AppointmentStatus.Scheduled, state.Status);
        At(state, Now.AddHours(2)).RecordOutcome(AppointmentOutcome.Missed, "did not come", Counsellor);
        Assert.Equal(AppointmentStatus.Missed, state.Status);
    }

    [Fact]
    public void Refuse_a_time_in_the_past_or_over_a_year_ahead_and_a_cancellation_without_reason()
    {
        var state = Requested();
        Assert.Equal("at", Assert.Throws<CareGridException>(() => At(state, Now).Schedule(Now, null, null, Counsellor)).Details["field"]);
        Assert.Equal("at", Assert.Throws<CareGridException>(() => At(state, Now).Schedule(Now.AddDays(366), null, null, Counsellor)).Details["field"]);
        Assert.Equal("reason", Assert.Throws<CareGridException>(() => At(state, Now).Cancel("  ", Teacher)).Details["field"]);
        Assert.Equal((AppointmentStatus.Requested, 1), (state.Status, state.History.Count));
    }

    [Fact]
    public void Move_a_scheduled_appointment_but_not_without_bound()
    {
        var state = Requested();
        for (var i = 1; i < AppointmentAggregate.MaxSteps; i++)
        {
            At(state, Now).Schedule(Now.AddDays(i), null, null, Counsellor);
        }

        Assert.Equal(AppointmentAggregate.MaxSteps, state.History.Count);
        Assert.Equal("at", Assert.Throws<CareGridException>(() => At(state, Now).Schedule(Now.AddDays(40), null, null, Counsellor)).Details["field"]);
        Assert.Equal(Now.AddDays(AppointmentAggregate.MaxSteps - 1), state.ScheduledAt);
    }

    [Fact]
    public void Let_level_3_staff_covering_the_person_manage_and_the_requester_read_while_they_serve_the_unit()
    {
        var appointment = At(Requested(), Now);
        Assert.True(appointment.MayManage(Counsellor, new StaffScope(false, ["class-8-1"])));
        Assert.False(appointment.MayManage(Counsellor, new StaffScope(false, ["class-8-2"])));
        Assert.False(appointment.MayManage(Teacher, StaffScope.Tenant));
        Assert.True(appointment.MayRead(Teacher, new StaffScope(false, ["class-8-1"])));
        // the requester taken off the person's unit no longer reads it (round-26 red team; the reporter's rule, RT17-7)
        Assert.False(appointment.MayRead(Teacher, StaffScope.Unassigned));
        Assert.False(appointment.MayRead(new Actor("other@school", [Roles.Caseworker]), StaffScope.Tenant));
    }
}
