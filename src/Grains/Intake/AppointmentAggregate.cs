using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Idempotency;
using CareGrid.Grains.Security;
using CareGrid.Grains.Validation;

namespace CareGrid.Grains.Intake;

/// <summary>
/// The rules of one appointment request to the counselling centre (R-5.1 "appointments"; docs/intake.md): what a request
/// carries, who may read and move it (level-3 staff whose units cover the person, R-4.3; the requester reads and cancels
/// their own), and its lifecycle (<see cref="AppointmentStateMachine"/>). Every check runs before anything changes.
/// </summary>
/// <param name="localId">The request's local id.</param>
/// <param name="state">Its state; the commands change it in place.</param>
/// <param name="now">The domain clock's instant.</param>
public sealed class AppointmentAggregate(string localId, AppointmentState state, DateTimeOffset now)
{
    /// <summary>Most history steps one request keeps (each move of the time is one): 32.</summary>
    public const int MaxSteps = 32;

    /// <summary>How far ahead an appointment may be set: 365 days.</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromDays(365);

    /// <summary>The fingerprint of a <c>requestAppointment</c> request (everything but the key).</summary>
    public static string Fingerprint(RequestAppointment input) =>
        IdempotencyKey.Fingerprint("requestAppointment", input.PersonId, input.Reason, input.PreferredTimes);

    /// <summary>True when the request exists and this same keyed request made it; <c>IDEMPOTENCY_KEY_REUSED</c>; <c>ALREADY_EXISTS</c>.</summary>
    public bool IsReplayOfRequest(RequestAppointment input, Actor actor)
    {
        if (!state.Exists)
        {
            return false;
        }

        return RememberedWrites.Replays(state.CreatedBy, actor.Subject, input.IdempotencyKey, Fingerprint(input), "requestAppointment")
            ? true
            : throw new CareGridException(ErrorCodes.AlreadyExists, $"Appointment '{localId}' already exists.");
    }

    /// <summary>The trimmed reason and preferred times. <c>VALIDATION_FAILED</c>: <c>reason</c> (1–2000), <c>preferredTimes</c> (at most 500).</summary>
    public static (string Reason, string? PreferredTimes) Check(RequestAppointment input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var reason = Text(input.Reason, "reason", 2000) ?? throw CareGridException.Validation("reason", "reason is 1–2000 characters: say why the person asks to see a counsellor.");
        return (reason, Text(input.PreferredTimes, "preferredTimes", 500));
    }

    /// <summary>Records the request (after <see cref="Check"/>) as <c>REQUESTED</c>.</summary>
    public void Request(RequestAppointment input, (string Reason, string? PreferredTimes) text, string? organizationId, Actor actor)
    {
        state.Exists = true;
        state.PersonId = input.PersonId;
        state.OrganizationId = organizationId;
        state.Reason = text.Reason;
        state.PreferredTimes = text.PreferredTimes;
        state.Status = AppointmentStatus.Requested;
        state.RequestedBy = actor.Subject;
        state.RequestedAt = now;
        state.History = [new AppointmentStep(now, actor.Subject, AppointmentStatus.Requested, null, null)];
        state.CreatedBy = input.IdempotencyKey is { } key ? new RememberedWrite(actor.Subject, key, Fingerprint(input), now) : null;
    }

    /// <summary>
    /// The one who asked while their units still cover the person's unit (the reporter's rule, RT17-7: round-26 red team — a
    /// homeroom teacher taken off the class still read the counsellor's session note), or a level-3 professional whose units
    /// cover the person's unit.
    /// </summary>
    public bool MayRead(Actor actor, StaffScope scope) =>
        actor.IsSystem || (actor.Subject == state.RequestedBy && scope.Covers(state.OrganizationId)) || MayManage(actor, scope);

    /// <summary>A level-3 professional (Counsellor, Clinician) whose units cover the person's unit: schedules and records outcomes.</summary>
    public bool MayManage(Actor actor, StaffScope scope) => actor.IsSystem || actor.HasAny(Roles.Level3) && scope.Covers(state.OrganizationId);

    /// <summary><c>NOT_FOUND</c> unless it exists; <c>FORBIDDEN</c> (<c>rule = need-to-know</c>) unless <paramref name="allowed"/>.</summary>
    public void Ensure(bool allowed)
    {
        // An id that names no appointment answers as one outside need-to-know (round-33 red team F3: NOT_FOUND against
        // FORBIDDEN told which ids exist, as docs/access.md rules out for person and case).
        if (!state.Exists || !allowed)
        {
            throw new CareGridException(ErrorCodes.Forbidden,
                $"Appointment '{localId}' is not one you may see: an appointment is read and cancelled by who requested it, and read, scheduled and closed by level-3 staff (Counsellor, Clinician) whose units cover the person; an id that names none answers the same.",
                new Dictionary<string, string> { ["rule"] = "need-to-know" });
        }
    }

    /// <summary>
    /// Sets or moves the time (<c>scheduleAppointment</c>) with <paramref name="counsellor"/> (null: the caller).
    /// <c>VALIDATION_FAILED</c>: <c>at</c> (past, or more than 365 days ahead; or the request moved 32 times already),
    /// <c>note</c>; <c>INVALID_TRANSITION</c> when held, missed or cancelled.
    /// </summary>
    public void Schedule(DateTimeOffset at, string? counsellor, string? note, Actor actor)
    {
        var text = Text(note, "note", 1000);
        Guard(AppointmentTrigger.Schedule);
        if (at <= now || at - now > MaxAhead)
        {
            throw CareGridException.Validation("at", "at is the appointment's time: later than now and at most 365 days ahead.");
        }

        if (state.History.Count >= MaxSteps)
        {
            throw CareGridException.Validation("at", $"Appointment '{localId}' was moved too often: cancel it (cancelAppointment) and request a new one.");
        }

        AppointmentStateMachine.Over(state).Fire(AppointmentTrigger.Schedule);
        state.ScheduledAt = at;
        state.CounsellorSubject = counsellor ?? actor.Subject;
        state.History.Add(new AppointmentStep(now, actor.Subject, state.Status, at, text));
    }

    /// <summary>
    /// Records that the appointment was held or missed (<c>recordAppointmentOutcome</c>), once its time has come.
    /// <c>VALIDATION_FAILED</c> (<c>outcome</c>: before the appointment's time; <c>note</c>); <c>INVALID_TRANSITION</c>.
    /// </summary>
    public void RecordOutcome(AppointmentOutcome outcome, string? note, Actor actor)
    {
        var text = Text(note, "note", 1000);
        var trigger = outcome == AppointmentOutcome.Held ? AppointmentTrigger.RecordHeld : AppointmentTrigger.RecordMissed;
        Guard(trigger);
        if (state.ScheduledAt is { } at && at > now)
        {
            throw CareGridException.Validation("outcome", $"The appointment is at {at:yyyy-MM-dd HH:mm} UTC: record whether it was held or missed after that time.");
        }

        AppointmentStateMachine.Over(state).Fire(trigger);
        state.History.Add(new AppointmentStep(now, actor.Subject, state.Status, null, text));
    }

    /// <summary>Calls the appointment off (<c>cancelAppointment</c>). <c>VALIDATION_FAILED</c> (<c>reason</c>: 1–1000); <c>INVALID_TRANSITION</c>.</summary>
    public void Cancel(string? reason, Actor actor)
    {
        var text = Text(reason, "reason", 1000) ?? throw CareGridException.Validation("reason", "A cancellation states its reason (1–1000 characters).");
        Guard(AppointmentTrigger.Cancel);
        AppointmentStateMachine.Over(state).Fire(AppointmentTrigger.Cancel);
        state.History.Add(new AppointmentStep(now, actor.Subject, state.Status, null, text));
    }

    /// <summary>The request as the API answers it.</summary>
    public AppointmentView View() => new(localId, state.PersonId, state.OrganizationId, state.Reason, state.PreferredTimes, state.Status,
        state.RequestedBy, state.RequestedAt, state.ScheduledAt, state.CounsellorSubject, [.. state.History]);

    /// <summary>
    /// The appointment as <paramref name="viewer"/> may read it: whole for the system and level-3 staff who manage it
    /// (<paramref name="manages"/>); for the one who asked, the status and times, with the notes of steps others wrote left
    /// out — a counsellor's session note is clinical, not the requester's to read (round-26 red team).
    /// </summary>
    public AppointmentView ViewFor(Actor viewer, bool manages)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var view = View();
        return manages || viewer.IsSystem
            ? view
            : view with { History = [.. view.History.Select(step => step.By == viewer.Subject ? step : step with { Note = null })] };
    }

    /// <summary>Its read-side row.</summary>
    public AppointmentRow Row(string tenantId) => new(tenantId, localId, state.PersonId, state.OrganizationId, state.Status, state.RequestedBy,
        state.RequestedAt, state.ScheduledAt, state.CounsellorSubject);

    /// <summary><c>INVALID_TRANSITION</c> in the schema's names when <paramref name="trigger"/> cannot fire now.</summary>
    private void Guard(AppointmentTrigger trigger)
    {
        var machine = AppointmentStateMachine.Over(state);
        if (!machine.CanFire(trigger))
        {
            throw Transitions.Invalid(state.Status, trigger, machine.Permitted());
        }
    }

    /// <summary>The trimmed text, null when absent or blank; <c>VALIDATION_FAILED</c> on <paramref name="field"/> when longer than <paramref name="max"/>.</summary>
    private static string? Text(string? value, string field, int max)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Length > max)
        {
            throw CareGridException.Validation(field, $"{field} is at most {max} characters.");
        }

        StoredText.Ensure(text, field, multiline: true);
        return text;
    }
}
