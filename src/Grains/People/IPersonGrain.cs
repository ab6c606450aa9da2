using CareGrid.Grains.Security;
using Orleans.Concurrency;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.People;

/// <summary>Someone the tenant serves. Key: <c>"{tenant}/{personId}"</c>.</summary>
public interface IPersonGrain : ITenantScopedGrain
{
    /// <summary>Registers the person. Fails with <c>ALREADY_EXISTS</c>, <c>VALIDATION_FAILED</c>, or <c>NOT_FOUND</c> (organization).</summary>
    Task<PersonInfo> Register(RegisterPerson input, Actor actor);

    /// <summary>
    /// The person, or null when never registered. Interleaves with the grain's other calls (it only reads): a case grain
    /// reading consent while this grain tells that case of a consent change must not wait for it (no call cycle).
    /// </summary>
    [AlwaysInterleave]
    Task<PersonInfo?> Get();

    /// <summary>
    /// The person for <paramref name="viewer"/>, or null when never registered; <c>FORBIDDEN</c> (<c>rule</c>
    /// <c>need-to-know</c>, <c>entity</c> <c>Person</c>) unless <see cref="NeedToKnowPolicy.ForPerson"/> opens it: the viewer
    /// works on one of the person's open cases, holds a break-the-glass grant on the person, or is the system
    /// (docs/architecture.md "Security and privacy"). Interleaves like <see cref="Get()"/> (it only reads).
    /// </summary>
    [AlwaysInterleave]
    Task<PersonInfo?> Get(Actor viewer);

    /// <summary>
    /// Checks, before a command on the person's record, that <paramref name="viewer"/> may act on it: <c>NOT_FOUND</c> when
    /// never registered, <c>FORBIDDEN</c> (need-to-know) as <see cref="Get(Actor)"/>. Internal callers (census rounds,
    /// seeding) call the commands without it.
    /// </summary>
    [AlwaysInterleave]
    Task EnsureNeedToKnow(Actor viewer);

    /// <summary>
    /// Checks that <paramref name="actor"/> may change the record, not only read it (<c>NeedToKnowPolicy.MayChangePerson</c>):
    /// on one of the person's open cases, or a break-the-glass grant with units covering the person's unit. <c>FORBIDDEN</c>
    /// (rule need-to-know, or break-the-glass-read-only); <c>NOT_FOUND</c> for a person never registered.
    /// </summary>
    [AlwaysInterleave]
    Task EnsureMayChange(Actor actor);

    /// <summary>
    /// Records a consent decision for a purpose. Permitted: <c>Pending → Granted | Refused</c>,
    /// <c>Refused → Granted</c> (asked again), <c>Granted → Withdrawn</c>, <c>Withdrawn → Granted</c>;
    /// anything else is <c>INVALID_TRANSITION</c>. <c>NOT_FOUND</c> when the person does not exist.
    /// Who decides (<see cref="AgeOfConsent.EnsureMayDecide"/>): a guardian's decision needs a guardian named on the person;
    /// the person's own needs them at or above the tenant's age of consent on the tenant's local date (default 14, PIPL
    /// art. 31) — else <c>VALIDATION_FAILED</c> (field <c>contacts</c>, <c>givenBy</c> or <c>dateOfBirth</c>; <c>rule</c>).
    /// Each open case of the person is then told (<c>ICaseGrain.ConsentChanged</c>) and records it on its timeline.
    /// Checked first: need-to-know of <paramref name="actor"/> (<c>FORBIDDEN</c>, as <see cref="Get(Actor)"/>; so an unknown
    /// person is <c>FORBIDDEN</c> to staff too). Rules: <see cref="Domain.PersonRecord.RecordConsent"/> (R-1.7).
    /// </summary>
    Task<PersonInfo> RecordConsent(ConsentPurpose purpose, ConsentStatus decision, ConsentGivenBy givenBy, Actor actor);

    /// <summary>
    /// Notes a guardian's view (<paramref name="agreed"/>) beside the person's own decision on <paramref name="purpose"/>, for a
    /// minor who decides alone (at or above the tenant's age of consent, under 18): for the record only, it changes nothing
    /// the decision allows, and open cases are not told. Checked first: need-to-know of <paramref name="actor"/>
    /// (<c>FORBIDDEN</c>, as <see cref="RecordConsent"/>). Rules and errors: <see cref="Domain.PersonRecord.NoteGuardianAgreement"/>
    /// (<c>VALIDATION_FAILED</c>); <c>NOT_FOUND</c> when the person does not exist.
    /// </summary>
    Task<PersonInfo> NoteGuardianAgreement(ConsentPurpose purpose, bool agreed, string? guardianName, Actor actor);

    /// <summary>Changes the identifying data. <c>NOT_FOUND</c> (person or unit), <c>VALIDATION_FAILED</c> (with the field; e.g. a closed unit).</summary>
    Task<PersonInfo> Update(UpdatePerson input, Actor actor);

    /// <summary>
    /// Applies one roster row (registers the person, or updates them): <see cref="ImportOutcome.Unchanged"/> when the row
    /// matches what is stored, so re-importing a file changes nothing. Validates everything before writing anything.
    /// </summary>
    Task<ImportOutcome> Import(PersonImport input, Actor actor);

    /// <summary>Adds or replaces the period of a target group. <c>VALIDATION_FAILED</c> (fields <c>code</c>, <c>until</c>).</summary>
    Task<PersonInfo> SetTargetGroup(string code, DateOnly? from, DateOnly? until, Actor actor);

    /// <summary>Replaces the guardians, parents and emergency contacts, at most 10. <c>VALIDATION_FAILED</c> (field <c>contacts[i].…</c>).</summary>
    Task<PersonInfo> SetContacts(IReadOnlyList<PersonContact> contacts, Actor actor);

    /// <summary>
    /// Replaces the guardians and parents and keeps the emergency contacts (R-6.2, the three knows; docs/visits.md); the caller
    /// checks the organization scope. <c>VALIDATION_FAILED</c> (field <c>contacts[i].…</c>; an emergency contact is refused).
    /// </summary>
    Task<PersonInfo> SetFamilyContacts(IReadOnlyList<PersonContact> contacts, Actor actor);

    /// <summary>Fires a monitoring trigger; <c>INVALID_TRANSITION</c> when not permitted at the current level.</summary>
    Task<PersonInfo> ChangeMonitoring(MonitoringTrigger trigger, string? reason, Actor actor);

    /// <summary>
    /// Professional intervention started on the person's case <paramref name="caseId"/>: a person below IndividualCase moves
    /// there (R-7.4 (3), <see cref="Domain.PersonRecord.NoteIndividualCounselling"/>); unchanged, and nothing written, when
    /// already there. Called by the case grain.
    /// </summary>
    Task<PersonInfo> NoteIndividualCounselling(string caseId, Actor actor);

    /// <summary>Adds a census record (R-7.4 level 1): <c>None → Census</c>, and a flagged record moves a person at None or Census to Tracking.</summary>
    Task<PersonInfo> RecordCensus(CensusRecord record);

    /// <summary>Records a role held in a unit (called by <c>IOrganizationGrain.AddMember</c>); <paramref name="staff"/> is false for roles of people served. Idempotent.</summary>
    Task AssignRole(string organizationId, string role, bool staff, Actor actor);

    /// <summary>Forgets a role held in a unit (called by <c>IOrganizationGrain.RemoveMember</c>). Idempotent.</summary>
    Task UnassignRole(string organizationId, string role, Actor actor);

    /// <summary>Replaces the staff qualifications, at most 20, and the staff login sub (null keeps it). <c>VALIDATION_FAILED</c>.</summary>
    Task<PersonInfo> SetQualifications(IReadOnlyList<Qualification> qualifications, string? staffSubject, Actor actor);

    /// <summary>Erases the stored state (tenant deletion after export); the grain then deactivates.</summary>
    Task Purge();

    /// <summary>
    /// The person's open-case registry (docs/idempotency.md, R-1.5): names the case a new concern goes to — the person's
    /// open case, or (none open, or <see cref="Cases.ConcernClaim.Separate"/>) the proposed new case, which is recorded as open.
    /// Calls are served one at a time, so concurrent reports about the person agree on one open case. A keyed claim sent
    /// again answers the same case. <c>NOT_FOUND</c> (person), <c>IDEMPOTENCY_KEY_REUSED</c>.
    /// </summary>
    Task<Cases.ConcernTarget> ClaimCaseForConcern(Cases.ConcernClaim claim);

    /// <summary>
    /// Forgets <paramref name="caseId"/> as an open case of the person (the case closed), and keeps the protocol deadlines its
    /// closing stopped (<paramref name="stopped"/>, null for none) for a new case of the person. One-way: the case does not wait,
    /// so a case closing while this person notifies it of a consent decision cannot deadlock; a lost message is healed by
    /// the next report (<see cref="ClaimCaseForConcern"/> checks the listed cases).
    /// </summary>
    [OneWay]
    Task ReleaseOpenCase(string caseId, IReadOnlyList<Cases.StoppedDeadline>? stopped);

    /// <summary>Records <paramref name="caseId"/> as an open case of the person (the case reopened). One-way, as <see cref="ReleaseOpenCase"/>.</summary>
    [OneWay]
    Task TrackOpenCase(string caseId);
}
