using CareGrid.Grains.Cases;
using CareGrid.Grains.Statistics;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Tests.Statistics.Recount;

/// <summary>
/// The recount property (<see cref="StatisticsRecountShould"/>) compares figures with the world of the same moment
/// (<see cref="RecountSnapshot"/>): a deadline reminder that escalates a task between reading the world and reading
/// the figures made the property fail although the statistics were right. This drives that interleaving deterministically.
/// </summary>
[Trait("tier", "grains")]
[Collection(RecountClusterCollection.Name)]
public sealed class RecountSnapshotShould(RecountClusterFixture fixture)
{
    [Fact]
    public async Task Read_again_when_a_deadline_reminder_escalates_a_task_between_the_world_and_the_figures()
    {
        var tenant = await RecountTenant.CreateAsync(fixture.Grains, fixture.Clock);
        Assert.Equal("ok", await tenant.ApplyAsync(new ReportConcernCmd(0, RiskLevel.High, Staff.System)));
        Assert.Equal("ok", await tenant.ApplyAsync(new ClockCmd(8 * 24 * 60)));
        var grain = fixture.Grains.GetGrain<ICaseGrain>(TenantIds.Key(tenant.Id, tenant.CaseIds[0]));
        var statistics = fixture.Grains.GetGrain<ITenantStatisticsGrain>(tenant.Id);
        var request = new StatisticsRequest(null, null);
        RecountWorld? stale = null;
        StatisticsReport? raced = null;

        var (world, report, attempts) = await RecountSnapshot.TakeAsync(fixture.Grains, tenant, fixture.Clock, async (w, attempt) =>
        {
            TenantContext.Set(tenant.Id);
            if (attempt == 1)
            {
                // What the deadline reminder does when its real-time due time comes (CaseGrain.ReceiveReminder), here in the window.
                Assert.True(await grain.CheckDeadlines() > 0);
                stale = w;
            }

            TenantContext.Set(tenant.Id);
            var r = await statistics.Get(request);
            raced ??= r;
            return r;
        });

        Assert.Equal(2, attempts);
        // The single read of before: the world without the escalation, the figures with it — the flaky failure.
        Assert.NotEmpty(new Recount(stale!, StatisticsRecountShould.DefaultPeriod(stale!), null, raced!).CompareAll().Differences);
        Assert.Empty(new Recount(world, StatisticsRecountShould.DefaultPeriod(world), null, report).CompareAll().Differences);
        Assert.Contains(world.Cases[0].Tasks, t => t.EscalationCount > 0);
    }
}
