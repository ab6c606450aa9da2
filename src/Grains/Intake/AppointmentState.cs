using CareGrid.Grains.Idempotency;

namespace CareGrid.Grains.Intake;

/// <summary>
/// Persisted state of one appointment request (<see cref="AppointmentGrain"/>, key <c>{tenant}/appt-…</c>); its rules
/// are in <see cref="AppointmentAggregate"/>. Bounded: at most <see cref="AppointmentAggregate.MaxSteps"/> history steps.
/// </summary>
[GenerateSerializer, Alias("CareGrid.AppointmentState")]
public sealed class AppointmentState
{
    /// <summary>False until requested.</summary>
    [Id(0)] public bool Exists { get; set; }
    /// <summary>Who it is for.</summary>
    [Id(1)] public string PersonId { get; set; } = "";
    /// <summary>The person's unit when requested.</summary>
    [Id(2)] public string? OrganizationId { get; set; }
    /// <summary>Why.</summary>
    [Id(3)] public string Reason { get; set; } = "";
    /// <summary>When the person can come, or null.</summary>
    [Id(4)] public string? PreferredTimes { get; set; }
    /// <summary>Where it stands.</summary>
    [Id(5)] public AppointmentStatus Status { get; set; }
    /// <summary>Who asked.</summary>
    [Id(6)] public string RequestedBy { get; set; } = "";
    /// <summary>When (UTC).</summary>
    [Id(7)] public DateTimeOffset RequestedAt { get; set; }
    /// <summary>The appointment's time, once scheduled.</summary>
    [Id(8)] public DateTimeOffset? ScheduledAt { get; set; }
    /// <summary>Who holds it, once scheduled.</summary>
    [Id(9)] public string? CounsellorSubject { get; set; }
    /// <summary>Every step, oldest first.</summary>
    [Id(10)] public List<AppointmentStep> History { get; set; } = [];
    /// <summary>The keyed request that created it, or null (docs/idempotency.md).</summary>
    [Id(11)] public RememberedWrite? CreatedBy { get; set; }
}
