using System.Text.Json.Nodes;
using CareGrid.Grains.Events;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Subscriptions;

/// <summary>
/// Who receives which event (docs/subscriptions.md "Who receives what"): events published on the tenant's care-event stream
/// reach a subscriber only when <c>case(id)</c>'s need-to-know rule opens the case to it, checked per event; myTaskEvents only
/// the caller's own tasks. The real service on Kestrel, real sockets, cases made through GraphQL.
/// </summary>
[Trait("tier", "api")]
[Collection(SubscriptionCollection.Name)]
public sealed class SubscriptionDeliveryShould(SubscriptionApiFactory factory)
{
    private const string Tenant = "demo-school";
    private const string Path = "/t/demo-school/graphql";

    private readonly string _counsellor = factory.TokenFor("counsellor@demo-school", Tenant, Roles.Counsellor);
    private readonly string _teacher = factory.TokenFor("teacher2@demo-school", Tenant, Roles.Caseworker);

    [Fact]
    public async Task Deliver_an_event_only_to_subscribers_who_may_open_its_case()
    {
        var (caseA, caseB) = await TwoCasesAsync();
        await using var counsellor = await GraphQLWsTestClient.ConnectAndInitAsync(factory.WebSocketUri(Tenant), _counsellor);
        await using var teacher = await GraphQLWsTestClient.ConnectAndInitAsync(factory.WebSocketUri(Tenant), _teacher);
        const string query = "subscription { caseEvents { id kind caseId sequence escalationLevel riskLevel } }";
        await counsellor.SubscribeAsync("c", query);
        await teacher.SubscribeAsync("t", query);

        await factory.PublishAsync(Event(caseA, 9001, CareEventKind.CaseEscalated) with { EscalationLevel = 3 });
        await factory.PublishAsync(Event(caseB, 9001, CareEventKind.CaseRiskChanged));

        var seenByCounsellor = await ReadUntilAsync(counsellor, $"{caseA}.9001");
        var seenByTeacher = await ReadUntilAsync(teacher, $"{caseB}.9001");

        var escalation = seenByCounsellor[^1]["payload"]!["data"]!["caseEvents"]!;
        Assert.Equal("CASE_ESCALATED", escalation["kind"]!.GetValue<string>());
        Assert.Equal(3, escalation["escalationLevel"]!.GetValue<int>());
        // The teacher may not open case A (precondition through case(id)), and received nothing about it before B's event.
        Assert.Equal("FORBIDDEN", (await factory.GraphQL().PostAsync(Path, $"{{ case(id: \"{caseA}\") {{ id }} }}", token: _teacher)).FirstCode);
        Assert.DoesNotContain(seenByTeacher, m => m["payload"]?["data"]?["caseEvents"]?["caseId"]?.GetValue<string>() == caseA);
    }

    [Fact]
    public async Task Deliver_only_the_callers_own_task_events_on_myTaskEvents()
    {
        var (caseA, _) = await TwoCasesAsync();
        await using var counsellor = await GraphQLWsTestClient.ConnectAndInitAsync(factory.WebSocketUri(Tenant), _counsellor);
        await counsellor.SubscribeAsync("m", "subscription { myTaskEvents { id kind caseId taskId taskOwnerId } }");

        await factory.PublishAsync(Event(caseA, 9101, CareEventKind.TaskAssigned) with { TaskId = "t-1", TaskOwnerId = "someone-else@demo-school" });
        await factory.PublishAsync(Event(caseA, 9102, CareEventKind.CaseEscalated));
        await factory.PublishAsync(Event(caseA, 9103, CareEventKind.TaskOverdue) with { TaskId = "t-2", TaskOwnerId = "counsellor@demo-school" });

        var seen = await ReadUntilAsync(counsellor, $"{caseA}.9103");
        Assert.DoesNotContain(seen, m => m["payload"]?["data"]?["myTaskEvents"]?["id"]?.GetValue<string>() == $"{caseA}.9101");
        Assert.DoesNotContain(seen, m => m["payload"]?["data"]?["myTaskEvents"]?["id"]?.GetValue<string>() == $"{caseA}.9102");
        Assert.Equal("TASK_OVERDUE", seen[^1]["payload"]!["data"]!["myTaskEvents"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deliver_only_the_filtered_kinds_and_case()
    {
        var (caseA, _) = await TwoCasesAsync();
        await using var counsellor = await GraphQLWsTestClient.ConnectAndInitAsync(factory.WebSocketUri(Tenant), _counsellor);
        await counsellor.SubscribeAsync("f", $"subscription {{ caseEvents(filter: {{ kinds: [CASE_CLOSED], caseId: \"{caseA}\" }}) {{ id kind }} }}");

        await factory.PublishAsync(Event(caseA, 9201, CareEventKind.CaseEscalated));
        await factory.PublishAsync(Event(caseA, 9202, CareEventKind.CaseClosed));

        var seen = await ReadUntilAsync(counsellor, $"{caseA}.9202");
        Assert.Single(seen);
    }

    /// <summary>Case A reported HIGH by the counsellor (R-1.10: level 3, theirs), case B reported by the homeroom teacher.</summary>
    private async Task<(string CaseA, string CaseB)> TwoCasesAsync()
    {
        var client = factory.GraphQL();
        var admin = factory.TokenFor("admin@demo-school", Tenant, Roles.TenantAdmin);
        var studentA = await DemoStudents.NewAsync(client, admin);
        // Student B is of the teacher's own class 8-2, so the case their report opens stays open to them (RT17-7).
        var studentB = "stu-" + Guid.NewGuid().ToString("N")[..12];
        (await client.PostAsync(Path, $"mutation {{ registerPerson(input: {{ id: \"{studentB}\", displayName: \"Student {studentB}\", organizationId: \"class-8-2\" }}) {{ id }} }}", token: admin)).EnsureNoErrors();
        var a = await client.PostAsync(Path, $"mutation {{ reportConcern(input: {{ personId: \"{studentA}\", summary: \"Said goodbye to friends\", riskLevel: HIGH }}) {{ id }} }}", token: _counsellor);
        var b = await client.PostAsync(Path, $"mutation {{ reportConcern(input: {{ personId: \"{studentB}\", summary: \"Withdrawn in class\" }}) {{ id }} }}", token: _teacher);
        return (a.EnsureNoErrors().Data!["reportConcern"]!["id"]!.GetValue<string>(), b.EnsureNoErrors().Data!["reportConcern"]!["id"]!.GetValue<string>());
    }

    private static CareEvent Event(string caseId, long sequence, CareEventKind kind) =>
        new($"{caseId}.{sequence}", Tenant, kind, caseId, sequence, DateTimeOffset.UtcNow) { OrganizationId = "class-8-1" };

    /// <summary>The <c>next</c> messages up to and including the event <paramref name="eventId"/>; fails on anything else or a close.</summary>
    private static async Task<List<JsonNode>> ReadUntilAsync(GraphQLWsTestClient client, string eventId)
    {
        var seen = new List<JsonNode>();
        while (true)
        {
            var message = await client.ReceiveAsync();
            Assert.True(message?["type"]?.GetValue<string>() == "next", $"Expected next, got {message?.ToJsonString() ?? $"close {client.CloseCode}"}");
            seen.Add(message!);
            var data = message!["payload"]!["data"]!.AsObject().First().Value!;
            if (data["id"]!.GetValue<string>() == eventId)
            {
                return seen;
            }
        }
    }
}
