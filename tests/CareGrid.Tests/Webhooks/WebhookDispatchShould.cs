using CareGrid.Grains.Events;
using CareGrid.Grains.Security;
using CareGrid.Grains.Webhooks;
using CareGrid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace CareGrid.Tests.Webhooks;

/// <summary>
/// The tenant's webhook registry routes every case command's events (the case grain awaits <c>Dispatch</c> before the
/// command answers, docs/events.md), and also answers the TenantAdmin's <c>webhooks</c> list, which asks every endpoint's
/// outbox for its view. An outbox is busy for as long as a delivery to a slow receiver takes (up to
/// <c>Webhooks:TimeoutSeconds</c> per attempt). Before the fix <c>Dispatch</c> queued behind such a list, so one slow receiver
/// and one look at the webhooks page held back the events — and so the answers — of every case command of the tenant, even
/// those routed to another endpoint (round 18 red team's suspect list: a per-tenant grain on a safety-critical write path
/// that a read-only query keeps busy). The receiver is held, not timed; the sender's timeout is set far beyond the bound.
/// </summary>
[Trait("tier", "grains")]
public sealed class WebhookDispatchShould(WebhookDispatchShould.Cluster cluster) : IClassFixture<WebhookDispatchShould.Cluster>
{
    private static readonly Actor Admin = new("head@hooks", [Roles.TenantAdmin]);

    /// <summary>How long a dispatch that must pass a held list is waited for: generous, it answers at once.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Route_a_case_event_while_the_webhooks_list_waits_for_a_slow_delivery()
    {
        await using var slow = await WebhookReceiver.StartAsync();
        await using var quick = await WebhookReceiver.StartAsync();
        var tenant = "hooks-" + Guid.NewGuid().ToString("N")[..8];
        var registry = cluster.Grains.GetGrain<IWebhookRegistryGrain>(IWebhookRegistryGrain.KeyOf(tenant));
        var slowHook = await registry.Register(slow.Url, [CareEventKind.CaseEscalated], Admin);
        var quickHook = await registry.Register(quick.Url, [CareEventKind.CaseClosed], Admin);
        await registry.Dispatch([Event(tenant, "case-1", CareEventKind.CaseEscalated)]);

        var (reached, release) = slow.Hold();
        using (release)
        {
            var delivering = Outbox(tenant, slowHook).DeliverDue();
            await reached.WaitAsync(Bound);
            var listing = registry.List(); // waits for the slow outbox's view
            await cluster.ListStarted.Task.WaitAsync(Bound); // the registry runs it (calls may reach a grain out of order)

            // Before the fix this waited behind the list, which waited for the held delivery.
            await registry.Dispatch([Event(tenant, "case-2", CareEventKind.CaseClosed)]).WaitAsync(Bound);

            Assert.False(listing.IsCompleted, "the list still waits for the held delivery");
            Assert.True(await quick.WaitForAsync(1, Bound), "the other endpoint got its event while the slow one is held");
            Assert.Contains("case-2", quick.Messages.Single().Body, StringComparison.Ordinal);
            release.Dispose();
            Assert.Equal(2, (await listing.WaitAsync(Bound)).Count);
            await delivering.WaitAsync(Bound);
        }
    }

    private IWebhookOutboxGrain Outbox(string tenant, WebhookWithSecret hook) =>
        cluster.Grains.GetGrain<IWebhookOutboxGrain>(IWebhookOutboxGrain.KeyOf(tenant, hook.Webhook.Endpoint.Id));

    private CareEvent Event(string tenant, string caseId, CareEventKind kind) =>
        new($"{caseId}.1", tenant, kind, caseId, 1, cluster.Clock.GetUtcNow());

    /// <summary>The webhook test cluster (<see cref="WebhookClusterFixture"/>) with a sender timeout of 60 s, far beyond <see cref="Bound"/>.</summary>
    public sealed class Cluster : IAsyncLifetime
    {
        private static readonly FakeTimeProvider SharedClock = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));

        private TestCluster _cluster = null!;

        public IGrainFactory Grains => _cluster.Client;

        public FakeTimeProvider Clock => SharedClock;

        /// <summary>Completes when a registry starts running <c>List</c> (seen by an incoming grain call filter of the silo).</summary>
        public TaskCompletionSource ListStarted => Started;

        private static readonly TaskCompletionSource Started = new(TaskCreationOptions.RunContinuationsAsynchronously);

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
                silo.AddCareGridForTests(SharedClock, services => services.Configure<WebhookOptions>(o =>
                {
                    o.AllowLoopback = true;
                    o.TimeoutSeconds = 60;
                }));
                silo.AddIncomingGrainCallFilter(context =>
                {
                    if (context.Grain is WebhookRegistryGrain && context.InterfaceMethod?.Name == nameof(IWebhookRegistryGrain.List))
                    {
                        Started.TrySetResult();
                    }

                    return context.Invoke();
                });
            }
        }
    }
}
