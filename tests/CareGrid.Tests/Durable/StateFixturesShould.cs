using CareGrid.Grains.Calendar;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Xunit.Abstractions;

namespace CareGrid.Tests.Durable;

/// <summary>
/// Stored grain state stays readable across versions (every grain state type: tenant, tenant registry, organization,
/// person, case, access grants). <c>tests/CareGrid.Tests/Fixtures/state/*.b64</c> hold each grain
/// state type as this version wrote it — the exact bytes grain storage keeps (the silo stores state with Orleans'
/// <see cref="Serializer"/>, see <c>SiloHostingExtensions</c>), base64-encoded — and these tests read them with the
/// current types and check the fields the fixtures were written with. Fields added later (new <c>[Id]</c>s) read as their
/// defaults, so a fixture stays valid while types grow; a renamed, re-numbered or re-typed field makes a test fail.
/// </summary>
/// <remarks>
/// Regenerate only on purpose (a fixture is a promise about data already stored in production):
/// <c>CAREGRID_REGENERATE_STATE_FIXTURES=1 dotnet test --filter "FullyQualifiedName~StateFixturesShould"</c>
/// rewrites every file from <see cref="Samples"/>. Without the variable the generator test reports itself skipped.
/// Add a new fixture file (e.g. <c>CaseState.v2.b64</c>) rather than overwriting an old one when a type changes shape.
/// </remarks>
[Trait("tier", "domain")]
public sealed class StateFixturesShould(ITestOutputHelper output)
{
    public const string RegenerateVariable = "CAREGRID_REGENERATE_STATE_FIXTURES";

    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 1, 0, 0, TimeSpan.Zero);

    public static string Folder => Path.Combine(RepoPaths.Root, "tests", "CareGrid.Tests", "Fixtures", "state");

    /// <summary>One sample per grain state type: the values the fixtures hold.</summary>
    public static IReadOnlyDictionary<string, object> Samples { get; } = new Dictionary<string, object>
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
        ["OrganizationState.v2"] = PeopleDirectory.DirectoryStateSamples.OrganizationV2,
        ["PersonState.v2"] = PeopleDirectory.DirectoryStateSamples.PersonV2,
        ["JurisdictionState.v1"] = PeopleDirectory.DirectoryStateSamples.JurisdictionV1,
        ["ImportGrainState.v1"] = PeopleDirectory.DirectoryStateSamples.ImportV1,
        ["CensusRoundState.v1"] = PeopleDirectory.DirectoryStateSamples.CensusRoundV1,
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
    };

    [Fact]
    public void Read_the_tenant_state_this_version_wrote()
    {
        var state = Load<TenantState>("TenantState.v1");
        Assert.True(state.Exists);
        Assert.Equal("Hongqiao District", state.Name);
        Assert.Equal(TenantKind.District, state.Kind);
        Assert.Equal(TenantStatus.Suspended, state.Status);
        Assert.Null(state.ParentId);
        Assert.Equal("Asia/Shanghai", state.TimeZone);
        Assert.Equal(T0, state.CreatedAt);
        Assert.Equal(T0.AddDays(3), state.UpdatedAt);
        Assert.Equal([new TenantAdmin("head@hongqiao", "Head of office")], state.Admins);
        Assert.Equal(2, state.History.Count);
        var settings = Assert.IsType<TenantSettings>(state.Settings);
        Assert.Equal(new DeadlineSpec(30, DeadlineUnit.Minutes), settings.DeadlineFor(CaseTaskKind.NotifyFamilyEmergencyContact));
        Assert.Equal(36, settings.VisitEveryHoursHigh);
        Assert.Contains(new DateOnly(2027, 1, 1), settings.Calendar.Holidays);
    }

    [Fact]
    public void Read_the_tenant_registry_state_this_version_wrote()
    {
        var state = Load<TenantRegistryState>("TenantRegistryState.v1");
        Assert.Equal(["hongqiao", "reserved-school"], state.Tenants.Keys.Order(StringComparer.Ordinal));
        Assert.Null(state.Tenants["reserved-school"]);
        var info = state.Tenants["hongqiao"]!;
        Assert.Equal(("Hongqiao District", TenantKind.District, TenantStatus.Active, T0), (info.Name, info.Kind, info.Status, info.CreatedAt));
        Assert.Equal("head@hongqiao", Assert.Single(info.Admins).Subject);
    }

    [Fact]
    public void Read_the_organization_state_this_version_wrote()
    {
        var state = Load<OrganizationState>("OrganizationState.v1");
        Assert.True(state.Exists);
        Assert.Equal(("Class 8-1", OrganizationKind.Class, "grade-8", (int?)1, OrganizationStatus.Active, T0),
            (state.Name, state.Kind, state.ParentId, state.EscalationLevel, state.Status, state.CreatedAt));
        Assert.Equal(["group-a", "group-b"], state.ChildIds);
    }

    [Fact]
    public void Read_the_person_state_this_version_wrote()
    {
        var state = Load<PersonState>("PersonState.v1");
        Assert.True(state.Exists);
        Assert.Equal(("Student Liu", "class-8-1", Sex.Female, (int?)2012, "S-0042", T0),
            (state.DisplayName, state.OrganizationId, state.Sex, state.BirthYear, state.ExternalId, state.RegisteredAt));
        Assert.Equal(["student", "left-behind-child"], state.TargetGroups);
        var consent = Assert.Single(state.Consents);
        Assert.Equal((ConsentPurpose.InformationSharing, ConsentStatus.Granted, ConsentGivenBy.Guardian, T0, "psych@school"),
            (consent.Purpose, consent.Status, consent.GivenBy, consent.RecordedAt, consent.RecordedBy));
    }

    [Fact]
    public void Read_the_case_state_this_version_wrote()
    {
        // Asserts only the fields the fixture was written with: fields added to CaseState later read as defaults.
        var state = Load<CaseState>("CaseState.v1");
        Assert.True(state.Exists);
        Assert.Equal(("student-001", "class-8-1", CaseStatus.Active, RiskLevel.High, 3, "psych@school"),
            (state.PersonId, state.OrganizationId, state.Status, state.RiskLevel, state.EscalationLevel, state.AssigneeId));
        Assert.Equal(("Told a classmate she wants to disappear", "homeroom@school", T0, T0.AddHours(2)),
            (state.Summary, state.ReportedBy, state.ReportedAt, state.UpdatedAt));
        Assert.Equal(["Report", "Escalate", "Activate"], state.Timeline.Select(e => e.Action));
        Assert.Equal(new TimelineEntry(T0.AddHours(1), "psych@school", "Activate", CaseStatus.Triage, CaseStatus.Active, "taken over"), state.Timeline[2]);
        var task = Assert.Single(state.Tasks);
        Assert.Equal(("t-1", CaseTaskKind.NotifyFamilyEmergencyContact, "psych@school", CaseTaskStatus.Open, T0.AddHours(2), 1, "queue:level-2"),
            (task.Id, task.Kind, task.OwnerId, task.Status, task.DueAt, task.EscalationCount, task.OriginalOwnerId));
        Assert.Equal("queue:level-2", Assert.Single(state.Notifications).To);
        Assert.Equal((T0, 48, 7), (state.HighRiskSince, state.VisitEveryHours, state.Sequence));
    }

    [Fact]
    public void Read_the_access_grants_state_this_version_wrote()
    {
        var grant = Assert.Single(Load<AccessGrantsState>("AccessGrantsState.v1").Grants);
        Assert.Equal(new AccessGrant("psych@school", T0, T0.AddMinutes(60), "Crisis call at night; the assignee is unreachable"), grant);
    }

    [Fact]
    public void Have_a_fixture_for_every_sample_and_no_other()
    {
        var files = Directory.GetFiles(Folder, "*.b64").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal);
        Assert.Equal(Samples.Keys.Order(StringComparer.Ordinal), files);
    }

    /// <summary>The generator: rewrites the fixtures from <see cref="Samples"/> when <see cref="RegenerateVariable"/>=1.</summary>
    [SkippableFact]
    public void Regenerate_the_fixtures_only_when_asked()
    {
        Skip.IfNot(Environment.GetEnvironmentVariable(RegenerateVariable) == "1",
            $"Set {RegenerateVariable}=1 to rewrite tests/CareGrid.Tests/Fixtures/state/*.b64 from the samples in this file.");
        Directory.CreateDirectory(Folder);
        var serializer = CreateSerializer();
        foreach (var (name, sample) in Samples)
        {
            var bytes = SerializeAsStored(serializer, sample);
            var path = Path.Combine(Folder, name + ".b64");
            File.WriteAllText(path, Convert.ToBase64String(bytes, Base64FormattingOptions.InsertLineBreaks) + "\n");
            output.WriteLine($"wrote {path} ({bytes.Length} bytes)");
        }
    }

    private static T Load<T>(string name)
    {
        var path = Path.Combine(Folder, name + ".b64");
        Assert.True(File.Exists(path), $"Missing fixture {path}; see {nameof(StateFixturesShould)} for how to generate it.");
        var bytes = Convert.FromBase64String(File.ReadAllText(path));
        return Assert.IsType<T>(CreateSerializer().Deserialize<T>(bytes));
    }

    /// <summary>
    /// Serializes with the sample's own type as the declared type, as grain storage does for an
    /// <c>IPersistentState&lt;TState&gt;</c> (so no type header precedes the fields).
    /// </summary>
    private static byte[] SerializeAsStored(Serializer serializer, object sample) =>
        (byte[])typeof(Serializer).GetMethods()
            .Single(m => m.Name == nameof(Serializer.SerializeToArray) && m.IsGenericMethodDefinition && m.GetParameters().Length == 1)
            .MakeGenericMethod(sample.GetType())
            .Invoke(serializer, [sample])!;

    /// <summary>The serializer grain storage uses: Orleans' <see cref="Serializer"/> over CareGrid's grain types.</summary>
    private static Serializer CreateSerializer() => new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(CaseState).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();
}
