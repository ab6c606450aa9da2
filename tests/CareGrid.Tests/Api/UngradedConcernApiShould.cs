using System.Text.Json.Nodes;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Tests.Api;

/// <summary>
/// A concern reported without a grading (the reporter chose 不确定 / unsure, docs/protocol.md "Ungraded reports") through
/// GraphQL: the case and its list row say <c>riskGraded: false</c> while <c>riskLevel</c> reads LOW as a placeholder; a
/// reporter's explicit LOW is graded; <c>assessRisk</c> grades it, on the case and on the list row. The <c>cases</c> filter's
/// LOW means graded LOW and <c>riskGraded: false</c> lists the ungraded ones; an ungraded case opens with a <c>GRADE_RISK</c>
/// task that a grading completes and that escalates when nobody grades it by its deadline (fake clock).
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class UngradedConcernApiShould(CareGridApiFactory factory)
{
    private readonly GraphQLClient _client = factory.GraphQL();

    private async Task<(string Path, string Admin)> SchoolAsync()
    {
        var tenant = Seeds.NewTenantId("ungraded");
        (await _client.PostAsync("/graphql", "mutation($in: OnboardTenantInput!) { onboardTenant(input: $in) { id } }",
            new { @in = new { id = tenant, name = "Ungraded school", kind = "SCHOOL", firstAdminSubject = "head@" + tenant } },
            factory.Token(null, Roles.PlatformAdmin))).EnsureNoErrors();
        var admin = factory.TokenFor("head@" + tenant, tenant, Roles.TenantAdmin);
        var path = $"/t/{tenant}/graphql";
        foreach (var (id, kind, parent, level) in new[] { ("school", "SCHOOL", (string?)null, (int?)null), ("class-7-1", "CLASS", "school", 1) })
        {
            (await _client.PostAsync(path, "mutation($in: CreateOrganizationInput!) { createOrganization(input: $in) { id } }",
                new { @in = new { id, name = id, kind, parentId = parent, escalationLevel = level } }, admin)).EnsureNoErrors();
        }

        return (path, admin);
    }

    /// <summary>A psychology teacher of the school's counselling centre (level 3, the whole school).</summary>
    private async Task<string> PsychAsync(string path)
    {
        var tenant = path.Split('/')[2];
        var subject = $"psych-{Guid.NewGuid():N}@{tenant}";
        await StaffMembers.SchoolPsychologistAsync(factory, _client, tenant, subject);
        return factory.TokenFor(subject, tenant, Roles.Counsellor);
    }

    [Fact]
    public async Task Open_a_concern_without_a_grading_as_not_yet_graded_until_assessRisk_grades_it()
    {
        var (path, admin) = await SchoolAsync();
        foreach (var id in new[] { "stu-unsure", "stu-low", "stu-moderate" })
        {
            (await _client.PostAsync(path, $"mutation {{ registerPerson(input: {{ id: \"{id}\", displayName: \"{id}\", organizationId: \"class-7-1\", sex: FEMALE }}) {{ id }} }}", token: admin)).EnsureNoErrors();
        }

        var tenant = path.Split('/')[2];
        await StaffMembers.AddAsync(factory, _client, tenant, "homeroom@" + tenant, "class-7-1", "HomeroomTeacher"); // reports about their class (RT17-7)
        var homeroom = factory.TokenFor("homeroom@" + tenant, tenant, Roles.Caseworker);
        var unsure = await ReportAsync(path, homeroom, "stu-unsure", "手腕上有划痕，说'不想活了'", null);
        var low = await ReportAsync(path, homeroom, "stu-low", "Tired in class", "LOW");
        var moderate = await ReportAsync(path, homeroom, "stu-moderate", "Withdrawn for a week", "MODERATE");
        Assert.Equal(("LOW", false), (unsure["riskLevel"]!.GetValue<string>(), unsure["riskGraded"]!.GetValue<bool>()));
        Assert.True(low["riskGraded"]!.GetValue<bool>());
        Assert.True(moderate["riskGraded"]!.GetValue<bool>());

        var unsureId = unsure["id"]!.GetValue<string>();
        Assert.Equal(
            [(unsureId, false), (low["id"]!.GetValue<string>(), true), (moderate["id"]!.GetValue<string>(), true)],
            (await ListAsync(path, admin)).OrderBy(r => r.Id == unsureId ? 0 : r.Id == low["id"]!.GetValue<string>() ? 1 : 2));
        var read = await _client.PostAsync(path, $"{{ case(id: \"{unsureId}\") {{ riskGraded }} }}", token: homeroom);
        Assert.False(read.EnsureNoErrors().Data!["case"]!["riskGraded"]!.GetValue<bool>());

        var assessed = await _client.PostAsync(path, $"mutation {{ assessRisk(id: \"{unsureId}\", riskLevel: HIGH, reason: \"scratches and suicide talk\") {{ riskLevel riskGraded escalationLevel }} }}", token: homeroom);
        var graded = assessed.EnsureNoErrors().Data!["assessRisk"]!;
        Assert.Equal(("HIGH", true, 3), (graded["riskLevel"]!.GetValue<string>(), graded["riskGraded"]!.GetValue<bool>(), graded["escalationLevel"]!.GetValue<int>()));
        Assert.Contains((unsureId, true), await ListAsync(path, admin));
    }

    [Fact]
    public async Task List_LOW_as_graded_LOW_only_and_the_cases_not_yet_graded_by_riskGraded_false()
    {
        var (path, admin) = await SchoolAsync();
        var homeroom = await RegisterAsync(path, admin, "stu-unsure", "stu-low", "stu-moderate");
        var unsure = (await ReportAsync(path, homeroom, "stu-unsure", "手腕上有划痕", null))["id"]!.GetValue<string>();
        var low = (await ReportAsync(path, homeroom, "stu-low", "Tired in class", "LOW"))["id"]!.GetValue<string>();
        var moderate = (await ReportAsync(path, homeroom, "stu-moderate", "Withdrawn for a week", "MODERATE"))["id"]!.GetValue<string>();

        // LOW is graded LOW: the placeholder of a case reported as unsure is not a low-risk case (docs/api.md).
        Assert.Equal((low, 1), await FilteredAsync(path, admin, "open: true, riskLevel: LOW"));
        Assert.Equal((unsure, 1), await FilteredAsync(path, admin, "riskGraded: false"));
        Assert.Equal((Sorted(low, moderate), 2), await FilteredAsync(path, admin, "riskGraded: true"));
        Assert.Equal(("", 0), await FilteredAsync(path, admin, "riskLevel: LOW, riskGraded: false"));
        Assert.Equal(3, (await FilteredAsync(path, admin, "open: true")).Total); // neither: both kinds

        // below HIGH a case reported as unsure is graded by a professional (round-26 trial; docs/protocol.md "Ungraded reports")
        (await _client.PostAsync(path, $"mutation {{ assessRisk(id: \"{unsure}\", riskLevel: LOW, reason: \"exam stress, no self-harm\") {{ id }} }}", token: await PsychAsync(path))).EnsureNoErrors();
        Assert.Equal((Sorted(unsure, low), 2), await FilteredAsync(path, admin, "riskLevel: LOW"));
        Assert.Equal(("", 0), await FilteredAsync(path, admin, "riskGraded: false"));
    }

    [Fact]
    public async Task Open_a_case_not_yet_graded_with_a_GRADE_RISK_task_that_only_a_grading_completes()
    {
        var (path, admin) = await SchoolAsync();
        var homeroom = await RegisterAsync(path, admin, "stu-a", "stu-b");
        var a = await ReportAsync(path, homeroom, "stu-a", "Said she does not want to go home", null, Tasks);
        var task = Assert.Single(a["tasks"]!.AsArray())!;
        Assert.Equal(("GRADE_RISK", "OPEN", "queue:level-3"), (task["kind"]!.GetValue<string>(), task["status"]!.GetValue<string>(), task["ownerId"]!.GetValue<string>()));
        Assert.Equal(a["reportedAt"]!.GetValue<DateTimeOffset>().AddHours(24), task["dueAt"]!.GetValue<DateTimeOffset>());
        var caseA = a["id"]!.GetValue<string>();

        // completeTask does not stand in for a grading, and nextActions says so.
        var ticked = await _client.PostAsync(path, $"mutation {{ completeTask(id: \"{caseA}\", taskId: \"{task["id"]!.GetValue<string>()}\", note: \"seen\") {{ id }} }}", token: homeroom);
        Assert.Equal(("REASSESSMENT_REQUIRED", "risk-ungraded"), (ticked.FirstCode, ticked.Errors![0]!["extensions"]!["rule"]!.GetValue<string>()));
        var next = (await _client.PostAsync(path, $"{{ case(id: \"{caseA}\") {{ nextActions {{ action allowed code taskId }} }} }}", token: homeroom)).EnsureNoErrors().Data!["case"]!["nextActions"]!.AsArray();
        Assert.Contains(next, n => n!["action"]!.GetValue<string>() == "completeTask" && !n["allowed"]!.GetValue<bool>() && n["code"]!.GetValue<string>() == "REASSESSMENT_REQUIRED");

        var refused = await _client.PostAsync(path, $"mutation {{ assessRisk(id: \"{caseA}\", riskLevel: MODERATE, reason: \"talked with her\") {{ id }} }}", token: homeroom);
        Assert.Equal(("FORBIDDEN", "ungraded-professional"), (refused.FirstCode, refused.Errors![0]!["extensions"]!["rule"]!.GetValue<string>()));
        var assessed = await _client.PostAsync(path, $"mutation {{ assessRisk(id: \"{caseA}\", riskLevel: MODERATE, reason: \"talked with her\") {Tasks} }}", token: await PsychAsync(path));
        var done = Assert.Single(assessed.EnsureNoErrors().Data!["assessRisk"]!["tasks"]!.AsArray())!;
        Assert.Equal(("DONE", "assessRisk"), (done["status"]!.GetValue<string>(), done["closedByAction"]!.GetValue<string>()));

        var b = (await ReportAsync(path, homeroom, "stu-b", "Cries in class", null))["id"]!.GetValue<string>();
        // the homeroom teacher's low screening is recorded but grades nothing below HIGH (round-27 red team): the task stays open
        var byTeacher = await _client.PostAsync(path, $"mutation {{ recordScreening(id: \"{b}\", instrument: GAD7, answers: [1, 0, 1, 0, 0, 1, 0]) {{ riskGraded tasks {{ kind status }} }} }}", token: homeroom);
        var stillOpen = byTeacher.EnsureNoErrors().Data!["recordScreening"]!;
        Assert.Equal((false, "OPEN"), (stillOpen["riskGraded"]!.GetValue<bool>(), Assert.Single(stillOpen["tasks"]!.AsArray())!["status"]!.GetValue<string>()));
        // so does a joining concern graded MODERATE by the teacher
        Assert.False((await ReportAsync(path, homeroom, "stu-b", "Seems a bit better", "MODERATE"))["riskGraded"]!.GetValue<bool>());
        var screened = await _client.PostAsync(path, $"mutation {{ recordScreening(id: \"{b}\", instrument: GAD7, answers: [1, 0, 1, 0, 0, 1, 0]) {Tasks} }}", token: await PsychAsync(path));
        var byScreening = Assert.Single(screened.EnsureNoErrors().Data!["recordScreening"]!["tasks"]!.AsArray())!;
        Assert.Equal(("DONE", "recordScreening"), (byScreening["status"]!.GetValue<string>(), byScreening["closedByAction"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Escalate_a_GRADE_RISK_task_when_nobody_grades_the_case_by_its_deadline()
    {
        var (path, admin) = await SchoolAsync();
        var homeroom = await RegisterAsync(path, admin, "stu-late");
        var tenant = path.Split('/')[2];
        var reported = await ReportAsync(path, homeroom, "stu-late", "Gave away her things", null, Tasks);
        var caseId = reported["id"]!.GetValue<string>();
        var due = reported["tasks"]![0]!["dueAt"]!.GetValue<DateTimeOffset>();

        var grain = factory.Services.GetRequiredService<IGrainFactory>().GetGrain<ICaseGrain>(TenantIds.Key(tenant, caseId));
        TenantContext.Set(tenant);
        try
        {
            Assert.Equal(0, await grain.CheckDeadlines()); // not due yet
            factory.Clock.SetUtcNow(due.AddMinutes(1));
            Assert.Equal(1, await grain.CheckDeadlines()); // the grading task, like any protocol task (R-1.10 deadlines)
        }
        finally
        {
            TenantContext.Clear();
        }

        var c = (await _client.PostAsync(path, $"{{ case(id: \"{caseId}\") {{ riskGraded tasks {{ kind ownerId originalOwnerId escalationCount overdue }} timeline {{ action }} }} }}", token: admin)).EnsureNoErrors().Data!["case"]!;
        var task = Assert.Single(c["tasks"]!.AsArray())!;
        Assert.Equal(("GRADE_RISK", "queue:supervisor", "queue:level-3", 1, true),
            (task["kind"]!.GetValue<string>(), task["ownerId"]!.GetValue<string>(), task["originalOwnerId"]!.GetValue<string>(), task["escalationCount"]!.GetValue<int>(), task["overdue"]!.GetValue<bool>()));
        Assert.False(c["riskGraded"]!.GetValue<bool>());
        Assert.Single(c["timeline"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "TaskOverdue");

        var overdue = (await _client.PostAsync(path, "{ overdueTasks(first: 100) { nodes { caseId kind } } }", token: admin)).EnsureNoErrors();
        Assert.Contains(overdue.Data!["overdueTasks"]!["nodes"]!.AsArray(), n => n!["caseId"]!.GetValue<string>() == caseId && n["kind"]!.GetValue<string>() == "GRADE_RISK");
        var board = (await _client.PostAsync(path, "{ overdueBoard(language: ZH_HANS) { nodes { caseId kind kindLabel riskGraded overdue } } }", token: admin)).EnsureNoErrors();
        var item = Assert.Single(board.Data!["overdueBoard"]!["nodes"]!.AsArray(), n => n!["caseId"]!.GetValue<string>() == caseId)!;
        Assert.Equal(("GRADE_RISK", "评估风险等级", false, true),
            (item["kind"]!.GetValue<string>(), item["kindLabel"]!.GetValue<string>(), item["riskGraded"]!.GetValue<bool>(), item["overdue"]!.GetValue<bool>()));
    }

    /// <summary>
    /// Round-34 re-check: "不想活了，药都攒好了" reported through the API without a grading waited a day for one, at level 1. The
    /// service now reads the words itself: the case goes to level 3 with a GRADE_RISK task due within the hour, and
    /// <c>crisisWords</c> answers the console's question with the same list (docs/protocol.md "Crisis words").
    /// </summary>
    [Fact]
    public async Task Send_an_ungraded_report_whose_words_suggest_a_crisis_to_level_3_with_a_grading_due_within_the_hour()
    {
        var (path, admin) = await SchoolAsync();
        var homeroom = await RegisterAsync(path, admin, "stu-words");
        const string words = "{ id reportedAt escalationLevel riskGraded crisisWords tasks { kind dueAt ownerId } timeline { action } }";
        var c = await ReportAsync(path, homeroom, "stu-words", "她说不想活了，药都攒好了", null, words);

        Assert.Equal((3, false, "不想活,攒药"), (c["escalationLevel"]!.GetValue<int>(), c["riskGraded"]!.GetValue<bool>(), string.Join(",", c["crisisWords"]!.AsArray().Select(w => w!.GetValue<string>()))));
        var task = Assert.Single(c["tasks"]!.AsArray())!;
        Assert.Equal(("GRADE_RISK", "queue:level-3", c["reportedAt"]!.GetValue<DateTimeOffset>().AddHours(1)),
            (task["kind"]!.GetValue<string>(), task["ownerId"]!.GetValue<string>(), task["dueAt"]!.GetValue<DateTimeOffset>()));
        Assert.Contains(c["timeline"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "CrisisWords");

        var asked = (await _client.PostAsync(path, "query($t: String!) { crisisWords(text: $t) }", new { t = "她说不想活了，药都攒好了" }, homeroom)).EnsureNoErrors();
        Assert.Equal(["不想活", "攒药"], asked.Data!["crisisWords"]!.AsArray().Select(w => w!.GetValue<string>()));
        var tooLong = await _client.PostAsync(path, "query($t: String!) { crisisWords(text: $t) }", new { t = new string('a', 4001) }, homeroom);
        Assert.Equal(("VALIDATION_FAILED", "text"), (tooLong.FirstCode, tooLong.Errors![0]!["extensions"]!["field"]!.GetValue<string>()));
    }

    /// <summary>A concern joining a case graded Low keeps the grading and still sends the case to level 3 (a teacher's second report).</summary>
    [Fact]
    public async Task Send_a_graded_case_to_level_3_when_a_joining_concern_below_High_holds_crisis_words()
    {
        var (path, admin) = await SchoolAsync();
        var homeroom = await RegisterAsync(path, admin, "stu-join");
        var first = await ReportAsync(path, homeroom, "stu-join", "Tired in class", "LOW", "{ id escalationLevel tasks { kind } }");
        Assert.Equal((1, 0), (first["escalationLevel"]!.GetValue<int>(), first["tasks"]!.AsArray().Count));

        var joined = await ReportAsync(path, homeroom, "stu-join", "Her friend says she wants to kill herself", "LOW", "{ id riskLevel escalationLevel crisisWords tasks { kind ownerId } }");
        Assert.Equal((first["id"]!.GetValue<string>(), "LOW", 3, "kill herself"),
            (joined["id"]!.GetValue<string>(), joined["riskLevel"]!.GetValue<string>(), joined["escalationLevel"]!.GetValue<int>(), Assert.Single(joined["crisisWords"]!.AsArray())!.GetValue<string>()));
        Assert.Equal(("GRADE_RISK", "queue:level-3"), (Assert.Single(joined["tasks"]!.AsArray())!["kind"]!.GetValue<string>(), joined["tasks"]![0]!["ownerId"]!.GetValue<string>()));
    }

    private const string Tasks = "{ id reportedAt tasks { id kind status dueAt ownerId closedByAction } }";

    private async Task<string> RegisterAsync(string path, string admin, params string[] ids)
    {
        foreach (var id in ids)
        {
            (await _client.PostAsync(path, $"mutation {{ registerPerson(input: {{ id: \"{id}\", displayName: \"{id}\", organizationId: \"class-7-1\", sex: FEMALE }}) {{ id }} }}", token: admin)).EnsureNoErrors();
        }

        var tenant = path.Split('/')[2];
        await StaffMembers.EnsureAsync(factory, _client, tenant, "homeroom@" + tenant, "class-7-1", "HomeroomTeacher"); // reports about their class (RT17-7)
        return factory.TokenFor("homeroom@" + tenant, tenant, Roles.Caseworker);
    }

    /// <summary>
    /// The ids listed under <paramref name="filter"/>, sorted and comma-separated, and the list's <c>totalCount</c>. Sorted
    /// here: two cases reported within one millisecond get ids in no set order (version-7 ids carry random bits below the
    /// millisecond), and which ids are listed is what these tests check (a CI run listed them the other way round).
    /// </summary>
    private async Task<(string Ids, int Total)> FilteredAsync(string path, string token, string filter)
    {
        var r = (await _client.PostAsync(path, $"{{ cases(filter: {{ {filter} }}) {{ totalCount nodes {{ id }} }} }}", token: token)).EnsureNoErrors().Data!["cases"]!;
        return (Sorted([.. r["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>())]), r["totalCount"]!.GetValue<int>());
    }

    private static string Sorted(params string[] ids) => string.Join(",", ids.Order(StringComparer.Ordinal));

    private async Task<JsonNode> ReportAsync(string path, string token, string personId, string summary, string? risk, string selection = "{ id riskLevel riskGraded }")
    {
        var r = await _client.PostAsync(path, $"mutation($in: ReportConcernInput!) {{ reportConcern(input: $in) {selection} }}",
            new { @in = risk is null ? (object)new { personId, summary } : new { personId, summary, riskLevel = risk } }, token);
        return r.EnsureNoErrors().Data!["reportConcern"]!;
    }

    private async Task<List<(string Id, bool Graded)>> ListAsync(string path, string token)
    {
        var r = await _client.PostAsync(path, "{ cases(filter: { open: true }) { nodes { id riskLevel riskGraded } } }", token: token);
        return [.. r.EnsureNoErrors().Data!["cases"]!["nodes"]!.AsArray().Select(n => (n!["id"]!.GetValue<string>(), n["riskGraded"]!.GetValue<bool>()))];
    }
}
