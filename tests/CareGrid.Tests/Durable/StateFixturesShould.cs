using CareGrid.Grains.Calendar;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.Security;
using CareGrid.Grains.Statistics;
using CareGrid.Grains.Tenancy;
using CareGrid.StateFixtures;
using CareGrid.Tests.Infrastructure;
using Orleans.Serialization;

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
/// The samples and the serializer live in the generator, <c>tests/StateFixtures</c> (<see cref="StateSamples"/>,
/// <see cref="StateFixtureSerializer"/>). <c>dotnet run --project tests/StateFixtures -- tests/CareGrid.Tests/Fixtures/state</c>
/// writes the fixtures that are missing and keeps the others (docs/testing.md): a fixture is a promise about data already
/// stored in production, so add a new one (e.g. <c>CaseState.v2</c>) rather than overwriting an old one.
/// </remarks>
[Trait("tier", "domain")]
public sealed class StateFixturesShould
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 1, 0, 0, TimeSpan.Zero);

    public static string Folder => Path.Combine(RepoPaths.Root, "tests", "CareGrid.Tests", "Fixtures", "state");

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
        Assert.False(state.RiskUngraded); // stored before the flag existed: graded (docs/protocol.md "Ungraded reports")
    }

    [Fact]
    public void Read_the_ungraded_case_state_this_version_wrote()
    {
        var state = Load<CaseState>("CaseState.v2");
        Assert.True(state.RiskUngraded);
        Assert.Equal(("student-002", CaseStatus.Reported, RiskLevel.Low, 1, "queue:level-3"),
            (state.PersonId, state.Status, state.RiskLevel, state.EscalationLevel, state.AssigneeId));
        Assert.Equal(["Report"], state.Timeline.Select(e => e.Action));
    }

    [Fact]
    public void Read_the_timeliness_facts_this_version_wrote()
    {
        // Written with every list as its transition built it: the compiler's read-only list, a List, empty arrays.
        var facts = Assert.IsType<CaseFacts>(Load<CaseState>("CaseState.v3").Facts);
        Assert.Equal(("Asia/Shanghai", T0.AddDays(2), (DateTimeOffset?)null), (facts.TimeZoneId, facts.HighRiskSince, facts.CrisisInterventionAt));
        Assert.Equal([new ProtocolTaskDue("t-2", T0.AddDays(3))], facts.ProtocolOpen);
        Assert.Equal([new EpisodeFact(T0, T0.AddHours(1), ProtocolOutcome.Missed)], facts.EarlierEpisodes);
        var week = Assert.Single(facts.Service);
        Assert.Equal(("unit-1", 1, 45L), (week.UnitId, week.Contacts, week.Minutes));
        Assert.Empty(facts.Referrals);
        Assert.Empty(facts.ReferralsBeyond);
        Assert.Empty(facts.HandOvers);
        Assert.Empty(facts.EpisodesBeyond);
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
        Assert.Equal(StateSamples.All.Keys.Order(StringComparer.Ordinal), files);
    }

    private static T Load<T>(string name)
    {
        var path = Path.Combine(Folder, name + ".b64");
        Assert.True(File.Exists(path), $"Missing fixture {path}; see {nameof(StateFixturesShould)} for how to generate it.");
        var bytes = Convert.FromBase64String(File.ReadAllText(path));
        return Assert.IsType<T>(StateFixtureSerializer.Create().Deserialize<T>(bytes));
    }
}
