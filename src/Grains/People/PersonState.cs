namespace CareGrid.Grains.People;

/// <summary>Persisted state of a <see cref="PersonGrain"/>.</summary>
[GenerateSerializer, Alias("CareGrid.PersonState")]
public sealed class PersonState
{
    /// <summary>False until registered.</summary>
    [Id(0)] public bool Exists { get; set; }
    /// <summary>Display name.</summary>
    [Id(1)] public string DisplayName { get; set; } = "";
    /// <summary>Organization local id.</summary>
    [Id(2)] public string OrganizationId { get; set; } = "";
    /// <summary>Sex.</summary>
    [Id(3)] public Sex Sex { get; set; }
    /// <summary>Year of birth.</summary>
    [Id(4)] public int? BirthYear { get; set; }
    /// <summary>Roster id.</summary>
    [Id(5)] public string? ExternalId { get; set; }
    /// <summary>Target groups .</summary>
    [Id(6)] public List<string> TargetGroups { get; set; } = [];
    /// <summary>Consents, one per purpose.</summary>
    [Id(7)] public List<Consent> Consents { get; set; } = [];
    /// <summary>Registration time (UTC).</summary>
    [Id(8)] public DateTimeOffset RegisteredAt { get; set; }
    /// <summary>Target groups with dates .</summary>
    [Id(9)] public List<TargetGroupPeriod> TargetGroupPeriods { get; set; } = [];
    /// <summary>Guardians, parents and emergency contacts. Sensitive.</summary>
    [Id(10)] public List<PersonContact> Contacts { get; set; } = [];
    /// <summary>Monitoring level of the three-level archive .</summary>
    [Id(11)] public MonitoringLevel Monitoring { get; set; }
    /// <summary>Changes of the monitoring level, oldest first.</summary>
    [Id(12)] public List<MonitoringChange> MonitoringHistory { get; set; } = [];
    /// <summary>Roles held in units of the tenant .</summary>
    [Id(13)] public List<OrganizationRoleAssignment> Roles { get; set; } = [];
    /// <summary>Staff qualifications .</summary>
    [Id(14)] public List<Qualification> Qualifications { get; set; } = [];
    /// <summary>The staff member's login sub, or null.</summary>
    [Id(15)] public string? StaffSubject { get; set; }
    /// <summary>Census records (R-7.4 level 1), the latest <see cref="Domain.PersonRecord.MaxCensusRecords"/>, oldest first.</summary>
    [Id(16)] public List<CensusRecord> CensusRecords { get; set; } = [];
    /// <summary>Last change (UTC).</summary>
    [Id(17)] public DateTimeOffset? UpdatedAt { get; set; }
    /// <summary>Date of birth, or null (see <see cref="AgeOfConsent"/>).</summary>
    [Id(18)] public DateOnly? DateOfBirth { get; set; }
    /// <summary>The person's open cases, oldest first: a new concern joins the first (docs/idempotency.md, R-1.5).</summary>
    [Id(40)] public List<string>? OpenCaseIds { get; set; }
    /// <summary>True once open cases reported before <see cref="OpenCaseIds"/> existed were looked up on the read side.</summary>
    [Id(41)] public bool OpenCasesKnown { get; set; }
    /// <summary>Keyed concerns routed lately (result: <c>caseId\nseparatedFrom</c>), so a retry goes to the same case (bounded).</summary>
    [Id(42)] public List<Idempotency.RememberedWrite>? ConcernRoutes { get; set; }
    /// <summary>The keyed request that registered the person under a derived id, or null.</summary>
    [Id(43)] public Idempotency.RememberedWrite? CreatedBy { get; set; }
    /// <summary>The key of the last roster row that changed the person (<see cref="PersonImport.RowKey"/>), or null: a retried row is recognised.</summary>
    [Id(44)] public string? LastImportRow { get; set; }
    /// <summary>What that row did (<see cref="ImportOutcome.Created"/> or <see cref="ImportOutcome.Updated"/>).</summary>
    [Id(45)] public ImportOutcome LastImportOutcome { get; set; }
    /// <summary>
    /// True from the moment a change of unit is stored until every open case has been told (<c>ICaseGrain.PersonMoved</c>):
    /// stored with the move, so a follow cut short (a timeout, a silo lost) is finished by the person's next directory
    /// command — <c>updatePerson</c> sent again, or a roster row of the person, even one that changes nothing (round 23 red team).
    /// </summary>
    [Id(46)] public bool OpenCasesFollowPending { get; set; }
    /// <summary>Contacts removed or changed, oldest first, the latest <see cref="Domain.PersonRecord.MaxReplacedContacts"/>; null when none.</summary>
    [Id(47)] public List<ReplacedContact>? ReplacedContacts { get; set; }

    /// <summary>
    /// When each of <see cref="Contacts"/> was recorded (UTC, same order); null, or shorter than the list, for contacts
    /// recorded at registration or before 2026-12-05, which count as recorded at <see cref="RegisteredAt"/>. Kept so that the
    /// replaced contacts that had stood longest are the ones never dropped (<see cref="Domain.PersonRecord.LongestStandingContactsKept"/>).
    /// </summary>
    [Id(48)] public List<DateTimeOffset>? ContactsRecordedAt { get; set; }

    /// <summary>
    /// The protocol deadlines the person's last closed case had stopped (<see cref="Cases.CaseState.StoppedDeadlines"/>, given
    /// by its <c>closeCase</c>); a new case opened for them takes them, so reporting anew instead of reopening buys no time
    /// either (round-29 red team). Replaced by each closing; null when it stopped none.
    /// </summary>
    [Id(49)] public List<Cases.StoppedDeadline>? StoppedDeadlines { get; set; }
}
