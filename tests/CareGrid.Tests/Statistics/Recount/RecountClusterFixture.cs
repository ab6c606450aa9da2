using CareGrid.Grains.Hosting;
using CareGrid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace CareGrid.Tests.Statistics.Recount;

/// <summary>
/// A test cluster of its own for the statistics recount (docs/statistics.md): the generated command sequences move the
/// domain clock by days and weeks, so this cluster has its own fake clock and never moves the one the other grain tests share.
/// </summary>
public sealed class RecountClusterFixture : IAsyncLifetime
{
    /// <summary>The domain clock of this cluster; it starts on a Monday and only moves forward.</summary>
    public static readonly FakeTimeProvider SharedClock = new(new DateTimeOffset(2027, 3, 1, 1, 0, 0, TimeSpan.Zero));

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public FakeTimeProvider Clock => SharedClock;

    public async Task InitializeAsync()
    {
        Cluster = await TestSilo.DeployAsync<SiloConfigurator>();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.AddCareGridForTests(SharedClock);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class RecountClusterCollection : ICollectionFixture<RecountClusterFixture>
{
    public const string Name = "statistics-recount";
}
