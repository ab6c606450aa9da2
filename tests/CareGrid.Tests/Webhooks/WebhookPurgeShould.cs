using CareGrid.Grains.Errors;
using CareGrid.Grains.Events;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.Grains.Webhooks;
using CareGrid.Tests.Infrastructure;
using CareGrid.Tests.PeopleDirectory;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Tests.Webhooks;

/// <summary>
/// Erasing webhooks (docs/webhooks.md "Deleting a webhook, deleting a tenant"): <c>deleteTenant</c> erases every endpoint of the
/// tenant with its secrets, queued events and reminder, and the offboarding export lists the endpoints without a secret;
/// <c>deleteWebhook</c> removes the outbox's reminder even when the activation did not register it.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class WebhookPurgeShould(CareGridApiFactory factory)
{
    private const string Register = "mutation($url: String!) { registerWebhook(url: $url, kinds: [CASE_ESCALATED]) { secret webhook { id } } }";
    private readonly DirectoryApi _api = new(factory);

    private IGrainFactory Grains => factory.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The silo's reminder table (storage), read directly: reminders outlive activations.</summary>
    private IReminderTable Reminders => factory.Services.GetRequiredService<IReminderTable>();

    private async Task<bool> HasReminder(IWebhookOutboxGrain outbox) =>
        (await Reminders.ReadRows(outbox.GetGrainId())).Reminders.Any(r => r.ReminderName == WebhookOutboxGrain.ReminderName);

    [Fact]
    public async Task Erase_the_tenants_webhooks_their_queued_events_and_reminders_when_the_tenant_is_deleted()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", null, "hookpurge");
        // Nothing listens on this port: the delivery fails and the event stays queued with the reminder set.
        var url = $"http://127.0.0.1:{FreePorts.Next()}/hook";
        var created = (await _api.OkAsync(tenant, Register, new { url }))["registerWebhook"]!;
        var id = created["webhook"]!["id"]!.GetValue<string>();
        var secret = created["secret"]!.GetValue<string>();
        var outbox = Grains.GetGrain<IWebhookOutboxGrain>(IWebhookOutboxGrain.KeyOf(tenant, id));
        var e = new CareEvent("case-purge.1", tenant, CareEventKind.CaseEscalated, "case-purge", 1, factory.Clock.GetUtcNow()) { EscalationLevel = 2 };
        await InTenant(tenant, async () =>
        {
            await factory.Services.GetServices<ICareEventSink>().OfType<WebhookEventSink>().Single().AcceptAsync(Grains, [e]);
            Assert.Equal(1, (await outbox.View()).Pending);
        });
        Assert.True(await HasReminder(outbox));

        var platform = factory.Token(null, Roles.PlatformAdmin);
        (await _api.Client.PostAsync("/graphql", $"mutation {{ offboardTenant(id: \"{tenant}\", reason: \"test ended\") {{ status }} }}", token: platform)).EnsureNoErrors();
        var export = (await _api.Client.PostAsync("/graphql", $"mutation {{ exportTenant(id: \"{tenant}\") }}", token: platform)).EnsureNoErrors().Data!["exportTenant"]!.GetValue<string>();
        Assert.Contains(id, export, StringComparison.Ordinal);
        Assert.Contains(url, export, StringComparison.Ordinal);
        Assert.DoesNotContain(secret[6..], export, StringComparison.Ordinal);
        (await _api.Client.PostAsync("/graphql", $"mutation {{ deleteTenant(id: \"{tenant}\", reason: \"test ended, export taken\") {{ status }} }}", token: platform)).EnsureNoErrors();

        Assert.False(await HasReminder(outbox));
        await InTenant(tenant, async () =>
        {
            Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<CareGridException>(() => outbox.View())).Code);
            Assert.Empty(await Grains.GetGrain<IWebhookRegistryGrain>(IWebhookRegistryGrain.KeyOf(tenant)).List());
            Assert.Equal(0, await outbox.Enqueue([e with { Id = "case-purge.2", Sequence = 2 }]));
        });
    }

    [Fact]
    public async Task Remove_a_reminder_the_activation_did_not_know_when_a_webhook_is_deleted()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", null, "hookdel");
        var id = (await _api.OkAsync(tenant, Register, new { url = $"http://127.0.0.1:{FreePorts.Next()}/hook" }))["registerWebhook"]!["webhook"]!["id"]!.GetValue<string>();
        var outbox = Grains.GetGrain<IWebhookOutboxGrain>(IWebhookOutboxGrain.KeyOf(tenant, id));
        // As if set by an earlier activation (another silo, before a restart): this activation believes no reminder is set.
        await Reminders.UpsertRow(new ReminderEntry
        {
            GrainId = outbox.GetGrainId(), ReminderName = WebhookOutboxGrain.ReminderName, StartAt = DateTime.UtcNow.AddMinutes(5), Period = WebhookOutboxGrain.ReminderPeriod,
        });
        Assert.True(await HasReminder(outbox));

        (await _api.PostAsync(tenant, "mutation($id: ID!) { deleteWebhook(id: $id) }", new { id })).EnsureNoErrors();

        Assert.False(await HasReminder(outbox));
    }

    private static async Task InTenant(string tenant, Func<Task> body)
    {
        TenantContext.Set(tenant);
        try
        {
            await body();
        }
        finally
        {
            TenantContext.Clear();
        }
    }
}
