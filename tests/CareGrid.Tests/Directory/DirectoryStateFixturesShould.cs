using CareGrid.Grains.Calendar;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Census;
using CareGrid.Grains.Imports;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.Screening;
using CareGrid.Grains.Tenancy;
using CareGrid.Tests.Durable;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace CareGrid.Tests.PeopleDirectory;

/// <summary>
/// Samples of the directory's grain state as this version writes it (added to <see cref="StateFixturesShould.Samples"/>,
/// which generates <c>Fixtures/state/*.b64</c> from them): organizations and people with the directory fields (v2), the
/// jurisdiction, a roster import and a census round (v1).
/// </summary>
public static class DirectoryStateSamples
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 1, 0, 0, TimeSpan.Zero);

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

    public static ImportGrainState ImportV1 => new()
    {
        Status = new ImportStatus("import-1", "class-8-1", RosterKind.People, ImportState.Completed, 3, 3, 1, 1, 0, 1,
            [new ImportRowError(3, "birthYear", "birthYear is a year from 1900 to 2026, or empty.")], T0, "admin@school", T0.AddMinutes(1), null),
    };

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

/// <summary>The directory's stored state stays readable: the fixtures written by this version read back with every field.</summary>
[Trait("tier", "domain")]
public sealed class DirectoryStateFixturesShould
{
    private static T Load<T>(string name)
    {
        var path = Path.Combine(StateFixturesShould.Folder, name + ".b64");
        Assert.True(File.Exists(path), $"Missing fixture {path}; see {nameof(StateFixturesShould)} for how to generate it.");
        var serializer = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(PersonState).Assembly)).BuildServiceProvider().GetRequiredService<Serializer>();
        return Assert.IsType<T>(serializer.Deserialize<T>(Convert.FromBase64String(File.ReadAllText(path))));
    }

    [Fact]
    public void Read_organizations_and_people_with_the_directory_fields()
    {
        var org = Load<OrganizationState>("OrganizationState.v2");
        var expectedOrg = DirectoryStateSamples.OrganizationV2;
        Assert.Equal((expectedOrg.ResponsiblePersonId, expectedOrg.Name), (org.ResponsiblePersonId, org.Name));
        Assert.Equal(expectedOrg.Members, org.Members);

        var person = Load<PersonState>("PersonState.v2");
        var expected = DirectoryStateSamples.PersonV2;
        Assert.Equal(expected.TargetGroupPeriods, person.TargetGroupPeriods);
        Assert.Equal(expected.Contacts, person.Contacts);
        Assert.Equal((expected.Monitoring, expected.StaffSubject, expected.UpdatedAt), (person.Monitoring, person.StaffSubject, person.UpdatedAt));
        Assert.Equal(expected.MonitoringHistory, person.MonitoringHistory);
        Assert.Equal(expected.Roles, person.Roles);
        Assert.Equal(expected.Qualifications, person.Qualifications);
        Assert.Equal(expected.CensusRecords, person.CensusRecords);
    }

    [Fact]
    public void Read_the_jurisdiction_import_and_census_round_states()
    {
        var jurisdiction = Load<JurisdictionState>("JurisdictionState.v1");
        Assert.Equal(("school", "platform@ops", "import-1", "week-1"),
            (jurisdiction.Template!.Id, jurisdiction.AppliedBy, jurisdiction.ImportIds.Single(), jurisdiction.CensusRoundIds.Single()));
        Assert.Equal("PsychologyTeacher", jurisdiction.Template.Roles.Single().Code);
        Assert.Equal(HealthRuleKind.BoyAndGirlInRole, jurisdiction.Template.HealthRules.Single().Rule);

        var import = Load<ImportGrainState>("ImportGrainState.v1").Status!;
        Assert.Equal((ImportState.Completed, 3, 1, 1, 1), (import.State, import.Total, import.Created, import.Updated, import.Invalid));
        Assert.Equal(new ImportRowError(3, "birthYear", "birthYear is a year from 1900 to 2026, or empty."), import.Errors.Single());

        var round = Load<CensusRoundState>("CensusRoundState.v1");
        Assert.Equal((CensusRoundStatus.Closed, 2, "case-1"), (round.Status, round.Expected.Count, round.Cases["ext-S1"]));
        Assert.Contains("ext-S1", round.Flagged);
    }
}
