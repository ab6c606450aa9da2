using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using static CareGrid.Tests.Plans.PlanStory;

namespace CareGrid.Tests.Plans;

/// <summary>
/// Plan 6's main flow in <c>demo-rural-school</c> (石桥镇中心学校, docs/demo.md): the left-behind children are on the roll
/// (R-6.1); the psychology teacher reads a child's three knows — the child, the guardian, where the parents work and how to
/// reach them (R-6.2); the homeroom teacher's home visit is logged on the child's case (R-6.2 "more home visits"); the counselling
/// room gives the case to its part-time teacher counsellor, whose one-to-one talks are logged on it and credited to the room
/// (R-6.3, R-1.12); another class's teacher does not see it; home visits are logged for a class and its coverage names who is not
/// yet visited (R-7.3); organizationHealth names each left-behind child whose three knows are incomplete, and the special-groups
/// ledger completes one (R-7.2, docs/visits.md). Each step is a method; add a step by adding one and a line to the story.
/// </summary>
[Trait("tier", "api")]
[Collection(PlanStoriesCollection.Name)]
public sealed class Plan6StoryShould(CareGridApiFactory factory)
{
    private const string Tenant = "demo-rural-school";
    private const string PartTime = "parttime@demo-rural-school";

    [Fact]
    public async Task Walk_from_the_three_knows_to_home_visits_and_the_part_time_counsellors_talks()
    {
        var story = new PlanStory(factory, Tenant);
        story.Remember("case", "case-rural-1");
        await LeftBehindChildrenAreOnTheRoll(story);
        await PsychologyTeacherReadsTheThreeKnows(story);
        await HomeroomTeachersHomeVisitIsLoggedOnTheCase(story);
        await CounsellingRoomGivesTheCaseToItsPartTimeCounsellor(story);
        await AnotherClassesTeacherDoesNotSeeTheCase(story);
        await HomeroomTeacherLogsHomeVisitsForTheClassAndCoverageNamesWhoIsMissing(story);
        await OrganizationHealthNamesEachLeftBehindChildWhoseThreeKnowsAreIncomplete(story);
        await TheSpecialGroupsLedgerCompletesTheThreeKnowsAndListsTheReviewDay(story);
    }

    private static async Task LeftBehindChildrenAreOnTheRoll(PlanStory s)
    {
        var people = await s.OkAsync(s.As("counsellor@demo-rural-school", Roles.Counsellor), "{ people(filter: { targetGroup: \"LeftBehindChild\" }, first: 100) { nodes { id organizationId } } }");
        Assert.Equal(["child-5101", "child-5102", "child-5201", "child-5202", "child-6101"], Each(people["people"]!["nodes"], "id").Order(StringComparer.Ordinal));
    }

    private static async Task PsychologyTeacherReadsTheThreeKnows(PlanStory s)
    {
        // The psychology teacher holds the level-3 queue that owns the child's case, so she may open the child's record.
        var child = (await s.OkAsync(s.As("counsellor@demo-rural-school", Roles.Counsellor),
            "{ person(id: \"child-5101\") { displayName targetGroups contacts { kind name relationship phone workplace } } }"))["person"]!;
        Assert.Equal("田小雨", Str(child, "displayName"));
        var contacts = child["contacts"]!.AsArray().Select(c => $"{Str(c!, "kind")}:{Str(c!, "relationship")}:{c!["workplace"]?.GetValue<string>() ?? "-"}").ToList();
        Assert.Equal(["GUARDIAN:爷爷:-", "PARENT:父亲:广东省东莞市，电子厂", "PARENT:母亲:广东省东莞市，服装厂"], contacts);
        Assert.All(child["contacts"]!.AsArray(), c => Assert.False(string.IsNullOrEmpty(c!["phone"]?.GetValue<string>())));
    }

    private static async Task HomeroomTeachersHomeVisitIsLoggedOnTheCase(PlanStory s)
    {
        var visit = await s.OnCaseAsync(s.As("homeroom-5-1@demo-rural-school", Roles.Caseworker), "logContact",
            "channel: HOME_VISIT, durationMinutes: 90, notes: \"家访：与爷爷谈作息，视频连线在东莞的父母\"", "status contacts { by channel durationMinutes }");
        Assert.Equal(["homeroom-5-1@demo-rural-school:HOME_VISIT:90"], visit["contacts"]!.AsArray().Select(c => $"{Str(c!, "by")}:{Str(c!, "channel")}:{c!["durationMinutes"]}"));
    }

    private static async Task CounsellingRoomGivesTheCaseToItsPartTimeCounsellor(PlanStory s)
    {
        var active = await s.OnCaseAsync(s.As("counsellor@demo-rural-school", Roles.Counsellor), "activateCase", $"assigneeId: \"{PartTime}\", reason: \"每周两次一对一谈心\"", "status assigneeId");
        Assert.Equal(("ACTIVE", PartTime), (Str(active, "status"), Str(active, "assigneeId")));

        foreach (var minutes in new[] { 40, 35 })
        {
            var talk = await s.OnCaseAsync(s.As(PartTime, Roles.Volunteer), "logContact", $"channel: IN_PERSON, durationMinutes: {minutes}, notes: \"一对一谈心\"", "contacts { by providerUnitId }");
            Assert.Equal($"{PartTime}:counselling-centre", $"{Str(talk["contacts"]!.AsArray()[^1]!, "by")}:{Str(talk["contacts"]!.AsArray()[^1]!, "providerUnitId")}");
        }

        var stats = await s.OkAsync(s.As("supervisor@demo-rural-school", Roles.Supervisor), "{ statistics { timeliness { serviceVolume { organizationId contacts minutes } } } }");
        var volume = stats["statistics"]!["timeliness"]!["serviceVolume"]!.AsArray()
            .ToDictionary(v => v!["organizationId"]?.GetValue<string>() ?? "(none)", v => (v!["contacts"]!.GetValue<long>(), v["minutes"]!.GetValue<long>()));
        Assert.Equal((2L, 75L), volume["counselling-centre"]);
        Assert.Equal((1L, 90L), volume["class-5-1"]);
    }

    private static async Task AnotherClassesTeacherDoesNotSeeTheCase(PlanStory s)
    {
        var refused = await s.RefusedAsync("FORBIDDEN", s.As("homeroom-5-2@demo-rural-school", Roles.Caseworker), "{ case(id: \"case-rural-1\") { id } }");
        Assert.Equal("need-to-know", refused.Errors![0]!["extensions"]!["rule"]!.GetValue<string>());
        await s.RefusedAsync("FORBIDDEN", s.As("homeroom-5-2@demo-rural-school", Roles.Caseworker), "{ person(id: \"child-5101\") { contacts { name } } }");
    }

    private static DateOnly Today(PlanStory s) => DateOnly.FromDateTime(s.Factory.Clock.GetUtcNow().UtcDateTime.AddHours(8)); // Asia/Shanghai

    private static async Task HomeroomTeacherLogsHomeVisitsForTheClassAndCoverageNamesWhoIsMissing(PlanStory s)
    {
        // Every student visited (R-6.2, R-7.3, docs/visits.md): class 5-1's teacher visits two of her three pupils this month.
        var teacher = s.As("homeroom-5-1@demo-rural-school", Roles.Caseworker);
        const string Log = "mutation($p: ID!, $in: LogVisitInput!) { logVisit(personId: $p, input: $in) { personId kind organizationId loggedBy } }";
        var first = (await s.OkAsync(teacher, Log, new { p = "child-5101", @in = new { kind = "HOME_VISIT", on = Today(s).AddDays(-2).ToString("yyyy-MM-dd"), note = "爷爷照顾，作业按时完成" } }))["logVisit"]!;
        Assert.Equal(("class-5-1", "homeroom-5-1@demo-rural-school"), (Str(first, "organizationId"), Str(first, "loggedBy")));
        await s.OkAsync(teacher, Log, new { p = "child-5102", @in = new { kind = "ONLINE_PARENT_CONTACT", on = Today(s).AddDays(-1).ToString("yyyy-MM-dd"), note = "与在外务工的父亲视频通话" } });

        var coverage = (await s.OkAsync(teacher, "query($o: ID!, $f: DateOnly!, $t: DateOnly!) { visitCoverage(organizationId: $o, from: $f, to: $t) { organizationId people visited namesWithheld missing { personId displayName } } }",
            new { o = "class-5-1", f = Today(s).AddDays(-30).ToString("yyyy-MM-dd"), t = Today(s).ToString("yyyy-MM-dd") }))["visitCoverage"]!.AsArray().Single()!;
        Assert.Equal((3, 2, false), (coverage["people"]!.GetValue<int>(), coverage["visited"]!.GetValue<int>(), coverage["namesWithheld"]!.GetValue<bool>()));
        Assert.Equal(["child-5103:秦思琪"], coverage["missing"]!.AsArray().Select(m => $"{Str(m!, "personId")}:{Str(m!, "displayName")}"));
    }

    private static async Task<Dictionary<string, string>> IncompleteThreeKnowsAsync(PlanStory s) =>
        (await s.OkAsync(s.As("admin@demo-rural-school", Roles.TenantAdmin), "{ organizationHealth { findings { rule personId missingKnows } } }"))["organizationHealth"]!["findings"]!.AsArray()
            .Where(f => Str(f!, "rule") == "THREE_KNOWS_COMPLETE" && f!["personId"] is not null)
            .ToDictionary(f => Str(f!, "personId"), f => string.Join(",", Strings(f!["missingKnows"])));

    private static async Task OrganizationHealthNamesEachLeftBehindChildWhoseThreeKnowsAreIncomplete(PlanStory s)
    {
        // The three knows of left-behind children (R-6.2, R-2.2): no basic situation is on the ledger yet; 邓小军's father has no
        // workplace on record and 彭宇航 has no guardian named (the seed).
        var incomplete = await IncompleteThreeKnowsAsync(s);
        Assert.Equal(["child-5101", "child-5102", "child-5201", "child-5202", "child-6101"], incomplete.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("BASIC_SITUATION,PARENTS_WORKPLACE_AND_CONTACT", incomplete["child-5201"]);
        Assert.Equal("BASIC_SITUATION,GUARDIAN", incomplete["child-6101"]);
        Assert.Equal("BASIC_SITUATION", incomplete["child-5101"]);
    }

    private static async Task TheSpecialGroupsLedgerCompletesTheThreeKnowsAndListsTheReviewDay(PlanStory s)
    {
        // The special-groups ledger (R-7.2): a targeted-help note, the basic situation and a review day per child.
        var teacher = s.As("homeroom-5-1@demo-rural-school", Roles.Caseworker);
        var review = Today(s).AddDays(30).ToString("yyyy-MM-dd");
        await s.OkAsync(teacher, "mutation($p: ID!, $in: SetSpecialGroupsInput!) { setSpecialGroups(personId: $p, input: $in) { personId } }",
            new { p = "child-5101", @in = new { groups = new[] { "LEFT_BEHIND" }, basicSituation = "与爷爷同住，父母在东莞务工", helpNote = "每周一次谈心，结对帮扶", reviewOn = review } });
        Assert.DoesNotContain("child-5101", (await IncompleteThreeKnowsAsync(s)).Keys);

        var ledger = (await s.OkAsync(teacher, "{ specialGroupsLedger(organizationId: \"class-5-1\") { personId groups reviewOn reviewOverdue } }"))["specialGroupsLedger"]!.AsArray();
        var row = ledger.Single(r => Str(r!, "personId") == "child-5101")!;
        Assert.Equal(["LEFT_BEHIND"], Strings(row["groups"]));
        Assert.Equal((review, false), (Str(row, "reviewOn"), row["reviewOverdue"]!.GetValue<bool>()));
    }
}
