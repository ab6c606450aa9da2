using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using static CareGrid.Tests.Plans.PlanStory;

namespace CareGrid.Tests.Plans;

/// <summary>
/// Plan 7's main flow in <c>demo-month-school</c> (城南实验中学, docs/demo.md) during its mental-health month: the school is
/// healthy by its template's rules — a boy and a girl among each class's psychology committee members (R-7.5), qualified
/// psychology teachers (R-7.7); the special groups are on the students' records (R-7.2); the three-level dynamic archive runs
/// census → tracking by the homeroom teacher → one-to-one case by the psychology teacher (R-7.4); a committee member's report
/// gets a receipt only (R-7.5); the homeroom teacher's home visit is logged (R-7.3). Each step is a method; add a step (the
/// activity plan of R-7.1, the ledgers of R-7.2 and R-7.6 when they exist) by adding one and a line to the story.
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
    }

    private static async Task SchoolIsHealthyByItsTemplatesRules(PlanStory s)
    {
        var health = (await s.OkAsync(s.As("supervisor@demo-month-school", Roles.Supervisor), "{ organizationHealth { healthy templateId findings { requirement organizationId } } }"))["organizationHealth"]!;
        Assert.Equal("school", Str(health, "templateId"));
        Assert.Empty(health["findings"]!.AsArray());
        Assert.True(health["healthy"]!.GetValue<bool>());
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
        Assert.Equal((s.Recall("case"), "RECEIVED"), (Str(receipt, "id"), Str(receipt, "reportOutcome")));
        var mine = (await s.OkAsync(reporter, "{ myReports { nodes { caseId status } } }"))["myReports"]!["nodes"]!.AsArray();
        Assert.Equal([$"{s.Recall("case")}:RECEIVED"], mine.Select(r => $"{Str(r!, "caseId")}:{Str(r!, "status")}"));
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
}
