using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using static CareGrid.Tests.Plans.PlanStory;

namespace CareGrid.Tests.Plans;

/// <summary>
/// Plan 3's main flow in <c>demo-middle-school</c> (青山第二中学, docs/demo.md): a census of every class (每班摸排, R-3.5) moves
/// the flagged students to tracking (R-7.4); a flag becomes a case at the psychology teacher (R-4.3); the key student is screened
/// (R-3.6), counselled after his own consent (R-1.7; he is 15), and followed up closely with the home (R-3.2, R-3.6); other
/// classes' teachers do not see his case (R-3.7). Each step is a method; add a step by adding one and a line to the story.
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
}
