using System.Text.Json.Nodes;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Tests.Receipts;

/// <summary>
/// What a school's principal (role Supervisor) does (docs/access.md "What a Supervisor sees", R-1.13, R-2.8, R-4.1): lists the
/// cases, people and tasks without sensitive fields, watches the overdue board, takes the work escalated to supervision and
/// opens those cases, and opens any other case or record only by breaking the glass — each read audited.
/// Its own factory: the test moves the clock past a deadline.
/// </summary>
[Trait("tier", "api")]
public sealed class SupervisorShould : IAsyncLifetime
{
    private const string Path = "/t/demo-school/graphql";
    private readonly CareGridApiFactory _factory = new();
    private GraphQLClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _factory.GraphQL();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    /// <summary>A token for <paramref name="subject"/> after making them a member of <paramref name="unit"/> (need-to-know by organization, docs/access.md).</summary>
    private async Task<string> MemberAsync(string subject, string unit, string roleCode, string role, params string[] qualifications)
    {
        await StaffMembers.AddAsync(_factory, _client, "demo-school", subject, unit, roleCode, qualifications);
        return _factory.TokenFor(subject, "demo-school", role);
    }

    [Fact]
    public async Task List_the_schools_work_and_watch_the_overdue_board_without_opening_cases()
    {
        var principal = await MemberAsync("principal@demo-school", "leadership", "LeadershipGroupLeader", Roles.Supervisor);
        var (caseId, student) = await HighRiskCaseAsync();

        var lists = await OkAsync(principal, "{ cases(filter: { open: true }, first: 100) { nodes { id status riskLevel escalationLevel assigneeId } } "
            + "people(first: 100) { nodes { id } } myTasks { nodes { id } } overdueTasks { nodes { id } } organizations { id } organizationHealth { findings { rule } } }");
        Assert.Contains(lists["cases"]!["nodes"]!.AsArray(), n => n!["id"]!.GetValue<string>() == caseId && n["riskLevel"]!.GetValue<string>() == "HIGH");
        Assert.Contains(lists["people"]!["nodes"]!.AsArray(), n => n!["id"]!.GetValue<string>() == student);

        // Opening the case or the student's record is need-to-know: refused with the rule named, no data.
        var refusedCase = await _client.PostAsync(Path, $"{{ case(id: \"{caseId}\") {{ summary }} }}", token: principal);
        Assert.Equal(("FORBIDDEN", "need-to-know"), (refusedCase.FirstCode, refusedCase.Errors![0]!["extensions"]!["rule"]!.GetValue<string>()));
        Assert.Null(refusedCase.Data?["case"]);
        var refusedPerson = await _client.PostAsync(Path, $"{{ person(id: \"{student}\") {{ contacts {{ phone }} }} }}", token: principal);
        Assert.Equal(("FORBIDDEN", "need-to-know"), (refusedPerson.FirstCode, refusedPerson.Errors![0]!["extensions"]!["rule"]!.GetValue<string>()));

        // Not a Supervisor's: level-3 professional acts, the audit log, administration and the data-rights export.
        var intervention = await _client.PostAsync(Path, $"mutation {{ breakTheGlass(entity: CASE, id: \"{caseId}\", reason: \"Checking the crisis plan is followed\") {{ until }} }}", token: principal);
        intervention.EnsureNoErrors();
        var start = await _client.PostAsync(Path, $"mutation {{ startIntervention(id: \"{caseId}\") {{ status }} }}", token: principal);
        Assert.Equal("FORBIDDEN", start.FirstCode);
        foreach (var document in new[] { "{ auditLog { nodes { action } } }", $"{{ exportPerson(id: \"{student}\", purpose: LEGAL) }}",
            "mutation { createOrganization(input: { id: \"class-8-9\", name: \"Class 8-9\", kind: CLASS, parentId: \"grade-8\" }) { id } }" })
        {
            var refused = await _client.PostAsync(Path, document, token: principal);
            Assert.Equal("FORBIDDEN", refused.FirstCode);
            Assert.NotNull(refused.Errors![0]!["extensions"]!["requiredRoles"]);
        }

        // Two hours later the family has not been notified: the board shows it, before and after the deadline escalates it.
        _factory.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(5));
        Assert.Contains(await OverdueKindsAsync(principal, caseId), k => k == "NOTIFY_FAMILY_EMERGENCY_CONTACT");
        await CheckDeadlinesAsync(caseId);
        Assert.Contains(await OverdueKindsAsync(principal, caseId), k => k == "NOTIFY_FAMILY_EMERGENCY_CONTACT");
    }

    [Fact]
    public async Task Take_and_finish_work_escalated_to_supervision_and_break_the_glass_on_other_cases_audited()
    {
        var principal = await MemberAsync("principal@demo-school", "leadership", "LeadershipGroupLeader", Roles.Supervisor);
        var (caseId, _) = await HighRiskCaseAsync();
        _factory.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(5));
        await CheckDeadlinesAsync(caseId);

        // The overdue level-3 task went to queue:supervisor: the principal's own list, and the case opens to them.
        var mine = (await OkAsync(principal, "{ myTasks(first: 100) { nodes { id caseId kind ownerId } } }"))["myTasks"]!["nodes"]!.AsArray();
        var task = mine.Single(n => n!["caseId"]!.GetValue<string>() == caseId)!;
        Assert.Equal("queue:supervisor", task["ownerId"]!.GetValue<string>());
        var opened = (await OkAsync(principal, $"{{ case(id: \"{caseId}\") {{ status tasks {{ id kind ownerId }} }} }}"))["case"]!;
        var taskId = opened["tasks"]!.AsArray().Single(t => t!["ownerId"]!.GetValue<string>() == "queue:supervisor")!["id"]!.GetValue<string>();
        var done = await OkAsync(principal, $"mutation {{ completeTask(id: \"{caseId}\", taskId: \"{taskId}\", note: \"Principal phoned the grandmother\") {{ tasks {{ id status }} }} }}");
        Assert.Equal("DONE", done["completeTask"]!["tasks"]!.AsArray().Single(t => t!["id"]!.GetValue<string>() == taskId)!["status"]!.GetValue<string>());

        // Any other case: break the glass with a reason, then read; both audited.
        await OkAsync(principal, "mutation { breakTheGlass(entity: CASE, id: \"case-school-1\", reason: \"Parent complaint reached the principal today\") { until } }");
        Assert.Equal("TRIAGE", (await OkAsync(principal, "{ case(id: \"case-school-1\") { status } }"))["case"]!["status"]!.GetValue<string>());

        var auditor = _factory.TokenFor("auditor@demo-school", "demo-school", Roles.Auditor);
        var log = (await _client.PostAsync(Path, "{ auditLog(filter: { actor: \"principal@demo-school\" }, first: 100) { nodes { action entityType entityId } } }", token: auditor))
            .EnsureNoErrors().Data!["auditLog"]!["nodes"]!.AsArray().Select(n => $"{n!["action"]} {n["entityType"]} {n["entityId"]}").ToList();
        Assert.Contains($"READ Case {caseId}", log);
        Assert.Contains("BREAK_THE_GLASS Case case-school-1", log);
        Assert.Contains("READ Case case-school-1", log);
    }

    /// <summary>A psychology teacher reports a HIGH risk about a new student: level 3, the R-1.10 deadline tasks theirs.</summary>
    private async Task<(string CaseId, string Student)> HighRiskCaseAsync()
    {
        var psych = await MemberAsync("psych@demo-school", "counselling-centre", "PsychologyTeacher", Roles.Counsellor, "RelevantDegree", "CounsellingCertificate");
        var student = await DemoStudents.NewAsync(_client, psych);
        var reported = await OkAsync(psych, $"mutation {{ reportConcern(input: {{ personId: \"{student}\", summary: \"Wrote a goodbye letter\", riskLevel: HIGH }}) {{ id }} }}");
        return (reported["reportConcern"]!["id"]!.GetValue<string>(), student);
    }

    private async Task<List<string>> OverdueKindsAsync(string token, string caseId) =>
        [.. (await OkAsync(token, "{ overdueTasks(first: 100) { nodes { caseId kind } } }"))["overdueTasks"]!["nodes"]!.AsArray()
            .Where(n => n!["caseId"]!.GetValue<string>() == caseId).Select(n => n!["kind"]!.GetValue<string>())];

    private async Task CheckDeadlinesAsync(string caseId)
    {
        TenantContext.Set("demo-school");
        try
        {
            await _factory.Services.GetRequiredService<IGrainFactory>().GetGrain<ICaseGrain>(TenantIds.Key("demo-school", caseId)).CheckDeadlines();
        }
        finally
        {
            TenantContext.Clear();
        }
    }

    private async Task<JsonNode> OkAsync(string token, string document) => (await _client.PostAsync(Path, document, token: token)).EnsureNoErrors().Data!;
}
