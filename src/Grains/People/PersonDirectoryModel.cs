namespace CareGrid.Grains.People;

/// <summary>
/// The three-level dynamic archive of: <c>None → Census → Tracking → IndividualCase</c>. Level 1 is a census
/// record of the person's basic information and emotional state; level 2 a tracking record kept by the homeroom
/// teacher (or grid worker); level 3 a one-to-one case record kept by the psychology teacher. Values are persisted.
/// </summary>
[GenerateSerializer, Alias("CareGrid.MonitoringLevel")]
public enum MonitoringLevel
{
    /// <summary>Not yet in a census.</summary>
    None = 0,
    /// <summary>Level 1: has a census record (R-7.4 (1), R-3.5).</summary>
    Census = 1,
    /// <summary>Level 2: needs attention after the census, tracked by the homeroom teacher (R-7.4 (2), R-3.6).</summary>
    Tracking = 2,
    /// <summary>Level 3: in one-to-one counselling, a case record (R-7.4 (3)).</summary>
    IndividualCase = 3,
}

/// <summary>Triggers of the monitoring level .</summary>
[GenerateSerializer, Alias("CareGrid.MonitoringTrigger")]
public enum MonitoringTrigger
{
    /// <summary>A census record: <c>None → Census</c>; no change at a higher level.</summary>
    RecordCensus = 0,
    /// <summary><c>None | Census → Tracking</c> (flagged in a census, or noticed).</summary>
    StartTracking = 1,
    /// <summary><c>None | Census | Tracking → IndividualCase</c> (a case was opened).</summary>
    OpenIndividualCase = 2,
    /// <summary>One level down: <c>IndividualCase → Tracking</c>, <c>Tracking → Census</c>.</summary>
    StepDown = 3,
}

/// <summary>One change of the monitoring level.</summary>
/// <param name="At">When (UTC).</param>
/// <param name="By">The sub of who changed it (<c>system</c> for the census flow).</param>
/// <param name="From">Level before.</param>
/// <param name="To">Level after.</param>
/// <param name="Reason">Why, or null.</param>
[GenerateSerializer, Alias("CareGrid.MonitoringChange")]
public sealed record MonitoringChange(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string By,
    [property: Id(2)] MonitoringLevel From,
    [property: Id(3)] MonitoringLevel To,
    [property: Id(4)] string? Reason);

/// <summary>Membership of a target group over a period: from <see cref="From"/> to <see cref="Until"/>, both inclusive, open when null.</summary>
/// <param name="Code">Target group code, 1–64 letters and digits, e.g. <c>LeftBehindChild</c>, <c>RecoveredPatient</c>.</param>
/// <param name="From">First day (tenant's calendar date), or null for "since registration".</param>
/// <param name="Until">Last day, or null for "ongoing".</param>
[GenerateSerializer, Alias("CareGrid.TargetGroupPeriod")]
public sealed record TargetGroupPeriod(
    [property: Id(0)] string Code,
    [property: Id(1)] DateOnly? From,
    [property: Id(2)] DateOnly? Until)
{
    /// <summary>True when <paramref name="day"/> falls within the period.</summary>
    public bool IsActiveOn(DateOnly day) => (From is null || From <= day) && (Until is null || day <= Until);
}

/// <summary>
/// Kinds of contact of a person (R-6.2 "know the guardian; know where the parents work and how to reach them"). <see cref="Self"/>
/// is how to reach the person themself: an adult resident living alone has their own phone and the grid worker calls it.
/// </summary>
[GenerateSerializer, Alias("CareGrid.ContactKind")]
public enum ContactKind
{
    /// <summary>A legal guardian (gives consent for a minor).</summary>
    Guardian = 0,
    /// <summary>A parent (for a left-behind child: working far away, R-6.1).</summary>
    Parent = 1,
    /// <summary>An emergency contact (R-1.10: the family is given the emergency number).</summary>
    EmergencyContact = 2,
    /// <summary>
    /// The person themself (本人): their own phone, for an adult who is called directly (R-6.2 "know how to reach them"; new-user
    /// trial 2026-12-06: a town's residents living alone). At most one per person; it keeps only a name and a phone (no
    /// relationship, no workplace: data minimisation, PIPL art. 6); it never decides on consent as a guardian does, and
    /// <c>setFamilyContacts</c> neither takes nor changes it (it is not family).
    /// </summary>
    Self = 3,
}

/// <summary>A guardian, parent, emergency contact or the person's own phone. Sensitive: shown only on the single <c>person</c> query, never in lists.</summary>
/// <param name="Kind">Guardian, parent, emergency contact or the person themself (<see cref="ContactKind.Self"/>).</param>
/// <param name="Name">Name, 1–200 characters (for <see cref="ContactKind.Self"/> the person's own name, or a label such as 本人手机).</param>
/// <param name="Relationship">Relationship to the person (mother, grandfather, …), or null.</param>
/// <param name="Phone">Phone number (one number of 7–15 digits, 20 with an extension, with '+', spaces, '-', '(', ')'; at most 25 characters; <see cref="PersonValidation.IsPhone"/>; full-width digits, other spaces and an extension written 转 or ext are made plain first, <see cref="PersonValidation.PhoneAsWritten"/>), or null.</param>
/// <param name="Workplace">Where the contact works and lives (for parents working far away, R-6.2), or null.</param>
[GenerateSerializer, Alias("CareGrid.PersonContact")]
public sealed record PersonContact(
    [property: Id(0)] ContactKind Kind,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Relationship,
    [property: Id(3)] string? Phone,
    [property: Id(4)] string? Workplace);

/// <summary>
/// A contact that <c>setPersonContacts</c>, <c>setFamilyContacts</c> or a roster import removed or changed, kept on the person
/// so an overwritten guardian or phone number can be read and restored (round-24 red team: the audit log names the fields a
/// write sent, never their values, so a replaced guardian was lost). Sensitive as the contacts are: only on the single
/// <c>person</c> query.
/// </summary>
/// <param name="Contact">The contact as it was before.</param>
/// <param name="ReplacedAt">When it was removed or changed (UTC).</param>
/// <param name="ReplacedBy">The <c>sub</c> of who replaced it (<c>system</c> for the service).</param>
/// <param name="RecordedAt">When it had been recorded (UTC); null for one replaced before 2026-12-05 (not known).</param>
[GenerateSerializer, Alias("CareGrid.ReplacedContact")]
public sealed record ReplacedContact(
    [property: Id(0)] PersonContact Contact,
    [property: Id(1)] DateTimeOffset ReplacedAt,
    [property: Id(2)] string ReplacedBy,
    [property: Id(3)] DateTimeOffset? RecordedAt = null)
{
    /// <summary>How long it stood before it was replaced; the longest possible when <see cref="RecordedAt"/> is not known.</summary>
    public TimeSpan Stood => RecordedAt is { } recorded ? ReplacedAt - recorded : TimeSpan.MaxValue;
}

/// <summary>A role a person holds in a unit of the tenant (mirror of the unit's member list, R-1.4).</summary>
/// <param name="OrganizationId">The unit.</param>
/// <param name="Role">Template role code.</param>
/// <param name="Since">When it was given (UTC).</param>
/// <param name="Staff">True for a staff role; false for a role held by someone served (a class psychology committee member, R-7.5).</param>
[GenerateSerializer, Alias("CareGrid.OrganizationRoleAssignment")]
public sealed record OrganizationRoleAssignment(
    [property: Id(0)] string OrganizationId,
    [property: Id(1)] string Role,
    [property: Id(2)] DateTimeOffset Since,
    [property: Id(3)] bool Staff = true);

/// <summary>A staff qualification (R-1.4 authorized and trained; degree and counselling certificate).</summary>
/// <param name="Code">Qualification code, 1–64 letters and digits, e.g. <c>CounsellingCertificate</c>.</param>
/// <param name="ValidUntil">Last day it is valid (UTC calendar date), or null when it does not expire.</param>
[GenerateSerializer, Alias("CareGrid.Qualification")]
public sealed record Qualification(
    [property: Id(0)] string Code,
    [property: Id(1)] DateOnly? ValidUntil)
{
    /// <summary>True when the qualification is valid on <paramref name="day"/>.</summary>
    public bool IsValidOn(DateOnly day) => ValidUntil is null || day <= ValidUntil;
}

/// <summary>Mood recorded in a census (R-3.4, R-3.5, R-7.4 "emotional state").</summary>
[GenerateSerializer, Alias("CareGrid.CensusMood")]
public enum CensusMood
{
    /// <summary>Stable.</summary>
    Stable = 0,
    /// <summary>Mood swings; not flagged on its own.</summary>
    Fluctuating = 1,
    /// <summary>Low: flagged for tracking.</summary>
    Low = 2,
    /// <summary>Distressed: flagged for tracking.</summary>
    Distressed = 3,
}

/// <summary>Exposure and warning flags of a census record. Any flag moves the person to Tracking.</summary>
[Flags]
[GenerateSerializer, Alias("CareGrid.CensusFlags")]
public enum CensusFlags
{
    /// <summary>No flag.</summary>
    None = 0,
    /// <summary>Confirmed infection .</summary>
    ConfirmedInfection = 1,
    /// <summary>Suspected infection .</summary>
    SuspectedInfection = 2,
    /// <summary>Fever .</summary>
    Fever = 4,
    /// <summary>Close contact with patients .</summary>
    CloseContact = 8,
    /// <summary>Excessive anxiety, fear or insomnia .</summary>
    ExcessiveAnxiety = 16,
    /// <summary>Back from a high-risk area .</summary>
    BackFromHighRiskArea = 32,
    /// <summary>An infected family member .</summary>
    InfectedFamilyMember = 64,
}

/// <summary>A census record (R-7.4 level 1) from one screening round.</summary>
/// <param name="RoundId">The census round.</param>
/// <param name="At">When (UTC).</param>
/// <param name="By">The sub of who recorded it.</param>
/// <param name="Mood">Emotional state.</param>
/// <param name="Flags">Exposure and warning flags.</param>
/// <param name="Note">Short note, at most 1000 characters, or null (sensitive).</param>
/// <param name="IdempotencyKey">The recorder's idempotency key, kept with the record so a retry is recognised (docs/idempotency.md), or null.</param>
[GenerateSerializer, Alias("CareGrid.CensusRecord")]
public sealed record CensusRecord(
    [property: Id(0)] string RoundId,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string By,
    [property: Id(3)] CensusMood Mood,
    [property: Id(4)] CensusFlags Flags,
    [property: Id(5)] string? Note,
    [property: Id(6)] string? IdempotencyKey = null)
{
    /// <summary>True when the record calls for tracking: any flag, or a Low or Distressed mood.</summary>
    public bool IsFlagged => Flags != CensusFlags.None || Mood is CensusMood.Low or CensusMood.Distressed;
}

/// <summary>Input to change a person's identifying data (minimal: name, sex, birth year or date, unit, roster id).</summary>
/// <param name="DisplayName">1–200 characters.</param>
/// <param name="OrganizationId">The unit; must exist and not be closed.</param>
/// <param name="Sex">Sex.</param>
/// <param name="BirthYear">1900 to this year, or null.</param>
/// <param name="ExternalId">Roster id, or null.</param>
/// <param name="DateOfBirth">
/// Date of birth or null. Null with a <paramref name="BirthYear"/> equal to the stored date's year keeps the stored date
/// (a year-only roster row does not erase a known date); its year must equal <paramref name="BirthYear"/> when both are given.
/// </param>
[GenerateSerializer, Alias("CareGrid.UpdatePerson")]
public sealed record UpdatePerson(
    [property: Id(0)] string DisplayName,
    [property: Id(1)] string OrganizationId,
    [property: Id(2)] Sex Sex,
    [property: Id(3)] int? BirthYear,
    [property: Id(4)] string? ExternalId,
    [property: Id(5)] DateOnly? DateOfBirth = null);

/// <summary>One roster row as applied to a person grain (<see cref="IPersonGrain.Import"/>).</summary>
/// <param name="Profile">Identifying data.</param>
/// <param name="TargetGroups">Target group codes; added from the import day when new, never removed by an import.</param>
/// <param name="Contacts">Guardian and parent contacts from the row; replace the contacts when the row has any.</param>
/// <param name="Qualifications">Staff qualifications from the row; replace them when the row has any.</param>
/// <param name="StaffSubject">The staff member's login sub, or null.</param>
/// <param name="OrganizationVerified">
/// True when the caller (the import grain) has just checked that the unit exists and is open, so the person grain does not
/// ask the unit again for every row of a large roster.
/// </param>
/// <param name="RowKey">
/// The row's key within its import (<c>{importId}#{row}</c>), or null. A try of the row that timed out may have been stored:
/// sent again with the same key, the grain answers the outcome it stored then (and writes its read-side row again) instead
/// of <see cref="ImportOutcome.Unchanged"/>, so the import counts the row once (docs/rosters.md "On a busy cluster").
/// </param>
/// <param name="AllowMove">
/// True when the import allows moves (<see cref="Imports.ImportRequest.AllowMoves"/>): a person registered in another unit
/// under the same number and name then moves to the row's unit (<see cref="ImportOutcome.Moved"/>). False (the default):
/// such a row is refused with <c>PERSON_IN_OTHER_UNIT</c> and the person is not changed (docs/rosters.md "Moves are asked for").
/// </param>
/// <param name="Staff">
/// True for a row of a staff roster: a staff member registered in another unit keeps that home unit and gets the row's roles
/// in the import's unit (a homeroom teacher is also a member of the leadership group), unless <see cref="AllowMove"/> moves them.
/// </param>
[GenerateSerializer, Alias("CareGrid.PersonImport")]
public sealed record PersonImport(
    [property: Id(0)] UpdatePerson Profile,
    [property: Id(1)] IReadOnlyList<string> TargetGroups,
    [property: Id(2)] IReadOnlyList<PersonContact> Contacts,
    [property: Id(3)] IReadOnlyList<Qualification> Qualifications,
    [property: Id(4)] string? StaffSubject,
    [property: Id(5)] bool OrganizationVerified = false,
    [property: Id(6)] string? RowKey = null,
    [property: Id(7)] bool AllowMove = false,
    [property: Id(8)] bool Staff = false);

/// <summary>What an import did to one person.</summary>
[GenerateSerializer, Alias("CareGrid.ImportOutcome")]
public enum ImportOutcome
{
    /// <summary>The person was registered.</summary>
    Created = 0,
    /// <summary>The person existed and changed.</summary>
    Updated = 1,
    /// <summary>The person existed and nothing changed (re-import of the same row).</summary>
    Unchanged = 2,
    /// <summary>
    /// The person existed under the same name in another unit and now belongs to the row's unit (a promotion or re-classing),
    /// with any other change of the row; counted among the updated rows and reported as moved (docs/rosters.md).
    /// </summary>
    Moved = 3,
}
