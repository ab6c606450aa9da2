namespace CareGrid.Grains.Intake;

/// <summary>
/// Where an appointment request to the counselling centre stands (R-5.1; docs/intake.md):
/// <c>Requested → Scheduled → Held | Missed | Cancelled</c>, and <c>Requested → Cancelled</c>. Numeric values are persisted.
/// </summary>
[GenerateSerializer, Alias("CareGrid.AppointmentStatus")]
public enum AppointmentStatus
{
    /// <summary>Asked for; no time yet.</summary>
    Requested = 0,
    /// <summary>A time and a counsellor are set (may be moved while scheduled).</summary>
    Scheduled = 1,
    /// <summary>The appointment took place.</summary>
    Held = 2,
    /// <summary>The person did not come.</summary>
    Missed = 3,
    /// <summary>Called off before it took place.</summary>
    Cancelled = 4,
}

/// <summary>What moves an appointment (the mutations of <see cref="Hosting.SchemaNames"/>).</summary>
[GenerateSerializer, Alias("CareGrid.AppointmentTrigger")]
public enum AppointmentTrigger
{
    /// <summary><c>scheduleAppointment</c>: set or move the time.</summary>
    Schedule = 0,
    /// <summary><c>recordAppointmentOutcome(outcome: HELD)</c>.</summary>
    RecordHeld = 1,
    /// <summary><c>recordAppointmentOutcome(outcome: MISSED)</c>.</summary>
    RecordMissed = 2,
    /// <summary><c>cancelAppointment</c>.</summary>
    Cancel = 3,
}

/// <summary>The outcome of a scheduled appointment.</summary>
[GenerateSerializer, Alias("CareGrid.AppointmentOutcome")]
public enum AppointmentOutcome
{
    /// <summary>It took place.</summary>
    Held = 0,
    /// <summary>The person did not come.</summary>
    Missed = 1,
}

/// <summary>The command <c>requestAppointment</c> (R-5.1).</summary>
/// <param name="PersonId">Who the appointment is for.</param>
/// <param name="Reason">Why, 1–2000 characters.</param>
/// <param name="PreferredTimes">When the person can come, free text up to 500 characters, or null.</param>
/// <param name="IdempotencyKey">Retry key (docs/idempotency.md); the request's id is derived from it.</param>
[GenerateSerializer, Alias("CareGrid.RequestAppointment"), Immutable]
public sealed record RequestAppointment(
    [property: Id(0)] string PersonId,
    [property: Id(1)] string Reason,
    [property: Id(2)] string? PreferredTimes,
    [property: Id(3)] string? IdempotencyKey);

/// <summary>One step of an appointment's history.</summary>
/// <param name="At">When (UTC, the domain clock).</param>
/// <param name="By">Who (sub).</param>
/// <param name="Status">The status it moved to.</param>
/// <param name="ScheduledAt">The time set, for a scheduling step.</param>
/// <param name="Note">The stated note or reason, or null.</param>
[GenerateSerializer, Alias("CareGrid.AppointmentStep"), Immutable]
public sealed record AppointmentStep(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string By,
    [property: Id(2)] AppointmentStatus Status,
    [property: Id(3)] DateTimeOffset? ScheduledAt,
    [property: Id(4)] string? Note);

/// <summary>An appointment request as the API answers it.</summary>
/// <param name="Id">Local id.</param>
/// <param name="PersonId">Who it is for.</param>
/// <param name="OrganizationId">The person's unit.</param>
/// <param name="Reason">Why.</param>
/// <param name="PreferredTimes">When the person can come, or null.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="RequestedBy">Who asked (sub).</param>
/// <param name="RequestedAt">When (UTC).</param>
/// <param name="ScheduledAt">The appointment's time (UTC), once scheduled.</param>
/// <param name="CounsellorSubject">Who holds it (sub), once scheduled.</param>
/// <param name="History">Every step, oldest first.</param>
[GenerateSerializer, Alias("CareGrid.AppointmentView"), Immutable]
public sealed record AppointmentView(
    [property: Id(0)] string Id,
    [property: Id(1)] string PersonId,
    [property: Id(2)] string? OrganizationId,
    [property: Id(3)] string Reason,
    [property: Id(4)] string? PreferredTimes,
    [property: Id(5)] AppointmentStatus Status,
    [property: Id(6)] string RequestedBy,
    [property: Id(7)] DateTimeOffset RequestedAt,
    [property: Id(8)] DateTimeOffset? ScheduledAt,
    [property: Id(9)] string? CounsellorSubject,
    [property: Id(10)] IReadOnlyList<AppointmentStep> History);

/// <summary>An appointment request's read-side row: ids, status and times, no reason or notes.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="Id">Local id.</param>
/// <param name="PersonId">Who it is for.</param>
/// <param name="OrganizationId">The person's unit.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="RequestedBy">Who asked.</param>
/// <param name="RequestedAt">When.</param>
/// <param name="ScheduledAt">The appointment's time, once scheduled.</param>
/// <param name="CounsellorSubject">Who holds it, once scheduled.</param>
[GenerateSerializer, Alias("CareGrid.AppointmentRow"), Immutable]
public sealed record AppointmentRow(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string Id,
    [property: Id(2)] string PersonId,
    [property: Id(3)] string? OrganizationId,
    [property: Id(4)] AppointmentStatus Status,
    [property: Id(5)] string RequestedBy,
    [property: Id(6)] DateTimeOffset RequestedAt,
    [property: Id(7)] DateTimeOffset? ScheduledAt,
    [property: Id(8)] string? CounsellorSubject);

/// <summary>A filter over appointment rows; every part that is set must match.</summary>
/// <param name="Status">Only this status, or null.</param>
/// <param name="RequestedBy">Only requests of this sub, or null.</param>
/// <param name="OrganizationIds">Only these units, or null for all (need-to-know by organization, docs/access.md).</param>
public sealed record AppointmentQuery(AppointmentStatus? Status = null, string? RequestedBy = null, IReadOnlyCollection<string>? OrganizationIds = null)
{
    /// <summary>True when <paramref name="row"/> passes the filter.</summary>
    public bool Matches(AppointmentRow row) =>
        (Status is null || row.Status == Status)
        && (RequestedBy is null || row.RequestedBy == RequestedBy)
        && (OrganizationIds is null || row.OrganizationId is not null && OrganizationIds.Contains(row.OrganizationId));
}
