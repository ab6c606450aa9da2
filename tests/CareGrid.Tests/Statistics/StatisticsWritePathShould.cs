using CareGrid.Grains.Cases;
using CareGrid.Grains.Events;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Statistics;
using CareGrid.Grains.Tenancy;
using CareGrid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using static CareGrid.Tests.Grains.TenantCalls;

namespace CareGrid.Tests.Statistics;

/// <summary>
/// A HIGH report never waits on a dashboard (round 18 red team's suspect with the shape of RT18-3; docs/statistics.md "Who
/// waits for whom"). Every case and person command awaits <see cref="ITenantStatisticsGrain.Apply"/> after writing its rows,
/// and the tenant's one statistics grain also answers the Supervisors' <c>statistics</c>, <c>overdueBoard</c>, exports and
/// roll-ups, which await other sources (the unit names, census rounds, activities) and, on a cold grain, a build that pages
/// the whole tenant from the read side. Before the fix <c>Apply</c> queued behind such a request: while a request was held,
/// no report, grading or escalation of the tenant answered. The read side is held here at its gate
/// (<see cref="GatedReadModelStore"/>), not timed: the report must answer while the request is still held, and the figures
/// must still count it.
/// </summary>
[Trait("tier", "grains")]
public sealed class StatisticsWritePathShould(StatisticsWritePathShould.Cluster fixture) : IClassFixture<StatisticsWritePathShould.Cluster>
{
    /// <summary>How long a report that must answer while a request is held is waited for: generous, it answers at once.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Answer_a_high_report_while_a_statistics_request_waits_for_the_unit_names()
    {
        var (tenant, student) = await Seeds.SchoolAsync(fixture.Grains);
        var statistics = fixture.Grains.GetGrain<ITenantStatisticsGrain>(tenant);
        await AsTenant(tenant, () => statistics.Get(new StatisticsRequest(null, null))); // the projection is built
        // The reporter's scope (their units, which decide whether they are answered with the case: RT17-7) is looked up
        // once per activation of their scope grain, from the organization tree: looked up before the tree's reads are held.
        Assert.True((await AsTenant(tenant, () => StaffScopes.ResolveAsync(fixture.Grains, tenant, Seeds.PsychologyTeacher(tenant)))).Covers("class-7-1"));

        using var held = fixture.ReadModel.Hold(tenant, ReadModelGate.Organizations);
        var dashboard = AsTenant(tenant, () => statistics.Get(new StatisticsRequest(null, null)));
        await held.Reached.WaitAsync(Bound);

        // Before the fix the report's Apply queued behind the held request, and the report did not answer until it was released.
        var report = await HighReportAsync(tenant, student).WaitAsync(Bound);
        Assert.Equal(ReportOutcome.OpenedNewCase, report.ReportOutcome);
        Assert.False(dashboard.IsCompleted, "the statistics request is still held");
        held.Release();

        // The request read the projection after the report was applied: its figures count it.
        var figures = await dashboard.WaitAsync(Bound);
        Assert.Equal(1, figures.Cases!.OpenByRiskLevel.Single(c => c.Key == RiskLevel.High).Count);
    }

    [Fact]
    public async Task Answer_a_high_report_while_the_projection_is_built_from_the_read_side_and_count_it_once()
    {
        var (tenant, student) = await Seeds.SchoolAsync(fixture.Grains);
        await HighReportAsync(tenant, student, "Cannot sleep, anxious");
        await AsTenant(tenant, () => fixture.Grains.GetGrain<IPersonGrain>(TenantIds.Key(tenant, "student-2"))
            .Register(new RegisterPerson("Student Two", "class-7-1", Sex.Male, 2013, "S-2", []), Actor.System));
        var statistics = fixture.Grains.GetGrain<ITenantStatisticsGrain>(tenant);
        await AsTenant(tenant, statistics.Reset); // a cold grain: the next request builds from the read side

        using var held = fixture.ReadModel.Hold(tenant, ReadModelGate.Cases);
        var dashboard = AsTenant(tenant, () => statistics.Get(new StatisticsRequest(null, null)));
        await held.Reached.WaitAsync(Bound);

        // Before the fix the report's Apply waited for the build, which waited for the held read side.
        var report = await HighReportAsync(tenant, "student-2", "Said he wants to die").WaitAsync(Bound);
        Assert.Equal(ReportOutcome.OpenedNewCase, report.ReportOutcome);
        Assert.False(dashboard.IsCompleted, "the build is still held");
        held.Release();

        // The build reads both cases and applies the row fed meanwhile after its pages: each case counted once.
        var figures = await dashboard.WaitAsync(Bound);
        Assert.Equal(2, figures.Cases!.OpenByRiskLevel.Single(c => c.Key == RiskLevel.High).Count);
        Assert.Equal(2, figures.Cases.ByStatus.Sum(s => s.Count));
    }

    /// <summary>Reports a HIGH concern through the one intake of <c>reportConcern</c> (<see cref="ConcernIntake"/>).</summary>
    private Task<CaseView> HighReportAsync(string tenant, string person, string summary = "Said she wants to die") =>
        AsTenant(tenant, () => ConcernIntake.ReportAsync(fixture.Grains, tenant, new ReportConcern(person, summary, RiskLevel.High, null), Seeds.PsychologyTeacher(tenant)));

    /// <summary>
    /// A one-silo test cluster as <see cref="ClusterFixture"/>, whose read side can be held (<see cref="GatedReadModelStore"/>)
    /// and which signals each <see cref="IOrganizationTreeGrain.Cover"/> that starts running (<see cref="WatchCover"/>).
    /// </summary>
    public sealed class Cluster : IAsyncLifetime
    {
        private static readonly GatedReadModelStore Gated = new();

        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> CoverStarts = new(StringComparer.Ordinal);

        /// <summary>Released once for every <c>Cover</c> of <paramref name="tenant"/>'s organization tree that starts from now on.</summary>
        public SemaphoreSlim WatchCover(string tenant) => CoverStarts[tenant] = new SemaphoreSlim(0);

        private TestCluster _cluster = null!;

        public IGrainFactory Grains => _cluster.Client;

        public GatedReadModelStore ReadModel => Gated;

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
                silo.AddCareGridForTests(ClusterFixture.SharedClock, services => services.AddSingleton<IReadModelStore>(Gated));
                silo.Services.AddSingleton<ICareEventSink>(RecordingCareEventSink.Shared);
                silo.AddIncomingGrainCallFilter(context =>
                {
                    if (context.Grain is OrganizationTreeGrain && context.InterfaceMethod?.Name == nameof(IOrganizationTreeGrain.Cover)
                        && CoverStarts.TryGetValue(context.TargetId.Key.ToString()!, out var started))
                    {
                        started.Release();
                    }

                    return context.Invoke();
                });
            }
        }
    }
}
