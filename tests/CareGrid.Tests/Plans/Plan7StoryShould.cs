using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using static CareGrid.Tests.Plans.PlanStory;

namespace CareGrid.Tests.Plans;

/// <summary>
/// Plan 7's main flow in <c>demo-month-school</c> (城南实验中学, docs/demo.md) during its mental-health month: the school is
/// healthy by its template's rules — a boy and a girl among each class's psychology committee members (R-7.5), qualified
/// psychology teachers (R-7.7); the special groups are on the students' records (R-7.2); the three-level dynamic archive runs
/// census → tracking by the homeroom teacher → one-to-one case by the psychology teacher (R-7.4); a committee member's report
/// gets a receipt only (R-7.5); the homeroom teacher's home visit is logged (R-7.3); the month's activity plan comes from the
/// mental-health-month template and its launch is held with evidence (R-7.1, docs/activities.md); a hazard of the bullying-risk
/// sweep is ledgered and fixed (R-7.6); the special-groups ledger holds targeted help and a review day (R-7.2, docs/visits.md).
/// Each step is a method; add a step by adding one and a line to the story.
/// </summary>
[Trait("tier", "api")]
[Collection(PlanStoriesCollection.Name)]
public sealed class Plan7StoryShould(CareGridApiFactory factory)
{
    private const string Tenant = "demo-month-school";
    private const string Round = "xinli-jiankang-yue";

    [Fact]
    public async Task Walk_the_three_level_archive_of_the_mental_health_month_from_census_to_one_to_one_case()
    {
        var story = new PlanStory(factory, Tenant);
        await SchoolIsHealthyByItsTemplatesRules(story);
        await SpecialGroupsAreOnTheStudentsRecords(story);
        await CensusOfEveryStudentMovesTheFlaggedToTracking(story);
        await HomeroomTeacherOpensTheOneToOneCase(story);
        await CommitteeMembersReportGetsAReceiptOnly(story);
        await PsychologyTeacherTakesTheCaseAndTheHomeIsVisited(story);
        await TheMonthsActivityPlanComesFromTheTemplate(story);
        await TheLaunchIsHeldWithEvidence(story);
        await TheBullyingSweepsHazardIsLedgeredAndFixed(story);
        await TheSpecialGroupsLedgerHoldsTargetedHelpAndAReviewDay(story);
    }

    private static async Task SchoolIsHealthyByItsTemplatesRules(PlanStory s)
    {
        var health = (await s.OkAsync(s.As("supervisor@demo-month-school", Roles.Supervisor), "{ organizationHealth { healthy templateId findings { rule requirement organizationId personId } } }"))["organizationHealth"]!;
        Assert.Equal("school", Str(health, "templateId"));
        // The template's staffing rules hold (R-7.5, R-7.7); what is open is the three knows of the seeded left-behind child in
        // class 8-2, whose basic situation is on no ledger yet (R-6.2, docs/visits.md), named to the principal (the leadership group
        // serves the whole school).
        Assert.Equal(["THREE_KNOWS_COMPLETE:class-8-2:student-8203"], health["findings"]!.AsArray().Select(f => $"{Str(f!, "rule")}:{Str(f!, "organizationId")}:{f!["personId"]}"));
    }

    private static async Task SpecialGroupsAreOnTheStudentsRecords(PlanStory s)
    {
        var counsellor = s.As("counsellor@demo-month-school", Roles.Counsellor);
        foreach (var (group, student) in new[] { ("SingleParentFamily", "student-8101"), ("MigrantChild", "student-8102"), ("BlendedFamily", "student-8201"),
            ("LearningDifficulty", "student-8202"), ("LeftBehindChild", "student-8203") })
        {
            var people = await s.OkAsync(counsellor, $"{{ people(filter: {{ targetGroup: \"{group}\" }}, first: 100) {{ nodes {{ id }} }} }}");
            Assert.Equal([student], Each(people["people"]!["nodes"], "id"));
        }
    }

    private static async Task CensusOfEveryStudentMovesTheFlaggedToTracking(PlanStory s)
    {
        var started = await s.OkAsync(s.As("counsellor@demo-month-school", Roles.Counsellor),
            $"mutation {{ startCensusRound(input: {{ id: \"{Round}\", name: \"心理健康月全员普查\", organizationIds: [\"class-8-1\", \"class-8-2\"] }}) {{ expected }} }}");
        Assert.Equal(6, started["startCensusRound"]!["expected"]!.GetValue<int>());

        const string record = "mutation($in: RecordCensusInput!) { recordCensus(input: $in) { recorded } }";
        foreach (var (teacher, person, mood) in new[] { ("homeroom-8-1", "student-8101", "STABLE"), ("homeroom-8-1", "student-8102", "STABLE"), ("homeroom-8-1", "student-8103", "STABLE"),
            ("homeroom-8-2", "student-8201", "FLUCTUATING"), ("homeroom-8-2", "student-8202", "LOW"), ("homeroom-8-2", "student-8203", "STABLE") })
        {
            await s.OkAsync(s.As($"{teacher}@demo-month-school", Roles.Caseworker), record, new { @in = new { roundId = Round, personId = person, mood } });
        }

        var progress = (await s.OkAsync(s.As("counsellor@demo-month-school", Roles.Counsellor), $"{{ censusProgress(roundId: \"{Round}\") {{ recorded flaggedPersonIds }} }}"))["censusProgress"]!;
        Assert.Equal(6, progress["recorded"]!.GetValue<int>());
        Assert.Equal(["student-8202"], Strings(progress["flaggedPersonIds"]));
        Assert.Equal(["student-8202"], await AtLevelAsync(s, "TRACKING"));
    }

    private static async Task HomeroomTeacherOpensTheOneToOneCase(PlanStory s)
    {
        var opened = (await s.OkAsync(s.As("homeroom-8-2@demo-month-school", Roles.Caseworker),
            $"mutation {{ openCaseFromCensus(roundId: \"{Round}\", personId: \"student-8202\", summary: \"普查：情绪低落，作业常不交，说自己“怎么学都学不会”。\", riskLevel: MODERATE) {{ id assigneeId }} }}"))["openCaseFromCensus"]!;
        s.Remember("case", Str(opened, "id"));
        Assert.Equal("queue:level-3", Str(opened, "assigneeId"));
        Assert.Equal(["student-8202"], await AtLevelAsync(s, "INDIVIDUAL_CASE"));
    }

    private static async Task CommitteeMembersReportGetsAReceiptOnly(PlanStory s)
    {
        // The class psychology committee member (a student, role Reporter) reports the same classmate: a receipt, never the case.
        var reporter = s.As("reporter-8-2@demo-month-school", Roles.Reporter);
        var receipt = (await s.OkAsync(reporter, "mutation { reportConcern(input: { personId: \"student-8202\", summary: \"他这几天在宿舍一直不说话。\" }) { id reportOutcome } }"))["reportConcern"]!;
        // The receipt has its own id, not the case's: it does not tell that the classmate already had a case (round 16 F3).
        Assert.Equal("RECEIVED", Str(receipt, "reportOutcome"));
        Assert.NotEqual(s.Recall("case"), Str(receipt, "id"));
        var mine = (await s.OkAsync(reporter, "{ myReports { nodes { caseId status } } }"))["myReports"]!["nodes"]!.AsArray();
        Assert.Equal([$"{Str(receipt, "id")}:RECEIVED"], mine.Select(r => $"{Str(r!, "caseId")}:{Str(r!, "status")}"));
        await s.RefusedAsync("FORBIDDEN", reporter, $"{{ case(id: \"{s.Recall("case")}\") {{ summary }} }}");
    }

    private static async Task PsychologyTeacherTakesTheCaseAndTheHomeIsVisited(PlanStory s)
    {
        var taken = await s.OnCaseAsync(s.As("counsellor@demo-month-school", Roles.Counsellor), "takeCase", "", "assigneeId timeline { action }");
        Assert.Equal("counsellor@demo-month-school", Str(taken, "assigneeId"));
        Assert.Contains("ConcernAdded", Each(taken["timeline"], "action"));

        var visit = await s.OnCaseAsync(s.As("homeroom-8-2@demo-month-school", Roles.Caseworker), "logContact",
            "channel: HOME_VISIT, durationMinutes: 50, notes: \"家访：与父亲商量学习辅导\"", "contacts { by channel }");
        Assert.Equal(["homeroom-8-2@demo-month-school:HOME_VISIT"], visit["contacts"]!.AsArray().Select(c => $"{Str(c!, "by")}:{Str(c!, "channel")}"));
        var online = await s.OnCaseAsync(s.As("homeroom-8-2@demo-month-school", Roles.Caseworker), "logContact",
            "channel: ONLINE, durationMinutes: 15, notes: \"家长微信沟通\"", "contacts { channel }");
        Assert.Equal(["HOME_VISIT", "ONLINE"], Each(online["contacts"], "channel"));
    }

    /// <summary>The students at a monitoring level of the three-level archive (R-7.4), from the people list (no sensitive fields).</summary>
    private static async Task<List<string>> AtLevelAsync(PlanStory s, string level)
    {
        var people = await s.OkAsync(s.As("counsellor@demo-month-school", Roles.Counsellor), $"{{ people(filter: {{ monitoringLevel: {level} }}, first: 100) {{ nodes {{ id }} }} }}");
        return [.. Each(people["people"]!["nodes"], "id").Order(StringComparer.Ordinal)];
    }

    private static DateOnly Today(PlanStory s) => DateOnly.FromDateTime(s.Factory.Clock.GetUtcNow().UtcDateTime.AddHours(8)); // Asia/Shanghai

    private static async Task TheMonthsActivityPlanComesFromTheTemplate(PlanStory s)
    {
        // The principal opens the month from the R-7.1 list; the vice-principal in charge of the month owns every activity.
        var month = (await s.OkAsync(s.As("supervisor@demo-month-school", Roles.Supervisor),
            $"mutation {{ createActivityPlanFromTemplate(organizationId: \"school\", template: \"mental-health-month\", startsOn: \"{Today(s):yyyy-MM-dd}\", owner: \"vice-principal@demo-month-school\", prefix: \"may\") {{ id titleZh owner status ongoing overdue }} }}"))["createActivityPlanFromTemplate"]!.AsArray();
        Assert.Equal(14, month.Count);
        Assert.All(month, a => Assert.Equal(("vice-principal@demo-month-school", "PLANNED", false), (Str(a!, "owner"), Str(a!, "status"), a!["overdue"]!.GetValue<bool>())));
        Assert.Contains(month, a => Str(a!, "id") == "may-bullying-sweep" && Str(a!, "titleZh") == "校园欺凌隐患排查（隐患台账）");
        Assert.True(month.Single(a => Str(a!, "id") == "may-archives")!["ongoing"]!.GetValue<bool>());
    }

    private static async Task TheLaunchIsHeldWithEvidence(PlanStory s)
    {
        var owner = s.As("vice-principal@demo-month-school", Roles.Supervisor);
        const string status = "mutation($a: ID!, $s: ActivityStatus!) { setActivityStatus(organizationId: \"school\", activityId: $a, status: $s) { status } }";
        await s.OkAsync(owner, status, new { a = "may-launch", s = "IN_PROGRESS" });
        Assert.Equal("DONE", Str((await s.OkAsync(owner, status, new { a = "may-launch", s = "DONE" }))["setActivityStatus"]!, "status"));
        var evidence = (await s.OkAsync(owner, "mutation { addActivityEvidence(organizationId: \"school\", activityId: \"may-launch\", note: \"启动仪式全校师生参加，照片存档\") { evidence { by text } } }"))["addActivityEvidence"]!;
        Assert.Equal("vice-principal@demo-month-school", Str(evidence["evidence"]![0]!, "by"));
    }

    private static async Task TheBullyingSweepsHazardIsLedgeredAndFixed(PlanStory s)
    {
        // The sweep of hidden places (R-7.6): the homeroom teacher records a hazard, owns the fix and records it.
        var teacher = s.As("homeroom-8-1@demo-month-school", Roles.Caseworker);
        var hazard = (await s.OkAsync(teacher, "mutation($in: RecordHazardInput!) { recordHazard(organizationId: \"class-8-1\", input: $in) { id overdue fixedAt } }",
            new { @in = new { id = "back-stairs", place = "实验楼后楼梯间", hazard = "课间无教师值守，监控有盲区", owner = "homeroom-8-1@demo-month-school", fixBy = Today(s).AddDays(3).ToString("yyyy-MM-dd") } }))["recordHazard"]!;
        Assert.Equal(("back-stairs", false), (Str(hazard, "id"), hazard["overdue"]!.GetValue<bool>()));
        Assert.Null(hazard["fixedAt"]);
        var fixedHazard = (await s.OkAsync(teacher, "mutation { markHazardFixed(organizationId: \"class-8-1\", hazardId: \"back-stairs\", note: \"已补装监控，课间安排教师巡查\") { fixedBy fixedAt } }"))["markHazardFixed"]!;
        Assert.Equal("homeroom-8-1@demo-month-school", Str(fixedHazard, "fixedBy"));

        var ledger = (await s.OkAsync(s.As("supervisor@demo-month-school", Roles.Supervisor), "{ hazardLedger(organizationId: \"class-8-1\") { id place fixNote overdue } }"))["hazardLedger"]!.AsArray();
        Assert.Equal(["back-stairs:实验楼后楼梯间:已补装监控，课间安排教师巡查:False"], ledger.Select(h => $"{Str(h!, "id")}:{Str(h!, "place")}:{Str(h!, "fixNote")}:{h!["overdue"]!.GetValue<bool>()}"));
    }

    private static async Task TheSpecialGroupsLedgerHoldsTargetedHelpAndAReviewDay(PlanStory s)
    {
        var teacher = s.As("homeroom-8-1@demo-month-school", Roles.Caseworker);
        var review = Today(s).AddDays(60).ToString("yyyy-MM-dd");
        await s.OkAsync(teacher, "mutation($p: ID!, $in: SetSpecialGroupsInput!) { setSpecialGroups(personId: $p, input: $in) { personId } }",
            new { p = "student-8101", @in = new { groups = new[] { "SINGLE_PARENT_FAMILY" }, helpNote = "每两周与母亲电话沟通，安排学习伙伴", reviewOn = review } });
        var rows = (await s.OkAsync(teacher, "{ specialGroupsLedger(organizationId: \"class-8-1\") { personId groups helpNote reviewOn reviewOverdue } }"))["specialGroupsLedger"]!.AsArray();
        var row = rows.Single(r => Str(r!, "personId") == "student-8101")!;
        Assert.Equal(["SINGLE_PARENT_FAMILY"], Strings(row["groups"]));
        Assert.Equal((review, false), (Str(row, "reviewOn"), row["reviewOverdue"]!.GetValue<bool>()));
    }
}
