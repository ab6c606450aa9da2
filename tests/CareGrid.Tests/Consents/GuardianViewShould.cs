using CareGrid.Grains.Errors;
using CareGrid.Grains.People;
using CareGrid.Grains.People.Domain;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Tests.Consents;

/// <summary>
/// docs/consent.md "The guardian's view": a pupil of 14–17 decides alone (PIPL art. 31), and the school also asks a parent.
/// <see cref="PersonRecord.NoteGuardianAgreement"/> keeps the guardian's view beside the pupil's own decision, for the record
/// only — it changes nothing the decision allows (new-user trial, round 24: there was no way to note it). On
/// <see cref="PersonRecord"/>, without a silo; fixed instants, a tenant in Asia/Shanghai with the default age of consent 14.
/// </summary>
[Trait("tier", "domain")]
public sealed class GuardianViewShould
{
    /// <summary>2026-11-30 23:30 UTC: already 1 December 2026 in Shanghai.</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 23, 30, 0, TimeSpan.Zero);

    private static readonly TenantSettings Shanghai = TenantSettings.Default("Asia/Shanghai");

    private static PersonState Pupil(DateOnly? born, params string[] guardians) => new()
    {
        Exists = true,
        DisplayName = "李明",
        OrganizationId = "class-1",
        DateOfBirth = born,
        BirthYear = born?.Year,
        Contacts = [.. guardians.Select(g => new PersonContact(ContactKind.Guardian, g, "父亲", "13800000000", null)),
            new PersonContact(ContactKind.EmergencyContact, "王老师", null, "13900000000", null)],
    };

    /// <summary>14 on 1 December 2026 in Shanghai (the day before it is still 30 November in UTC).</summary>
    private static readonly DateOnly JustFourteen = new(2012, 12, 1);

    [Fact]
    public void Note_the_guardians_view_beside_a_fourteen_year_olds_own_grant_and_change_nothing_it_allows()
    {
        var state = Pupil(JustFourteen, "李父");
        var record = new PersonRecord(state, Now);
        record.RecordConsent(ConsentPurpose.ProfessionalIntervention, ConsentStatus.Granted, ConsentGivenBy.Self, "psych", Shanghai);
        var before = record.Snapshot(Shanghai);

        var later = Now.AddHours(2);
        new PersonRecord(state, later).NoteGuardianAgreement(ConsentPurpose.ProfessionalIntervention, agreed: true, guardianName: null, "psych-2", Shanghai);

        var consent = Assert.Single(state.Consents);
        Assert.Equal((ConsentStatus.Granted, ConsentGivenBy.Self, "psych"), (consent.Status, consent.GivenBy, consent.RecordedBy));
        Assert.Equal(new GuardianAgreement(true, "李父", later, "psych-2"), consent.GuardianAgreement);
        Assert.Equal(before, new PersonRecord(state, later).Snapshot(Shanghai)); // the gate reads the same
        Assert.Equal(later, state.UpdatedAt);
    }

    [Fact]
    public void Keep_a_guardians_disagreement_without_turning_the_pupils_grant_into_a_refusal()
    {
        var state = Pupil(new DateOnly(2010, 3, 5), "李父", "李母");
        var record = new PersonRecord(state, Now);
        record.RecordConsent(ConsentPurpose.InformationSharing, ConsentStatus.Granted, ConsentGivenBy.Self, "psych", Shanghai);

        record.NoteGuardianAgreement(ConsentPurpose.InformationSharing, agreed: false, guardianName: " 李母 ", "psych", Shanghai);

        var consent = Assert.Single(state.Consents);
        Assert.Equal(ConsentStatus.Granted, consent.Status);
        Assert.Equal((false, "李母"), (consent.GuardianAgreement!.Agreed, consent.GuardianAgreement.GuardianName));
        Assert.Equal(ConsentStatus.Granted, record.Snapshot(Shanghai).InformationSharing);
    }

    [Fact]
    public void Drop_the_view_when_the_pupil_decides_again()
    {
        var state = Pupil(JustFourteen, "李父");
        var record = new PersonRecord(state, Now);
        record.RecordConsent(ConsentPurpose.ProfessionalIntervention, ConsentStatus.Granted, ConsentGivenBy.Self, "psych", Shanghai);
        record.NoteGuardianAgreement(ConsentPurpose.ProfessionalIntervention, true, null, "psych", Shanghai);

        record.RecordConsent(ConsentPurpose.ProfessionalIntervention, ConsentStatus.Withdrawn, ConsentGivenBy.Self, "psych", Shanghai);

        Assert.Null(Assert.Single(state.Consents).GuardianAgreement); // the parent agreed with a grant that is gone
    }

    public static TheoryData<string, DateOnly?, string, string> Refused => new()
    {
        // A day short of 14 in Shanghai: the guardian decides, through recordConsent.
        { "13 (one day short)", new DateOnly(2012, 12, 2), "personId", "guardian-decides" },
        { "age unknown", null, "personId", "guardian-decides" },
        { "18 today", new DateOnly(2008, 12, 1), "personId", "adult" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Refuse_a_view_where_the_guardian_decides_or_nobody_has_a_guardian(string who, DateOnly? born, string field, string rule)
    {
        var state = Pupil(born, "李父");
        state.Consents.Add(new Consent(ConsentPurpose.ProfessionalIntervention, ConsentStatus.Granted, born is null ? ConsentGivenBy.Guardian : ConsentGivenBy.Self, Now, "psych"));
        var copy = state.Consents.ToList();

        var ex = Assert.Throws<CareGridException>(() => new PersonRecord(state, Now).NoteGuardianAgreement(ConsentPurpose.ProfessionalIntervention, true, null, "psych", Shanghai));

        Assert.True((ex.Code, ex.Details["field"], ex.Details["rule"]) == (ErrorCodes.ValidationFailed, field, rule), $"{who}: {ex.Code} {ex.Details["field"]} {ex.Details["rule"]}");
        Assert.Contains("监护人", ex.Message, StringComparison.Ordinal); // the Chinese half of the message
        Assert.Equal(copy, state.Consents);
    }

    [Fact]
    public void Refuse_a_view_for_a_person_known_only_by_a_birth_year_that_may_make_them_eighteen()
    {
        // Round-25 red team: born "2008" may be 18 on 1 December 2026 (any birthday up to then); 31 December, the safe
        // reading for the age of consent, took them for 17.
        var state = Pupil(null, "李父");
        state.BirthYear = 2008;
        state.Consents.Add(new Consent(ConsentPurpose.ProfessionalIntervention, ConsentStatus.Granted, ConsentGivenBy.Self, Now, "psych"));

        var ex = Assert.Throws<CareGridException>(() => new PersonRecord(state, Now).NoteGuardianAgreement(ConsentPurpose.ProfessionalIntervention, false, null, "psych", Shanghai));

        Assert.Equal(("personId", "adult"), (ex.Details["field"], ex.Details["rule"]));
        Assert.Null(Assert.Single(state.Consents).GuardianAgreement);

        // Born "2009" is 17 whatever the day: taken.
        state.BirthYear = 2009;
        new PersonRecord(state, Now).NoteGuardianAgreement(ConsentPurpose.ProfessionalIntervention, false, null, "psych", Shanghai);
        Assert.False(Assert.Single(state.Consents).GuardianAgreement!.Agreed);
    }

    [Fact]
    public void Not_take_a_withdrawal_the_system_wrote_for_the_pupils_own_decision()
    {
        // Round-25 red team: a birth-date edit back and forth leaves a SELF record WITHDRAWN by the system; the pupil decided nothing.
        var state = Pupil(JustFourteen, "李父");
        state.Consents.Add(new Consent(ConsentPurpose.ProfessionalIntervention, ConsentStatus.Withdrawn, ConsentGivenBy.Self, Now, "system") { Reason = PersonRecord.BelowAgeReason });

        var ex = Assert.Throws<CareGridException>(() => new PersonRecord(state, Now).NoteGuardianAgreement(ConsentPurpose.ProfessionalIntervention, true, null, "psych", Shanghai));

        Assert.Equal("own-decision-first", ex.Details["rule"]);
    }

    [Fact]
    public void Ask_for_the_pupils_own_decision_first()
    {
        var state = Pupil(JustFourteen, "李父");
        var record = new PersonRecord(state, Now);
        var none = Assert.Throws<CareGridException>(() => record.NoteGuardianAgreement(ConsentPurpose.FamilyContact, true, null, "psych", Shanghai));
        Assert.Equal(("purpose", "own-decision-first"), (none.Details["field"], none.Details["rule"]));

        // A guardian's grant from before the birthday (it no longer counts) is not the pupil's own decision either.
        state.Consents.Add(new Consent(ConsentPurpose.FamilyContact, ConsentStatus.Granted, ConsentGivenBy.Guardian, Now.AddYears(-1), "psych"));
        var lapsed = Assert.Throws<CareGridException>(() => record.NoteGuardianAgreement(ConsentPurpose.FamilyContact, true, null, "psych", Shanghai));
        Assert.Equal("own-decision-first", lapsed.Details["rule"]);
        Assert.Null(Assert.Single(state.Consents).GuardianAgreement);
    }

    [Fact]
    public void Name_the_guardian_from_the_contacts_and_only_from_them()
    {
        var state = Pupil(JustFourteen, "李父", "李母");
        var record = new PersonRecord(state, Now);
        record.RecordConsent(ConsentPurpose.ProfessionalIntervention, ConsentStatus.Granted, ConsentGivenBy.Self, "psych", Shanghai);

        var which = Assert.Throws<CareGridException>(() => record.NoteGuardianAgreement(ConsentPurpose.ProfessionalIntervention, true, null, "psych", Shanghai));
        Assert.Equal(("guardianName", "guardian-required"), (which.Details["field"], which.Details["rule"]));
        // An emergency contact is not a guardian, nor is a name nobody listed.
        foreach (var name in new[] { "王老师", "李叔", "李" })
        {
            var ex = Assert.Throws<CareGridException>(() => record.NoteGuardianAgreement(ConsentPurpose.ProfessionalIntervention, true, name, "psych", Shanghai));
            Assert.Equal("guardianName", ex.Details["field"]);
        }

        Assert.Null(Assert.Single(state.Consents).GuardianAgreement);

        var alone = Pupil(JustFourteen);
        alone.Consents.Add(new Consent(ConsentPurpose.ProfessionalIntervention, ConsentStatus.Granted, ConsentGivenBy.Self, Now, "psych"));
        var missing = Assert.Throws<CareGridException>(() => new PersonRecord(alone, Now).NoteGuardianAgreement(ConsentPurpose.ProfessionalIntervention, true, null, "psych", Shanghai));
        Assert.Equal(("guardianName", "guardian-required"), (missing.Details["field"], missing.Details["rule"]));
    }
}
