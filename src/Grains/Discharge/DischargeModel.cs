namespace CareGrid.Grains.Discharge;

/// <summary>
/// The recorded steps of a discharge hand-over, "one discharged, one handed over" (R-2.4, R-2.5; docs/discharge.md).
/// Appended only: values are persisted.
/// </summary>
[GenerateSerializer, Alias("CareGrid.DischargeStep")]
public enum DischargeStep
{
    /// <summary>The primary health institution received the discharge information (completes the <c>DISCHARGE_HAND_OVER</c> task, R-2.4).</summary>
    HandOverReceived,
    /// <summary>Checked with the community of residence (completes the <c>DISCHARGE_COMMUNITY_CHECK</c> task, R-2.4).</summary>
    CommunityChecked,
    /// <summary>Entered in the resident's health record .</summary>
    HealthRecordEntered,
    /// <summary>A family-doctor service agreement was arranged .</summary>
    FamilyDoctorAgreement,
    /// <summary>Moved into the key-population follow-up under grid management: target group and monitoring level set.</summary>
    KeyPopulationFollowUp,
}

/// <summary>One recorded step of a discharge hand-over.</summary>
/// <param name="Step">Which step.</param>
/// <param name="At">When it was recorded (UTC, domain clock).</param>
/// <param name="By">The <c>sub</c> of who recorded it.</param>
/// <param name="Note">A note, at most 4000 characters, or null.</param>
[GenerateSerializer, Alias("CareGrid.DischargeStepRecord"), Immutable]
public sealed record DischargeStepRecord(
    [property: Id(0)] DischargeStep Step,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string By,
    [property: Id(3)] string? Note);

/// <summary>
/// A recovered patient's discharge as a case holds it: who discharged, where the person lives, which primary health
/// institution receives it, the two deadline tasks and the steps recorded so far (each step at most once, so the list is
/// bounded by the number of <see cref="DischargeStep"/> values).
/// </summary>
/// <param name="Id">The discharge's id on the case (<c>d{n}</c>).</param>
/// <param name="HospitalOrganizationId">The discharging hospital (an organization of kind <c>HOSPITAL</c> or <c>PSYCHIATRIC_INSTITUTION</c>).</param>
/// <param name="ResidenceOrganizationId">The community or village of residence (kind <c>COMMUNITY</c> or <c>VILLAGE</c>).</param>
/// <param name="PrimaryHealthOrganizationId">The primary health institution receiving it (kind <c>PRIMARY_HEALTH_CENTRE</c>).</param>
/// <param name="DischargedAt">When the patient was discharged (UTC); the hand-over deadline counts from it.</param>
/// <param name="RecordedAt">When the discharge was recorded (UTC, domain clock).</param>
/// <param name="RecordedBy">The <c>sub</c> of the hospital staff member who recorded it.</param>
/// <param name="Note">The discharge information's note (sensitive), at most 3000 characters, or null.</param>
/// <param name="HandOverTaskId">The case's <c>DISCHARGE_HAND_OVER</c> task.</param>
/// <param name="CommunityCheckTaskId">The case's <c>DISCHARGE_COMMUNITY_CHECK</c> task, once the hand-over was received; else null.</param>
/// <param name="Steps">The steps recorded, oldest first.</param>
/// <param name="CommunityCheckQueue">The queue that will own the community check (the residence unit's level, R-2.4).</param>
[GenerateSerializer, Alias("CareGrid.Discharge"), Immutable]
public sealed record DischargeRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] string HospitalOrganizationId,
    [property: Id(2)] string ResidenceOrganizationId,
    [property: Id(3)] string PrimaryHealthOrganizationId,
    [property: Id(4)] DateTimeOffset DischargedAt,
    [property: Id(5)] DateTimeOffset RecordedAt,
    [property: Id(6)] string RecordedBy,
    [property: Id(7)] string? Note,
    [property: Id(8)] string HandOverTaskId,
    [property: Id(9)] string? CommunityCheckTaskId,
    [property: Id(10)] IReadOnlyList<DischargeStepRecord> Steps,
    [property: Id(11)] string CommunityCheckQueue)
{
    /// <summary>True when <paramref name="step"/> was recorded.</summary>
    public bool Has(DischargeStep step) => Steps.Any(s => s.Step == step);
}

/// <summary>
/// What <c>recordDischarge</c> hands to the case, checked and resolved by <see cref="DischargeIntake"/>: the units and
/// the queues that own the two tasks.
/// </summary>
/// <param name="HospitalOrganizationId">The discharging hospital's local id.</param>
/// <param name="ResidenceOrganizationId">The community or village of residence's local id.</param>
/// <param name="PrimaryHealthOrganizationId">The primary health institution's local id.</param>
/// <param name="DischargedAt">When the patient was discharged (UTC, not in the future).</param>
/// <param name="Note">The checked note, or null.</param>
/// <param name="HandOverQueue">The queue of the primary health institution's escalation level: owns <c>DISCHARGE_HAND_OVER</c>.</param>
/// <param name="CommunityCheckQueue">The queue of the residence unit's escalation level: owns <c>DISCHARGE_COMMUNITY_CHECK</c>.</param>
/// <param name="EscalateTo">The primary health institution's escalation level (1–3): the case is escalated to it, so the institution
/// keeps the case through its steps (R-2.4, R-2.6 "the town health centre coordinates").</param>
[GenerateSerializer, Alias("CareGrid.DischargeHandOver"), Immutable]
public sealed record DischargeHandOver(
    [property: Id(0)] string HospitalOrganizationId,
    [property: Id(1)] string ResidenceOrganizationId,
    [property: Id(2)] string PrimaryHealthOrganizationId,
    [property: Id(3)] DateTimeOffset DischargedAt,
    [property: Id(4)] string? Note,
    [property: Id(5)] string HandOverQueue,
    [property: Id(6)] string CommunityCheckQueue,
    [property: Id(7)] int EscalateTo);
