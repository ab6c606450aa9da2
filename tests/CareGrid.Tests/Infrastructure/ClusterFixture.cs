using CareGrid.Grains.Events;
using CareGrid.Grains.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace CareGrid.Tests.Infrastructure;

/// <summary>
/// An in-process Orleans test cluster with CareGrid's grains, the embedded default's grain storage, memory reminders, a fake
/// clock, the recording event sink (<see cref="RecordingCareEventSink"/>) and the case events' stream on the client too.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public static readonly FakeTimeProvider SharedClock = new(new DateTimeOffset(2026, 11, 30, 1, 0, 0, TimeSpan.Zero));

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public FakeTimeProvider Clock => SharedClock;

    public async Task InitializeAsync()
    {
        Cluster = await TestSilo.DeployAsync<SiloConfigurator>(builder => builder.AddClientBuilderConfigurator<ClientConfigurator>());
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
            silo.Services.AddSingleton<ICareEventSink>(RecordingCareEventSink.Shared); // after the stream sink (docs/events.md)
        }
    }

    /// <summary>The test's client reads the case events' stream (<see cref="CareEventStreams"/>).</summary>
    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder client) => client.AddMemoryStreams(CareEventStreams.Provider);
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
