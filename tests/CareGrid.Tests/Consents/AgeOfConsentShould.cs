using System.Globalization;
using CareGrid.Grains.Calendar;
using CareGrid.Grains.Errors;
using CareGrid.Grains.People;

namespace CareGrid.Tests.Consents;

/// <summary>Who may decide on consent, by age on the tenant's local date (PIPL art. 31: a guardian under 14), without a silo.</summary>
[Trait("tier", "domain")]
public class AgeOfConsentShould
{
    private static DateOnly Day(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    [Fact]
    public void Make_a_person_of_age_exactly_on_the_birthday_and_not_the_day_before()
    {
        var born = Day("2012-12-01");
        Assert.Equal(ConsentCapacity.Minor, AgeOfConsent.CapacityOn(born, 2012, Day("2026-11-30"), 14));
        Assert.Equal(ConsentCapacity.OfAge, AgeOfConsent.CapacityOn(born, 2012, Day("2026-12-01"), 14));
        Assert.Equal(13, AgeOfConsent.AgeOn(born, Day("2026-11-30")));
        Assert.Equal(14, AgeOfConsent.AgeOn(born, Day("2026-12-01")));
        Assert.Equal(Day("2026-12-01"), AgeOfConsent.OfAgeFrom(born, null, 14));
        Assert.Equal(ConsentCapacity.Minor, AgeOfConsent.CapacityOn(born, null, Day("2030-11-30"), 18));
        Assert.Equal(ConsentCapacity.OfAge, AgeOfConsent.CapacityOn(born, null, Day("2030-12-01"), 18));
    }

    [Fact]
    public void Count_the_age_on_the_tenants_local_date()
    {
        // 2026-11-30 23:30 UTC is already 1 December in Shanghai (UTC+8), still 30 November in New York (UTC-5).
        var instant = new DateTimeOffset(2026, 11, 30, 23, 30, 0, TimeSpan.Zero);
        var born = Day("2012-12-01");
        var shanghai = new WorkingCalendar("Asia/Shanghai").LocalDate(instant);
        var newYork = new WorkingCalendar("America/New_York").LocalDate(instant);
        Assert.Equal(Day("2026-12-01"), shanghai);
        Assert.Equal(Day("2026-11-30"), newYork);
        Assert.Equal(ConsentCapacity.OfAge, AgeOfConsent.CapacityOn(born, null, shanghai, 14));
        Assert.Equal(ConsentCapacity.Minor, AgeOfConsent.CapacityOn(born, null, newYork, 14));
    }

    [Fact]
    public void Turn_a_leap_day_birthday_a_year_older_on_1_March_in_common_years()
    {
        var born = Day("2012-02-29");
        Assert.Equal(Day("2026-03-01"), AgeOfConsent.OfAgeFrom(born, null, 14));
        Assert.Equal(ConsentCapacity.Minor, AgeOfConsent.CapacityOn(born, null, Day("2026-02-28"), 14));
        Assert.Equal(ConsentCapacity.OfAge, AgeOfConsent.CapacityOn(born, null, Day("2026-03-01"), 14));
        Assert.Equal(Day("2028-02-29"), AgeOfConsent.OfAgeFrom(born, null, 16)); // 2028 is a leap year
        Assert.Equal(15, AgeOfConsent.AgeOn(born, Day("2028-02-28")));
        Assert.Equal(16, AgeOfConsent.AgeOn(born, Day("2028-02-29")));
    }

    [Fact]
    public void Count_a_year_only_birth_from_31_December_so_the_person_is_the_youngest_they_could_be()
    {
        Assert.Equal(Day("2012-12-31"), AgeOfConsent.EffectiveBirthDate(null, 2012));
        Assert.Equal(ConsentCapacity.Minor, AgeOfConsent.CapacityOn(null, 2012, Day("2026-12-30"), 14));
        Assert.Equal(ConsentCapacity.OfAge, AgeOfConsent.CapacityOn(null, 2012, Day("2026-12-31"), 14));
        Assert.Equal(ConsentCapacity.Unknown, AgeOfConsent.CapacityOn(null, null, Day("2026-12-31"), 14));
    }

    [Fact]
    public void Refuse_a_minors_own_consent_and_accept_a_named_guardians()
    {
        var today = Day("2026-11-30");
        var born = Day("2016-05-01");
        var minor = Assert.Throws<CareGridException>(() => AgeOfConsent.EnsureMayDecide(ConsentGivenBy.Self, born, 2016, hasGuardian: true, today, 14));
        Assert.Equal(ErrorCodes.ValidationFailed, minor.Code);
        Assert.Equal("givenBy", minor.Details["field"]);
        Assert.Equal("age-of-consent", minor.Details["rule"]);
        Assert.Equal("14", minor.Details["ageOfConsent"]);
        Assert.Contains("2030-05-01", minor.Message);

        AgeOfConsent.EnsureMayDecide(ConsentGivenBy.Guardian, born, 2016, hasGuardian: true, today, 14);

        var noGuardian = Assert.Throws<CareGridException>(() => AgeOfConsent.EnsureMayDecide(ConsentGivenBy.Guardian, born, 2016, hasGuardian: false, today, 14));
        Assert.Equal("contacts", noGuardian.Details["field"]);
        Assert.Equal("guardian-required", noGuardian.Details["rule"]);
        Assert.Contains("setPersonContacts", noGuardian.Message);
    }

    [Fact]
    public void Refuse_self_consent_when_no_birth_date_or_year_is_known()
    {
        var unknown = Assert.Throws<CareGridException>(() => AgeOfConsent.EnsureMayDecide(ConsentGivenBy.Self, null, null, hasGuardian: false, Day("2026-11-30"), 14));
        Assert.Equal("dateOfBirth", unknown.Details["field"]);
        AgeOfConsent.EnsureMayDecide(ConsentGivenBy.Self, null, 1980, hasGuardian: false, Day("2026-11-30"), 14);
        AgeOfConsent.EnsureMayDecide(ConsentGivenBy.Guardian, null, null, hasGuardian: true, Day("2026-11-30"), 14);
    }

    [Fact]
    public void Let_only_the_person_decide_at_or_above_the_age_even_with_a_named_guardian()
    {
        var today = Day("2026-11-30");
        var adult = Assert.Throws<CareGridException>(() => AgeOfConsent.EnsureMayDecide(ConsentGivenBy.Guardian, Day("1990-04-02"), 1990, hasGuardian: true, today, 14));
        Assert.Equal("givenBy", adult.Details["field"]);
        Assert.Equal("age-of-consent", adult.Details["rule"]);
        Assert.Contains("givenBy: SELF", adult.Message);
        AgeOfConsent.EnsureMayDecide(ConsentGivenBy.Self, Day("1990-04-02"), 1990, hasGuardian: true, today, 14);
        Assert.Throws<CareGridException>(() => AgeOfConsent.EnsureMayDecide(ConsentGivenBy.Guardian, Day("2012-11-30"), 2012, hasGuardian: true, today, 14)); // 14 today
        AgeOfConsent.EnsureMayDecide(ConsentGivenBy.Guardian, Day("2012-12-01"), 2012, hasGuardian: true, today, 14); // 14 tomorrow
    }
}
