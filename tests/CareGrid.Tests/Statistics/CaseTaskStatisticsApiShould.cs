using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using CareGrid.Tests.PeopleDirectory;

namespace CareGrid.Tests.Statistics;

/// <summary>
/// The case, task and caseload figures of <c>statistics</c> through GraphQL (docs/statistics.md "Cases and tasks"): a
/// high-risk concern shows as an open High case with its R-1.10 tasks, its tasks turn overdue as the clock passes their
/// deadline (no command in between), a late completion counts past its deadline, and the caseload lists the owners.
/// Its own factory: the test moves the clock.
/// </summary>
[Trait("tier", "api")]
public sealed class CaseTaskStatisticsApiShould : IAsyncLifetime
{
    private const string Fields = "cases { openByRiskLevel { riskLevel count } openByEscalationLevel { level count } byUnit { organizationId name open closed } weeks { week reported closed reopened } } "
        + "tasks { open overdue overdueByKind { kind count } overdueByUnit { organizationId name count } deadlinesByKind { kind doneWithin donePast } } "
        + "caseload { worker isQueue openCases openCasesByRiskLevel { riskLevel count } openTasks overdueTasks }";

    private readonly CareGridApiFactory _factory = new();
    private DirectoryApi _api = null!;

    public Task InitializeAsync()
    {
        _api = new DirectoryApi(_factory);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static long Count(JsonNode list, string keyName, string key) =>
        list.AsArray().Single(n => n![keyName]!.ToString() == key)!["count"]!.GetValue<long>();

    [Fact]
    public async Task Follow_cases_and_tasks_as_the_clock_passes_deadlines_and_work_is_done()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "core");
        await _api.OkAsync(tenant, "mutation { createOrganization(input: { id: \"class-1\", name: \"Class One\", kind: CLASS, parentId: \"school\", escalationLevel: 1 }) { id } }");
        foreach (var p in new[] { "p1", "p2" })
        {
            await _api.OkAsync(tenant, $"mutation {{ registerPerson(input: {{ id: \"{p}\", displayName: \"学生 {p}\", organizationId: \"class-1\", sex: MALE, birthYear: 2011 }}) {{ id }} }}");
        }

        await StaffMembers.SchoolLeadershipAsync(_factory, _api.Client, tenant, $"homeroom@{tenant}"); // stays on the cases they report (RT17-7)
        var homeroom = _factory.TokenFor($"homeroom@{tenant}", tenant, Roles.Caseworker);
        var high = (await _api.OkAsync(tenant, "mutation { reportConcern(input: { personId: \"p1\", summary: \"Wrote a goodbye letter\", riskLevel: HIGH }) { id } }", token: homeroom))["reportConcern"]!["id"]!.GetValue<string>();
        var low = (await _api.OkAsync(tenant, "mutation { reportConcern(input: { personId: \"p2\", summary: \"Cries in class\", riskLevel: LOW }) { id } }", token: homeroom))["reportConcern"]!["id"]!.GetValue<string>();
        await _api.OkAsync(tenant, $"mutation {{ triageCase(id: \"{low}\") {{ id }} }}", token: homeroom);
        await _api.OkAsync(tenant, $"mutation {{ closeCase(id: \"{low}\", reason: \"Resolved at intake\") {{ id }} }}", token: homeroom);

        var supervisor = _factory.TokenFor($"principal@{tenant}", tenant, Roles.Supervisor);
        var stats = await StatisticsAsync(tenant, supervisor);
        Assert.Equal(1, Count(stats["cases"]!["openByRiskLevel"]!, "riskLevel", "HIGH"));
        var unit = stats["cases"]!["byUnit"]!.AsArray().Single()!;
        Assert.Equal(("class-1", "Class One", 1L, 1L), (unit["organizationId"]!.GetValue<string>(), unit["name"]!.GetValue<string>(), unit["open"]!.GetValue<long>(), unit["closed"]!.GetValue<long>()));
        var thisWeek = stats["cases"]!["weeks"]!.AsArray()[^1]!;
        Assert.Equal((2L, 1L), (thisWeek["reported"]!.GetValue<long>(), thisWeek["closed"]!.GetValue<long>()));
        var open = stats["tasks"]!["open"]!.GetValue<long>();
        Assert.True(open > 0, "a High concern starts the R-1.10 tasks");
        Assert.Equal(0, stats["tasks"]!["overdue"]!.GetValue<long>());
        Assert.Equal(open, stats["caseload"]!.AsArray().Sum(w => w!["openTasks"]!.GetValue<long>()));
        Assert.Equal(1, stats["caseload"]!.AsArray().Sum(w => w!["openCases"]!.GetValue<long>()));

        // No command runs: the family notification (due in 2 hours, R-1.10) is overdue once the clock passes its deadline.
        _factory.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(5));
        stats = await StatisticsAsync(tenant, supervisor);
        Assert.Equal(1, Count(stats["tasks"]!["overdueByKind"]!, "kind", "NOTIFY_FAMILY_EMERGENCY_CONTACT"));
        var overdue = stats["tasks"]!["overdue"]!.GetValue<long>();
        Assert.Equal(overdue, Count(stats["tasks"]!["overdueByUnit"]!, "organizationId", "class-1"));
        Assert.Equal(overdue, stats["caseload"]!.AsArray().Sum(w => w!["overdueTasks"]!.GetValue<long>()));

        var tasks = (await _api.OkAsync(tenant, $"{{ case(id: \"{high}\") {{ tasks {{ id kind status }} }} }}", token: homeroom))["case"]!["tasks"]!.AsArray();
        var notify = tasks.First(t => t!["kind"]!.GetValue<string>() == "NOTIFY_FAMILY_EMERGENCY_CONTACT" && t["status"]!.GetValue<string>() == "OPEN")!["id"]!.GetValue<string>();
        await _api.OkAsync(tenant, $"mutation {{ completeTask(id: \"{high}\", taskId: \"{notify}\", note: \"Phoned the mother\") {{ id }} }}", token: homeroom);
        stats = await StatisticsAsync(tenant, supervisor);
        var deadline = stats["tasks"]!["deadlinesByKind"]!.AsArray().Single(d => d!["kind"]!.GetValue<string>() == "NOTIFY_FAMILY_EMERGENCY_CONTACT")!;
        Assert.Equal((0L, 1L), (deadline["doneWithin"]!.GetValue<long>(), deadline["donePast"]!.GetValue<long>()));
        Assert.Equal(0, Count(stats["tasks"]!["overdueByKind"]!, "kind", "NOTIFY_FAMILY_EMERGENCY_CONTACT"));
        Assert.Equal(overdue - 1, stats["tasks"]!["overdue"]!.GetValue<long>());
    }

    [Fact]
    public async Task Count_an_ungraded_case_in_its_own_bucket_never_under_low_until_it_is_graded()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "ungr");
        await _api.OkAsync(tenant, "mutation { createOrganization(input: { id: \"class-1\", name: \"Class One\", kind: CLASS, parentId: \"school\", escalationLevel: 1 }) { id } }");
        foreach (var p in new[] { "p1", "p2" })
        {
            await _api.OkAsync(tenant, $"mutation {{ registerPerson(input: {{ id: \"{p}\", displayName: \"学生 {p}\", organizationId: \"class-1\", sex: MALE, birthYear: 2011 }}) {{ id }} }}");
        }

        await StaffMembers.SchoolLeadershipAsync(_factory, _api.Client, tenant, $"homeroom@{tenant}"); // stays on the cases they report (RT17-7)
        var homeroom = _factory.TokenFor($"homeroom@{tenant}", tenant, Roles.Caseworker);
        // p1 reported as unsure (no riskLevel: docs/protocol.md "Ungraded reports"), p2 graded LOW.
        var unsure = (await _api.OkAsync(tenant, "mutation { reportConcern(input: { personId: \"p1\", summary: \"Not sure how serious\" }) { id riskGraded } }", token: homeroom))["reportConcern"]!;
        await _api.OkAsync(tenant, "mutation { reportConcern(input: { personId: \"p2\", summary: \"Cries in class\", riskLevel: LOW }) { id } }", token: homeroom);
        Assert.False(unsure["riskGraded"]!.GetValue<bool>());

        var supervisor = _factory.TokenFor($"principal@{tenant}", tenant, Roles.Supervisor);
        const string Query = "{ statistics(language: ZH_HANS) { cases { openByRiskLevel { riskLevel count } openUngraded } "
            + "caseload { openCases openCasesByRiskLevel { riskLevel count } openCasesUngraded } tables { key rows { text number } } } }";
        var stats = (await _api.OkAsync(tenant, Query, token: supervisor))["statistics"]!;
        Assert.Equal((1L, 1L), (Count(stats["cases"]!["openByRiskLevel"]!, "riskLevel", "LOW"), stats["cases"]!["openUngraded"]!.GetValue<long>()));
        var caseload = stats["caseload"]!.AsArray();
        Assert.Equal((2L, 1L, 1L), (caseload.Sum(w => w!["openCases"]!.GetValue<long>()), caseload.Sum(w => Count(w!["openCasesByRiskLevel"]!, "riskLevel", "LOW")),
            caseload.Sum(w => w!["openCasesUngraded"]!.GetValue<long>())));
        var byRisk = stats["tables"]!.AsArray().Single(t => t!["key"]!.GetValue<string>() == "cases-by-risk-level")!["rows"]!.AsArray();
        Assert.Equal([("低", 1L), ("中", 0L), ("高", 0L), ("紧急", 0L), ("未评估", 1L)],
            byRisk.Select(r => (r!.AsArray()[0]!["text"]!.GetValue<string>(), r.AsArray()[1]!["number"]!.GetValue<long>())));

        // A grading at LOW (by a psychology teacher: below HIGH a case reported as unsure is graded by level 3) makes it a graded LOW case.
        await StaffMembers.SchoolPsychologistAsync(_factory, _api.Client, tenant, $"psych@{tenant}");
        await _api.OkAsync(tenant, $"mutation {{ assessRisk(id: \"{unsure["id"]!.GetValue<string>()}\", riskLevel: LOW, reason: \"Spoke with her; low risk\") {{ id }} }}",
            token: _factory.TokenFor($"psych@{tenant}", tenant, Roles.Counsellor));
        stats = (await _api.OkAsync(tenant, Query, token: supervisor))["statistics"]!;
        Assert.Equal((2L, 0L), (Count(stats["cases"]!["openByRiskLevel"]!, "riskLevel", "LOW"), stats["cases"]!["openUngraded"]!.GetValue<long>()));
    }

    [Fact]
    public async Task Give_the_case_and_task_tables_in_simplified_chinese()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "core-zh");
        var tables = (await _api.OkAsync(tenant, "{ statistics(language: ZH_HANS) { tables { key title columns } } }", token: _factory.TokenFor($"principal@{tenant}", tenant, Roles.Supervisor)))["statistics"]!["tables"]!.AsArray();
        var byKey = tables.ToDictionary(t => t!["key"]!.GetValue<string>(), t => t!["title"]!.GetValue<string>());
        Assert.Equal("按风险等级统计的在案个案（当前）", byKey["cases-by-risk-level"]);
        Assert.Equal("按任务类型统计的逾期任务（当前）", byKey["overdue-tasks-by-kind"]);
        Assert.Equal("工作人员个案负荷（当前）", byKey["caseload"]);
        // Flow tables say they count the period, snapshot tables that they describe now (docs/statistics.md "Exports").
        Assert.Equal("每周新报告、结案和重新开案的个案（统计期内）", byKey["cases-per-week"]);
        Assert.Equal("按期与逾期完成的任务（统计期内）", byKey["task-deadlines-by-kind"]);
    }

    private async Task<JsonNode> StatisticsAsync(string tenant, string token) =>
        (await _api.OkAsync(tenant, "{ statistics { " + Fields + " } }", token: token))["statistics"]!;
}
