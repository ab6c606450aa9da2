using CareGrid.Grains.Calendar;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Tests.Domain;

/// <summary>
/// Tenant settings updates without a silo (TenantSettingsRules through TenantAggregate.UpdateSettings): visit intervals,
/// the age of consent (10–21, PIPL art. 31), deadlines (R-2.4's 5 working days among them) and the working-day
/// calendar. A refused update leaves the stored settings unchanged.
/// </summary>
[Trait("tier", "domain")]
public sealed class TenantSettingsRulesShould
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Admin = new("admin@town-a", [Roles.TenantAdmin]);
    private static readonly TenantSettings Defaults = TenantSettings.Default("Asia/Shanghai");

    private static TenantState Tenant() => new() { Exists = true, Name = "A town", Status = TenantStatus.Active, Settings = Defaults };

    private static CareGridException Refused(TenantSettings settings, out TenantState state)
    {
        var s = state = Tenant();
        var error = Assert.Throws<CareGridException>(() => new TenantAggregate("town-a", s, Now).UpdateSettings(settings, Admin));
        Assert.Same(Defaults, s.Settings);
        Assert.Empty(s.History);
        return error;
    }

    [Fact]
    public void Store_valid_settings_and_follow_the_calendar_time_zone()
    {
        var state = Tenant();
        var handOver = new Dictionary<CaseTaskKind, DeadlineSpec> { [CaseTaskKind.DischargeHandOver] = new(5, DeadlineUnit.WorkingDays) };
        var settings = Defaults with
        {
            Calendar = new WorkingCalendar("Europe/Berlin", holidays: [new DateOnly(2026, 5, 1)]),
            Deadlines = handOver,
            AgeOfConsentYears = 16,
        };

        new TenantAggregate("town-a", state, Now).UpdateSettings(settings, Admin);

        Assert.Same(settings, state.Settings);
        Assert.Equal("Europe/Berlin", state.TimeZone);
        Assert.Equal(Now, state.UpdatedAt);
        Assert.Equal($"{Now:O} UpdateSettings by admin@town-a", Assert.Single(state.History));
    }

    [Theory]
    [InlineData(9)]
    [InlineData(22)]
    public void Refuse_an_age_of_consent_outside_10_to_21(int years)
    {
        var error = Refused(Defaults with { AgeOfConsentYears = years }, out _);
        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Equal("years", error.Details["field"]);
    }

    [Theory]
    [InlineData(0, 48, 24)]
    [InlineData(336, 8785, 24)]
    [InlineData(336, 48, -1)]
    public void Refuse_a_visit_interval_outside_1_to_8784_hours(int low, int high, int imminent)
    {
        var error = Refused(Defaults with { VisitEveryHoursDefault = low, VisitEveryHoursHigh = high, VisitEveryHoursImminent = imminent }, out _);
        Assert.Equal("visitEveryHours", error.Details["field"]);
    }

    [Fact]
    public void Refuse_a_deadline_that_skipped_its_checks()
    {
        var negative = new DeadlineSpec(5, DeadlineUnit.WorkingDays) with { Amount = -1 };
        var error = Refused(Defaults with { Deadlines = new Dictionary<CaseTaskKind, DeadlineSpec> { [CaseTaskKind.DischargeHandOver] = negative } }, out _);
        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Equal("amount", error.Details["field"]);
    }

    [Theory]
    [InlineData(CaseTaskKind.ProfessionalCrisisIntervention, 90, DeadlineUnit.CalendarDays)]
    [InlineData(CaseTaskKind.ProfessionalCrisisIntervention, 73, DeadlineUnit.Hours)]
    [InlineData(CaseTaskKind.NotifyFamilyEmergencyContact, 2, DeadlineUnit.WorkingDays)]
    [InlineData(CaseTaskKind.PoliceTransportAssistance, 1441, DeadlineUnit.Minutes)]
    [InlineData(CaseTaskKind.RaiseVisitFrequency, 4, DeadlineUnit.CalendarDays)]
    [InlineData(CaseTaskKind.GuideToPsychiatricInstitution, 6, DeadlineUnit.WorkingDays)]
    [InlineData(CaseTaskKind.DischargeHandOver, 6, DeadlineUnit.WorkingDays)]
    [InlineData(CaseTaskKind.DischargeCommunityCheck, 7, DeadlineUnit.CalendarDays)]
    [InlineData(CaseTaskKind.FollowUpVisit, 31, DeadlineUnit.CalendarDays)]
    [InlineData(CaseTaskKind.NotifyFamilyEmergencyContact, 1, DeadlineUnit.WorkingDays)] // RT17-1: a working day can run past a holiday week
    [InlineData(CaseTaskKind.PoliceTransportAssistance, 1, DeadlineUnit.WorkingDays)]
    [InlineData(CaseTaskKind.ProfessionalCrisisIntervention, 3, DeadlineUnit.WorkingDays)]
    [InlineData(CaseTaskKind.GradeRisk, 73, DeadlineUnit.Hours)] // an ungraded case waits no longer than a High case's crisis intervention
    [InlineData(CaseTaskKind.GradeRisk, 1, DeadlineUnit.WorkingDays)]
    public void Refuse_a_deadline_longer_than_its_kind_allows_F13(CaseTaskKind kind, int amount, DeadlineUnit unit)
    {
        var error = Refused(Defaults with { Deadlines = new Dictionary<CaseTaskKind, DeadlineSpec> { [kind] = new(amount, unit) } }, out _);

        // The kind as the schema spells it (NOTIFY_FAMILY_EMERGENCY_CONTACT).
        Assert.Equal((ErrorCodes.ValidationFailed, "amount", ProtocolDeadlineBounds.Rule, kind.ToString().ToUpperInvariant()),
            (error.Code, error.Details["field"], error.Details["rule"], error.Details["kind"].Replace("_", "", StringComparison.Ordinal)));
        Assert.Contains(" / ", error.Message, StringComparison.Ordinal); // English / 中文
    }

    [Theory]
    [InlineData(CaseTaskKind.ProfessionalCrisisIntervention, 72, DeadlineUnit.Hours)]
    [InlineData(CaseTaskKind.NotifyFamilyEmergencyContact, 1, DeadlineUnit.CalendarDays)]
    [InlineData(CaseTaskKind.GuideToPsychiatricInstitution, 5, DeadlineUnit.WorkingDays)]
    [InlineData(CaseTaskKind.FollowUpVisit, 30, DeadlineUnit.CalendarDays)]
    [InlineData(CaseTaskKind.GradeRisk, 72, DeadlineUnit.Hours)]
    public void Accept_a_deadline_at_its_kinds_bound(CaseTaskKind kind, int amount, DeadlineUnit unit)
    {
        var state = Tenant();
        var settings = Defaults with { Deadlines = new Dictionary<CaseTaskKind, DeadlineSpec> { [kind] = new(amount, unit) } };

        new TenantAggregate("town-a", state, Now).UpdateSettings(settings, Admin);

        Assert.Same(settings, state.Settings);
    }

    [Fact]
    public void Keep_a_longer_deadline_stored_before_the_bound_when_another_setting_changes()
    {
        var old = Defaults with { Deadlines = new Dictionary<CaseTaskKind, DeadlineSpec> { [CaseTaskKind.FollowUpVisit] = new(60, DeadlineUnit.CalendarDays) } };
        var state = new TenantState { Exists = true, Name = "A town", Status = TenantStatus.Active, Settings = old };

        new TenantAggregate("town-a", state, Now).UpdateSettings(old with { AgeOfConsentYears = 16 }, Admin);

        Assert.Equal(16, state.Settings!.AgeOfConsentYears);
    }

    [Fact]
    public void Refuse_a_deadline_of_an_unknown_task_kind()
    {
        var error = Refused(Defaults with { Deadlines = new Dictionary<CaseTaskKind, DeadlineSpec> { [(CaseTaskKind)999] = new(1, DeadlineUnit.Hours) } }, out _);
        Assert.Equal("kind", error.Details["field"]);
    }

    [Fact]
    public void Refuse_a_calendar_that_skipped_its_checks()
    {
        var zone = Refused(Defaults with { Calendar = WorkingCalendar.Default with { TimeZoneId = "Mars/Olympus" } }, out _);
        Assert.Equal("timeZoneId", zone.Details["field"]);

        var day = new DateOnly(2026, 10, 10);
        var clash = WorkingCalendar.Default with { Holidays = [day], ExtraWorkingDays = [day] };
        Assert.Equal("extraWorkingDays", Refused(Defaults with { Calendar = clash }, out _).Details["field"]);
    }

    [Fact]
    public void Refuse_settings_of_a_tenant_never_onboarded()
    {
        var error = Assert.Throws<CareGridException>(() => new TenantAggregate("town-a", new TenantState(), Now).UpdateSettings(Defaults, Admin));
        Assert.Equal(ErrorCodes.TenantNotFound, error.Code);
    }

    [Fact]
    public void Answer_the_defaults_in_the_tenant_time_zone_when_none_were_stored()
    {
        var state = new TenantState { Exists = true, TimeZone = "Europe/Berlin" };
        Assert.Equal("Europe/Berlin", new TenantAggregate("town-a", state, Now).Settings.Calendar.TimeZoneId);
        Assert.Equal(TenantAggregate.DefaultTimeZone, new TenantAggregate("town-a", new TenantState(), Now).Settings.Calendar.TimeZoneId);
    }
}
