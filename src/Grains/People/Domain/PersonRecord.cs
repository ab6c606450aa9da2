using CareGrid.Grains.Cases;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Idempotency;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.People.Domain;

/// <summary>
/// The person aggregate as a plain class: takes the <see cref="PersonState"/> and the domain clock's <c>now</c> (and, where
/// the age of consent matters, the tenant's <see cref="TenantSettings"/>: its age of consent and time zone), applies one
/// command to the state and returns what it caused (<see cref="PersonOutcome"/>). It calls nothing: the person grain checks
/// the unit, loads, calls, saves and publishes. A refused command throws before changing anything.
/// </summary>
/// <param name="state">The state to change (in place, except <see cref="Register"/> and a roster row creating the person, which make a new one: read <see cref="State"/>).</param>
/// <param name="now">The domain clock's time (UTC) of the command.</param>
public sealed partial class PersonRecord(PersonState state, DateTimeOffset now)
{
    /// <summary>How many census records a person keeps (the latest; older ones stay in their census rounds' counts, docs/storage.md).</summary>
    public const int MaxCensusRecords = 20;

    /// <summary>The state after the command.</summary>
    public PersonState State { get; private set; } = state;

    private PersonState S => State;

    /// <summary>The UTC date of <c>now</c>: the start of a target group period set on registration or import .</summary>
    private DateOnly Today => DateOnly.FromDateTime(now.UtcDateTime);

    /// <summary>
    /// A new person from a checked registration (<see cref="PersonInput.Registration"/>): each target group open from today
    /// registered <c>now</c>; <paramref name="createdBy"/> remembers the keyed request (docs/idempotency.md).
    /// </summary>
    public static PersonState Register(RegisterPerson input, RememberedWrite? createdBy, DateTimeOffset now) => new()
    {
        Exists = true,
        DisplayName = input.DisplayName,
        OrganizationId = input.OrganizationId,
        Sex = input.Sex,
        BirthYear = input.BirthYear,
        DateOfBirth = input.DateOfBirth,
        ExternalId = input.ExternalId,
        TargetGroups = [.. input.TargetGroups],
        TargetGroupPeriods = input.TargetGroups.Select(g => new TargetGroupPeriod(g, DateOnly.FromDateTime(now.UtcDateTime), null)).ToList(),
        RegisteredAt = now,
        CreatedBy = createdBy,
        OpenCasesKnown = true, // no case can predate the person: nothing to learn from the read side (docs/idempotency.md)
    };

    /// <summary>
    /// Records a consent decision for <paramref name="purpose"/> (R-1.7): the transition must be permitted by
    /// <see cref="ConsentStateMachine"/> from the status as it counts today (a guardian's grant that lapsed when the person came
    /// of age counts as Pending, <see cref="AgeOfConsent.EffectiveStatus"/>; else <c>INVALID_TRANSITION</c>), and the decider allowed by the age rule on the
    /// tenant's local date (<see cref="AgeOfConsent.EnsureMayDecide"/>, PIPL art. 31; else <c>VALIDATION_FAILED</c>).
    /// Returns the change to tell the open cases.
    /// </summary>
    /// <param name="purpose">The purpose decided on.</param>
    /// <param name="decision">The decision: the trigger of <see cref="ConsentStateMachine"/>.</param>
    /// <param name="givenBy">Who decided: the person or a guardian.</param>
    /// <param name="by">The <c>sub</c> of the staff member recording it.</param>
    /// <param name="settings">The tenant's settings: its age of consent and the time zone of its local date.</param>
    public PersonOutcome RecordConsent(ConsentPurpose purpose, ConsentStatus decision, ConsentGivenBy givenBy, string by, TenantSettings settings)
    {
        var today = settings.Calendar.LocalDate(now);
        // From the status as it counts: a guardian's grant that lapsed when the person came of age is Pending, so the person's own first decision is taken.
        var counted = AgeOfConsent.EffectiveStatus(S.Consents.FirstOrDefault(c => c.Purpose == purpose), S.DateOfBirth, S.BirthYear, today, settings.AgeOfConsent);
        var status = ConsentStateMachine.Next(counted, decision);
        AgeOfConsent.EnsureMayDecide(givenBy, S.DateOfBirth, S.BirthYear, HasGuardian, today, settings.AgeOfConsent);
        var record = new Consent(purpose, status, givenBy, now, by);
        var index = S.Consents.FindIndex(c => c.Purpose == purpose);
        if (index >= 0)
        {
            S.Consents[index] = record;
        }
        else
        {
            S.Consents.Add(record);
        }

        return new PersonOutcome(true, [new ConsentChange(purpose, status, givenBy, by, Snapshot(settings))]);
    }

    /// <summary>
    /// Notes a guardian's view beside the person's own decision on <paramref name="purpose"/> (docs/consent.md "The guardian's
    /// view"): schools ask a parent as well when a pupil of 14–17 consents, but only the pupil decides (PIPL art. 31), so the
    /// view is kept for the record and changes nothing the decision allows. A later note replaces an earlier one; a new
    /// decision drops it (<see cref="RecordConsent"/> stores a new record). <c>VALIDATION_FAILED</c>:
    /// field <c>personId</c> (<see cref="AgeOfConsent.EnsureGuardianViewApplies"/>: below the age of consent, unknown age, or
    /// an adult); field <c>purpose</c>, rule <c>own-decision-first</c>, when the person has not decided on the purpose themself;
    /// field <c>guardianName</c>, rule <c>guardian-required</c>, when no guardian is named on the person, or when the name given
    /// (trimmed) is none of the guardians', or none is given and more than one guardian is named.
    /// </summary>
    /// <param name="purpose">The purpose the person decided on.</param>
    /// <param name="agreed">Whether the guardian agrees with that decision.</param>
    /// <param name="guardianName">The guardian, as named on the person's contacts; null when exactly one guardian is named.</param>
    /// <param name="by">The <c>sub</c> of the staff member noting it.</param>
    /// <param name="settings">The tenant's settings: its age of consent and the time zone of its local date.</param>
    public PersonOutcome NoteGuardianAgreement(ConsentPurpose purpose, bool agreed, string? guardianName, string by, TenantSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var today = settings.Calendar.LocalDate(now);
        AgeOfConsent.EnsureGuardianViewApplies(S.DateOfBirth, S.BirthYear, today, settings.AgeOfConsent);
        // The person's own decision as staff recorded it: not a withdrawal the system wrote after a birth-data edit (Reason set; round-25 red team).
        var index = S.Consents.FindIndex(c => c.Purpose == purpose && c.GivenBy == ConsentGivenBy.Self && c.Reason is null);
        if (index < 0)
        {
            throw new Errors.CareGridException(Errors.ErrorCodes.ValidationFailed, Imports.Bilingual.Join(
                "The person has not decided on this purpose themself yet: record their own decision first (recordConsent, givenBy: SELF); the guardian's view is noted beside it.",
                "此人尚未就此事项自行作出决定：请先登记本人的决定（givenBy: SELF），监护人意见记在本人决定旁。"),
                new Dictionary<string, string> { ["field"] = "purpose", ["rule"] = "own-decision-first" });
        }

        var guardian = GuardianNamed(guardianName);
        S.Consents[index] = S.Consents[index] with { GuardianAgreement = new GuardianAgreement(agreed, guardian, now, by) };
        // told to the open cases, which put it on their timelines (round-25 trial: the view had no timeline entry)
        return Touched([new ConsentChange(purpose, S.Consents[index].Status, ConsentGivenBy.Self, by, Snapshot(settings), GuardianAgreed: agreed)]);
    }

    /// <summary>The guardian named <paramref name="name"/> on the person's contacts (trimmed, exact), or the only guardian when <paramref name="name"/> is blank.</summary>
    private string GuardianNamed(string? name)
    {
        var guardians = S.Contacts.Where(c => c.Kind == ContactKind.Guardian).Select(c => c.Name).ToList();
        var wanted = name?.Trim();
        if (string.IsNullOrEmpty(wanted))
        {
            return guardians.Count == 1 ? guardians[0] : throw GuardianRefused(guardians.Count == 0
                ? ("No guardian is named on this person: add the guardian first with setPersonContacts (a contact of kind GUARDIAN).", "此人尚未登记监护人：请先在“家属与紧急联系人”中添加监护人。")
                : ("More than one guardian is named on this person: say which one with guardianName.", "此人登记了不止一位监护人：请选择是哪一位。"));
        }

        return guardians.Find(g => string.Equals(g.Trim(), wanted, StringComparison.Ordinal))
            ?? throw GuardianRefused(("guardianName names none of the guardians on this person's contacts: use a name as it is listed there.", "所填监护人不在此人的联系人名单中：请按名单中的姓名选择。"));
    }

    private static Errors.CareGridException GuardianRefused((string En, string Zh) message) =>
        new(Errors.ErrorCodes.ValidationFailed, Imports.Bilingual.Join(message.En, message.Zh),
            new Dictionary<string, string> { ["field"] = "guardianName", ["rule"] = "guardian-required" });

    /// <summary>Adds or replaces the period of target group <paramref name="code"/> (R-1.2): a code of 1–64 letters and digits, <paramref name="until"/> not before <paramref name="from"/>.</summary>
    public PersonOutcome SetTargetGroup(string code, DateOnly? from, DateOnly? until)
    {
        if (!PersonValidation.IsCode(code))
        {
            throw Errors.CareGridException.Validation("code", "A target group code is 1–64 letters and digits (R-1.2).");
        }

        if (from is { } f && until is { } u && u < f)
        {
            throw Errors.CareGridException.Validation("until", "The end date is on or after the start date.");
        }

        S.TargetGroupPeriods.RemoveAll(p => p.Code == code);
        S.TargetGroupPeriods.Add(new TargetGroupPeriod(code, from, until));
        if (!S.TargetGroups.Contains(code))
        {
            S.TargetGroups.Add(code);
        }

        return Touched();
    }

    /// <summary>
    /// How many replaced contacts a person keeps (<see cref="PersonState.ReplacedContacts"/>): the
    /// <see cref="LongestStandingContactsKept"/> that had stood longest and the latest ones; the oldest others go first.
    /// </summary>
    public const int MaxReplacedContacts = 20;

    /// <summary>
    /// How many replaced contacts are never dropped: those that had stood longest before they were replaced — the family's
    /// real contacts, which stood for weeks, not junk entered to be replaced. A run of replacements (20 junk lists in a row,
    /// round-26 red team) cannot push them out, nor can a writer who first pads the list with junk and replaces the junk
    /// first (round-28 red team beat the earlier rule, "the first 5 ever replaced", that way): junk would have to stand
    /// longer than the real contacts had.
    /// </summary>
    public const int LongestStandingContactsKept = 5;

    /// <summary>
    /// Replaces the guardians, parents and emergency contacts, checked by <see cref="PersonValidation.Contacts"/> (at most
    /// 10); each contact not kept exactly as it was is kept in <see cref="PersonState.ReplacedContacts"/> (<see cref="ReplaceContacts"/>).
    /// </summary>
    /// <param name="contacts">The new list.</param>
    /// <param name="by">The <c>sub</c> of who sent it.</param>
    public PersonOutcome SetContacts(IReadOnlyList<PersonContact> contacts, string by)
    {
        ReplaceContacts(PersonValidation.Contacts(contacts), by);
        return Touched();
    }

    /// <summary>
    /// Sets <see cref="PersonState.Contacts"/> to <paramref name="next"/> and keeps each earlier contact that is not in it
    /// exactly (removed, or any of its fields changed) as a <see cref="ReplacedContact"/> by <paramref name="by"/> at now, with
    /// when it had been recorded; past <see cref="MaxReplacedContacts"/> the oldest replaced go, except the
    /// <see cref="LongestStandingContactsKept"/> that had stood longest (round-24 red team: an overwritten guardian could not be
    /// recovered; rounds 26 and 28: nor could one pushed out by a run of replacements). A contact kept exactly keeps its
    /// recording time; a new or changed one is recorded now.
    /// </summary>
    private void ReplaceContacts(List<PersonContact> next, string by)
    {
        var before = S.Contacts.Select((c, i) => (Contact: c, At: RecordedAt(i))).ToList();
        var recorded = new List<DateTimeOffset>(next.Count);
        foreach (var contact in next)
        {
            var same = before.FindIndex(b => b.Contact == contact);
            recorded.Add(same >= 0 ? before[same].At : now);
            if (same >= 0)
            {
                before.RemoveAt(same);
            }
        }

        foreach (var (gone, at) in before)
        {
            (S.ReplacedContacts ??= []).Add(new ReplacedContact(gone, now, by, at));
        }

        if (S.ReplacedContacts is { Count: > MaxReplacedContacts } kept)
        {
            var pinned = kept.Select((r, i) => (r.Stood, i)).OrderByDescending(x => x.Stood).ThenBy(x => x.i)
                .Take(LongestStandingContactsKept).Select(x => x.i).ToHashSet();
            var drop = kept.Count - MaxReplacedContacts;
            var left = new List<ReplacedContact>(MaxReplacedContacts);
            for (var i = 0; i < kept.Count; i++)
            {
                if (!pinned.Contains(i) && drop > 0)
                {
                    drop--; // the oldest replaced that is not pinned goes
                    continue;
                }

                left.Add(kept[i]);
            }

            S.ReplacedContacts = left;
        }

        S.Contacts = next;
        S.ContactsRecordedAt = recorded;
    }

    /// <summary>When the contact at <paramref name="index"/> was recorded: kept, else the person's registration.</summary>
    private DateTimeOffset RecordedAt(int index) =>
        S.ContactsRecordedAt is { } at && index < at.Count && S.ContactsRecordedAt.Count == S.Contacts.Count ? at[index] : S.RegisteredAt;

    /// <summary>
    /// Replaces the guardians and parents (R-6.2, the three knows; docs/visits.md) and keeps the emergency contacts and the
    /// person's own contact; at most 10 in all. <c>VALIDATION_FAILED</c>: field <c>contacts[i].kind</c> for an emergency contact
    /// or the person's own contact (only <c>setPersonContacts</c> changes those; <c>rule</c> <c>family-contacts-only</c>),
    /// <c>contacts[i].…</c> for a bad contact, <c>contacts</c> past 10.
    /// </summary>
    /// <param name="contacts">The guardians and parents.</param>
    /// <param name="by">The <c>sub</c> of who sent them.</param>
    public PersonOutcome SetFamilyContacts(IReadOnlyList<PersonContact> contacts, string by)
    {
        var family = PersonValidation.Contacts(contacts);
        var notFamily = family.FindIndex(c => !IsFamily(c));
        if (notFamily >= 0)
        {
            throw new Errors.CareGridException(Errors.ErrorCodes.ValidationFailed, Imports.Bilingual.Join(
                    "setFamilyContacts records guardians and parents only (GUARDIAN, PARENT); emergency contacts and the person's own phone (SELF) are changed with setPersonContacts.",
                    "此处只登记监护人和家长；紧急联系人和本人电话请在“联系人”中修改。"),
                new Dictionary<string, string> { ["field"] = $"contacts[{notFamily}].kind", ["rule"] = "family-contacts-only" });
        }

        ReplaceContacts(PersonValidation.Contacts([.. family, .. S.Contacts.Where(c => !IsFamily(c))]), by);
        return Touched();
    }

    /// <summary>Replaces the staff qualifications (R-1.4, R-7.7; at most 20) and, when given, the staff login sub (≤ 200 characters).</summary>
    public PersonOutcome SetQualifications(IReadOnlyList<Qualification> qualifications, string? staffSubject)
    {
        var checkedList = PersonValidation.Qualifications(qualifications);
        var subject = PersonValidation.StaffSubject(staffSubject);
        S.Qualifications = checkedList;
        S.StaffSubject = subject ?? S.StaffSubject;
        return Touched();
    }

    /// <summary>Records a role held in a unit (R-1.4; <paramref name="staff"/> false for roles of people served, R-7.5). Unchanged when already held.</summary>
    public PersonOutcome AssignRole(string organizationId, string role, bool staff)
    {
        if (S.Roles.Any(r => r.OrganizationId == organizationId && r.Role == role))
        {
            return PersonOutcome.Unchanged;
        }

        S.Roles.Add(new OrganizationRoleAssignment(organizationId, role, now, staff));
        return Touched();
    }

    /// <summary>Forgets a role held in a unit. Unchanged when not held.</summary>
    public PersonOutcome UnassignRole(string organizationId, string role) =>
        S.Roles.RemoveAll(r => r.OrganizationId == organizationId && r.Role == role) > 0 ? Touched() : PersonOutcome.Unchanged;

    /// <summary>
    /// Adds a census record (R-7.4 level 1), keeping the latest <see cref="MaxCensusRecords"/>: <c>None → Census</c>, and a
    /// flagged record moves a person at None or Census to Tracking. The same keyed record again is unchanged; the key on
    /// another record is <c>IDEMPOTENCY_KEY_REUSED</c> (docs/idempotency.md).
    /// </summary>
    public PersonOutcome RecordCensus(CensusRecord record)
    {
        if (record.IdempotencyKey is { } key && S.CensusRecords.LastOrDefault(r => r.IdempotencyKey == key && r.By == record.By) is { } earlier)
        {
            return earlier with { At = record.At } == record ? PersonOutcome.Unchanged : throw IdempotencyKey.Reused("recordCensus");
        }

        S.CensusRecords.Add(record);
        if (S.CensusRecords.Count > MaxCensusRecords)
        {
            S.CensusRecords.RemoveRange(0, S.CensusRecords.Count - MaxCensusRecords);
        }

        var machine = Monitoring();
        Fire(machine, MonitoringTrigger.RecordCensus, record.By, $"census {record.RoundId}");
        if (record.IsFlagged && machine.CanFire(MonitoringTrigger.StartTracking))
        {
            Fire(machine, MonitoringTrigger.StartTracking, record.By, $"flagged in census {record.RoundId}");
        }

        return Touched();
    }

    /// <summary>The person's consents as stored (<see cref="ConsentSnapshot"/>; who decides not counted, see <see cref="Snapshot(TenantSettings)"/>).</summary>
    public ConsentSnapshot Snapshot() =>
        new(ConsentOf(ConsentPurpose.ProfessionalIntervention), ConsentOf(ConsentPurpose.InformationSharing));

    /// <summary>
    /// What the consent gate counts of the person's consents on the tenant-local date of <c>now</c> under
    /// <paramref name="settings"/>' age of consent: who decides, and a guardian's grant as Pending once the person is of age
    /// (<see cref="ConsentSnapshot.Of(IReadOnlyList{Consent}, DateOnly?, int?, DateOnly, int)"/>). Sent to the open cases.
    /// </summary>
    public ConsentSnapshot Snapshot(TenantSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return ConsentSnapshot.Of(S.Consents, S.DateOfBirth, S.BirthYear, settings.Calendar.LocalDate(now), settings.AgeOfConsent);
    }

    private ConsentStatus ConsentOf(ConsentPurpose purpose) =>
        S.Consents.FirstOrDefault(c => c.Purpose == purpose)?.Status ?? ConsentStatus.Pending;

    private bool HasGuardian => S.Contacts.Any(c => c.Kind == ContactKind.Guardian);

    /// <summary>True for a guardian or a parent, the contacts <c>setFamilyContacts</c> changes (not an emergency contact, not the person themself).</summary>
    private static bool IsFamily(PersonContact c) => c.Kind is ContactKind.Guardian or ContactKind.Parent;

    /// <summary>Marks the state changed at <c>now</c>.</summary>
    private PersonOutcome Touched(IReadOnlyList<ConsentChange>? changes = null)
    {
        S.UpdatedAt = now;
        return changes is { Count: > 0 } ? new PersonOutcome(true, changes) : PersonOutcome.Saved;
    }
}
