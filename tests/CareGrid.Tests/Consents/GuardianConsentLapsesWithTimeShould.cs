using CareGrid.Grains.Cases;
using CareGrid.Grains.People;
using CareGrid.Grains.People.Domain;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using Microsoft.Extensions.Time.Testing;

namespace CareGrid.Tests.Consents;

/// <summary>
/// PIPL art. 31, docs/consent.md "Who decides": a guardian's grant given while the person was a minor stops counting
/// on the day the person reaches the tenant's age of consent (tenant's local date, from the domain clock) even though no one
/// edits the birth data — the gate counts it as Pending and its refusal names <c>givenBy: SELF</c>; a guardian's refusal
/// keeps blocking. Without a silo: <see cref="PersonRecord"/>, <see cref="ConsentSnapshot"/> and <see cref="ConsentGate"/>
/// on a fake clock moved past the birthday; a tenant in Asia/Shanghai.
/// </summary>
[Trait("tier", "domain")]
public sealed class GuardianConsentLapsesWithTimeShould
{
    private static readonly string[] Counsellor = [Roles.Counsellor];

    private static readonly TenantSettings Shanghai = TenantSettings.Default("Asia/Shanghai");

    /// <summary>Born 4 December 2012: 14 (the default age of consent) on 4 December 2026, Shanghai time.</summary>
    private static readonly DateOnly Born = new(2012, 12, 4);

    /// <summary>1 December 2026, 10:00 UTC: the person is 13, the guardian decides.</summary>
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));

    private static PersonState Minor() => new()
    {
        Exists = true,
        DisplayName = "P",
        OrganizationId = "class-1",
        DateOfBirth = Born,
        BirthYear = Born.Year,
        Contacts = [new PersonContact(ContactKind.Guardian, "Uncle Wang", "uncle", null, null)],
    };

    private PersonInfo Read(PersonState state) => PersonProjection.Info("t", "p", state);

    [Fact]
    public void Stop_counting_a_guardians_grant_from_the_birthday_that_reaches_the_age_of_consent()
    {
        var state = Minor();
        var record = new PersonRecord(state, _clock.GetUtcNow());
        var change = Assert.Single(record.RecordConsent(ConsentPurpose.ProfessionalIntervention, ConsentStatus.Granted, ConsentGivenBy.Guardian, "psych", Shanghai).ConsentChanges);
        Assert.Equal((ConsentStatus.Granted, true, new DateOnly(2026, 12, 4)), (change.Consents.ProfessionalIntervention, change.Consents.GuardianDecides, change.Consents.RecheckOn));

        // 3 December 15:59 UTC is 23:59 on the 3rd in Shanghai: still 13, the guardian's grant counts.
        _clock.SetUtcNow(new DateTimeOffset(2026, 12, 3, 15, 59, 0, TimeSpan.Zero));
        var eve = ConsentSnapshot.Of(Read(state), Shanghai, _clock.GetUtcNow());
        Assert.Equal((ConsentStatus.Granted, null), (eve.ProfessionalIntervention, eve.OfAgeSince));
        Assert.True(ConsentGate.Decide(GatedAction.StartIntervention, Counsellor, RiskLevel.High, eve, null).Allowed);

        // Two minutes later it is 4 December in Shanghai: 14, only the person decides; nothing was edited.
        _clock.Advance(TimeSpan.FromMinutes(2));
        var birthday = ConsentSnapshot.Of(Read(state), Shanghai, _clock.GetUtcNow());
        Assert.Equal((ConsentStatus.Pending, false, new DateOnly(2026, 12, 4), (DateOnly?)null),
            (birthday.ProfessionalIntervention, birthday.GuardianDecides, birthday.OfAgeSince, birthday.RecheckOn));
        Assert.Equal(ConsentStatus.Granted, state.Consents.Single().Status); // the stored decision is kept, it just no longer counts
        Assert.Equal(ConsentStatus.Pending, Read(state).EffectiveConsentFor(ConsentPurpose.ProfessionalIntervention, Shanghai, _clock.GetUtcNow()));

        var decision = ConsentGate.Decide(GatedAction.StartIntervention, Counsellor, RiskLevel.High, birthday, null);
        Assert.False(decision.Allowed);
        var refusal = ConsentGate.Refusal(GatedAction.StartIntervention, decision, RiskLevel.High, birthday.GuardianDecides, birthday.OfAgeSince);
        Assert.Equal("CONSENT_REQUIRED", refusal.Code);
        Assert.Contains("givenBy: SELF", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("of the age of consent since 2026-12-04", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("decides themself", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(("SELF", "2026-12-04"), (refusal.Details["givenBy"], refusal.Details["ofAgeSince"]));

        // The person's own decision counts again.
        new PersonRecord(state, _clock.GetUtcNow()).RecordConsent(ConsentPurpose.ProfessionalIntervention, ConsentStatus.Granted, ConsentGivenBy.Self, "psych", Shanghai);
        var own = ConsentSnapshot.Of(Read(state), Shanghai, _clock.GetUtcNow());
        Assert.Equal((ConsentStatus.Granted, null), (own.ProfessionalIntervention, own.OfAgeSince));
    }

    [Fact]
    public void Keep_a_guardians_refusal_blocking_after_the_birthday_and_stop_counting_a_guardians_sharing_grant()
    {
        var state = Minor();
        var record = new PersonRecord(state, _clock.GetUtcNow());
        record.RecordConsent(ConsentPurpose.ProfessionalIntervention, ConsentStatus.Refused, ConsentGivenBy.Guardian, "psych", Shanghai);
        record.RecordConsent(ConsentPurpose.InformationSharing, ConsentStatus.Granted, ConsentGivenBy.Guardian, "psych", Shanghai);

        _clock.Advance(TimeSpan.FromDays(3));
        var after = ConsentSnapshot.Of(Read(state), Shanghai, _clock.GetUtcNow());

        Assert.Equal((ConsentStatus.Refused, ConsentStatus.Pending), (after.ProfessionalIntervention, after.InformationSharing));
        Assert.False(ConsentGate.Decide(GatedAction.ProposeReferral, Counsellor, RiskLevel.High, after, null).Allowed); // a refusal still allows nothing
        Assert.False(ConsentGate.Decide(GatedAction.SendReferral, Counsellor, RiskLevel.High, after, null).Allowed);
    }

    /// <summary>
    /// RT17-4 (round 17 red team): the mirror — a 15-year-old's own grant given under an age of consent of 14 stops counting
    /// when the tenant raises the age to 16 (no birth-data edit withdraws it): Pending, a guardian decides, the guardian's
    /// decision is taken from Pending; and counts again as soon as the person is of age under the rule in force.
    /// </summary>
    [Fact]
    public void Stop_counting_the_persons_own_grant_while_a_raised_age_of_consent_makes_them_a_minor()
    {
        var state = Minor();
        state.DateOfBirth = new DateOnly(2011, 6, 1); // 15 on 1 December 2026
        state.BirthYear = 2011;
        var record = new PersonRecord(state, _clock.GetUtcNow());
        record.RecordConsent(ConsentPurpose.ProfessionalIntervention, ConsentStatus.Granted, ConsentGivenBy.Self, "psych", Shanghai);
        Assert.Equal(ConsentStatus.Granted, ConsentSnapshot.Of(Read(state), Shanghai, _clock.GetUtcNow()).ProfessionalIntervention);

        var raised = Shanghai with { AgeOfConsentYears = 16 };
        var snapshot = ConsentSnapshot.Of(Read(state), raised, _clock.GetUtcNow());
        Assert.Equal((ConsentStatus.Pending, true), (snapshot.ProfessionalIntervention, snapshot.GuardianDecides));
        Assert.False(ConsentGate.Decide(GatedAction.StartIntervention, Counsellor, RiskLevel.High, snapshot, null).Allowed);
        Assert.True(AgeOfConsent.SelfGrantLapsed(state.Consents[0], state.DateOfBirth, state.BirthYear, new DateOnly(2026, 12, 1), 16));

        var guardian = Assert.Single(new PersonRecord(state, _clock.GetUtcNow())
            .RecordConsent(ConsentPurpose.ProfessionalIntervention, ConsentStatus.Granted, ConsentGivenBy.Guardian, "psych", raised).ConsentChanges);
        Assert.Equal(ConsentStatus.Granted, guardian.Consents.ProfessionalIntervention);
    }
}
