using System.Diagnostics;
using System.Text.Json.Nodes;
using CareGrid.Grains.Events;
using CareGrid.Grains.Webhooks;
using CareGrid.Tests.Durable;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CareGrid.Tests.Webhooks;

/// <summary>
/// Durable mode (Azure Table storage on Azurite): events queued for a receiver that is down survive the service's stop, and
/// after a start the outbox's reminder wakes it and delivers every one, once, in order per case, signed (docs/webhooks.md).
/// </summary>
[Trait("tier", "durable")]
[Collection(DurableCollection.Name)]
public sealed class WebhookRestartShould(AzuriteFixture azurite, ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Lose_no_queued_delivery_when_the_service_restarts()
    {
        azurite.RequireAzurite();
        var settings = new DurableSettings(azurite, "hooks");
        var values = settings.ForSilo(Infrastructure.FreePorts.Next(), Infrastructure.FreePorts.Next());
        values["Webhooks:AllowLoopback"] = "true";
        var tenant = "hooks-" + settings.ClusterId[^8..];
        await using var receiver = await WebhookReceiver.StartAsync();
        await receiver.DownAsync();
        var events = Enumerable.Range(1, 2).SelectMany(c => Enumerable.Range(1, 3).Select(s =>
            new CareEvent($"case-{c}.{s}", tenant, CareEventKind.CaseEscalated, $"case-{c}", s, DateTimeOffset.UtcNow))).ToList();
        try
        {
            string secret;
            string id;
            await using (var first = new DurableApiFactory(values))
            {
                var api = new TenantBuilder(first.GraphQL(), settings);
                await api.OnboardAsync(tenant, "SCHOOL");
                var created = (await first.GraphQL().PostAsync($"/t/{tenant}/graphql",
                    "mutation($url: String!) { registerWebhook(url: $url, kinds: [CASE_ESCALATED]) { secret webhook { id } } }",
                    new { url = receiver.Url }, api.AdminToken(tenant))).EnsureNoErrors().Data!["registerWebhook"]!;
                secret = created["secret"]!.GetValue<string>();
                id = created["webhook"]!["id"]!.GetValue<string>();
                var sink = first.Services.GetServices<ICareEventSink>().OfType<WebhookEventSink>().Single();
                var grains = first.Services.GetRequiredService<IGrainFactory>();
                foreach (var oneCase in events.GroupBy(e => e.CaseId))
                {
                    await sink.AcceptAsync(grains, [.. oneCase]);
                }

                Assert.Equal(6, (await grains.GetGrain<IWebhookOutboxGrain>(IWebhookOutboxGrain.KeyOf(tenant, id)).View()).Pending);
                output.WriteLine("queued 6 events for a receiver that is down; stopping the service");
            }

            await receiver.UpAsync();
            var clock = Stopwatch.StartNew();
            await using var second = new DurableApiFactory(values);
            _ = second.Services; // start the host; nothing calls the outbox: its reminder must wake it
            // Orleans reminders run on wall time in the restarted service, so this waits in real time, woken by each arrival.
            await receiver.WaitForAsync(events.Count, TimeSpan.FromMinutes(4));

            output.WriteLine($"received {receiver.Messages.Count} after the restart in {clock.Elapsed.TotalSeconds:F1} s");
            var received = receiver.Messages.ToList();
            Assert.Equal(events.Select(e => "evt_" + e.Id).Order(), received.Select(m => m.Id).Order());
            foreach (var oneCase in received.GroupBy(m => JsonNode.Parse(m.Body)!["data"]!["caseId"]!.GetValue<string>()))
            {
                Assert.Equal([1, 2, 3], oneCase.Select(m => JsonNode.Parse(m.Body)!["data"]!["sequence"]!.GetValue<long>()));
            }

            Assert.All(received, m => Assert.True(WebhookSignature.Verify(secret, m.Id, long.Parse(m.Timestamp, System.Globalization.CultureInfo.InvariantCulture), m.Body, m.Signature)));
        }
        finally
        {
            settings.DeleteKey();
        }
    }
}
