using CareGrid.Grains.Hosting;
using CareGrid.Grains.Webhooks;
using CareGrid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace CareGrid.Tests.Webhooks;

/// <summary>
/// An in-process test cluster for the webhook grains: CareGrid's grains with the real HTTP sender, webhooks allowed to
/// loopback (the receiver runs on 127.0.0.1), memory storage and reminders, and its own fake clock that the tests advance
/// to drive the back-off.
/// </summary>
public sealed class WebhookClusterFixture : IAsyncLifetime
{
    private static readonly FakeTimeProvider SharedClock = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));

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
            silo.AddCareGridForTests(SharedClock, services => services.Configure<WebhookOptions>(o => o.AllowLoopback = true));
        }
    }
}
