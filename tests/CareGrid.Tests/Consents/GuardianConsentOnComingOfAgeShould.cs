using CareGrid.Grains.People;
using CareGrid.Grains.People.Domain;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Tests.Consents;

/// <summary>
/// PIPL art. 31, docs/consent.md "Who decides": a granted consent counts only while the one who gave it still decides.
/// A birth-data change that shows the person at or above the age of consent withdraws every grant a guardian gave (recorded
/// while the person was taken as a minor or of unknown age), by <c>system</c> with <see cref="PersonRecord.OfAgeReason"/>
/// — the mirror of the self-given grants withdrawn when the data shows a minor (round 16 red team F11). On
/// <see cref="PersonRecord"/>, without a silo; fixed instants, a tenant in Asia/Shanghai.
/// </summary>
[Trait("tier", "domain")]
public sealed class GuardianConsentOnComingOfAgeShould
{
    /// <summary>2026-11-30 23:30 UTC: already 1 December 2026 in Shanghai.</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 23, 30, 0, TimeSpan.Zero);

    private static readonly TenantSettings Shanghai = TenantSettings.Default("Asia/Shanghai");

    private static PersonState Person(DateOnly? born) => new()
    {
        Exists = true,
        DisplayName = "P",
        OrganizationId = "class-1",
        DateOfBirth = born,
        BirthYear = born?.Year,
        Contacts = [new PersonContact(ContactKind.Guardian, "Uncle Wang", "uncle", null, null)],
    };

    private static UpdatePerson Born(DateOnly? born) => new("P", "class-1", Sex.Unspecified, born?.Year, null, born);

    [Fact]
    public void Withdraw_a_guardians_grants_given_at_an_unknown_age_when_the_birth_data_shows_an_adult()
    {
        var state = Person(null);
        var record = new PersonRecord(state, Now);
        record.RecordConsent(ConsentPurpose.ProfessionalIntervention, ConsentStatus.Granted, ConsentGivenBy.Guardian, "psych", Shanghai);
        record.RecordConsent(ConsentPurpose.InformationSharing, ConsentStatus.Refused, ConsentGivenBy.Guardian, "psych", Shanghai);
        var adult = Born(new DateOnly(1990, 5, 1));
        Assert.True(record.AgeRuleAffectedBy(adult));

        var outcome = record.Update(adult, Shanghai);

        var change = Assert.Single(outcome.ConsentChanges);
        Assert.Equal((ConsentPurpose.ProfessionalIntervention, ConsentStatus.Withdrawn, ConsentGivenBy.Guardian, "system", PersonRecord.OfAgeReason),
            (change.Purpose, change.Status, change.GivenBy, change.RecordedBy, change.Reason));
        Assert.Equal(ConsentStatus.Withdrawn, change.Consents.ProfessionalIntervention);
        var consents = state.Consents.ToDictionary(c => c.Purpose);
        Assert.Equal(ConsentStatus.Withdrawn, consents[ConsentPurpose.ProfessionalIntervention].Status);
        Assert.Equal(ConsentStatus.Refused, consents[ConsentPurpose.InformationSharing].Status); // a refusal allows nothing: kept
        Assert.Equal(Now, state.UpdatedAt);

        // Now the adult decides: their own grant is taken, a guardian's refused.
        record.RecordConsent(ConsentPurpose.ProfessionalIntervention, ConsentStatus.Granted, ConsentGivenBy.Self, "psych", Shanghai);
        Assert.Equal(ConsentStatus.Granted, record.Snapshot().ProfessionalIntervention);
    }

    [Fact]
    public void Withdraw_a_guardians_grants_when_a_corrected_birth_date_shows_the_person_was_already_of_age_on_the_tenants_local_date()
    {
        // Recorded as born 2015 (a minor, the guardian decided); corrected to 2012-12-01: 14 on 1 December 2026, which it already is in Shanghai.
        var state = Person(new DateOnly(2015, 12, 1));
        var record = new PersonRecord(state, Now);
        record.RecordConsent(ConsentPurpose.ProfessionalIntervention, ConsentStatus.Granted, ConsentGivenBy.Guardian, "psych", Shanghai);
        record.RecordConsent(ConsentPurpose.InformationSharing, ConsentStatus.Granted, ConsentGivenBy.Guardian, "psych", Shanghai);

        var outcome = record.Update(Born(new DateOnly(2012, 12, 1)), Shanghai);

        Assert.Equal(2, outcome.ConsentChanges.Count);
        Assert.All(state.Consents, c => Assert.Equal((ConsentStatus.Withdrawn, "system", PersonRecord.OfAgeReason), (c.Status, c.RecordedBy, c.Reason)));
    }

    [Fact]
    public void Keep_a_guardians_grants_while_the_person_stays_a_minor_or_of_unknown_age()
    {
        var state = Person(null);
        var record = new PersonRecord(state, Now);
        record.RecordConsent(ConsentPurpose.ProfessionalIntervention, ConsentStatus.Granted, ConsentGivenBy.Guardian, "psych", Shanghai);

        // 2 December 2012: still 13 on 1 December 2026 in Shanghai — the guardian still decides.
        Assert.Empty(record.Update(Born(new DateOnly(2012, 12, 2)), Shanghai).ConsentChanges);
        Assert.Empty(record.Update(Born(null), Shanghai).ConsentChanges);
        Assert.Equal((ConsentStatus.Granted, ConsentGivenBy.Guardian), (state.Consents.Single().Status, state.Consents.Single().GivenBy));
    }

    [Fact]
    public void Withdraw_a_guardians_grants_when_a_roster_row_shows_an_adult()
    {
        var state = Person(null);
        var record = new PersonRecord(state, Now);
        record.RecordConsent(ConsentPurpose.ProfessionalIntervention, ConsentStatus.Granted, ConsentGivenBy.Guardian, "psych", Shanghai);
        var adult = Born(new DateOnly(2000, 1, 1));

        var (outcome, caused) = record.Import(new PersonImport(adult, [], [], [], null), adult, Shanghai);

        Assert.Equal(ImportOutcome.Updated, outcome);
        Assert.Equal(PersonRecord.OfAgeReason, Assert.Single(caused.ConsentChanges).Reason);
        Assert.Equal(ConsentStatus.Withdrawn, state.Consents.Single().Status);
    }

    [Fact]
    public void Leave_an_adults_own_grants_alone_when_their_birth_date_is_corrected_within_adulthood()
    {
        var state = Person(new DateOnly(1990, 4, 2));
        var record = new PersonRecord(state, Now);
        record.RecordConsent(ConsentPurpose.ProfessionalIntervention, ConsentStatus.Granted, ConsentGivenBy.Self, "psych", Shanghai);

        Assert.Empty(record.Update(Born(new DateOnly(1991, 4, 2)), Shanghai).ConsentChanges);
        Assert.Equal(ConsentStatus.Granted, state.Consents.Single().Status);
    }
}
