using CareGrid.Grains.Cases;
using CareGrid.Grains.Events;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.Storage;
using Orleans.TestingHost;

namespace CareGrid.Tests.Grains;

/// <summary>
/// A concern's cost does not grow with the tenant (docs/idempotency.md "One open case per person"): reporting about a person
/// registered or imported now asks the read side nothing, however many cases the tenant holds; a person stored before the
/// open-case registry existed is looked up once. Counted on the read side (<see cref="CountingReadModelStore"/>), not timed.
/// </summary>
[Trait("tier", "grains")]
public sealed class ReportCostShould(ReportCostShould.Cluster fixture) : IClassFixture<ReportCostShould.Cluster>
{
    [Fact]
    public async Task Ask_the_read_side_nothing_when_reporting_about_people_registered_or_imported_now_at_any_tenant_size()
    {
        var (tenant, _) = await Seeds.SchoolAsync(fixture.Grains);
        var reporter = Seeds.PsychologyTeacher(tenant);
        // The reporter's scope (their units; RT17-7 asks it before answering the case) is looked up once per activation of
        // their scope grain, whatever the tenant's size: looked up here, so the rounds count what each report asks.
        TenantContext.Set(tenant);
        Assert.True((await StaffScopes.ResolveAsync(fixture.Grains, tenant, reporter)).Covers("class-7-1"));
        TenantContext.Clear();
        var scans = new List<(int Queries, long Rows)>();
        for (var round = 0; round < 3; round++)
        {
            var people = await NewPeopleAsync(tenant, $"r{round}", 12);
            var before = fixture.ReadModel.CountsOf(tenant);
            foreach (var person in people)
            {
                var view = await ReportAsync(tenant, person, "Seemed withdrawn in class", reporter);
                Assert.Equal(ReportOutcome.OpenedNewCase, view.ReportOutcome);
            }

            var after = fixture.ReadModel.CountsOf(tenant);
            scans.Add((after.Queries - before.Queries, after.CaseRowsScanned - before.CaseRowsScanned));
        }

        // Before the fix, each first report read the tenant's case index: 12, 24 and 36 reports' worth of growing scans.
        Assert.Equal([(0, 0L), (0, 0L), (0, 0L)], scans);
        Assert.Equal(36, (await fixture.ReadModel.QueryCasesAsync(tenant, new CaseQuery(OpenOnly: true), 100, null)).Items.Count);
    }

    [Fact]
    public async Task Learn_the_open_cases_of_a_person_stored_before_the_registry_once_and_join_them()
    {
        var (tenant, student) = await Seeds.SchoolAsync(fixture.Grains);
        var reporter = Seeds.PsychologyTeacher(tenant);
        var opened = await ReportAsync(tenant, student, "Cannot sleep", reporter);

        // The person's state as written before the registry existed: no open-case list, not learnt.
        var person = fixture.Grains.GetGrain<IPersonGrain>(TenantIds.Key(tenant, student));
        TenantContext.Set(tenant);
        await person.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        TenantContext.Clear();
        var storage = fixture.SiloServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        await StoredState.UpdateAsync<PersonState>(storage, "person", person.GetGrainId(), s =>
        {
            s.OpenCaseIds = null;
            s.OpenCasesKnown = false;
        });

        var counts = new List<int>();
        foreach (var summary in new[] { "Cried in the corridor", "Missed three days" })
        {
            var before = fixture.ReadModel.CountsOf(tenant).Queries;
            var joined = await ReportAsync(tenant, student, summary, reporter);
            Assert.Equal((opened.Id, ReportOutcome.JoinedOpenCase), (joined.Id, joined.ReportOutcome));
            counts.Add(fixture.ReadModel.CountsOf(tenant).Queries - before);
        }

        Assert.Equal([1, 0], counts);
    }

    /// <summary>Reports a Low concern through the one intake of <c>reportConcern</c> (<see cref="ConcernIntake"/>).</summary>
    private async Task<CaseView> ReportAsync(string tenant, string person, string summary, Actor reporter)
    {
        TenantContext.Set(tenant);
        try
        {
            return await ConcernIntake.ReportAsync(fixture.Grains, tenant, new ReportConcern(person, summary, RiskLevel.Low, null), reporter);
        }
        finally
        {
            TenantContext.Clear();
        }
    }

    /// <summary>Registers half of <paramref name="count"/> people and imports the other half (the two ways a person is created), in class 7-1.</summary>
    private async Task<List<string>> NewPeopleAsync(string tenant, string prefix, int count)
    {
        var ids = new List<string>();
        TenantContext.Set(tenant);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var id = $"{prefix}-{i}";
                var grain = fixture.Grains.GetGrain<IPersonGrain>(TenantIds.Key(tenant, id));
                if (i % 2 == 0)
                {
                    await grain.Register(new RegisterPerson("Student " + id, "class-7-1", Sex.Male, 2013, null, []), Actor.System);
                }
                else
                {
                    var outcome = await grain.Import(new PersonImport(new UpdatePerson("Student " + id, "class-7-1", Sex.Female, 2013, "X-" + id), [], [], [], null), Actor.System);
                    Assert.Equal(ImportOutcome.Created, outcome);
                }

                ids.Add(id);
            }
        }
        finally
        {
            TenantContext.Clear();
        }

        return ids;
    }

    /// <summary>A one-silo test cluster as <see cref="ClusterFixture"/>, whose read side counts what it is asked (<see cref="CountingReadModelStore"/>).</summary>
    public sealed class Cluster : IAsyncLifetime
    {
        private static readonly CountingReadModelStore Counting = new();

        private TestCluster _cluster = null!;

        public IGrainFactory Grains => _cluster.Client;

        public CountingReadModelStore ReadModel => Counting;

        public IServiceProvider SiloServices =>
            _cluster.SiloServices();

        public async Task InitializeAsync()
        {
            _cluster = await TestSilo.DeployAsync<SiloConfigurator>();
        }

        public async Task DisposeAsync()
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }

        private sealed class SiloConfigurator : ISiloConfigurator
        {
            public void Configure(ISiloBuilder silo)
            {
                silo.AddCareGridForTests(ClusterFixture.SharedClock, services => services.AddSingleton<IReadModelStore>(Counting));
                silo.Services.AddSingleton<ICareEventSink>(RecordingCareEventSink.Shared);
            }
        }
    }
}
