using CareGrid.Grains.Errors;
using CareGrid.Grains.Imports;

namespace CareGrid.Grains.People;

/// <summary>Whether a person may decide on consent for themself, on a given day.</summary>
[GenerateSerializer, Alias("CareGrid.ConsentCapacity")]
public enum ConsentCapacity
{
    /// <summary>At or above the tenant's age of consent: the person decides.</summary>
    OfAge,
    /// <summary>Below the age of consent: only a guardian decides.</summary>
    Minor,
    /// <summary>No birth date or year is recorded: the age cannot be told.</summary>
    Unknown,
}

/// <summary>
/// The age-of-consent rule (docs/architecture.md "Security and privacy"; China's PIPL art. 31 asks for a guardian's consent under 14,
/// other jurisdictions use 16 or 18). Pure: birth data, the tenant's local date and its age of consent in; a capacity out.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>The age is counted on the tenant's <b>local date</b> (its calendar's time zone, from the domain clock): at 23:30 UTC
/// it is already the next day in Asia/Shanghai.</item>
/// <item>The boundary is exact: on the birthday that reaches the age the person is of age; the day before they are not.</item>
/// <item>Someone born on 29 February turns a year older on 1 March in years without that day (the reading of most civil
/// codes for people born on a leap day, and the later of the two possible days, so never too early).</item>
/// <item>Only a birth year known: the person is taken as born on 31 December of that year — the youngest they could be, so
/// they never count as of age before they are.</item>
/// <item>Nothing known: <see cref="ConsentCapacity.Unknown"/>, which the caller treats like a minor for self-consent
/// (<see cref="EnsureMayDecide"/>): the safe reading in every tenant kind.</item>
/// </list>
/// </remarks>
public static class AgeOfConsent
{
    /// <summary>The default age of consent in years (PIPL art. 31).</summary>
    public const int Default = 14;

    /// <summary>The least age a tenant may set.</summary>
    public const int Min = 10;

    /// <summary>The greatest age a tenant may set.</summary>
    public const int Max = 21;

    /// <summary>The birth date the rule counts from: <paramref name="dateOfBirth"/>, else 31 December of <paramref name="birthYear"/>, else null.</summary>
    public static DateOnly? EffectiveBirthDate(DateOnly? dateOfBirth, int? birthYear) =>
        dateOfBirth ?? (birthYear is { } y and >= 1 and <= 9999 ? new DateOnly(y, 12, 31) : null);

    /// <summary>The day in <paramref name="year"/> on which someone born on <paramref name="birth"/> turns a year older (29 February → 1 March in common years).</summary>
    public static DateOnly BirthdayIn(DateOnly birth, int year) =>
        birth is { Month: 2, Day: 29 } && !DateTime.IsLeapYear(year) ? new DateOnly(year, 3, 1) : new DateOnly(year, birth.Month, birth.Day);

    /// <summary>Age in whole years on <paramref name="day"/> of someone born on <paramref name="birth"/> (0 before the first birthday).</summary>
    public static int AgeOn(DateOnly birth, DateOnly day)
    {
        var age = day.Year - birth.Year;
        if (age > 0 && day < BirthdayIn(birth, day.Year))
        {
            age--;
        }

        return Math.Max(age, 0);
    }

    /// <summary>The first local day on which the person is of age, or null when the birth is unknown.</summary>
    public static DateOnly? OfAgeFrom(DateOnly? dateOfBirth, int? birthYear, int ageOfConsent) =>
        EffectiveBirthDate(dateOfBirth, birthYear) is { } birth ? BirthdayIn(birth, birth.Year + ageOfConsent) : null;

    /// <summary>The capacity on the tenant-local date <paramref name="today"/>.</summary>
    public static ConsentCapacity CapacityOn(DateOnly? dateOfBirth, int? birthYear, DateOnly today, int ageOfConsent) =>
        OfAgeFrom(dateOfBirth, birthYear, ageOfConsent) is { } from
            ? (today >= from ? ConsentCapacity.OfAge : ConsentCapacity.Minor)
            : ConsentCapacity.Unknown;

    /// <summary>
    /// The tenant-local date since which <paramref name="consent"/> no longer counts because a guardian gave it and the person
    /// has since reached the age of consent (by an edit of the birth data or simply with time): only the person decides from
    /// their birthday on (PIPL art. 31, R-1.7, docs/consent.md "Who decides"). Null when it still counts as stored: anything
    /// but a guardian's <see cref="ConsentStatus.Granted"/> (a refusal or withdrawal allows nothing, so it keeps blocking),
    /// or a person still below the age or of unknown age on <paramref name="today"/>.
    /// </summary>
    public static DateOnly? GuardianGrantLapsedSince(Consent? consent, DateOnly? dateOfBirth, int? birthYear, DateOnly today, int ageOfConsent) =>
        consent is { Status: ConsentStatus.Granted, GivenBy: ConsentGivenBy.Guardian }
        && OfAgeFrom(dateOfBirth, birthYear, ageOfConsent) is { } from && today >= from
            ? from
            : null;

    /// <summary>
    /// True when <paramref name="consent"/> is the person's own <see cref="ConsentStatus.Granted"/> but on <paramref name="today"/>
    /// they are below the age of consent or of unknown age — e.g. the tenant raised its age of consent with
    /// <c>setAgeOfConsent</c> after a 15-year-old granted under 14 (round 17 red team RT17-4): only a guardian decides now
    /// (PIPL art. 31, R-1.7), so the grant no longer counts. A birth-data edit already turns such a grant into
    /// <see cref="ConsentStatus.Withdrawn"/>; this covers every other way the age rule can change under a stored grant.
    /// </summary>
    public static bool SelfGrantLapsed(Consent? consent, DateOnly? dateOfBirth, int? birthYear, DateOnly today, int ageOfConsent) =>
        consent is { Status: ConsentStatus.Granted, GivenBy: ConsentGivenBy.Self }
        && CapacityOn(dateOfBirth, birthYear, today, ageOfConsent) != ConsentCapacity.OfAge;

    /// <summary>
    /// The status the consent gate counts for <paramref name="consent"/> on <paramref name="today"/>: the stored one, except a
    /// grant whose decider is not the one who decides today — a guardian's grant after the person came of age
    /// (<see cref="GuardianGrantLapsedSince"/>) or the person's own grant while they are below the age of consent
    /// (<see cref="SelfGrantLapsed"/>) — which counts as <see cref="ConsentStatus.Pending"/>: the one who decides now has not
    /// decided yet; <see cref="ConsentStatus.Pending"/> when nothing is recorded.
    /// </summary>
    public static ConsentStatus EffectiveStatus(Consent? consent, DateOnly? dateOfBirth, int? birthYear, DateOnly today, int ageOfConsent) =>
        consent is null
        || GuardianGrantLapsedSince(consent, dateOfBirth, birthYear, today, ageOfConsent) is not null
        || SelfGrantLapsed(consent, dateOfBirth, birthYear, today, ageOfConsent)
            ? ConsentStatus.Pending
            : consent.Status;

    /// <summary>
    /// Checks who may record a consent decision on <paramref name="today"/>: at or above the age of consent only the person
    /// (<see cref="ConsentGivenBy.Self"/>; <see cref="ConsentGivenBy.Guardian"/> is refused on <c>givenBy</c> — adults under
    /// legal guardianship are not modelled); below it, or of unknown age, only a guardian named on the person
    /// (<see cref="ConsentGivenBy.Guardian"/>; <see cref="ConsentGivenBy.Self"/> is refused). Throws <c>VALIDATION_FAILED</c> with <c>field</c> (<c>contacts</c>, <c>givenBy</c> or
    /// <c>dateOfBirth</c>), <c>rule</c> (<c>guardian-required</c> or <c>age-of-consent</c>) and <c>ageOfConsent</c>.
    /// </summary>
    public static void EnsureMayDecide(ConsentGivenBy givenBy, DateOnly? dateOfBirth, int? birthYear, bool hasGuardian, DateOnly today, int ageOfConsent)
    {
        const string addGuardian = "add the guardian first with setPersonContacts (a contact of kind GUARDIAN)";
        var capacity = CapacityOn(dateOfBirth, birthYear, today, ageOfConsent);
        if (givenBy == ConsentGivenBy.Guardian)
        {
            if (capacity == ConsentCapacity.OfAge)
            {
                // At or above the age only the person decides; adults under legal guardianship are not modelled (docs/consent.md).
                throw Refuse("givenBy", "age-of-consent", ageOfConsent,
                    $"The person is of this tenant's age of consent ({ageOfConsent}) on {today:yyyy-MM-dd} (tenant's local date), so only they decide: "
                    + "record their own decision with givenBy: SELF. A guardian's decision is taken only for a person below the age of consent or of unknown age.");
            }

            if (!hasGuardian)
            {
                throw Refuse("contacts", "guardian-required", ageOfConsent, $"No guardian is named on this person: {addGuardian}, then record the guardian's decision.");
            }

            return;
        }

        var guardianHint = hasGuardian ? "" : $" ({addGuardian})";
        switch (capacity)
        {
            case ConsentCapacity.Minor:
                var from = OfAgeFrom(dateOfBirth, birthYear, ageOfConsent)!.Value;
                throw Refuse("givenBy", "age-of-consent", ageOfConsent,
                    $"The person is under this tenant's age of consent ({ageOfConsent}) on {today:yyyy-MM-dd} (tenant's local date) and decides alone only from "
                    + $"{from:yyyy-MM-dd}{(dateOfBirth is null ? " (only the birth year is known: counted from 31 December)" : "")}. "
                    + $"Only a guardian can grant or withdraw consent: record it with givenBy: GUARDIAN{guardianHint}.");
            case ConsentCapacity.Unknown:
                throw Refuse("dateOfBirth", "age-of-consent", ageOfConsent,
                    $"The person's age is unknown, so they cannot consent for themself: record dateOfBirth (or birthYear) with updatePerson, "
                    + $"or record a guardian's decision with givenBy: GUARDIAN{guardianHint}.");
        }
    }

    /// <summary>The age of majority in years: a person of 18 is an adult with full civil capacity (PRC Civil Code art. 17).</summary>
    public const int AgeOfMajority = 18;

    /// <summary>
    /// Checks that a guardian's view may be noted beside the person's own decision on <paramref name="today"/>
    /// (docs/consent.md "The guardian's view"): only for a minor who decides alone — at or above the tenant's age of consent
    /// (PIPL art. 31) and surely below <see cref="AgeOfMajority"/> (Civil Code art. 17; with only a birth year, counted from
    /// 1 January, the earliest birth it allows). Below the age of consent, or of unknown
    /// age, the guardian decides (record it with <c>recordConsent(givenBy: GUARDIAN)</c>); an adult has no guardian in this
    /// model. Throws <c>VALIDATION_FAILED</c>, field <c>personId</c>, rule <c>guardian-decides</c> or <c>adult</c>, with
    /// <c>ageOfConsent</c>, in English and Chinese.
    /// </summary>
    public static void EnsureGuardianViewApplies(DateOnly? dateOfBirth, int? birthYear, DateOnly today, int ageOfConsent)
    {
        if (CapacityOn(dateOfBirth, birthYear, today, ageOfConsent) != ConsentCapacity.OfAge)
        {
            throw Refuse("personId", "guardian-decides", ageOfConsent, Bilingual.Join(
                $"The person is below this tenant's age of consent ({ageOfConsent}) or of unknown age on {today:yyyy-MM-dd}, so the guardian decides: record the guardian's decision with recordConsent(givenBy: GUARDIAN). A guardian's view is noted beside a minor's own decision only.",
                $"此人在 {today:yyyy-MM-dd} 未满本单位的同意年龄（{ageOfConsent} 周岁）或年龄不详，由监护人决定：请用“记录决定”登记监护人的决定（givenBy: GUARDIAN）。“监护人意见”只用于已能自行决定的未成年人。"));
        }

        // The earliest the person can have been born: with only a birth year, 1 January (round-25 red team: 31 December,
        // the safe reading for the age of consent, took someone who may be 18 already for a minor).
        var earliest = dateOfBirth ?? new DateOnly(birthYear!.Value, 1, 1);
        if (AgeOn(earliest, today) >= AgeOfMajority)
        {
            throw Refuse("personId", "adult", ageOfConsent, Bilingual.Join(
                $"The person is, or with only a birth year may be, {AgeOfMajority} or older on {today:yyyy-MM-dd}: an adult decides alone and has no guardian here, so no guardian's view is noted. If only the birth year is on record, record the date of birth (updatePerson).",
                $"此人在 {today:yyyy-MM-dd} 已年满（或仅有出生年份、可能已满）{AgeOfMajority} 周岁，为成年人，由本人决定，不登记监护人意见。如只登记了出生年份，请补充出生日期。"));
        }
    }

    private static CareGridException Refuse(string field, string rule, int ageOfConsent, string message) =>
        new(ErrorCodes.ValidationFailed, message, new Dictionary<string, string>
        {
            ["field"] = field,
            ["rule"] = rule,
            ["ageOfConsent"] = ageOfConsent.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
}
