using CareGrid.Grains.Calendar;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.Security;
using CareGrid.Grains.Statistics;
using CareGrid.Grains.Tenancy;

namespace CareGrid.StateFixtures;

/// <summary>
/// The samples the state fixtures (<c>tests/CareGrid.Tests/Fixtures/state/*.b64</c>) are written from, one per grain
/// state type and version: tenant, tenant registry, organization, person, case, access grants, and the directory's
/// (<see cref="DirectoryStateSamples"/>).
/// </summary>
public static class StateSamples
{
    /// <summary>The instant every sample is stamped from: 2026-11-30T01:00:00Z.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 11, 30, 1, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// One sample per fixture, keyed by the fixture's name (<c>&lt;StateType&gt;.v&lt;n&gt;</c>, the file
    /// <c>&lt;name&gt;.b64</c>): the values the fixtures hold. Add a new name (e.g. <c>CaseState.v2</c>) rather than changing
    /// an old sample when a type changes shape: a fixture is a promise about data already stored in production.
    /// </summary>
    public static IReadOnlyDictionary<string, object> All { get; } = new Dictionary<string, object>
    {
        ["TenantState.v1"] = new TenantState
        {
            Exists = true,
            Name = "Hongqiao District",
            Kind = TenantKind.District,
            Status = TenantStatus.Suspended,
            ParentId = null,
            TimeZone = "Asia/Shanghai",
            CreatedAt = T0,
            UpdatedAt = T0.AddDays(3),
            Admins = [new TenantAdmin("head@hongqiao", "Head of office")],
            History = ["2026-11-30T01:00:00Z Activate platform@ops", "2026-12-03T01:00:00Z Suspend platform@ops audit"],
            Settings = new TenantSettings(new WorkingCalendar("Asia/Shanghai", holidays: [new DateOnly(2027, 1, 1)]),
                new Dictionary<CaseTaskKind, DeadlineSpec> { [CaseTaskKind.NotifyFamilyEmergencyContact] = new(30, DeadlineUnit.Minutes) },
                VisitEveryHoursHigh: 36),
        },
        ["TenantRegistryState.v1"] = new TenantRegistryState
        {
            Tenants =
            {
                ["hongqiao"] = new TenantInfo("hongqiao", "Hongqiao District", TenantKind.District, TenantStatus.Active, null, "Asia/Shanghai",
                    T0, T0, [new TenantAdmin("head@hongqiao", "Head of office")]),
                ["reserved-school"] = null,
            },
        },
        ["OrganizationState.v1"] = new OrganizationState
        {
            Exists = true,
            Name = "Class 8-1",
            Kind = OrganizationKind.Class,
            ParentId = "grade-8",
            EscalationLevel = 1,
            Status = OrganizationStatus.Active,
            ChildIds = ["group-a", "group-b"],
            CreatedAt = T0,
        },
        ["PersonState.v1"] = new PersonState
        {
            Exists = true,
            DisplayName = "Student Liu",
            OrganizationId = "class-8-1",
            Sex = Sex.Female,
            BirthYear = 2012,
            ExternalId = "S-0042",
            TargetGroups = ["student", "left-behind-child"],
            Consents = [new Consent(ConsentPurpose.InformationSharing, ConsentStatus.Granted, ConsentGivenBy.Guardian, T0, "psych@school")],
            RegisteredAt = T0,
        },
        ["OrganizationState.v2"] = DirectoryStateSamples.OrganizationV2,
        ["PersonState.v2"] = DirectoryStateSamples.PersonV2,
        ["JurisdictionState.v1"] = DirectoryStateSamples.JurisdictionV1,
        ["ImportGrainState.v1"] = DirectoryStateSamples.ImportV1,
        ["CensusRoundState.v1"] = DirectoryStateSamples.CensusRoundV1,
        ["AccessGrantsState.v1"] = new AccessGrantsState
        {
            Grants = [new AccessGrant("psych@school", T0, T0.AddMinutes(60), "Crisis call at night; the assignee is unreachable")],
        },
        ["CaseState.v1"] = new CaseState
        {
            Exists = true,
            PersonId = "student-001",
            OrganizationId = "class-8-1",
            Status = CaseStatus.Active,
            RiskLevel = RiskLevel.High,
            EscalationLevel = 3,
            AssigneeId = "psych@school",
            Summary = "Told a classmate she wants to disappear",
            ReportedBy = "homeroom@school",
            ReportedAt = T0,
            UpdatedAt = T0.AddHours(2),
            Timeline =
            [
                new TimelineEntry(T0, "homeroom@school", "Report", CaseStatus.Reported, CaseStatus.Reported, null),
                new TimelineEntry(T0, "system", "Escalate", CaseStatus.Reported, CaseStatus.Reported, "level 1 → 3: risk is High (R-1.10)"),
                new TimelineEntry(T0.AddHours(1), "psych@school", "Activate", CaseStatus.Triage, CaseStatus.Active, "taken over"),
            ],
            Tasks =
            [
                new CaseTask("t-1", CaseTaskKind.NotifyFamilyEmergencyContact, "psych@school", CaseTaskStatus.Open, T0, T0.AddHours(2), 1,
                    T0.AddHours(2), "queue:level-2", null, null, null),
            ],
            Notifications = [new CaseNotification(T0, "queue:level-2", "Risk is High: case escalated to level 3 (R-1.10).")],
            HighRiskSince = T0,
            VisitEveryHours = 48,
            Sequence = 7,
        },
        // Reported without a grading (docs/protocol.md "Ungraded reports"): Low as a placeholder, not yet graded.
        ["CaseState.v2"] = new CaseState
        {
            Exists = true,
            PersonId = "student-002",
            OrganizationId = "class-7-1",
            Status = CaseStatus.Reported,
            RiskLevel = RiskLevel.Low,
            EscalationLevel = 1,
            AssigneeId = "queue:level-3",
            Summary = "Scratches on her wrist; said she does not want to live",
            ReportedBy = "homeroom@school",
            ReportedAt = T0,
            UpdatedAt = T0,
            Timeline = [new TimelineEntry(T0, "homeroom@school", "Report", CaseStatus.Reported, CaseStatus.Reported, null)],
            VisitEveryHours = 336,
            RiskUngraded = true,
        },
        // Timeliness facts with lists, as the transitions build them (collection expressions): stored since the facts came.
        ["CaseState.v3"] = new CaseState
        {
            Exists = true,
            PersonId = "student-003",
            Status = CaseStatus.Active,
            RiskLevel = RiskLevel.High,
            EscalationLevel = 3,
            Summary = "Wrote a farewell note in her diary",
            ReportedBy = "homeroom@school",
            ReportedAt = T0,
            UpdatedAt = T0.AddDays(2),
            Facts = CaseFacts.Opened("Asia/Shanghai")
                .HighRiskBegan(T0)
                .TaskOpened(new CaseTask("t-1", CaseTaskKind.NotifyFamilyEmergencyContact, "psych@school", CaseTaskStatus.Open, T0,
                    T0.AddHours(2), 1, null, null, null, null, null))
                .CrisisIntervention(T0.AddHours(1))
                .Contact("unit-1", T0.AddHours(1), 45)
                .HighRiskBegan(T0.AddDays(2))
                .TaskOpened(new CaseTask("t-2", CaseTaskKind.RaiseVisitFrequency, "psych@school", CaseTaskStatus.Open, T0.AddDays(2),
                    T0.AddDays(3), 1, null, null, null, null, null)),
        },
    };
}
