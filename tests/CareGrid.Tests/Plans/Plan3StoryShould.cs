using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using static CareGrid.Tests.Plans.PlanStory;

namespace CareGrid.Tests.Plans;

/// <summary>
/// Plan 3's main flow in <c>demo-middle-school</c> (青山第二中学, docs/demo.md): a census of every class (每班摸排, R-3.5) moves
/// the flagged students to tracking (R-7.4); a flag becomes a case at the psychology teacher (R-4.3); the key student is screened
/// (R-3.6), counselled after his own consent (R-1.7; he is 15), and followed up closely with the home (R-3.2, R-3.6); other
/// classes' teachers do not see his case (R-3.7); his PHQ-9 trajectory tells a reliable improvement from noise (R-3.6,
/// docs/trajectories.md); concerns piling up in one class within the week warn the leadership group once, with counts and no
/// names (R-4.5, docs/group-crisis.md). Each step is a method; add a step by adding one and a line to the story.
/// </summary>
[Trait("tier", "api")]
[Collection(PlanStoriesCollection.Name)]
public sealed class Plan3StoryShould(CareGridApiFactory factory)
{
    private const string Tenant = "demo-middle-school";
    private const string Round = "fanxiao-mopai";

    [Fact]
    public async Task Walk_from_the_class_census_to_screening_counselling_and_close_follow_up()
    {
        var story = new PlanStory(factory, Tenant);
        await PsychologyTeacherOpensTheCensusOfEveryClass(story);
        await HomeroomTeachersRecordTheirClasses(story);
        await AFlagBecomesACaseAtThePsychologyTeacher(story);
        await PsychologyTeacherScreensTheKeyStudent(story);
        await CounsellingStartsAfterTheStudentsOwnConsent(story);
        await CloseFollowUpWithTheHome(story);
        await OtherClassesTeachersDoNotSeeTheCase(story);
        await ThePhq9TrajectoryShowsAReliableImprovement(story);
        await ConcernsPilingUpInOneClassWarnTheLeadershipGroupOnce(story);
    }

    private static async Task PsychologyTeacherOpensTheCensusOfEveryClass(PlanStory s)
    {
        var started = await s.OkAsync(s.As("counsellor@demo-middle-school", Roles.Counsellor),
            $"mutation {{ startCensusRound(input: {{ id: \"{Round}\", name: \"开学返校每班摸排\", organizationIds: [\"class-7-1\", \"class-7-2\", \"class-9-1\"] }}) {{ roundId expected recorded }} }}");
        Assert.Equal((9, 0), (started["startCensusRound"]!["expected"]!.GetValue<int>(), started["startCensusRound"]!["recorded"]!.GetValue<int>()));
    }

    private static async Task HomeroomTeachersRecordTheirClasses(PlanStory s)
    {
        const string record = "mutation($in: RecordCensusInput!) { recordCensus(input: $in) { recorded } }";
        var entries = new (string Teacher, string Person, string Mood, string[] Flags)[]
        {
            ("homeroom-7-1", "student-7101", "STABLE", []), ("homeroom-7-1", "student-7102", "FLUCTUATING", ["BACK_FROM_HIGH_RISK_AREA"]), ("homeroom-7-1", "student-7103", "STABLE", []),
            ("homeroom-7-2", "student-7201", "STABLE", []), ("homeroom-7-2", "student-7202", "LOW", ["INFECTED_FAMILY_MEMBER"]), ("homeroom-7-2", "student-7203", "STABLE", []),
            ("homeroom-9-1", "student-9101", "STABLE", []), ("homeroom-9-1", "student-9102", "DISTRESSED", ["EXCESSIVE_ANXIETY"]), ("homeroom-9-1", "student-9103", "STABLE", []),
        };
        foreach (var e in entries)
        {
            await s.OkAsync(s.As($"{e.Teacher}@demo-middle-school", Roles.Caseworker), record, new { @in = new { roundId = Round, personId = e.Person, mood = e.Mood, flags = e.Flags } });
        }

        var progress = (await s.OkAsync(s.As("counsellor@demo-middle-school", Roles.Counsellor),
            $"{{ censusProgress(roundId: \"{Round}\") {{ recorded flaggedPersonIds units {{ organizationId expected recorded flagged }} }} }}"))["censusProgress"]!;
        Assert.Equal(9, progress["recorded"]!.GetValue<int>());
        Assert.Equal(["student-7102", "student-7202", "student-9102"], Strings(progress["flaggedPersonIds"]));
        Assert.Equal(["class-7-1:3:3:1", "class-7-2:3:3:1", "class-9-1:3:3:1"],
            progress["units"]!.AsArray().Select(u => $"{Str(u!, "organizationId")}:{u!["expected"]}:{u["recorded"]}:{u["flagged"]}"));
        Assert.Equal(["student-7102", "student-7202", "student-9102"], await AtLevelAsync(s, "TRACKING"));
    }

    private static async Task AFlagBecomesACaseAtThePsychologyTeacher(PlanStory s)
    {
        var opened = (await s.OkAsync(s.As("homeroom-9-1@demo-middle-school", Roles.Caseworker),
            $"mutation {{ openCaseFromCensus(roundId: \"{Round}\", personId: \"student-9102\", summary: \"摸排：临近中考焦虑严重，连续两周失眠，说‘撑不下去了’。\", riskLevel: MODERATE) {{ id assigneeId escalationLevel organizationId }} }}"))["openCaseFromCensus"]!;
        s.Remember("case", Str(opened, "id"));
        Assert.Equal(("queue:level-3", 1, "class-9-1"), (Str(opened, "assigneeId"), opened["escalationLevel"]!.GetValue<int>(), Str(opened, "organizationId")));

        var counsellor = s.As("counsellor@demo-middle-school", Roles.Counsellor);
        var taken = await s.OnCaseAsync(counsellor, "takeCase", "", "assigneeId");
        Assert.Equal("counsellor@demo-middle-school", Str(taken, "assigneeId"));
        Assert.Equal(["student-9102"], await AtLevelAsync(s, "INDIVIDUAL_CASE"));
    }

    private static async Task PsychologyTeacherScreensTheKeyStudent(PlanStory s)
    {
        var screened = await s.OnCaseAsync(s.As("counsellor@demo-middle-school", Roles.Counsellor), "recordScreening",
            "instrument: GAD7, answers: [2,2,2,1,1,2,1]", "riskLevel escalationLevel screenings { result { totalScore band } }");
        Assert.Equal(11, screened["screenings"]![0]!["result"]!["totalScore"]!.GetValue<int>());
        Assert.Equal(("MODERATE", 1), (Str(screened, "riskLevel"), screened["escalationLevel"]!.GetValue<int>()));
    }

    private static async Task CounsellingStartsAfterTheStudentsOwnConsent(PlanStory s)
    {
        var counsellor = s.As("counsellor@demo-middle-school", Roles.Counsellor);
        await s.RefusedAsync("CONSENT_REQUIRED", counsellor, $"mutation {{ startIntervention(id: \"{s.Recall("case")}\") {{ status }} }}");

        // Born 2010-12-03, he is 15: at the tenant's age of consent (14, PIPL art. 31) he decides himself, not his mother.
        await s.RefusedAsync("VALIDATION_FAILED", counsellor, "mutation { recordConsent(personId: \"student-9102\", purpose: PROFESSIONAL_INTERVENTION, decision: GRANTED, givenBy: GUARDIAN) { id } }");
        await s.OkAsync(counsellor, "mutation { recordConsent(personId: \"student-9102\", purpose: PROFESSIONAL_INTERVENTION, decision: GRANTED, givenBy: SELF) { id } }");
        var active = await s.OnCaseAsync(counsellor, "startIntervention", "reason: \"一对一心理辅导\"", "status");
        Assert.Equal("ACTIVE", Str(active, "status"));
    }

    private static async Task CloseFollowUpWithTheHome(PlanStory s)
    {
        var counsellor = s.As("counsellor@demo-middle-school", Roles.Counsellor);
        await s.OnCaseAsync(counsellor, "logContact", "channel: IN_PERSON, durationMinutes: 45, notes: \"第一次辅导\"", "id");
        var scheduled = await s.OnCaseAsync(counsellor, "scheduleFollowUp", "", "visitEveryHours tasks { id kind status dueAt }");
        var visit = scheduled["tasks"]!.AsArray().Single(t => Str(t!, "kind") == "FOLLOW_UP_VISIT")!;
        Assert.Equal(s.Factory.Clock.GetUtcNow().AddHours(scheduled["visitEveryHours"]!.GetValue<int>()), visit["dueAt"]!.GetValue<DateTimeOffset>());

        // The homeroom teacher who opened the case visits the home; that visit is the follow-up (R-3.2 home–school cooperation).
        var visited = await s.OnCaseAsync(s.As("homeroom-9-1@demo-middle-school", Roles.Caseworker), "logContact",
            "channel: HOME_VISIT, durationMinutes: 60, notes: \"家访：与母亲商定作息\"", "tasks { kind status } contacts { by channel }");
        Assert.Equal("DONE", Str(visited["tasks"]!.AsArray().Single(t => Str(t!, "kind") == "FOLLOW_UP_VISIT")!, "status"));
        Assert.Equal(["counsellor@demo-middle-school:IN_PERSON", "homeroom-9-1@demo-middle-school:HOME_VISIT"],
            visited["contacts"]!.AsArray().Select(c => $"{Str(c!, "by")}:{Str(c!, "channel")}"));
    }

    /// <summary>The students at a monitoring level of the three-level archive (R-7.4), from the people list (no sensitive fields).</summary>
    private static async Task<List<string>> AtLevelAsync(PlanStory s, string level)
    {
        var people = await s.OkAsync(s.As("counsellor@demo-middle-school", Roles.Counsellor), $"{{ people(filter: {{ monitoringLevel: {level} }}, first: 100) {{ nodes {{ id }} }} }}");
        return [.. Each(people["people"]!["nodes"], "id").Order(StringComparer.Ordinal)];
    }

    private static async Task OtherClassesTeachersDoNotSeeTheCase(PlanStory s)
    {
        foreach (var sub in new[] { "homeroom-7-1@demo-middle-school", "homeroom-7-2@demo-middle-school" })
        {
            var refused = await s.RefusedAsync("FORBIDDEN", s.As(sub, Roles.Caseworker), $"{{ case(id: \"{s.Recall("case")}\") {{ id }} }}");
            Assert.Equal("need-to-know", refused.Errors![0]!["extensions"]!["rule"]!.GetValue<string>());
        }
    }

    private static async Task ThePhq9TrajectoryShowsAReliableImprovement(PlanStory s)
    {
        // Close follow-up (R-3.6): PHQ-9 at the start of counselling and again later; 12 → 5 is more than the reliable-change
        // threshold of 3.88 points (Jacobson–Truax with the published SD and reliability, docs/trajectories.md).
        var counsellor = s.As("counsellor@demo-middle-school", Roles.Counsellor);
        await s.OnCaseAsync(counsellor, "recordScreening", "instrument: PHQ9, answers: [2,2,2,2,1,1,1,1,0]", "id");
        await s.OnCaseAsync(counsellor, "recordScreening", "instrument: PHQ9, answers: [1,1,1,1,1,0,0,0,0]", "id");
        var trajectory = (await s.OkAsync(counsellor, "{ scoreTrajectory(personId: \"student-9102\") { followedUp flags { instrument reason } instruments { instrument points { totalScore change } } } }"))["scoreTrajectory"]!;
        Assert.True(trajectory["followedUp"]!.GetValue<bool>());
        var phq9 = trajectory["instruments"]!.AsArray().Single(i => Str(i!, "instrument") == "PHQ9")!;
        Assert.Equal(["12:BASELINE", "5:IMPROVED"], phq9["points"]!.AsArray().Select(p => $"{p!["totalScore"]}:{Str(p!, "change")}"));
        Assert.DoesNotContain(trajectory["flags"]!.AsArray(), f => Str(f!, "instrument") == "PHQ9");
    }

    private static async Task ConcernsPilingUpInOneClassWarnTheLeadershipGroupOnce(PlanStory s)
    {
        // Class 7-1: 李浩然 was flagged in this week's census; now his teacher reports two more classmates. Three people in one
        // class within the tenant's window (default 3 in 7 days) raise one alert to the leadership group (R-4.5).
        var teacher = s.As("homeroom-7-1@demo-middle-school", Roles.Caseworker);
        await s.ReportAsync(teacher, "student-7101", "同宿舍同学说她最近常哭，不愿和人说话。", "LOW", key: "case-7101", fields: "id");
        await s.ReportAsync(teacher, "student-7103", "连续三天缺交作业，课上发呆，说家里的事让她睡不着。", "LOW", key: "case-7103", fields: "id");

        var principal = s.As("supervisor@demo-middle-school", Roles.Supervisor);
        const string Alerts = "{ groupCrisisAlerts { id organizationId threshold people flaggedInCensus withConcerns status } }";
        var alert = (await s.OkAsync(principal, Alerts))["groupCrisisAlerts"]!.AsArray().Single(a => Str(a!, "organizationId") == "class-7-1")!;
        Assert.Equal((3, 3, 1, 2, "RAISED"), (alert["threshold"]!.GetValue<int>(), alert["people"]!.GetValue<int>(), alert["flaggedInCensus"]!.GetValue<int>(),
            alert["withConcerns"]!.GetValue<int>(), Str(alert, "status")));

        // A further concern in the same window updates the counts of that alert; it never raises a second one.
        await s.ReportAsync(teacher, "student-7102", "返校后仍担心家人，晚上睡不好。", "LOW", key: "case-7102", fields: "id");
        var again = (await s.OkAsync(principal, Alerts))["groupCrisisAlerts"]!.AsArray().Where(a => Str(a!, "organizationId") == "class-7-1").ToList();
        Assert.Equal([(Str(alert, "id"), 3)], again.Select(a => (Str(a!, "id"), a!["people"]!.GetValue<int>())));

        var acknowledged = (await s.OkAsync(principal, $"mutation {{ acknowledgeGroupCrisisAlert(id: \"{Str(alert, "id")}\", response: \"心理教师本周进班团体辅导，班主任逐一谈心\") {{ status acknowledgedBy }} }}"))["acknowledgeGroupCrisisAlert"]!;
        Assert.Equal(("ACKNOWLEDGED", "supervisor@demo-middle-school"), (Str(acknowledged, "status"), Str(acknowledged, "acknowledgedBy")));
    }
}
