using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.People.Domain;

/// <summary>Identifying data and roster rows, and what a birth-data change does to consents (PIPL art. 31, docs/consent.md).</summary>
public sealed partial class PersonRecord
{
    /// <summary>The reason of a self-given consent withdrawn by the system when the birth data puts the person below the age of consent.</summary>
    public const string BelowAgeReason = "birth date changed: below the age of consent; a guardian decides";

    /// <summary>The reason of a self-given consent withdrawn by the system when the birth data is removed (age unknown).</summary>
    public const string UnknownAgeReason = "birth date removed: age unknown; a guardian decides";

    /// <summary>
    /// The reason of a guardian-given consent withdrawn by the system when the birth data puts the person at or above the age
    /// of consent: only the person decides now (R-1.7, PIPL art. 31; round 16 red team F11).
    /// </summary>
    public const string OfAgeReason = "birth date changed: of the age of consent; only the person decides";

    /// <summary>
    /// True when applying <paramref name="profile"/> changes the birth data of a person holding a granted consent (given by
    /// themself or by a guardian): only then does the command need the tenant's settings (<see cref="Update"/>,
    /// <see cref="Import"/>), for <see cref="WithdrawConsentsOfTheWrongDecider"/>.
    /// </summary>
    public bool AgeRuleAffectedBy(UpdatePerson profile) =>
        S.Exists && (S.DateOfBirth != profile.DateOfBirth || S.BirthYear != profile.BirthYear)
        && S.Consents.Any(c => c.Status == ConsentStatus.Granted);

    /// <summary>
    /// Applies checked identifying data (<see cref="PersonInput.Profile"/>; the grain has checked the unit). When the new birth
    /// data changes who decides, the grants of the one who no longer does are withdrawn (<see cref="WithdrawConsentsOfTheWrongDecider"/>);
    /// <paramref name="settings"/> is needed only when <see cref="AgeRuleAffectedBy"/> holds.
    /// </summary>
    public PersonOutcome Update(UpdatePerson profile, TenantSettings? settings)
    {
        var recheck = AgeRuleAffectedBy(profile);
        Apply(profile);
        return Touched(recheck ? WithdrawConsentsOfTheWrongDecider(Required(settings)) : null);
    }

    /// <summary>
    /// Applies one roster row: registers the person (<see cref="ImportOutcome.Created"/>), or updates them
    /// (<see cref="ImportOutcome.Updated"/>; new target groups added from today; the row's contacts replace those of the same
    /// kinds only (<see cref="ContactsAfterRow"/>), qualifications replaced when the row has any; birth data as in <see cref="Update"/>), or <see cref="ImportOutcome.Unchanged"/> when the row holds nothing
    /// new. Validates target groups, contacts, qualifications and the staff sub before changing anything.
    /// </summary>
    /// <param name="row">The row.</param>
    /// <param name="profile">The row's identifying data, checked (<see cref="PersonInput.Profile"/>).</param>
    /// <param name="settings">The tenant's settings; needed only when <see cref="AgeRuleAffectedBy"/> holds for <paramref name="profile"/>.</param>
    /// <param name="by">The <c>sub</c> of who imported the row: contacts the row replaces are kept as replaced by them.</param>
    /// <exception cref="CareGridException">
    /// <c>EXTERNAL_ID_CONFLICT</c> (field <c>externalId</c>) when the person exists under another name (<see cref="SameName"/>):
    /// the row's external id is most likely mistyped, and applying it would rename and move another person. Nothing changes.
    /// <c>PERSON_IN_OTHER_UNIT</c> (field <c>externalId</c>, extension <c>organizationId</c> the person's unit) when the person is
    /// registered in another unit and <see cref="PersonImport.AllowMove"/> is false: a file imported into the wrong class would
    /// otherwise move a whole class without asking (new-user trial, 2026-12-04). Nothing changes.
    /// </exception>
    public (ImportOutcome Outcome, PersonOutcome Caused) Import(PersonImport row, UpdatePerson profile, TenantSettings? settings, string by = "system")
    {
        if (row.Staff && !row.AllowMove && S.Exists && S.OrganizationId is { } home && home != profile.OrganizationId)
        {
            profile = profile with { OrganizationId = home }; // a role in one more unit is not a move (round 23 red team)
        }

        EnsureRowNamesThisPersonHere(row, profile);
        profile = KeepKnown(profile);
        var groups = PersonInput.Codes(row.TargetGroups, "targetGroups");
        var contacts = PersonValidation.Contacts(row.Contacts);
        var afterRow = S.Exists && contacts.Count > 0 ? ContactsAfterRow(contacts) : null;
        var qualifications = PersonValidation.Qualifications(row.Qualifications);
        var subject = PersonValidation.StaffSubject(row.StaffSubject);
        if (!S.Exists)
        {
            State = new PersonState
            {
                Exists = true,
                RegisteredAt = now,
                TargetGroups = groups,
                TargetGroupPeriods = groups.Select(g => new TargetGroupPeriod(g, Today, null)).ToList(),
                Contacts = contacts,
                Qualifications = qualifications,
                StaffSubject = subject,
                OpenCasesKnown = true, // no case can predate the person (docs/idempotency.md)
            };
            Apply(profile);
            return (ImportOutcome.Created, Touched());
        }

        var changed = S.DisplayName != profile.DisplayName || S.OrganizationId != profile.OrganizationId || S.Sex != profile.Sex
            || S.BirthYear != profile.BirthYear || S.DateOfBirth != profile.DateOfBirth || S.ExternalId != profile.ExternalId
            || groups.Any(g => !S.TargetGroups.Contains(g))
            || (afterRow is not null && !SameContacts(afterRow, S.Contacts))
            || (qualifications.Count > 0 && !qualifications.SequenceEqual(S.Qualifications))
            || (subject is not null && subject != S.StaffSubject);
        if (!changed)
        {
            return (ImportOutcome.Unchanged, PersonOutcome.Unchanged);
        }

        var moved = S.OrganizationId != profile.OrganizationId;
        var recheck = AgeRuleAffectedBy(profile);
        Apply(profile);
        var withdrawn = recheck ? WithdrawConsentsOfTheWrongDecider(Required(settings)) : null;
        AddTargetGroupsFromToday(groups);
        if (afterRow is not null && !SameContacts(afterRow, S.Contacts))
        {
            ReplaceContacts(afterRow, by);
        }

        S.Qualifications = qualifications.Count > 0 ? qualifications : S.Qualifications;
        S.StaffSubject = subject ?? S.StaffSubject;
        return (moved ? ImportOutcome.Moved : ImportOutcome.Updated, Touched(withdrawn));
    }

    /// <summary>
    /// The person's contacts once a roster row's <paramref name="row"/> (not empty) is applied: the row's contacts replace the
    /// stored ones of the kinds the row carries, and contacts of other kinds stay — a town roster's own phone (联系电话) leaves
    /// the guardian entered in the console, a guardian column leaves the resident's own phone (nothing lost; the builder of the
    /// own-phone column found a re-import would have dropped them). Checked as one list (<see cref="PersonValidation.Contacts"/>:
    /// at most <see cref="PersonValidation.MaxContacts"/>, one of the person themself): <c>VALIDATION_FAILED</c> otherwise.
    /// </summary>
    private List<PersonContact> ContactsAfterRow(List<PersonContact> row)
    {
        var kinds = row.Select(c => c.Kind).ToHashSet();
        return PersonValidation.Contacts([.. S.Contacts.Where(c => !kinds.Contains(c.Kind)), .. row]);
    }

    /// <summary>Adds each of <paramref name="groups"/> the person is not in yet, with a period from today (R-6.1 tracking).</summary>
    private void AddTargetGroupsFromToday(IEnumerable<string> groups)
    {
        foreach (var g in groups.Where(g => !S.TargetGroups.Contains(g)).ToList())
        {
            S.TargetGroups.Add(g);
            S.TargetGroupPeriods.Add(new TargetGroupPeriod(g, Today, null));
        }
    }

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> hold the same contacts, in any order.</summary>
    private static bool SameContacts(List<PersonContact> a, List<PersonContact> b) =>
        a.Count == b.Count && a.GroupBy(c => c).All(g => b.Count(c => c == g.Key) == g.Count());

    /// <summary>
    /// The refusals of a roster row before anything changes (<see cref="Import"/>): <c>EXTERNAL_ID_CONFLICT</c> when the number is
    /// another named person's, <c>PERSON_IN_OTHER_UNIT</c> when the person is in another unit and the import does not allow moves.
    /// </summary>
    private void EnsureRowNamesThisPersonHere(PersonImport row, UpdatePerson profile)
    {
        if (S.Exists && !SameName(S.DisplayName, profile.DisplayName))
        {
            throw new CareGridException(ErrorCodes.ExternalIdConflict,
                "The externalId of this row already belongs to another person registered in this tenant, whose name differs from this row's displayName "
                + "(a mistyped number?). Nothing was changed. Check the number; if it is the same person and the name changed, correct the name on the "
                + "person's record first (updatePerson), then import again.",
                new Dictionary<string, string> { ["field"] = "externalId" });
        }

        if (S.Exists && !row.AllowMove && S.OrganizationId is { } current && current != profile.OrganizationId)
        {
            throw new CareGridException(ErrorCodes.PersonInOtherUnit,
                "The person of this row (same externalId, same name) is registered in another unit; this import does not allow moves, so nothing "
                + "was changed. If the file belongs to another class, import it there; if the person really changed class, import again with moves allowed.",
                new Dictionary<string, string> { ["field"] = "externalId", ["organizationId"] = current });
        }

    }

    /// <summary>
    /// True when two display names are one person's name as search matches names (<see cref="PersonNameKeys.Normalize"/>:
    /// full-width forms, the middle-dot variants of transcribed names (<c>迪丽热巴·迪力木拉提</c> = <c>迪丽热巴•迪力木拉提</c>),
    /// runs of white space and Latin case do not count).
    /// </summary>
    public static bool SameName(string? a, string? b) =>
        PersonNameKeys.TryNormalize(a, out var x) && PersonNameKeys.TryNormalize(b, out var y) && string.Equals(x, y, StringComparison.Ordinal);

    /// <summary>
    /// A roster row's identifying data for an existing person (docs/rosters.md "What a row changes"): an empty or unspecified
    /// <c>sex</c> keeps the stored sex, and a row without birth data (no <c>birthYear</c>, no <c>dateOfBirth</c>) keeps the
    /// stored birth data; a filled cell replaces the stored value (the school's roster is the record of a person it names by
    /// number and name). Unchanged for a new person. The grain checks the age rule on this profile (<see cref="AgeRuleAffectedBy"/>).
    /// </summary>
    public UpdatePerson KeepKnown(UpdatePerson profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (!S.Exists)
        {
            return profile;
        }

        var sex = profile.Sex == Sex.Unspecified ? S.Sex : profile.Sex;
        return profile.BirthYear is null && profile.DateOfBirth is null
            ? profile with { Sex = sex, BirthYear = S.BirthYear, DateOfBirth = S.DateOfBirth }
            : profile with { Sex = sex };
    }

    /// <summary>
    /// R-1.7 / PIPL art. 31 after a birth-data change: a granted consent counts only while the one who gave it still decides
    /// (<see cref="AgeOfConsent.EnsureMayDecide"/>: the person at or above the tenant's age of consent on its local date, a
    /// guardian below it or at an unknown age). So, with the birth data now held:
    /// <list type="bullet">
    /// <item>below the age or of unknown age (<see cref="AgeOfConsent"/>): every <see cref="ConsentStatus.Granted"/> consent
    /// the person gave themself (<see cref="ConsentGivenBy.Self"/>) becomes <see cref="ConsentStatus.Withdrawn"/>, recorded by
    /// <c>system</c> with <see cref="BelowAgeReason"/> or <see cref="UnknownAgeReason"/>;</item>
    /// <item>at or above the age: every granted consent a guardian gave (<see cref="ConsentGivenBy.Guardian"/>, recorded while
    /// the person was taken as a minor or of unknown age) becomes withdrawn, recorded by <c>system</c> with
    /// <see cref="OfAgeReason"/> — an adult's own decision is needed (round 16 red team F11).</item>
    /// </list>
    /// Refusals and withdrawals stay as they are (they allow nothing). Returns the changes to tell the open cases
    /// (docs/consent.md "Who decides").
    /// </summary>
    public List<ConsentChange> WithdrawConsentsOfTheWrongDecider(TenantSettings settings)
    {
        var capacity = AgeOfConsent.CapacityOn(S.DateOfBirth, S.BirthYear, settings.Calendar.LocalDate(now), settings.AgeOfConsent);
        var (lapsed, reason) = capacity switch
        {
            ConsentCapacity.OfAge => (ConsentGivenBy.Guardian, OfAgeReason),
            ConsentCapacity.Minor => (ConsentGivenBy.Self, BelowAgeReason),
            _ => (ConsentGivenBy.Self, UnknownAgeReason),
        };
        var purposes = new List<ConsentPurpose>();
        for (var i = 0; i < S.Consents.Count; i++)
        {
            if (S.Consents[i] is { Status: ConsentStatus.Granted } granted && granted.GivenBy == lapsed)
            {
                S.Consents[i] = new Consent(granted.Purpose, ConsentStatus.Withdrawn, lapsed, now, "system") { Reason = reason };
                purposes.Add(granted.Purpose);
            }
        }

        if (purposes.Count == 0)
        {
            return [];
        }

        var after = Snapshot(settings);
        return purposes.Select(p => new ConsentChange(p, ConsentStatus.Withdrawn, lapsed, "system", after, reason)).ToList();
    }

    private void Apply(UpdatePerson p)
    {
        S.DisplayName = p.DisplayName;
        S.OrganizationId = p.OrganizationId;
        S.Sex = p.Sex;
        S.BirthYear = p.BirthYear;
        S.DateOfBirth = p.DateOfBirth;
        S.ExternalId = p.ExternalId;
    }

    private static TenantSettings Required(TenantSettings? settings) =>
        settings ?? throw new InvalidOperationException("A birth-data change of a person holding a granted consent needs the tenant's settings (AgeRuleAffectedBy).");
}
