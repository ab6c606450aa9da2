using System.Text.Json.Nodes;
using CareGrid.Grains.GroupCrisis;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Tests.GroupCrisis;

/// <summary>
/// The group-crisis warning through GraphQL over HTTP with a fake clock (R-4.5, docs/group-crisis.md), on a school made from
/// the school template (time zone Asia/Shanghai): the TenantAdmin sets 3 people in 7 days; concerns and flagged census
/// records of class 8-1 spread over two windows raise nothing; crossing the threshold inside one window raises exactly one
/// alert for the leadership group (Supervisor) with the unit and the counts and no names; later signals of the window only
/// update it; the principal acknowledges it once with a proposed response.
/// </summary>
[Trait("tier", "api")]
public sealed class GroupCrisisWarningShould : IAsyncLifetime
{
    private const string AlertFields = "id organizationId windowStart windowEnd windowDays threshold people flaggedInCensus withConcerns status raisedAt acknowledgedBy response";

    private readonly CareGridApiFactory _factory = new NoDemo();
    private readonly string _tenant = Seeds.NewTenantId("crisis");
    private GraphQLClient _client = null!;

    private sealed class NoDemo : CareGridApiFactory
    {
        protected override bool SeedDemo => false;
    }

    /// <summary>Shanghai local time (UTC+8) as a UTC instant.</summary>
    private static DateTimeOffset Local(int day, int hour) => new DateTimeOffset(2026, 12, day, hour, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    private string Admin => _factory.TokenFor("admin@" + _tenant, _tenant, Roles.TenantAdmin);
    private string Homeroom => _factory.TokenFor("homeroom81@" + _tenant, _tenant, Roles.Caseworker);
    private string Principal => _factory.TokenFor("principal@" + _tenant, _tenant, Roles.Supervisor);

    public async Task InitializeAsync()
    {
        _client = _factory.GraphQL();
        _factory.Clock.SetUtcNow(Local(6, 9)); // Sunday 6 December 2026, 09:00 in Shanghai: the last day of the window 30 Nov – 6 Dec
        (await _client.PostAsync("/graphql", "mutation($in: OnboardTenantInput!) { onboardTenant(input: $in) { id } }",
            new { @in = new { id = _tenant, name = "Crisis school", kind = "SCHOOL", firstAdminSubject = "admin@" + _tenant, template = "school" } },
            _factory.Token(null, Roles.PlatformAdmin))).EnsureNoErrors();
        await Ok("mutation($in: CreateOrganizationInput!) { createOrganization(input: $in) { id } }", new { @in = new { id = "grade-8", name = "Grade 8", kind = "GRADE", parentId = "school" } });
        foreach (var unit in new[] { "class-8-1", "class-8-2" })
        {
            await Ok("mutation($in: CreateOrganizationInput!) { createOrganization(input: $in) { id } }", new { @in = new { id = unit, name = unit, kind = "CLASS", parentId = "grade-8" } });
        }

        foreach (var (id, unit) in new[] { ("s1", "class-8-1"), ("s2", "class-8-1"), ("s3", "class-8-1"), ("s4", "class-8-1"), ("s5", "class-8-1"), ("t1", "class-8-2") })
        {
            await Ok("mutation($in: RegisterPersonInput!) { registerPerson(input: $in) { id } }", new { @in = new { id, displayName = "学生 " + id, organizationId = unit } });
        }

        await StaffMembers.AddAsync(_factory, _client, _tenant, "principal@" + _tenant, "leadership", "LeadershipGroupLeader");
        await StaffMembers.AddAsync(_factory, _client, _tenant, "homeroom81@" + _tenant, "class-8-1", "HomeroomTeacher");
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<JsonNode> Ok(string query, object? variables = null, string? token = null) =>
        (await _client.PostAsync($"/t/{_tenant}/graphql", query, variables, token ?? Admin)).EnsureNoErrors().Data!;

    private Task<JsonNode> ReportAsync(string person) =>
        Ok("mutation($in: ReportConcernInput!) { reportConcern(input: $in) { id } }",
            new { @in = new { personId = person, summary = "Crying in class after the news (R-4.5)", riskLevel = "MODERATE" } }, Homeroom);

    /// <summary>Records a census answer: by class 8-1's homeroom teacher, or by <paramref name="token"/> for a student of another class (R-4.3).</summary>
    private Task<JsonNode> RecordCensusAsync(string person, string mood, string? token = null) =>
        Ok("mutation($in: RecordCensusInput!) { recordCensus(input: $in) { recorded } }", new { @in = new { roundId = "week-50", personId = person, mood } }, token ?? Homeroom);

    private async Task<JsonArray> AlertsAsync(string token, string arguments = "") =>
        (await Ok($"{{ groupCrisisAlerts{arguments} {{ {AlertFields} }} }}", token: token))["groupCrisisAlerts"]!.AsArray();

    [Fact]
    public async Task Fire_exactly_once_when_the_threshold_is_crossed_in_its_window_and_not_for_flags_spread_over_two_windows()
    {
        var rule = await Ok("mutation { setGroupCrisisRule(threshold: 3, windowDays: 7) { groupCrisis { threshold windowDays enabled } } }");
        Assert.Equal("{\"threshold\":3,\"windowDays\":7,\"enabled\":true}", rule["setGroupCrisisRule"]!["groupCrisis"]!.ToJsonString());

        // Window 30 Nov – 6 Dec: two people of class 8-1 (Sunday); window 7 – 13 Dec: one more (Monday). Three people, two windows: nothing.
        await ReportAsync("s1");
        await ReportAsync("s2");
        _factory.Clock.SetUtcNow(Local(7, 8));
        await Ok("mutation { startCensusRound(input: { id: \"week-50\", name: \"Week 50 census\", organizationIds: [\"class-8-1\", \"class-8-2\"] }) { roundId } }", token: Principal);
        await RecordCensusAsync("s3", "DISTRESSED");
        await RecordCensusAsync("s4", "STABLE"); // not flagged: not counted
        await RecordCensusAsync("t1", "LOW", Admin); // another class (its teacher's, not class 8-1's homeroom teacher's, to record)
        Assert.Empty(await AlertsAsync(Principal));

        // The same window: s1 flagged in the census (Tuesday), a concern about s5 (Wednesday): three people of class 8-1 → one alert.
        _factory.Clock.SetUtcNow(Local(8, 10));
        await RecordCensusAsync("s1", "LOW");
        Assert.Empty(await AlertsAsync(Principal));
        _factory.Clock.SetUtcNow(Local(9, 10));
        await ReportAsync("s5");
        var alerts = await AlertsAsync(Principal);
        var alert = Assert.Single(alerts)!;
        Assert.Equal("20261207-class-8-1", alert["id"]!.GetValue<string>());
        Assert.Equal(("class-8-1", "2026-12-07", "2026-12-13", 7, 3), (alert["organizationId"]!.GetValue<string>(), alert["windowStart"]!.GetValue<string>(),
            alert["windowEnd"]!.GetValue<string>(), alert["windowDays"]!.GetValue<int>(), alert["threshold"]!.GetValue<int>()));
        Assert.Equal((3, 2, 1, "RAISED"), (alert["people"]!.GetValue<int>(), alert["flaggedInCensus"]!.GetValue<int>(), alert["withConcerns"]!.GetValue<int>(), alert["status"]!.GetValue<string>()));
        Assert.Equal(Local(9, 10), alert["raisedAt"]!.GetValue<DateTimeOffset>());
        // Counts only: no person id or name anywhere in the alert.
        Assert.DoesNotMatch("\"s[1-5]\"|学生", alerts.ToJsonString());

        // More in the same window (a concern joining s1's open case; one joining s2's, a fourth person) update the one alert; none is raised again.
        await ReportAsync("s1");
        await ReportAsync("s2");
        alert = Assert.Single(await AlertsAsync(Principal))!;
        Assert.Equal((4, 2, 3), (alert["people"]!.GetValue<int>(), alert["flaggedInCensus"]!.GetValue<int>(), alert["withConcerns"]!.GetValue<int>()));
        Assert.Single(await AlertsAsync(Admin));

        // The principal acknowledges it once with the proposed response (R-4.5).
        var ack = await Ok($"mutation {{ acknowledgeGroupCrisisAlert(id: \"20261207-class-8-1\", response: \"班会 with the psychology teacher on Thursday; parents informed\") {{ {AlertFields} }} }}", token: Principal);
        Assert.Equal(("ACKNOWLEDGED", "principal@" + _tenant), (ack["acknowledgeGroupCrisisAlert"]!["status"]!.GetValue<string>(), ack["acknowledgeGroupCrisisAlert"]!["acknowledgedBy"]!.GetValue<string>()));
        var again = await _client.PostAsync($"/t/{_tenant}/graphql", "mutation { acknowledgeGroupCrisisAlert(id: \"20261207-class-8-1\", response: \"again\") { id } }", token: Principal);
        Assert.Equal("INVALID_TRANSITION", again.FirstCode);
        Assert.Empty(await AlertsAsync(Principal, "(status: RAISED)"));

        // The next window starts a new count.
        _factory.Clock.SetUtcNow(Local(14, 9));
        await ReportAsync("s4");
        Assert.Single(await AlertsAsync(Principal));
    }

    [Fact]
    public async Task Show_alerts_only_within_the_supervisors_units_and_refuse_bad_input_with_its_field()
    {
        await Ok("mutation { setGroupCrisisRule(threshold: 2, windowDays: 1) { groupCrisis { threshold } } }");
        await ReportAsync("s1");
        await ReportAsync("s2");
        Assert.Single(await AlertsAsync(Principal));
        Assert.Empty(await AlertsAsync(_factory.TokenFor("nobody@" + _tenant, _tenant, Roles.Supervisor))); // a member of no unit
        var outside = await _client.PostAsync($"/t/{_tenant}/graphql", "mutation { acknowledgeGroupCrisisAlert(id: \"20261206-class-8-1\", response: \"seen\") { id } }",
            token: _factory.TokenFor("nobody@" + _tenant, _tenant, Roles.Supervisor));
        Assert.Equal(("FORBIDDEN", "need-to-know"), (outside.FirstCode, outside.Errors![0]!["extensions"]!["rule"]!.GetValue<string>()));

        var bad = await _client.PostAsync($"/t/{_tenant}/graphql", "mutation { setGroupCrisisRule(threshold: 1, windowDays: 7) { groupCrisis { threshold } } }", token: Admin);
        Assert.Equal(("VALIDATION_FAILED", "threshold"), (bad.FirstCode, bad.Errors![0]!["extensions"]!["field"]!.GetValue<string>()));
        var kept = await Ok("{ protocolSettings { groupCrisis { threshold windowDays } } }");
        Assert.Equal("{\"threshold\":2,\"windowDays\":1}", kept["protocolSettings"]!["groupCrisis"]!.ToJsonString());
        var badId = await _client.PostAsync($"/t/{_tenant}/graphql", "mutation { acknowledgeGroupCrisisAlert(id: \"class-8-1\", response: \"seen\") { id } }", token: Principal);
        Assert.Equal(("VALIDATION_FAILED", "id"), (badId.FirstCode, badId.Errors![0]!["extensions"]!["field"]!.GetValue<string>()));
        var off = await Ok("mutation { setGroupCrisisRule(threshold: 2, windowDays: 1, enabled: false) { groupCrisis { enabled } } }");
        Assert.False(off["setGroupCrisisRule"]!["groupCrisis"]!["enabled"]!.GetValue<bool>());
        _factory.Clock.SetUtcNow(Local(8, 9));
        await ReportAsync("s3");
        await ReportAsync("s4");
        Assert.Single(await AlertsAsync(Principal));
    }

    [Fact]
    public async Task Raise_on_the_default_rule_and_erase_the_alerts_when_the_tenant_is_deleted()
    {
        foreach (var person in new[] { "s1", "s2", "s3" })
        {
            await ReportAsync(person); // no rule set: the default, 3 people in 7 days
        }

        Assert.Equal(3, Assert.Single(await AlertsAsync(Principal))!["people"]!.GetValue<int>());
        var platform = _factory.Token(null, Roles.PlatformAdmin);
        foreach (var step in new[] { $"offboardTenant(id: \"{_tenant}\", reason: \"test ended\") {{ status }}", $"exportTenant(id: \"{_tenant}\")",
            $"deleteTenant(id: \"{_tenant}\", reason: \"test ended, export taken\") {{ status }}" })
        {
            (await _client.PostAsync("/graphql", "mutation { " + step + " }", token: platform)).EnsureNoErrors();
        }

        TenantContext.Set(_tenant);
        var alerts = _factory.Services.GetRequiredService<IGrainFactory>().GetRef<IGroupCrisisAlertsGrain>(IGroupCrisisAlertsGrain.KeyOf(_tenant));
        Assert.Empty(await alerts.List(StaffScope.Tenant, null, GroupCrisisAlertBook.MaxAlerts));
    }
}
