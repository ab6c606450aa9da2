using CareGrid.Grains.Cases;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Tests.Protocol;

/// <summary>Overdue tasks escalate one level, once, on the fake clock (R-1.10 deadlines, R-2.4 working days).</summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class DeadlineShould(CareGridApiFactory factory)
{
    private readonly GraphQLClient _client = factory.GraphQL();

    [Fact]
    public async Task Escalate_an_overdue_task_once_and_list_it_in_overdueTasks()
    {
        await StaffMembers.DemoSchoolPsychologistAsync(factory, _client, "psych@demo-school"); // stays on the case they report (RT17-7)
        var psych = factory.TokenFor("psych@demo-school", "demo-school", Roles.Counsellor);
        var supervisor = factory.TokenFor("supervisor@demo-school", "demo-school", Roles.Supervisor);
        var student = await DemoStudents.NewAsync(_client, psych);
        var reported = await _client.PostAsync("/t/demo-school/graphql",
            $"mutation {{ reportConcern(input: {{ personId: \"{student}\", summary: \"Self-harm marks seen in PE\", riskLevel: HIGH }}) {{ id tasks {{ id kind dueAt }} }} }}", token: psych);
        var node = reported.EnsureNoErrors().Data!["reportConcern"]!;
        var caseId = node["id"]!.GetValue<string>();
        var notifyFamily = node["tasks"]!.AsArray().Single(t => t!["kind"]!.GetValue<string>() == "NOTIFY_FAMILY_EMERGENCY_CONTACT")!;
        var due = notifyFamily["dueAt"]!.GetValue<DateTimeOffset>();

        var grain = factory.Services.GetRequiredService<IGrainFactory>().GetGrain<ICaseGrain>(TenantIds.Key("demo-school", caseId));
        TenantContext.Set("demo-school");
        try
        {
            Assert.Equal(0, await grain.CheckDeadlines()); // nothing is due yet
            factory.Clock.SetUtcNow(due.AddMinutes(1));
            Assert.Equal(1, await grain.CheckDeadlines()); // only the 2-hour task is past due
            Assert.Equal(0, await grain.CheckDeadlines()); // and it is not escalated twice
        }
        finally
        {
            TenantContext.Clear();
        }

        var c = (await _client.PostAsync("/t/demo-school/graphql", $"{{ case(id: \"{caseId}\") {{ tasks {{ id kind ownerId originalOwnerId escalationCount overdue }} timeline {{ action reason }} }} }}", token: psych)).EnsureNoErrors().Data!["case"]!;
        var task = c["tasks"]!.AsArray().Single(t => t!["kind"]!.GetValue<string>() == "NOTIFY_FAMILY_EMERGENCY_CONTACT")!;
        Assert.Equal("queue:supervisor", task["ownerId"]!.GetValue<string>());
        Assert.Equal("psych@demo-school", task["originalOwnerId"]!.GetValue<string>());
        Assert.Equal(1, task["escalationCount"]!.GetValue<int>());
        Assert.True(task["overdue"]!.GetValue<bool>());
        Assert.Single(c["timeline"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "TaskOverdue");

        // The supervisor's lists show the units they serve: the demo principal is seeded into the leadership group, which serves the school (docs/access.md, docs/demo.md).
        var overdue = (await _client.PostAsync("/t/demo-school/graphql", "{ overdueTasks(first: 100) { nodes { caseId kind ownerId } } }", token: supervisor)).EnsureNoErrors();
        var rows = overdue.Data!["overdueTasks"]!["nodes"]!.AsArray().Where(n => n!["caseId"]!.GetValue<string>() == caseId).ToList();
        Assert.Single(rows);
        Assert.Equal("NOTIFY_FAMILY_EMERGENCY_CONTACT", rows[0]!["kind"]!.GetValue<string>());

        var supervisorsTasks = (await _client.PostAsync("/t/demo-school/graphql", "{ myTasks(first: 100) { nodes { caseId kind } } }", token: supervisor)).EnsureNoErrors();
        Assert.Contains(supervisorsTasks.Data!["myTasks"]!["nodes"]!.AsArray(), n => n!["caseId"]!.GetValue<string>() == caseId);

        // Escalation adds the supervisor; it does not take the overdue task off the list of the psychology teacher who must
        // still call the family (round 22 new-user trial: it vanished from their 我的任务).
        var psychsTasks = (await _client.PostAsync("/t/demo-school/graphql", "{ myTasks(first: 100) { nodes { caseId kind ownerId escalationCount escalatedFromId } } }", token: psych))
            .EnsureNoErrors().Data!["myTasks"]!["nodes"]!.AsArray().Where(n => n!["caseId"]!.GetValue<string>() == caseId).ToList();
        var escalated = Assert.Single(psychsTasks, n => n!["kind"]!.GetValue<string>() == "NOTIFY_FAMILY_EMERGENCY_CONTACT")!;
        Assert.Equal("queue:supervisor", escalated["ownerId"]!.GetValue<string>());
        Assert.Equal("psych@demo-school", escalated["escalatedFromId"]!.GetValue<string>());
        Assert.Equal(1, escalated["escalationCount"]!.GetValue<int>());
        Assert.Equal(4, psychsTasks.Count); // with the three not yet due
    }

    [Fact]
    public async Task Count_working_days_on_the_tenants_calendar_for_the_discharge_hand_over_R_2_4()
    {
        var admin = factory.TokenFor("admin@demo-town", "demo-town", Roles.TenantAdmin);
        var settings = await _client.PostAsync("/t/demo-town/graphql", "{ protocolSettings { timeZone deadlines { kind amount unit } } }", token: admin);
        var handOver = settings.EnsureNoErrors().Data!["protocolSettings"]!["deadlines"]!.AsArray().Single(d => d!["kind"]!.GetValue<string>() == "DISCHARGE_HAND_OVER")!;
        Assert.Equal(5, handOver["amount"]!.GetValue<int>());
        Assert.Equal("WORKING_DAYS", handOver["unit"]!.GetValue<string>());

        // A kind bounded in days takes working days (one bounded in hours does not: RedTeamRound17Should, RT17-1).
        var changed = await _client.PostAsync("/t/demo-town/graphql", "mutation { setProtocolDeadline(kind: GUIDE_TO_PSYCHIATRIC_INSTITUTION, amount: 4, unit: WORKING_DAYS) { deadlines { kind amount unit } } }", token: admin);
        var guide = changed.EnsureNoErrors().Data!["setProtocolDeadline"]!["deadlines"]!.AsArray().Single(d => d!["kind"]!.GetValue<string>() == "GUIDE_TO_PSYCHIATRIC_INSTITUTION")!;
        Assert.Equal((4, "WORKING_DAYS"), (guide["amount"]!.GetValue<int>(), guide["unit"]!.GetValue<string>()));
        (await _client.PostAsync("/t/demo-town/graphql", "mutation { setProtocolDeadline(kind: GUIDE_TO_PSYCHIATRIC_INSTITUTION, amount: 3, unit: WORKING_DAYS) { timeZone } }", token: admin)).EnsureNoErrors();

        var refused = await _client.PostAsync("/t/demo-town/graphql", "mutation { setProtocolDeadline(kind: NOTIFY_FAMILY_EMERGENCY_CONTACT, amount: -1, unit: HOURS) { timeZone } }", token: admin);
        Assert.Equal("VALIDATION_FAILED", refused.FirstCode);
        (await _client.PostAsync("/t/demo-town/graphql", "mutation { setProtocolDeadline(kind: NOTIFY_FAMILY_EMERGENCY_CONTACT, amount: 2, unit: HOURS) { timeZone } }", token: admin)).EnsureNoErrors();
    }

    [Fact]
    public async Task Show_each_kinds_calendar_cap_in_hours_with_its_deadline_RT17_9()
    {
        // docs/protocol.md "The calendar cap": 24 h, 72 h, 14 days and 39 days of elapsed time, whatever the calendar.
        var admin = factory.TokenFor("admin@demo-town", "demo-town", Roles.TenantAdmin);
        var settings = await _client.PostAsync("/t/demo-town/graphql", "{ protocolSettings { deadlines { kind calendarCapHours } } }", token: admin);
        var caps = settings.EnsureNoErrors().Data!["protocolSettings"]!["deadlines"]!.AsArray()
            .ToDictionary(d => d!["kind"]!.GetValue<string>(), d => d!["calendarCapHours"]!.GetValue<int>());

        Assert.Equal(Enum.GetValues<CaseTaskKind>().Length, caps.Count);
        Assert.Equal(24, caps["NOTIFY_FAMILY_EMERGENCY_CONTACT"]);
        Assert.Equal(24, caps["POLICE_TRANSPORT_ASSISTANCE"]);
        Assert.Equal(72, caps["PROFESSIONAL_CRISIS_INTERVENTION"]);
        Assert.Equal(72, caps["RAISE_VISIT_FREQUENCY"]);
        Assert.Equal(72, caps["GRADE_RISK"]);
        Assert.Equal(14 * 24, caps["GUIDE_TO_PSYCHIATRIC_INSTITUTION"]);
        Assert.Equal(14 * 24, caps["DISCHARGE_HAND_OVER"]);
        Assert.Equal(14 * 24, caps["DISCHARGE_COMMUNITY_CHECK"]);
        Assert.Equal(39 * 24, caps["FOLLOW_UP_VISIT"]);
    }

    [Fact]
    public async Task Refuse_a_deadline_longer_than_its_kind_allows_audited_and_nothing_changed_F13()
    {
        var admin = factory.TokenFor("admin-f13@demo-town", "demo-town", Roles.TenantAdmin);
        var auditor = factory.TokenFor("auditor@demo-town", "demo-town", Roles.Auditor);
        const string Query = "{ protocolSettings { deadlines { kind amount unit } } }";
        var before = (await _client.PostAsync("/t/demo-town/graphql", Query, token: admin)).EnsureNoErrors().Data!.ToJsonString();

        // A 24-hour professional crisis intervention (R-1.10) stretched to 90 days.
        var refused = await _client.PostAsync("/t/demo-town/graphql", "mutation { setProtocolDeadline(kind: PROFESSIONAL_CRISIS_INTERVENTION, amount: 90, unit: CALENDAR_DAYS) { timeZone } }", token: admin);
        var at = await _client.PostAsync("/t/demo-town/graphql", "mutation { setProtocolDeadline(kind: FOLLOW_UP_VISIT, amount: 31, unit: CALENDAR_DAYS) { timeZone } }", token: admin);

        var extensions = refused.Errors![0]!["extensions"]!;
        Assert.Equal(("VALIDATION_FAILED", "amount", "deadline-bound", "PROFESSIONAL_CRISIS_INTERVENTION", "72", "HOURS"),
            (refused.FirstCode, extensions["field"]!.GetValue<string>(), extensions["rule"]!.GetValue<string>(),
                extensions["kind"]!.GetValue<string>(), extensions["maxAmount"]!.GetValue<string>(), extensions["maxUnit"]!.GetValue<string>()));
        Assert.Contains("72 hours", refused.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("专业人员危机干预", refused.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("VALIDATION_FAILED", at.FirstCode);
        Assert.Equal(before, (await _client.PostAsync("/t/demo-town/graphql", Query, token: admin)).EnsureNoErrors().Data!.ToJsonString());
        var denied = (await _client.PostAsync("/t/demo-town/graphql",
            "{ auditLog(filter: { actor: \"admin-f13@demo-town\", action: \"DENIED\" }, first: 10) { nodes { refusal { code } } } }", token: auditor))
            .EnsureNoErrors().Data!["auditLog"]!["nodes"]!.AsArray();
        Assert.Equal(2, denied.Count(n => n!["refusal"]!["code"]!.GetValue<string>() == "VALIDATION_FAILED"));

        // At the bound is accepted: 72 hours, and 3 calendar days (the same length).
        (await _client.PostAsync("/t/demo-town/graphql", "mutation { setProtocolDeadline(kind: PROFESSIONAL_CRISIS_INTERVENTION, amount: 3, unit: CALENDAR_DAYS) { timeZone } }", token: admin)).EnsureNoErrors();
        (await _client.PostAsync("/t/demo-town/graphql", "mutation { setProtocolDeadline(kind: PROFESSIONAL_CRISIS_INTERVENTION, amount: 24, unit: HOURS) { timeZone } }", token: admin)).EnsureNoErrors();
    }
}
