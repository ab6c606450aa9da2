using CareGrid.Grains.Cases;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Tenancy;
using CareGrid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Core.Internal;
using Orleans.TestingHost;
using System.Collections.Immutable;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;

namespace CareGrid.Tests.Grains;

/// <summary>
/// Deadlines that fell due while no silo held a case are escalated without waiting for the reminder's next tick (R-1.10,
/// docs/deadline-sweep.md): by the case's activation check before it serves a call, and by the sweep a silo runs when it
/// becomes active — each task once, with one <c>TaskOverdue</c> entry, however many sweeps, checks and reminders race.
/// The fake domain clock moves past the deadlines while the case grains are deactivated (as across a cluster restart);
/// the Orleans reminders keep real time and are not due during these tests, so nothing else escalates.
/// </summary>
[Trait("tier", "grains")]
[Collection(ClusterCollection.Name)]
public sealed class DeadlineSweepShould(ClusterFixture fixture)
{
    [Fact]
    public async Task Escalate_a_task_that_fell_due_while_the_case_was_inactive_before_serving_a_read()
    {
        var (tenant, student) = await Seeds.SchoolAsync(fixture.Grains);
        var grain = await Seeds.ReportAsync(fixture.Grains, tenant, student, RiskLevel.Imminent);
        TenantContext.Set(tenant);
        try
        {
            var reported = await grain.Get(Seeds.PsychologyTeacher(tenant));
            var police = reported!.Tasks.Single(t => t.Kind == CaseTaskKind.PoliceTransportAssistance);
            await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();
            fixture.Clock.SetUtcNow(police.DueAt.AddMinutes(5)); // the 1-hour task is overdue, the 2-hour one is not

            var view = (await grain.Get(Seeds.PsychologyTeacher(tenant)))!;
            var escalated = view.Tasks.Single(t => t.Id == police.Id);
            Assert.Equal(1, escalated.EscalationCount);
            Assert.Equal(police.OwnerId, escalated.OriginalOwnerId);
            Assert.All(view.Tasks.Where(t => t.Id != police.Id), t => Assert.Equal(0, t.EscalationCount));
            Assert.Single(view.Timeline, e => e.Action == "TaskOverdue");
            Assert.Equal(0, await grain.CheckDeadlines());

            // Stored and published: a new activation reads it back, and the read side lists it as escalated.
            await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();
            var again = (await grain.Get(Seeds.PsychologyTeacher(tenant)))!;
            Assert.Single(again.Timeline, e => e.Action == "TaskOverdue");
            var rows = await ReadModel.QueryTasksAsync(tenant, new TaskQuery(DueBefore: fixture.Clock.GetUtcNow()), 100, null);
            Assert.Equal(1, Assert.Single(rows.Items).EscalationCount);
        }
        finally
        {
            TenantContext.Clear();
        }
    }

    [Fact]
    public async Task Sweep_every_overdue_unescalated_task_across_pages_and_then_find_none()
    {
        var (tenant, _) = await Seeds.SchoolAsync(fixture.Grains);
        var cases = await ReportImminentCasesAsync(tenant, 5);
        fixture.Clock.Advance(TimeSpan.FromHours(3)); // police transport (1 h) and family contact (2 h) are overdue on each

        // Pages of one row and two checks at a time: the cursor walks the tenant's rows, each case is checked once.
        var sweep = NewSweep(pageSize: 1, concurrency: 2);
        var first = await sweep.RunAsync();
        Assert.True(first.Escalated >= 2 * cases.Count, $"the sweep escalated {first.Escalated} tasks; {2 * cases.Count} were overdue in {tenant}");
        Assert.Equal(0, first.Failed);
        Assert.Empty((await ReadModel.QueryTasksAsync(tenant, new TaskQuery(DueBefore: fixture.Clock.GetUtcNow(), UnescalatedOnly: true), 100, null)).Items);
        await AssertEscalatedOnceAsync(tenant, cases, overduePerCase: 2);

        var second = await sweep.RunAsync();
        Assert.Equal(0, second.Escalated);
        await AssertEscalatedOnceAsync(tenant, cases, overduePerCase: 2);
    }

    [Fact]
    public async Task Escalate_each_task_once_when_sweeps_reminders_checks_and_reads_race()
    {
        var (tenant, _) = await Seeds.SchoolAsync(fixture.Grains);
        var cases = await ReportImminentCasesAsync(tenant, 6);
        fixture.Clock.Advance(TimeSpan.FromHours(3));
        var sweep = NewSweep(pageSize: 2, concurrency: 8);
        var tick = new TickStatus(DateTime.UtcNow, CaseGrain.ReminderPeriod, DateTime.UtcNow);

        TenantContext.Set(tenant);
        try
        {
            var racers = new List<Task> { sweep.RunAsync(), sweep.RunAsync(), NewSweep(pageSize: 100, concurrency: 1).RunAsync() };
            foreach (var grain in cases)
            {
                racers.Add(grain.CheckDeadlines());
                racers.Add(grain.AsReference<IRemindable>().ReceiveReminder(CaseGrain.DeadlineReminder, tick));
                racers.Add(grain.Get(Seeds.PsychologyTeacher(tenant)));
                racers.Add(grain.CheckDeadlines());
            }

            await Task.WhenAll(racers);
        }
        finally
        {
            TenantContext.Clear();
        }

        await AssertEscalatedOnceAsync(tenant, cases, overduePerCase: 2);
    }

    [Fact]
    public async Task Escalate_a_deadline_whose_reminder_did_not_fire_at_the_next_periodic_sweep()
    {
        var (tenant, _) = await Seeds.SchoolAsync(fixture.Grains);
        var cases = await ReportImminentCasesAsync(tenant, 2);
        var timer = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var service = new DeadlineSweepService(NewSweep(pageSize: 100, concurrency: 4),
            Options.Create(new DeadlineSweepOptions { Interval = TimeSpan.FromMinutes(1) }),
            SiloServices.GetRequiredService<IClusterMembershipService>(), SiloServices.GetRequiredService<ILocalSiloDetails>(),
            timer, NullLogger<DeadlineSweepService>.Instance);
        using var stop = new CancellationTokenSource();
        var loop = service.RunPeriodicAsync(stop.Token);
        try
        {
            // The deadlines pass on the domain clock; the reminders keep real time and do not fire, nothing calls the cases.
            fixture.Clock.Advance(TimeSpan.FromHours(3));
            var unescalated = new TaskQuery(DueBefore: fixture.Clock.GetUtcNow(), UnescalatedOnly: true);
            Assert.Equal(4, (await ReadModel.QueryTasksAsync(tenant, unescalated, 100, null)).Items.Count);

            var next = service.NextPeriodicSweep;
            Assert.False(next.IsCompleted, "a periodic sweep ran before its interval passed");
            timer.Advance(TimeSpan.FromMinutes(1));
            var result = await next.WaitAsync(TimeSpan.FromMinutes(1));

            Assert.True(result.Escalated >= 4, $"the periodic sweep escalated {result.Escalated} tasks; 4 were overdue in {tenant}");
            Assert.Empty((await ReadModel.QueryTasksAsync(tenant, unescalated, 100, null)).Items);
            await AssertEscalatedOnceAsync(tenant, cases, overduePerCase: 2);
        }
        finally
        {
            await stop.CancelAsync();
            await loop;
        }
    }

    [Fact]
    public void Name_one_periodic_sweeper_the_active_silo_with_the_lowest_address()
    {
        var low = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 1);
        var high = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11112), 1);
        var deadLower = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11110), 1);
        var snapshot = Snapshot((low, SiloStatus.Active), (high, SiloStatus.Active), (deadLower, SiloStatus.Dead));

        Assert.True(DeadlineSweepService.IsPeriodicSweeper(snapshot, low));
        Assert.False(DeadlineSweepService.IsPeriodicSweeper(snapshot, high));
        Assert.False(DeadlineSweepService.IsPeriodicSweeper(snapshot, deadLower));
        // Once the lowest is declared dead, the next one takes over; before a silo's first membership read, it sweeps.
        Assert.True(DeadlineSweepService.IsPeriodicSweeper(Snapshot((low, SiloStatus.Dead), (high, SiloStatus.Active)), high));
        Assert.True(DeadlineSweepService.IsPeriodicSweeper(Snapshot(), high));
    }

    private static ClusterMembershipSnapshot Snapshot(params (SiloAddress Address, SiloStatus Status)[] members) =>
        new(members.ToImmutableDictionary(m => m.Address, m => new ClusterMember(m.Address, m.Status, m.Address.ToString())), new MembershipVersion(1));

    private IServiceProvider SiloServices =>
        fixture.Cluster.SiloServices();

    private IReadModelStore ReadModel => SiloServices.GetRequiredService<IReadModelStore>();

    private DeadlineSweep NewSweep(int pageSize, int concurrency) => new(
        SiloServices.GetRequiredService<IGrainFactory>(), ReadModel, SiloServices.GetRequiredKeyedService<TimeProvider>(DomainClock.Key),
        Options.Create(new DeadlineSweepOptions { PageSize = pageSize, MaxConcurrentCases = concurrency }), NullLogger<DeadlineSweep>.Instance);

    /// <summary>Reports <paramref name="count"/> IMMINENT cases (five protocol tasks each) and deactivates them, as a stopped cluster would.</summary>
    private async Task<List<ICaseGrain>> ReportImminentCasesAsync(string tenant, int count)
    {
        var cases = new List<ICaseGrain>();
        for (var i = 0; i < count; i++)
        {
            cases.Add(await Seeds.ReportAsync(fixture.Grains, tenant, "student-1", RiskLevel.Imminent));
        }

        TenantContext.Set(tenant);
        try
        {
            foreach (var grain in cases)
            {
                await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();
            }
        }
        finally
        {
            TenantContext.Clear();
        }

        return cases;
    }

    /// <summary>Every overdue task of every case is escalated exactly once, with exactly one <c>TaskOverdue</c> entry naming it.</summary>
    private async Task AssertEscalatedOnceAsync(string tenant, List<ICaseGrain> cases, int overduePerCase)
    {
        TenantContext.Set(tenant);
        try
        {
            foreach (var grain in cases)
            {
                var view = (await grain.Get(Seeds.PsychologyTeacher(tenant)))!;
                var overdue = view.Tasks.Where(t => t.DueAt <= fixture.Clock.GetUtcNow()).ToList();
                Assert.Equal(overduePerCase, overdue.Count);
                Assert.All(overdue, t => Assert.Equal(1, t.EscalationCount));
                var entries = view.Timeline.Where(e => e.Action == "TaskOverdue").ToList();
                Assert.Equal(overduePerCase, entries.Count);
                Assert.All(overdue, t => Assert.Single(entries, e => e.Reason!.StartsWith(t.Id + " ", StringComparison.Ordinal)));
            }
        }
        finally
        {
            TenantContext.Clear();
        }
    }
}
