using System.Text.Json.Nodes;
using CareGrid.Grains.Events;
using CareGrid.Grains.Security;
using CareGrid.Grains.Webhooks;
using CareGrid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Tests.Webhooks;

/// <summary>
/// The webhook fields over HTTP (docs/webhooks.md): TenantAdmin only; bad URLs refused with the rule named, audited as DENIED, nothing stored; the secret shown once
/// and never listed; a delivery to a receiver on 127.0.0.1 signed with it, in the delivery log; rotation, replay and deletion.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class WebhookApiShould(CareGridApiFactory factory)
{
    private const string Tenant = "demo-school";
    private const string Path = $"/t/{Tenant}/graphql";
    private const string Register = "mutation($url: String!, $kinds: [CareEventKind!]!) { registerWebhook(url: $url, kinds: $kinds) { secret webhook { id url kinds enabled pending } } }";
    private readonly GraphQLClient _client = factory.GraphQL();

    private string Admin => factory.TokenFor("head@demo-school", Tenant, Roles.TenantAdmin);

    [Fact]
    public async Task Allow_only_the_tenant_admin_and_refuse_urls_that_are_not_public_https()
    {
        var counsellor = factory.TokenFor("counsellor@demo-school", Tenant, Roles.Counsellor);
        var refused = await _client.PostAsync(Path, Register, new { url = "https://hooks.example.org/x", kinds = new[] { "CASE_ESCALATED" } }, counsellor);
        Assert.Equal("FORBIDDEN", refused.FirstCode);
        Assert.Equal("FORBIDDEN", (await _client.PostAsync(Path, "{ webhooks { id } }", token: counsellor)).FirstCode);

        foreach (var (url, rule) in new[] { ("http://hooks.example.org/x", "scheme"), ("https://169.254.169.254/latest", "address"), ("https://10.1.1.1/", "address"), ("https://u:p@hooks.example.org/", "userinfo") })
        {
            var bad = await _client.PostAsync(Path, Register, new { url, kinds = new[] { "CASE_ESCALATED" } }, Admin);
            Assert.Equal("VALIDATION_FAILED", bad.FirstCode);
            Assert.Equal(rule, bad.Errors![0]!["extensions"]!["rule"]!.GetValue<string>());
            Assert.Equal("url", bad.Errors![0]!["extensions"]!["field"]!.GetValue<string>());
        }

        var none = await _client.PostAsync(Path, Register, new { url = "https://hooks.example.org/x", kinds = Array.Empty<string>() }, Admin);
        Assert.Equal(("VALIDATION_FAILED", "kinds"), (none.FirstCode, none.Errors![0]!["extensions"]!["field"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Audit_each_refused_address_and_leave_the_webhooks_unchanged()
    {
        var subject = $"head-{Guid.NewGuid():N}"[..17] + "@demo-school";
        var admin = factory.TokenFor(subject, Tenant, Roles.TenantAdmin);
        const string List = "{ webhooks { id url } }";
        var before = (await _client.PostAsync(Path, List, token: admin)).EnsureNoErrors().Data!["webhooks"]!.ToJsonString();
        string[] urls = ["https://[::ffff:169.254.169.254]/latest", "https://0x0a.0.0.5/", "https://100.64.0.1/", "https://[fd00::1]/", "https://224.0.0.1/", "https://[::]/"];

        foreach (var url in urls)
        {
            var bad = await _client.PostAsync(Path, Register, new { url, kinds = new[] { "CASE_ESCALATED" } }, admin);
            Assert.Equal(("VALIDATION_FAILED", "url", "address"), (bad.FirstCode, bad.Errors![0]!["extensions"]!["field"]!.GetValue<string>(), bad.Errors![0]!["extensions"]!["rule"]!.GetValue<string>()));
        }

        Assert.Equal(before, (await _client.PostAsync(Path, List, token: admin)).EnsureNoErrors().Data!["webhooks"]!.ToJsonString());
        var auditor = factory.TokenFor("auditor@demo-school", Tenant, Roles.Auditor);
        var log = (await _client.PostAsync(Path, $"{{ auditLog(filter: {{ actor: \"{subject}\", action: \"DENIED\" }}, first: 50) {{ nodes {{ purpose refusal {{ code }} }} }} }}", token: auditor))
            .EnsureNoErrors().Data!["auditLog"]!["nodes"]!.AsArray();
        Assert.Equal(urls.Length, log.Count);
        Assert.All(log, n => Assert.Equal(("registerWebhook", "VALIDATION_FAILED"), (n!["purpose"]!.GetValue<string>(), n["refusal"]!["code"]!.GetValue<string>())));
    }

    [Fact]
    public async Task Show_the_secret_once_deliver_signed_and_log_rotate_replay_and_delete()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var created = (await _client.PostAsync(Path, Register, new { url = receiver.Url, kinds = new[] { "CASE_ESCALATED", "TASK_OVERDUE" } }, Admin)).EnsureNoErrors().Data!["registerWebhook"]!;
        var secret = created["secret"]!.GetValue<string>();
        var id = created["webhook"]!["id"]!.GetValue<string>();
        Assert.StartsWith("whsec_", secret);
        Assert.Matches("^wh-[0-9a-z]{12}$", id);

        var listed = (await _client.PostAsync(Path, "{ webhooks { id url kinds enabled pending deadLetters secretCreatedAt previousSecretValidUntil } }", token: Admin)).EnsureNoErrors();
        Assert.Contains(listed.Data!["webhooks"]!.AsArray(), w => w!["id"]!.GetValue<string>() == id);
        Assert.DoesNotContain(secret[6..], listed.Body!.ToJsonString());

        var e = new CareEvent("case-api-hook.1", Tenant, CareEventKind.CaseEscalated, "case-api-hook", 1, factory.Clock.GetUtcNow()) { EscalationLevel = 3 };
        await factory.Services.GetServices<ICareEventSink>().OfType<WebhookEventSink>().Single().AcceptAsync(Grains, [e]);
        await Outbox(id).DeliverDue();

        var message = Assert.Single(receiver.Messages);
        Assert.Equal("evt_case-api-hook.1", message.Id);
        Assert.True(WebhookSignature.Verify(secret, message.Id, long.Parse(message.Timestamp, System.Globalization.CultureInfo.InvariantCulture), message.Body, message.Signature));
        var log = (await _client.PostAsync(Path, "query($id: ID!) { webhookDeliveries(id: $id) { eventId attempt statusCode outcome error } }", new { id }, Admin))
            .EnsureNoErrors().Data!["webhookDeliveries"]!.AsArray();
        Assert.Equal("""[{"eventId":"case-api-hook.1","attempt":1,"statusCode":204,"outcome":"DELIVERED","error":null}]""", log.ToJsonString());

        var rotated = (await _client.PostAsync(Path, "mutation($id: ID!) { rotateWebhookSecret(id: $id, overlapHours: 2) { secret webhook { previousSecretValidUntil } } }", new { id }, Admin))
            .EnsureNoErrors().Data!["rotateWebhookSecret"]!;
        Assert.NotEqual(secret, rotated["secret"]!.GetValue<string>());
        Assert.NotNull(rotated["webhook"]!["previousSecretValidUntil"]);
        Assert.Equal("VALIDATION_FAILED", (await _client.PostAsync(Path, "mutation($id: ID!) { rotateWebhookSecret(id: $id, overlapHours: 500) { secret } }", new { id }, Admin)).FirstCode);

        var replay = await _client.PostAsync(Path, "mutation($id: ID!, $e: String!) { replayWebhookEvent(id: $id, eventId: $e) { eventId kind } }", new { id, e = "case-api-hook.1" }, Admin);
        Assert.Equal("CASE_ESCALATED", replay.EnsureNoErrors().Data!["replayWebhookEvent"]!["kind"]!.GetValue<string>());
        await Outbox(id).DeliverDue();
        Assert.Equal(2, receiver.Messages.Count);
        Assert.Equal("NOT_FOUND", (await _client.PostAsync(Path, "mutation($id: ID!) { replayWebhookEvent(id: $id, eventId: \"nope.1\") { eventId } }", new { id }, Admin)).FirstCode);

        var deleted = await _client.PostAsync(Path, "mutation($id: ID!) { deleteWebhook(id: $id) }", new { id }, Admin);
        Assert.True(deleted.EnsureNoErrors().Data!["deleteWebhook"]!.GetValue<bool>());
        Assert.Equal("NOT_FOUND", (await _client.PostAsync(Path, "mutation($id: ID!) { deleteWebhook(id: $id) }", new { id }, Admin)).FirstCode);
        Assert.Equal("NOT_FOUND", (await _client.PostAsync(Path, "query { webhookDeliveries(id: \"wh-000000000000\") { eventId } }", token: Admin)).FirstCode);
    }

    [Fact]
    public async Task Post_the_events_of_a_real_mutation_signed_and_in_order()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var tenant = Seeds.NewTenantId("hooks");
        var path = $"/t/{tenant}/graphql";
        (await _client.PostAsync("/graphql", "mutation($in: OnboardTenantInput!) { onboardTenant(input: $in) { id } }",
            new { @in = new { id = tenant, name = "Hooks school", kind = "SCHOOL", firstAdminSubject = "head@" + tenant } }, factory.Token(null, Roles.PlatformAdmin))).EnsureNoErrors();
        var admin = factory.TokenFor("head@" + tenant, tenant, Roles.TenantAdmin);
        (await _client.PostAsync(path, "mutation { createOrganization(input: { id: \"class-1\", name: \"Class 1\", kind: CLASS, escalationLevel: 1 }) { id } }", token: admin)).EnsureNoErrors();
        await StaffMembers.AddAsync(factory, _client, tenant, "homeroom@" + tenant, "class-1", "HomeroomTeacher"); // reports about their class (RT17-7)
        var homeroom = factory.TokenFor("homeroom@" + tenant, tenant, Roles.Caseworker);
        (await _client.PostAsync(path, "mutation { registerPerson(input: { id: \"stu-1\", displayName: \"Student\", organizationId: \"class-1\", sex: MALE }) { id } }", token: homeroom)).EnsureNoErrors();
        var created = (await _client.PostAsync(path, Register, new { url = receiver.Url, kinds = new[] { "CASE_RISK_CHANGED", "CASE_ESCALATED" } }, admin)).EnsureNoErrors().Data!["registerWebhook"]!;
        var secret = created["secret"]!.GetValue<string>();
        var outbox = Grains.GetGrain<IWebhookOutboxGrain>(IWebhookOutboxGrain.KeyOf(tenant, created["webhook"]!["id"]!.GetValue<string>()));

        var caseId = (await _client.PostAsync(path, "mutation { reportConcern(input: { personId: \"stu-1\", summary: \"Talks about not wanting to live\", riskLevel: HIGH }) { id } }", token: homeroom))
            .EnsureNoErrors().Data!["reportConcern"]!["id"]!.GetValue<string>();
        for (var i = 0; i < 100 && receiver.Messages.Count < 2; i++)
        {
            await outbox.DeliverDue();
            await receiver.WaitForAsync(2, TimeSpan.FromMilliseconds(100));
        }

        var received = receiver.Messages.ToList();
        Assert.Equal([$"evt_{caseId}.1", $"evt_{caseId}.2"], received.Select(m => m.Id));
        Assert.Equal(["case.risk_changed", "case.escalated"], received.Select(m => JsonNode.Parse(m.Body)!["type"]!.GetValue<string>()));
        Assert.All(received, m => Assert.True(WebhookSignature.Verify(secret, m.Id, long.Parse(m.Timestamp, System.Globalization.CultureInfo.InvariantCulture), m.Body, m.Signature)));
        Assert.All(received, m => Assert.DoesNotContain("stu-1", m.Body));
    }

    private IGrainFactory Grains => factory.Services.GetRequiredService<IGrainFactory>();

    private IWebhookOutboxGrain Outbox(string id) => Grains.GetGrain<IWebhookOutboxGrain>(IWebhookOutboxGrain.KeyOf(Tenant, id));
}
