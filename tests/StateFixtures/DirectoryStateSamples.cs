using CareGrid.Grains.Calendar;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Census;
using CareGrid.Grains.Imports;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.Screening;
using CareGrid.Grains.Tenancy;

namespace CareGrid.StateFixtures;

/// <summary>
/// Samples of the directory's grain state as this version writes it (part of <see cref="StateSamples.All"/>, from which
/// the generator writes <c>tests/CareGrid.Tests/Fixtures/state/*.b64</c>): organizations and people with the
/// directory fields (v2), the jurisdiction, a roster import and a census round (v1).
/// </summary>
public static class DirectoryStateSamples
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 1, 0, 0, TimeSpan.Zero);

    /// <summary>A class with its responsible person and members (OrganizationState.v2).</summary>
    public static OrganizationState OrganizationV2 => new()
    {
        Exists = true,
        Name = "Class 8-1",
        Kind = OrganizationKind.Class,
        ParentId = "grade-8",
        EscalationLevel = 1,
        Status = OrganizationStatus.Active,
        ChildIds = [],
        CreatedAt = T0,
        ResponsiblePersonId = "ext-T-01",
        Members = [new OrganizationMember("ext-S1", "PsychologyCommitteeMember", T0, "admin@school"), new OrganizationMember("ext-T-01", "HomeroomTeacher", T0, "admin@school")],
    };

    /// <summary>A student with every directory field: target-group periods, contacts, monitoring, roles, qualifications and a census record (PersonState.v2).</summary>
    public static PersonState PersonV2 => new()
    {
        Exists = true,
        DisplayName = "Student Liu",
        OrganizationId = "class-8-1",
        Sex = Sex.Female,
        BirthYear = 2012,
        ExternalId = "S1",
        TargetGroups = ["LeftBehindChild"],
        RegisteredAt = T0,
        TargetGroupPeriods = [new TargetGroupPeriod("LeftBehindChild", new DateOnly(2026, 9, 1), null)],
        Contacts = [new PersonContact(ContactKind.Parent, "Father Liu", "father", "13900001111", "Electronics plant, Shenzhen")],
        Monitoring = MonitoringLevel.Tracking,
        MonitoringHistory = [new MonitoringChange(T0, "homeroom@school", MonitoringLevel.Census, MonitoringLevel.Tracking, "flagged in census week-1")],
        Roles = [new OrganizationRoleAssignment("class-8-1", "PsychologyCommitteeMember", T0, Staff: false)],
        Qualifications = [new Qualification("CounsellingCertificate", new DateOnly(2027, 6, 30))],
        StaffSubject = "liu@school",
        CensusRecords = [new CensusRecord("week-1", T0, "homeroom@school", CensusMood.Low, CensusFlags.CloseContact | CensusFlags.ExcessiveAnxiety, "sleeps badly")],
        UpdatedAt = T0.AddHours(1),
    };

    /// <summary>A school jurisdiction with a one-of-each template applied (JurisdictionState.v1).</summary>
    public static JurisdictionState JurisdictionV1 => new()
    {
        Template = new JurisdictionTemplate("school", 1, "School", TenantKind.School, "R-4.3",
            [new TemplateOrganizationKind(OrganizationKind.Class, 1, [OrganizationKind.Grade], "A class")],
            [new TemplateRole("PsychologyTeacher", "Psychology teacher", "Counsellor", 3, [OrganizationKind.CounsellingCentre], ["CounsellingCertificate"], "R-7.7")],
            [new TemplateEscalationLevel(1, "Class", [OrganizationKind.Class], [])],
            [OrganizationKind.PsychiatricInstitution],
            [new TemplateDeadline(CaseTaskKind.FollowUpVisit, 7, DeadlineUnit.CalendarDays)],
            [ScreeningInstrument.Phq9],
            [new TemplateHealthRule(HealthRuleKind.BoyAndGirlInRole, "R-7.5", [OrganizationKind.Class], ["PsychologyCommitteeMember"], 1)],
            [new TemplateOrganization("school", "{tenantName}", OrganizationKind.School, null, null)]),
        AppliedAt = T0,
        AppliedBy = "platform@ops",
        ImportIds = ["import-1"],
        CensusRoundIds = ["week-1"],
    };

    /// <summary>A completed roster import with one refused row (ImportGrainState.v1).</summary>
    public static ImportGrainState ImportV1 => new()
    {
        Status = new ImportStatus("import-1", "class-8-1", RosterKind.People, ImportState.Completed, 3, 3, 1, 1, 0, 1,
            [new ImportRowError(3, "birthYear", "birthYear is a year from 1900 to 2026, or empty.")], T0, "admin@school", T0.AddMinutes(1), null),
    };

    /// <summary>A closed census round with one flagged person and the case it opened (CensusRoundState.v1).</summary>
    public static CensusRoundState CensusRoundV1 => new()
    {
        Exists = true,
        Name = "Return-to-school census",
        Status = CensusRoundStatus.Closed,
        OrganizationIds = ["class-8-1"],
        Expected = new(StringComparer.Ordinal) { ["ext-S1"] = "class-8-1", ["ext-S2"] = "class-8-1" },
        Recorded = new(StringComparer.Ordinal) { ["ext-S1"] = "class-8-1" },
        Flagged = new(StringComparer.Ordinal) { "ext-S1" },
        Cases = new(StringComparer.Ordinal) { ["ext-S1"] = "case-1" },
        StartedAt = T0,
        StartedBy = "psych@school",
        ClosedAt = T0.AddDays(2),
    };
}
