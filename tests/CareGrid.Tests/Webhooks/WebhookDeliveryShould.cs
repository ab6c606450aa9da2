using System.Text.Json.Nodes;
using CareGrid.Grains.Events;
using CareGrid.Grains.Security;
using CareGrid.Grains.Webhooks;

namespace CareGrid.Tests.Webhooks;

/// <summary>
/// Webhook delivery through the grains in a test cluster to a receiver on 127.0.0.1 (docs/webhooks.md): every event exactly once,
/// in order per case, each signature verified; a receiver down for 2 minutes (fake clock) gets everything after it returns; both
/// secrets sign during a rotation; a redirect is not followed; a repeat from the case grain is not delivered again.
/// </summary>
[Trait("tier", "grains")]
public sealed class WebhookDeliveryShould(WebhookClusterFixture cluster) : IClassFixture<WebhookClusterFixture>
{
    private static readonly Actor Admin = new("head@hooks", [Roles.TenantAdmin]);
    private readonly WebhookEventSink _sink = new();

    [Fact]
    public async Task Deliver_every_event_once_in_order_per_case_with_a_valid_signature()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var tenant = NewTenant();
        var hook = await Register(tenant, receiver.Url, CareEventKind.CaseEscalated, CareEventKind.TaskOverdue);
        var events = Events(tenant, cases: 3, perCase: 4);

        foreach (var batch in events.GroupBy(e => e.Sequence).SelectMany(g => g).Chunk(2).Select(c => c.GroupBy(e => e.CaseId)))
        {
            foreach (var oneCase in batch)
            {
                await _sink.AcceptAsync(cluster.Grains, [.. oneCase]);
            }
        }

        await Outbox(tenant, hook).DeliverDue();
        // The case grain hands unacknowledged events over again after a failure: nothing is posted twice.
        await _sink.AcceptAsync(cluster.Grains, [.. events.Where(e => e.CaseId.EndsWith("-1", StringComparison.Ordinal))]);
        await Outbox(tenant, hook).DeliverDue();

        var received = receiver.Messages.ToList();
        Assert.Equal(events.Select(e => "evt_" + e.Id).Order(), received.Select(m => m.Id).Order());
        foreach (var oneCase in received.GroupBy(m => Data(m)["caseId"]!.GetValue<string>()))
        {
            Assert.Equal([1, 2, 3, 4], oneCase.Select(m => Data(m)["sequence"]!.GetValue<long>()));
        }

        Assert.All(received, m => AssertSigned(m, hook.Secret));
        Assert.All(received, m => Assert.Equal(cluster.Clock.GetUtcNow().ToUnixTimeSeconds(), long.Parse(m.Timestamp, System.Globalization.CultureInfo.InvariantCulture)));
        var log = await Outbox(tenant, hook).Deliveries(200);
        Assert.Equal(12, log.Count);
        Assert.All(log, l => Assert.Equal((DeliveryOutcome.Delivered, 204, 1), (l.Outcome, l.StatusCode, l.Attempt)));
    }

    [Fact]
    public async Task Deliver_everything_to_a_receiver_that_was_down_for_two_minutes_once_it_is_back()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await receiver.DownAsync();
        var tenant = NewTenant();
        var hook = await Register(tenant, receiver.Url, CareEventKind.CaseEscalated, CareEventKind.TaskOverdue);
        var outbox = Outbox(tenant, hook);
        var events = Events(tenant, cases: 2, perCase: 3);
        foreach (var oneCase in events.GroupBy(e => e.CaseId))
        {
            await _sink.AcceptAsync(cluster.Grains, [.. oneCase]);
        }

        var start = cluster.Clock.GetUtcNow();
        await outbox.DeliverDue();
        while (cluster.Clock.GetUtcNow() - start < TimeSpan.FromMinutes(2))
        {
            cluster.Clock.Advance(TimeSpan.FromSeconds(10));
            await outbox.DeliverDue();
        }

        Assert.Empty(receiver.Messages);
        var failures = await outbox.Deliveries(200);
        Assert.NotEmpty(failures);
        Assert.All(failures, l => Assert.Equal((DeliveryOutcome.Failed, 0, "connection"), (l.Outcome, l.StatusCode, l.Error)));
        Assert.Equal(6, (await outbox.View()).Pending);

        await receiver.UpAsync();
        for (var step = 0; step < 60 && receiver.Messages.Count < events.Count; step++)
        {
            cluster.Clock.Advance(TimeSpan.FromSeconds(10));
            await outbox.DeliverDue();
        }

        var received = receiver.Messages.ToList();
        Assert.Equal(events.Count, received.Count);
        Assert.Equal(events.Count, received.Select(m => m.Id).Distinct().Count());
        foreach (var oneCase in received.GroupBy(m => Data(m)["caseId"]!.GetValue<string>()))
        {
            Assert.Equal([1, 2, 3], oneCase.Select(m => Data(m)["sequence"]!.GetValue<long>()));
        }

        Assert.All(received, m => AssertSigned(m, hook.Secret));
        Assert.Equal(0, (await outbox.View()).Pending);
        Assert.True(cluster.Clock.GetUtcNow() - start < TimeSpan.FromMinutes(6), "delivered later than the back-off schedule allows");
    }

    [Fact]
    public async Task Sign_with_both_secrets_during_a_rotation_and_replay_a_past_event()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var tenant = NewTenant();
        var hook = await Register(tenant, receiver.Url, CareEventKind.CaseClosed);
        var outbox = Outbox(tenant, hook);
        var rotated = await outbox.RotateSecret(TimeSpan.FromHours(1));
        Assert.NotEqual(hook.Secret, rotated.Secret);
        Assert.NotNull(rotated.Webhook.PreviousSecretUntil);

        var closed = new CareEvent("case-r.1", tenant, CareEventKind.CaseClosed, "case-r", 1, cluster.Clock.GetUtcNow());
        await _sink.AcceptAsync(cluster.Grains, [closed]);
        await outbox.DeliverDue();
        var first = Assert.Single(receiver.Messages);
        Assert.Equal(2, first.Signature.Split(' ').Length);
        AssertSigned(first, hook.Secret);
        AssertSigned(first, rotated.Secret);

        cluster.Clock.Advance(TimeSpan.FromHours(1));
        var replayed = await outbox.Replay("case-r.1");
        Assert.True(replayed.Replay);
        await outbox.DeliverDue();
        var again = receiver.Messages.ToList()[1];
        Assert.Equal(first.Id, again.Id);
        Assert.True(Data(again)["replay"]!.GetValue<bool>());
        Assert.Single(again.Signature.Split(' '));
        AssertSigned(again, rotated.Secret);
        Assert.False(Verify(again, hook.Secret));
        await Assert.ThrowsAsync<CareGrid.Grains.Errors.CareGridException>(() => outbox.Replay("case-r.9"));
    }

    [Fact]
    public async Task Not_follow_a_redirect_and_not_queue_for_a_disabled_endpoint()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var tenant = NewTenant();
        var hook = await Register(tenant, $"http://127.0.0.1:{receiver.Port}/redirect", CareEventKind.CaseEscalated);
        var outbox = Outbox(tenant, hook);
        await _sink.AcceptAsync(cluster.Grains, [new CareEvent("case-x.1", tenant, CareEventKind.CaseEscalated, "case-x", 1, cluster.Clock.GetUtcNow())]);
        await outbox.DeliverDue();

        var line = Assert.Single(await outbox.Deliveries(10));
        Assert.Equal((302, "redirect", DeliveryOutcome.Failed), (line.StatusCode, line.Error, line.Outcome));
        Assert.Equal(0, receiver.Elsewhere);

        var registry = cluster.Grains.GetGrain<IWebhookRegistryGrain>(IWebhookRegistryGrain.KeyOf(tenant));
        await registry.Update(hook.Webhook.Endpoint.Id, enabled: false, kinds: null);
        await _sink.AcceptAsync(cluster.Grains, [new CareEvent("case-y.1", tenant, CareEventKind.CaseEscalated, "case-y", 1, cluster.Clock.GetUtcNow())]);
        Assert.Equal(1, (await outbox.View()).Pending);
        await registry.Delete(hook.Webhook.Endpoint.Id);
        Assert.Empty(await registry.List());
        await Assert.ThrowsAsync<CareGrid.Grains.Errors.CareGridException>(() => outbox.View());
    }

    [Fact]
    public async Task Refuse_a_host_that_resolves_to_a_refused_address_when_connecting()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await Assert.ThrowsAsync<WebhookAddressRefusedException>(async () =>
            await HttpWebhookSender.ConnectAsync(new System.Net.DnsEndPoint("localhost", receiver.Port), allowLoopback: false, CancellationToken.None));
        await Assert.ThrowsAsync<WebhookAddressRefusedException>(async () =>
            await HttpWebhookSender.ConnectAsync(new System.Net.DnsEndPoint("169.254.169.254", 80), allowLoopback: true, CancellationToken.None));
        await using var stream = await HttpWebhookSender.ConnectAsync(new System.Net.DnsEndPoint("localhost", receiver.Port), allowLoopback: true, CancellationToken.None);
        Assert.True(stream.CanWrite);
    }

    private static string NewTenant() => "hooks-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<WebhookWithSecret> Register(string tenant, string url, params CareEventKind[] kinds) =>
        await cluster.Grains.GetGrain<IWebhookRegistryGrain>(IWebhookRegistryGrain.KeyOf(tenant)).Register(url, kinds, Admin);

    private IWebhookOutboxGrain Outbox(string tenant, WebhookWithSecret hook) =>
        cluster.Grains.GetGrain<IWebhookOutboxGrain>(IWebhookOutboxGrain.KeyOf(tenant, hook.Webhook.Endpoint.Id));

    private List<CareEvent> Events(string tenant, int cases, int perCase) =>
        [.. from c in Enumerable.Range(1, cases)
            from s in Enumerable.Range(1, perCase)
            select new CareEvent($"case-{tenant}-{c}.{s}", tenant, s % 2 == 0 ? CareEventKind.TaskOverdue : CareEventKind.CaseEscalated,
                $"case-{tenant}-{c}", s, cluster.Clock.GetUtcNow()) { TaskId = s % 2 == 0 ? "task-" + s : null }];

    private static JsonNode Data(WebhookReceiver.Received m) => JsonNode.Parse(m.Body)!["data"]!;

    private static bool Verify(WebhookReceiver.Received m, string secret) =>
        WebhookSignature.Verify(secret, m.Id, long.Parse(m.Timestamp, System.Globalization.CultureInfo.InvariantCulture), m.Body, m.Signature);

    private static void AssertSigned(WebhookReceiver.Received m, string secret) =>
        Assert.True(Verify(m, secret), $"signature of {m.Id} does not verify: {m.Signature}");
}
