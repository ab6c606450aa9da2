using CareGrid.Grains.Errors;
using CareGrid.Grains.People;
using CareGrid.Grains.People.Domain;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Tests.Domain;

/// <summary>
/// Consent decisions and who gives them by age (PIPL art. 31, docs/consent.md), on <see cref="ConsentStateMachine"/>
/// and <see cref="PersonRecord"/>, without a silo. Fixed instants; the tenant is in Asia/Shanghai.
/// </summary>
[Trait("tier", "domain")]
public sealed class ConsentStateMachineShould
{
    /// <summary>2026-11-30 23:30 UTC: already 1 December 2026 in Shanghai.</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 23, 30, 0, TimeSpan.Zero);

    private static readonly TenantSettings Shanghai = TenantSettings.Default("Asia/Shanghai");

    private static PersonState Person(DateOnly? born, bool guardian = false) => new()
    {
        Exists = true,
        DisplayName = "P",
        OrganizationId = "class-1",
        DateOfBirth = born,
        BirthYear = born?.Year,
        Contacts = guardian ? [new PersonContact(ContactKind.Guardian, "Mother One", "mother", null, null)] : [],
    };

    [Theory]
    [InlineData(ConsentStatus.Pending, ConsentStatus.Granted, ConsentStatus.Granted)]
    [InlineData(ConsentStatus.Pending, ConsentStatus.Refused, ConsentStatus.Refused)]
    [InlineData(ConsentStatus.Refused, ConsentStatus.Granted, ConsentStatus.Granted)]
    [InlineData(ConsentStatus.Granted, ConsentStatus.Withdrawn, ConsentStatus.Withdrawn)]
    [InlineData(ConsentStatus.Withdrawn, ConsentStatus.Granted, ConsentStatus.Granted)]
    public void Permit_grant_refuse_and_withdraw_where_the_protocol_allows(ConsentStatus from, ConsentStatus decision, ConsentStatus to) =>
        Assert.Equal(to, ConsentStateMachine.Next(from, decision));

    [Theory]
    [InlineData(ConsentStatus.Pending, ConsentStatus.Withdrawn, "recordConsent(decision: GRANTED),recordConsent(decision: REFUSED)")]
    [InlineData(ConsentStatus.Pending, ConsentStatus.Pending, "recordConsent(decision: GRANTED),recordConsent(decision: REFUSED)")]
    [InlineData(ConsentStatus.Granted, ConsentStatus.Granted, "recordConsent(decision: WITHDRAWN)")]
    [InlineData(ConsentStatus.Granted, ConsentStatus.Refused, "recordConsent(decision: WITHDRAWN)")]
    [InlineData(ConsentStatus.Refused, ConsentStatus.Withdrawn, "recordConsent(decision: GRANTED)")]
    [InlineData(ConsentStatus.Withdrawn, ConsentStatus.Refused, "recordConsent(decision: GRANTED)")]
    public void Refuse_any_other_decision_with_INVALID_TRANSITION_naming_what_is_permitted(ConsentStatus from, ConsentStatus decision, string permitted)
    {
        var ex = Assert.Throws<CareGridException>(() => ConsentStateMachine.Next(from, decision));
        Assert.Equal(ErrorCodes.InvalidTransition, ex.Code);
        Assert.Equal(from.ToString().ToUpperInvariant(), ex.Details["state"]);
        Assert.Equal(permitted, ex.Details["permittedTriggers"]);
    }

    [Fact]
    public void Take_a_minors_decision_from_a_guardian_and_refuse_the_minors_own()
    {
        var state = Person(new DateOnly(2013, 5, 1), guardian: true);
        var record = new PersonRecord(state, Now);
        var self = Assert.Throws<CareGridException>(() =>
            record.RecordConsent(ConsentPurpose.ProfessionalIntervention, ConsentStatus.Granted, ConsentGivenBy.Self, "psych", Shanghai));
        Assert.Equal(("givenBy", "age-of-consent"), (self.Details["field"], self.Details["rule"]));
        Assert.Empty(state.Consents);

        var outcome = record.RecordConsent(ConsentPurpose.ProfessionalIntervention, ConsentStatus.Granted, ConsentGivenBy.Guardian, "psych", Shanghai);
        var change = Assert.Single(outcome.ConsentChanges);
        Assert.Equal((ConsentStatus.Granted, ConsentGivenBy.Guardian, "psych"), (change.Status, change.GivenBy, change.RecordedBy));
        Assert.Equal(ConsentStatus.Granted, change.Consents.ProfessionalIntervention);
        Assert.Equal(new Consent(ConsentPurpose.ProfessionalIntervention, ConsentStatus.Granted, ConsentGivenBy.Guardian, Now, "psych"), Assert.Single(state.Consents));
    }

    [Fact]
    public void Ask_for_a_named_guardian_before_a_guardians_decision()
    {
        var state = Person(new DateOnly(2013, 5, 1));
        var ex = Assert.Throws<CareGridException>(() => new PersonRecord(state, Now)
            .RecordConsent(ConsentPurpose.Services, ConsentStatus.Refused, ConsentGivenBy.Guardian, "psych", Shanghai));
        Assert.Equal(("contacts", "guardian-required"), (ex.Details["field"], ex.Details["rule"]));
        Assert.Empty(state.Consents);
    }

    [Fact]
    public void Take_an_adults_own_decision_on_the_tenants_local_birthday_and_refuse_a_guardians()
    {
        // Born 2012-12-01: 14 on 1 December 2026, which it already is in Shanghai at 23:30 UTC on 30 November.
        var state = Person(new DateOnly(2012, 12, 1), guardian: true);
        var record = new PersonRecord(state, Now);
        var guardian = Assert.Throws<CareGridException>(() =>
            record.RecordConsent(ConsentPurpose.InformationSharing, ConsentStatus.Granted, ConsentGivenBy.Guardian, "psych", Shanghai));
        Assert.Equal(("givenBy", "age-of-consent"), (guardian.Details["field"], guardian.Details["rule"]));

        record.RecordConsent(ConsentPurpose.InformationSharing, ConsentStatus.Granted, ConsentGivenBy.Self, "psych", Shanghai);
        var withdrawn = record.RecordConsent(ConsentPurpose.InformationSharing, ConsentStatus.Withdrawn, ConsentGivenBy.Self, "psych", Shanghai);
        Assert.Equal(ConsentStatus.Withdrawn, withdrawn.ConsentChanges[0].Consents.InformationSharing);

        var newYork = TenantSettings.Default("America/New_York"); // still 30 November there: 13, a guardian decides
        var minorThere = Assert.Throws<CareGridException>(() => new PersonRecord(Person(new DateOnly(2012, 12, 1)), Now)
            .RecordConsent(ConsentPurpose.InformationSharing, ConsentStatus.Granted, ConsentGivenBy.Self, "psych", newYork));
        Assert.Equal("age-of-consent", minorThere.Details["rule"]);
    }

    [Fact]
    public void Withdraw_self_given_grants_when_a_birth_date_edit_puts_the_person_below_the_age()
    {
        var state = Person(new DateOnly(2000, 1, 1));
        var record = new PersonRecord(state, Now);
        record.RecordConsent(ConsentPurpose.ProfessionalIntervention, ConsentStatus.Granted, ConsentGivenBy.Self, "psych", Shanghai);
        var younger = new UpdatePerson("P", "class-1", Sex.Unspecified, 2015, null, new DateOnly(2015, 3, 1));
        Assert.True(record.AgeRuleAffectedBy(younger));

        var outcome = record.Update(younger, Shanghai);
        var change = Assert.Single(outcome.ConsentChanges);
        Assert.Equal((ConsentStatus.Withdrawn, "system", PersonRecord.BelowAgeReason), (change.Status, change.RecordedBy, change.Reason));
        Assert.Equal(ConsentStatus.Withdrawn, state.Consents.Single().Status);
        Assert.Equal(Now, state.UpdatedAt);

        var unknown = younger with { BirthYear = null, DateOfBirth = null };
        Assert.False(record.AgeRuleAffectedBy(unknown)); // nothing self-granted is left to withdraw
    }
}
