using CareGrid.Grains.Cases;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.People;
using CareGrid.Grains.Tenancy;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// One stored consent decision as read on a person, with what it counts for today: <paramref name="LapsedSince"/> is the
/// tenant-local date since which a guardian's grant no longer counts because the person reached the age of consent
/// (<see cref="AgeOfConsent.GuardianGrantLapsedSince"/>, PIPL art. 31, docs/consent.md), else null;
/// <paramref name="SelfLapsed"/> is true when it is the person's own grant but they are below the age of consent today
/// (<see cref="AgeOfConsent.SelfGrantLapsed"/>, e.g. after the tenant raised its age of consent).
/// </summary>
/// <param name="Consent">The stored decision.</param>
/// <param name="LapsedSince">The person's coming of age when a guardian's grant lapsed on it, else null.</param>
/// <param name="SelfLapsed">True when the person's own grant no longer counts because a guardian decides today.</param>
public sealed record ConsentRead(Consent Consent, DateOnly? LapsedSince, bool SelfLapsed = false)
{
    /// <summary>The status the consent gate counts: the stored one, or <c>PENDING</c> for a grant that lapsed.</summary>
    public ConsentStatus EffectiveStatus => LapsedSince is null && !SelfLapsed ? Consent.Status : ConsentStatus.Pending;

    /// <summary>Why it no longer counts, in English and Simplified Chinese (a person reads it), or null while it counts as stored.</summary>
    public string? LapsedReason => LapsedSince is { } d
        ? $"of the age of consent since {d:yyyy-MM-dd}; only the person decides (record their own decision, givenBy: SELF) / 自 {d:yyyy-MM-dd} 起已达同意年龄，仅由本人决定（请记录本人的决定，givenBy: SELF）"
        : SelfLapsed
            ? "below the tenant's age of consent today; a guardian decides (record the guardian's decision, givenBy: GUARDIAN) / 按本单位现行同意年龄，本人尚未达到，由监护人决定（请记录监护人的决定，givenBy: GUARDIAN）"
            : null;

    /// <summary>
    /// The consents of <paramref name="person"/> as read on the tenant-local date of the domain clock under the tenant's age of
    /// consent (one settings read per person that has a grant).
    /// </summary>
    public static async Task<IReadOnlyList<ConsentRead>> OfAsync(PersonInfo person, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(services);
        if (!person.Consents.Any(c => c.Status == ConsentStatus.Granted))
        {
            return [.. person.Consents.Select(c => new ConsentRead(c, null))]; // only a grant can lapse: no settings read
        }

        var settings = await services.GetRequiredService<IGrainFactory>().GetRef<ITenantGrain>(person.TenantId).GetSettings();
        var today = settings.Calendar.LocalDate(services.GetRequiredKeyedService<TimeProvider>(DomainClock.Key).GetUtcNow());
        return [.. person.Consents.Select(c => new ConsentRead(c,
            AgeOfConsent.GuardianGrantLapsedSince(c, person.DateOfBirth, person.BirthYear, today, settings.AgeOfConsent),
            AgeOfConsent.SelfGrantLapsed(c, person.DateOfBirth, person.BirthYear, today, settings.AgeOfConsent)))];
    }
}

/// <summary>GraphQL <c>Consent</c>.</summary>
public sealed class ConsentType : ObjectGraphType<ConsentRead>
{
    /// <summary>Defines the fields.</summary>
    public ConsentType()
    {
        this.ReachedThroughParent();
        Name = "Consent";
        Field("purpose", x => x.Consent.Purpose, type: typeof(NonNullGraphType<EnumerationGraphType<ConsentPurpose>>));
        Field("status", x => x.Consent.Status, type: typeof(NonNullGraphType<EnumerationGraphType<ConsentStatus>>))
            .Description("The decision as recorded (see effectiveStatus for what it counts for today).");
        Field("givenBy", x => x.Consent.GivenBy, type: typeof(NonNullGraphType<EnumerationGraphType<ConsentGivenBy>>));
        Field("recordedAt", x => x.Consent.RecordedAt);
        Field("recordedBy", x => x.Consent.RecordedBy);
        Field("reason", x => x.Consent.Reason, nullable: true).Description("Why the system changed this decision (e.g. birth date changed: below the age of consent), or null when staff recorded it.");
        Field("effectiveStatus", x => x.EffectiveStatus, type: typeof(NonNullGraphType<EnumerationGraphType<ConsentStatus>>))
            .Description("What the decision counts for today (the consent gate's reading): status, except a guardian's GRANTED counts as PENDING "
                + "from the day the person reaches the tenant's age of consent (tenant's local date; only the person decides then, PIPL art. 31), "
                + "and the person's own GRANTED counts as PENDING while they are below it (e.g. after setAgeOfConsent raised it; a guardian decides then).");
        Field("lapsedReason", x => x.LapsedReason, nullable: true)
            .Description("Why the decision no longer counts (English / 简体中文), e.g. \"of the age of consent since 2026-12-04; only the person decides\"; null while it counts as recorded.");
        Field("guardianAgreement", x => x.Consent.GuardianAgreement, type: typeof(GuardianAgreementType))
            .Description("A guardian's view noted beside a minor's own decision (recordGuardianAgreement; docs/consent.md \"The guardian's view\"): for the record only, "
                + "it changes nothing the decision allows. Null when none was noted; a new decision drops it.");
    }
}

/// <summary>GraphQL <c>GuardianAgreement</c>: a guardian's view of a minor's own consent decision (<see cref="GuardianAgreement"/>).</summary>
public sealed class GuardianAgreementType : ObjectGraphType<GuardianAgreement>
{
    /// <summary>Defines the fields.</summary>
    public GuardianAgreementType()
    {
        this.ReachedThroughParent();
        Name = "GuardianAgreement";
        Field(x => x.Agreed).Description("True: the guardian agrees with the person's decision; false: they do not.");
        Field(x => x.GuardianName).Description("The guardian, as named on the person's contacts.");
        Field(x => x.RecordedAt).Description("When it was noted (UTC).");
        Field(x => x.RecordedBy).Description("The sub of the staff member who noted it.");
    }
}
