using CareGrid.Grains.Cases;
using CareGrid.Grains.Events;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
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
/// It is held before the first event is queued: the outbox's own timer (due at once) may send that event before the test's
/// <c>DeliverDue</c> does, and on a loaded machine it did, unheld, so the test's round found nothing to send and waited in vain.
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
        var (reached, release) = slow.Hold();
        using (release)
        {
            await registry.Dispatch([Event(tenant, "case-1", CareEventKind.CaseEscalated)]);
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

    /// <summary>
    /// A HIGH report whose events go to an endpoint in the middle of a delivery round to a held receiver answers at once
    /// (the outbox stores new events during the round, it does not wait for it) and its events are delivered, in order,
    /// after the receiver answers. Before the fix the report waited for the held attempt (up to the 60 s timeout here).
    /// </summary>
    [Fact]
    public async Task Answer_a_high_report_while_its_endpoint_waits_for_a_held_receiver_and_deliver_its_events_after()
    {
        await using var slow = await WebhookReceiver.StartAsync();
        var (tenant, student) = await Seeds.SchoolAsync(cluster.Grains);
        var registry = cluster.Grains.GetGrain<IWebhookRegistryGrain>(IWebhookRegistryGrain.KeyOf(tenant));
        var hook = await registry.Register(slow.Url, [CareEventKind.CaseRiskChanged, CareEventKind.CaseEscalated], Admin);
        var (reached, release) = slow.Hold();
        using (release)
        {
            await registry.Dispatch([Event(tenant, "case-earlier", CareEventKind.CaseEscalated)]);
            var delivering = Outbox(tenant, hook).DeliverDue();
            await reached.WaitAsync(Bound);

            // Before the fix the case grain's sink waited here for the held delivery round.
            var report = await Seeds.ReportAsync(cluster.Grains, tenant, student, RiskLevel.High).WaitAsync(Bound);
            TenantContext.Clear();
            var caseId = TenantIds.LocalOf(report.GetPrimaryKeyString());
            Assert.False(delivering.IsCompleted, "the delivery round still waits for the held receiver");
            Assert.Equal("evt_case-earlier.1", Assert.Single(slow.Messages).Id);

            release.Dispose();
            await delivering.WaitAsync(Bound);
            for (var i = 0; i < 50 && slow.Messages.Count < 3; i++)
            {
                await Outbox(tenant, hook).DeliverDue().WaitAsync(Bound);
                await slow.WaitForAsync(3, TimeSpan.FromMilliseconds(100));
            }

            Assert.Equal(["evt_case-earlier.1", $"evt_{caseId}.1", $"evt_{caseId}.2"], slow.Messages.Select(m => m.Id));
            Assert.Equal(0, (await Outbox(tenant, hook).View()).Pending);
        }
    }

    /// <summary>
    /// The outbox fills (1,000 events queued) while its oldest event is in a held attempt. Before the fix that event was
    /// given up as <c>outbox-full</c> although the receiver then answered 204: a dead letter, sent again by a replay. Now
    /// the next oldest waiting event is given up and the event in flight is recorded delivered.
    /// </summary>
    [Fact]
    public async Task Deliver_the_event_in_flight_and_give_up_another_when_the_outbox_fills_during_its_attempt()
    {
        await using var slow = await WebhookReceiver.StartAsync();
        var tenant = "hooks-" + Guid.NewGuid().ToString("N")[..8];
        var registry = cluster.Grains.GetGrain<IWebhookRegistryGrain>(IWebhookRegistryGrain.KeyOf(tenant));
        var outbox = Outbox(tenant, await registry.Register(slow.Url, [CareEventKind.CaseEscalated], Admin));
        var (reached, release) = slow.Hold();
        using (release)
        {
            await outbox.Enqueue([Event(tenant, "case-0", CareEventKind.CaseEscalated)]);
            var delivering = outbox.DeliverDue();
            await reached.WaitAsync(Bound);
            var filling = Enumerable.Range(1, WebhookLimits.Pending).Select(i => Event(tenant, "case-" + i, CareEventKind.CaseEscalated)).ToList();
            Assert.Equal(WebhookLimits.Pending, await outbox.Enqueue(filling).WaitAsync(Bound));
            release.Dispose();
            await delivering.WaitAsync(Bound);
        }

        // The outbox's timer goes on delivering the rest meanwhile, so the capped log and delivered lists are not asserted.
        Assert.Equal("case-1.1", Assert.Single(await outbox.DeadLetters()).Event.Id);
        Assert.Single(slow.Messages, m => m.Id == "evt_case-0.1");
        Assert.DoesNotContain(slow.Messages, m => m.Id == "evt_case-1.1");
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
