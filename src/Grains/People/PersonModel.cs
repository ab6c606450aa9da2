namespace CareGrid.Grains.People;

/// <summary>Sex as recorded for health rules such as R-7.5 (a boy and a girl per class committee).</summary>
[GenerateSerializer, Alias("CareGrid.Sex")]
public enum Sex
{
    /// <summary>Not recorded.</summary>
    Unspecified,
    /// <summary>Female.</summary>
    Female,
    /// <summary>Male.</summary>
    Male,
}

/// <summary>Purposes a consent is given for (docs/architecture.md "PersonGrain").</summary>
[GenerateSerializer, Alias("CareGrid.ConsentPurpose")]
public enum ConsentPurpose
{
    /// <summary>Receiving support services at all.</summary>
    Services,
    /// <summary>Professional (level-3) intervention .</summary>
    ProfessionalIntervention,
    /// <summary>Sharing information with another institution, e.g. on referral.</summary>
    InformationSharing,
    /// <summary>Contacting the family.</summary>
    FamilyContact,
}

/// <summary>Consent status: <c>Pending → Granted | Refused</c>, <c>Granted → Withdrawn</c>.</summary>
[GenerateSerializer, Alias("CareGrid.ConsentStatus")]
public enum ConsentStatus
{
    /// <summary>Not yet asked or answered.</summary>
    Pending,
    /// <summary>Given.</summary>
    Granted,
    /// <summary>Refused.</summary>
    Refused,
    /// <summary>Given, then withdrawn.</summary>
    Withdrawn,
}

/// <summary>Who gave or refused a consent.</summary>
[GenerateSerializer, Alias("CareGrid.ConsentGivenBy")]
public enum ConsentGivenBy
{
    /// <summary>The person.</summary>
    Self,
    /// <summary>A guardian, for a minor.</summary>
    Guardian,
}

/// <summary>Input to register a person served by the tenant.</summary>
/// <param name="DisplayName">How staff refer to the person (minimal identifying data), 1–200 characters.</param>
/// <param name="OrganizationId">Local id of the unit the person belongs to (e.g. their class or community); must exist and not be closed.</param>
/// <param name="Sex">Sex, for health rules.</param>
/// <param name="BirthYear">Year of birth (1900 to this year) or null.</param>
/// <param name="ExternalId">The id in the tenant's own roster (student number), or null.</param>
/// <param name="TargetGroups">Target groups, free codes such as <c>LeftBehindChild</c>.</param>
/// <param name="DateOfBirth">Date of birth (1900-01-01 to today) or null; its year must equal <paramref name="BirthYear"/> when both are given.</param>
/// <param name="IdempotencyKey">The client's key when the id was derived from it (docs/idempotency.md), or null.</param>
[GenerateSerializer, Alias("CareGrid.RegisterPerson")]
public sealed record RegisterPerson(
    [property: Id(0)] string DisplayName,
    [property: Id(1)] string OrganizationId,
    [property: Id(2)] Sex Sex,
    [property: Id(3)] int? BirthYear,
    [property: Id(4)] string? ExternalId,
    [property: Id(5)] IReadOnlyList<string> TargetGroups,
    [property: Id(6)] DateOnly? DateOfBirth = null,
    [property: Id(7)] string? IdempotencyKey = null);

/// <summary>One consent record.</summary>
[GenerateSerializer, Alias("CareGrid.Consent")]
public sealed record Consent(
    [property: Id(0)] ConsentPurpose Purpose,
    [property: Id(1)] ConsentStatus Status,
    [property: Id(2)] ConsentGivenBy GivenBy,
    [property: Id(3)] DateTimeOffset RecordedAt,
    [property: Id(4)] string RecordedBy)
{
    /// <summary>
    /// Why the system changed the decision (e.g. a self-given consent withdrawn when a birth-date edit puts the person below
    /// the age of consent, docs/consent.md), or null for a decision recorded by staff.
    /// </summary>
    [Id(5)] public string? Reason { get; init; }

    /// <summary>
    /// A guardian's view noted beside the person's own decision (<see cref="Domain.PersonRecord.NoteGuardianAgreement"/>): for a minor
    /// at or above the tenant's age of consent, who decides alone (PIPL art. 31), the school also asks a parent. It does not
    /// decide and changes nothing the decision allows; null when none was noted. Dropped when a new decision replaces this one.
    /// </summary>
    [Id(6)] public GuardianAgreement? GuardianAgreement { get; init; }
}

/// <summary>A guardian's view of a minor's own consent decision, noted for the record only (docs/consent.md "The guardian's view").</summary>
/// <param name="Agreed">True: the guardian agrees with the person's decision; false: they do not.</param>
/// <param name="GuardianName">The guardian, as named on the person's contacts (kind <c>GUARDIAN</c>).</param>
/// <param name="RecordedAt">When it was noted (UTC, domain clock).</param>
/// <param name="RecordedBy">The <c>sub</c> of the staff member who noted it.</param>
[GenerateSerializer, Alias("CareGrid.GuardianAgreement")]
public sealed record GuardianAgreement(
    [property: Id(0)] bool Agreed,
    [property: Id(1)] string GuardianName,
    [property: Id(2)] DateTimeOffset RecordedAt,
    [property: Id(3)] string RecordedBy);

/// <summary>A person as stored and returned.</summary>
[GenerateSerializer, Alias("CareGrid.PersonInfo"), Immutable]
public sealed record PersonInfo(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string Id,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] string OrganizationId,
    [property: Id(4)] Sex Sex,
    [property: Id(5)] int? BirthYear,
    [property: Id(6)] string? ExternalId,
    [property: Id(7)] IReadOnlyList<string> TargetGroups,
    [property: Id(8)] IReadOnlyList<Consent> Consents,
    [property: Id(9)] DateTimeOffset RegisteredAt)
{
    /// <summary>Target groups with dates .</summary>
    [Id(10)] public IReadOnlyList<TargetGroupPeriod> TargetGroupPeriods { get; init; } = [];

    /// <summary>Guardians, parents and emergency contacts. Sensitive: only on the single <c>person</c> query.</summary>
    [Id(11)] public IReadOnlyList<PersonContact> Contacts { get; init; } = [];

    /// <summary>Monitoring level .</summary>
    [Id(12)] public MonitoringLevel Monitoring { get; init; }

    /// <summary>Changes of the monitoring level, oldest first.</summary>
    [Id(13)] public IReadOnlyList<MonitoringChange> MonitoringHistory { get; init; } = [];

    /// <summary>Roles held in units of the tenant .</summary>
    [Id(14)] public IReadOnlyList<OrganizationRoleAssignment> Roles { get; init; } = [];

    /// <summary>Staff qualifications with expiry .</summary>
    [Id(15)] public IReadOnlyList<Qualification> Qualifications { get; init; } = [];

    /// <summary>The staff member's login sub, or null.</summary>
    [Id(16)] public string? StaffSubject { get; init; }

    /// <summary>Census records (R-7.4 level 1), oldest first.</summary>
    [Id(17)] public IReadOnlyList<CensusRecord> CensusRecords { get; init; } = [];

    /// <summary>Last change (UTC).</summary>
    [Id(18)] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Date of birth, or null (then <see cref="BirthYear"/> may be all that is known; see <see cref="AgeOfConsent"/>).</summary>
    [Id(19)] public DateOnly? DateOfBirth { get; init; }

    /// <summary>Contacts removed or changed since, oldest first, at most <see cref="Domain.PersonRecord.MaxReplacedContacts"/>. Sensitive, as <see cref="Contacts"/>.</summary>
    [Id(20)] public IReadOnlyList<ReplacedContact> ReplacedContacts { get; init; } = [];

    /// <summary>True when a guardian is named among <see cref="Contacts"/> (needed for a guardian's consent).</summary>
    public bool HasGuardian => Contacts.Any(c => c.Kind == ContactKind.Guardian);

    /// <summary>The current status of the consent for <paramref name="purpose"/> (Pending when never recorded).</summary>
    public ConsentStatus ConsentFor(ConsentPurpose purpose) =>
        Consents.FirstOrDefault(c => c.Purpose == purpose)?.Status ?? ConsentStatus.Pending;

    /// <summary>
    /// The status of the consent for <paramref name="purpose"/> as it counts on the tenant-local date of <paramref name="now"/>
    /// under <paramref name="settings"/>' age of consent: <see cref="ConsentFor"/>, except that a guardian's grant counts as
    /// Pending from the person's coming of age on (<see cref="AgeOfConsent.EffectiveStatus"/>, PIPL art. 31). Use it wherever
    /// a consent allows an action (the case gate, sending aid, sharing screenings).
    /// </summary>
    public ConsentStatus EffectiveConsentFor(ConsentPurpose purpose, Tenancy.TenantSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return AgeOfConsent.EffectiveStatus(Consents.FirstOrDefault(c => c.Purpose == purpose), DateOfBirth, BirthYear,
            settings.Calendar.LocalDate(now), settings.AgeOfConsent);
    }
}
