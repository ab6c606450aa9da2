using CareGrid.Grains.Cases;
using CareGrid.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace CareGrid.Tests.Infrastructure;

/// <summary>
/// The one way the in-process test clusters are built (<see cref="ClusterFixture"/> and the fixtures that need their own
/// silo): one silo on free ports, the domain clock a test drives, the embedded default's grain storage, memory reminders,
/// CareGrid's grains, and no periodic deadline sweep — tests move the fake clock and expect escalations only from what they
/// call (docs/deadline-sweep.md).
/// </summary>
public static class TestSilo
{
    /// <summary>The services of <paramref name="cluster"/>'s primary silo, which these clusters run in the test process.</summary>
    /// <exception cref="InvalidOperationException">The silo runs in another process.</exception>
    public static IServiceProvider SiloServices(this TestCluster cluster) =>
        (cluster.Primary as InProcessSiloHandle ?? throw new InvalidOperationException("The test cluster runs its silo in process.")).SiloHost.Services;

    /// <summary>Builds and starts a one-silo cluster configured by <typeparamref name="TSilo"/>; <paramref name="more"/> adds to the builder (a client configurator…).</summary>
    public static async Task<TestCluster> DeployAsync<TSilo>(Action<TestClusterBuilder>? more = null)
        where TSilo : ISiloConfigurator, new()
    {
        var builder = new TestClusterBuilder(1);
        builder.Options.BaseSiloPort = FreePorts.Next();
        builder.Options.BaseGatewayPort = FreePorts.Next();
        builder.AddSiloBuilderConfigurator<TSilo>();
        more?.Invoke(builder);
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>
    /// CareGrid's grains on <paramref name="silo"/> with <paramref name="clock"/> as the domain clock.
    /// <paramref name="overrides"/> runs before the grains' registrations, so a service it adds replaces their default (they
    /// use TryAdd: a counting read-model store, an import's options…).
    /// </summary>
    public static ISiloBuilder AddCareGridForTests(this ISiloBuilder silo, TimeProvider clock, Action<IServiceCollection>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddKeyedSingleton(DomainClock.Key, clock);
        overrides?.Invoke(silo.Services);
        silo.AddCareGridMemoryGrainStorage();
        silo.UseInMemoryReminderService();
        silo.AddCareGridGrains();
        silo.Services.Configure<DeadlineSweepOptions>(o => o.Interval = TimeSpan.Zero);
        return silo;
    }
}
