using System.Text.Json.Nodes;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Tests.Receipts;

/// <summary>
/// A town's overdue crisis work reaches its supervision (R-2.8: the social affairs office checks the work; docs/protocol.md
/// "Overdue tasks"). New-user trial, session 41: in the demo town a level-3 task past its deadline was escalated to
/// <c>queue:supervisor</c>, but the town template had no role a Supervisor could hold, so nobody's task list showed it.
/// The town template now has a supervision unit (<c>town-supervision</c>) and the role <c>TownSupervisor</c>; the demo
/// town seeds one. Its own factory: the test moves the clock past a deadline.
/// </summary>
[Trait("tier", "api")]
public sealed class TownSupervisionShould : IAsyncLifetime
{
    private const string Tenant = "demo-town";
    private const string Path = "/t/demo-town/graphql";
    private readonly CareGridApiFactory _factory = new();
    private GraphQLClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _factory.GraphQL();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Put_a_high_risk_task_past_its_deadline_in_the_seeded_town_supervisors_list_and_let_her_finish_it()
    {
        var specialist = _factory.TokenFor("counsellor@demo-town", Tenant, Roles.Counsellor);
        var supervisor = _factory.TokenFor("supervisor@demo-town", Tenant, Roles.Supervisor);
        var resident = "res-" + Guid.NewGuid().ToString("N")[..12];
        await OkAsync(specialist, $"mutation {{ registerPerson(input: {{ id: \"{resident}\", displayName: \"马长林\", organizationId: \"north-village\" }}) {{ id }} }}");
        var caseId = (await OkAsync(specialist, $"mutation {{ reportConcern(input: {{ personId: \"{resident}\", summary: \"说活着是拖累孩子，攒了安眠药\", riskLevel: HIGH }}) {{ id }} }}"))
            ["reportConcern"]!["id"]!.GetValue<string>();
        Assert.DoesNotContain(await MyCaseIdsAsync(supervisor), id => id == caseId);

        // Two hours later the family has not been notified: the task is escalated past level 3, to supervision.
        _factory.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(5));
        await CheckDeadlinesAsync(caseId);

        var mine = (await OkAsync(supervisor, "{ myTasks(first: 100) { nodes { id caseId kind ownerId } } }"))["myTasks"]!["nodes"]!.AsArray();
        var task = mine.Single(n => n!["caseId"]!.GetValue<string>() == caseId)!;
        Assert.Equal(("queue:supervisor", "NOTIFY_FAMILY_EMERGENCY_CONTACT"), (task["ownerId"]!.GetValue<string>(), task["kind"]!.GetValue<string>()));
        var done = await OkAsync(supervisor, $"mutation {{ completeTask(id: \"{caseId}\", taskId: \"{task["id"]!.GetValue<string>()}\", note: \"已电话告知其儿子\") {{ tasks {{ id status }} }} }}");
        Assert.Equal("DONE", done["completeTask"]!["tasks"]!.AsArray().Single(t => t!["id"]!.GetValue<string>() == task["id"]!.GetValue<string>())!["status"]!.GetValue<string>());

        // The seeded town is healthy on this rule: someone supervises.
        var health = (await OkAsync(_factory.TokenFor("admin@demo-town", Tenant, Roles.TenantAdmin), "{ organizationHealth { findings { requirement } } }"))
            ["organizationHealth"]!["findings"]!.AsArray().Select(f => f!["requirement"]!.GetValue<string>());
        Assert.DoesNotContain("R-2.8", health);
    }

    private async Task<List<string>> MyCaseIdsAsync(string token) =>
        [.. (await OkAsync(token, "{ myTasks(first: 100) { nodes { caseId } } }"))["myTasks"]!["nodes"]!.AsArray().Select(n => n!["caseId"]!.GetValue<string>())];

    private async Task CheckDeadlinesAsync(string caseId)
    {
        TenantContext.Set(Tenant);
        try
        {
            await _factory.Services.GetRequiredService<IGrainFactory>().GetGrain<ICaseGrain>(TenantIds.Key(Tenant, caseId)).CheckDeadlines();
        }
        finally
        {
            TenantContext.Clear();
        }
    }

    private async Task<JsonNode> OkAsync(string token, string document) => (await _client.PostAsync(Path, document, token: token)).EnsureNoErrors().Data!;
}
