using CareGrid.Grains.Census;
using CareGrid.Grains.People;
using CareGrid.Grains.Security;
using CareGrid.Grains.Statistics;
using CareGrid.Grains.Tenancy;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Statistics;

/// <summary>
/// Census coverage through the real grains (docs/statistics.md "People and census"): statistics read while screenings of
/// the same round are being recorded — each record makes the person grain feed the statistics grain while the round waits —
/// all answer, and the figures end equal to what was recorded.
/// </summary>
[Trait("tier", "grains")]
[Collection(ClusterCollection.Name)]
public sealed class CensusStatisticsGrainShould(ClusterFixture fixture)
{
    [Fact]
    public async Task Answer_statistics_while_screenings_of_the_same_round_are_recorded()
    {
        var (tenant, _) = await Seeds.SchoolAsync(fixture.Grains);
        TenantContext.Set(tenant);
        try
        {
            var people = Enumerable.Range(0, 12).Select(i => $"s-{i}").ToList();
            foreach (var id in people)
            {
                await fixture.Grains.GetGrain<IPersonGrain>(TenantIds.Key(tenant, id)).Register(new RegisterPerson("Student " + id, "class-7-1", Sex.Male, 2012, null, []), Actor.System);
            }

            var round = fixture.Grains.GetGrain<ICensusRoundGrain>(TenantIds.Key(tenant, "week-1"));
            await round.Start(new StartCensusRound("Week 1", ["class-7-1"]), Actor.System);
            var stats = fixture.Grains.GetGrain<ITenantStatisticsGrain>(tenant);
            var work = new List<Task>();
            foreach (var id in people)
            {
                work.Add(round.Record(new CensusEntry(id, CensusMood.Low, CensusFlags.None, null), Actor.System));
                work.Add(stats.Get(new StatisticsRequest(null, null)));
            }

            await Task.WhenAll(work);
            var report = await stats.Get(new StatisticsRequest(null, null));
            var unit = report.Census!.Single().Units.Single();
            Assert.Equal(("class-7-1", 13, 12, 12), (unit.OrganizationId, unit.Expected, unit.Recorded, unit.Flagged)); // student-1 was expected too; staff are not
            Assert.Equal(12, report.People!.ByMonitoring.Single(c => c.Key == MonitoringLevel.Tracking).Count);
            Assert.Equal(13, report.People.Served);
        }
        finally
        {
            TenantContext.Clear();
        }
    }
}
