using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using CareGrid.Tests.PeopleDirectory;

namespace CareGrid.Tests.Statistics;

/// <summary>
/// People and census figures of <c>statistics</c> through GraphQL (docs/statistics.md "People and census"): people served
/// by target group and monitoring level (staff left out), census coverage per round and unit as screenings are recorded,
/// a Coordinator limited to its units, tables in Simplified Chinese.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class PeopleStatisticsApiShould(CareGridApiFactory factory)
{
    private const string Fields = "peopleServed peopleWithoutTargetGroup peopleByTargetGroup { targetGroup count } "
        + "peopleByMonitoringLevel { level count } peopleByUnit { organizationId served } "
        + "censusCoverage { roundId status closedAt units { organizationId expected screened flaggedToTracking casesOpened coverage } }";

    private readonly DirectoryApi _api = new(factory);

    private string Token(string tenant, string sub, string role) => factory.TokenFor($"{sub}@{tenant}", tenant, role);

    private static string Pairs(JsonNode? list, string key, string value) =>
        string.Join(",", list!.AsArray().Select(n => $"{n![key]}:{n[value]}"));

    private static string Coverage(JsonNode stats) => string.Join(" ", stats["censusCoverage"]!.AsArray().SelectMany(r => r!["units"]!.AsArray().Select(u =>
        $"{r["roundId"]}/{u!["organizationId"]}:{u["expected"]}:{u["screened"]}:{u["flaggedToTracking"]}:{u["casesOpened"]}:{u["coverage"]?.GetValue<decimal>().ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}")));

    /// <summary>A school with two classes of grade 8: three students (two in class 8-1), a staff member in class 8-1, and a census round over both classes.</summary>
    private async Task<string> SchoolAsync()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "pstats");
        await _api.CreateOrganizationAsync(tenant, "grade-8", "GRADE", "school", 2);
        await _api.CreateOrganizationAsync(tenant, "class-8-1", "CLASS", "grade-8", 1);
        await _api.CreateOrganizationAsync(tenant, "class-8-2", "CLASS", "grade-8", 1);
        // Twelve this year on the collection's shared clock, which other tests move forward: below the age of consent (14),
        // so a guardian's consent is theirs to give whatever year the clock has reached.
        var birthYear = factory.Clock.GetUtcNow().Year - 12;
        foreach (var (id, unit, groups) in new[] { ("p-a", "class-8-1", "[\"LeftBehindChild\", \"Hardship\"]"), ("p-b", "class-8-1", "[]"), ("p-c", "class-8-2", "[\"LeftBehindChild\"]") })
        {
            await _api.OkAsync(tenant, $"mutation {{ registerPerson(input: {{ id: \"{id}\", displayName: \"学生 {id}\", organizationId: \"{unit}\", birthYear: {birthYear}, targetGroups: {groups} }}) {{ id }} }}");
        }

        await StaffMembers.AddAsync(factory, _api.Client, tenant, $"leader81@{tenant}", "class-8-1", "HomeroomTeacher");
        await _api.OkAsync(tenant, "mutation { startCensusRound(input: { id: \"week-1\", name: \"Return-to-school census\", organizationIds: [\"class-8-1\", \"class-8-2\"] }) { roundId } }",
            token: _api.As(tenant, "Counsellor"));
        return tenant;
    }

    private async Task RecordAsync(string tenant, string person, string mood) =>
        await _api.OkAsync(tenant, "mutation($in: RecordCensusInput!) { recordCensus(input: $in) { recorded } }",
            new { @in = new { roundId = "week-1", personId = person, mood } }, _api.Admin(tenant)); // a census answer needs the person's unit in scope (R-4.3)

    [Fact]
    public async Task Count_people_served_by_target_group_and_level_and_census_coverage_as_screenings_are_recorded()
    {
        var tenant = await SchoolAsync();
        var supervisor = Token(tenant, "principal", Roles.Supervisor);
        var stats = (await _api.OkAsync(tenant, $"{{ statistics {{ {Fields} }} }}", token: supervisor))["statistics"]!;
        Assert.Equal(3, stats["peopleServed"]!.GetValue<long>()); // the staff member of class 8-1 is not counted
        Assert.Equal("Hardship:1,LeftBehindChild:2", Pairs(stats["peopleByTargetGroup"], "targetGroup", "count"));
        Assert.Equal(1, stats["peopleWithoutTargetGroup"]!.GetValue<long>());
        Assert.Equal("NONE:3,CENSUS:0,TRACKING:0,INDIVIDUAL_CASE:0", Pairs(stats["peopleByMonitoringLevel"], "level", "count"));
        Assert.Equal("class-8-1:2,class-8-2:1", Pairs(stats["peopleByUnit"], "organizationId", "served"));
        Assert.Equal("week-1/class-8-1:2:0:0:0:0 week-1/class-8-2:1:0:0:0:0", Coverage(stats));

        await RecordAsync(tenant, "p-a", "DISTRESSED");
        await RecordAsync(tenant, "p-c", "STABLE");
        stats = (await _api.OkAsync(tenant, $"{{ statistics {{ {Fields} }} }}", token: supervisor))["statistics"]!;
        Assert.Equal("week-1/class-8-1:2:1:1:0:0.5 week-1/class-8-2:1:1:0:0:1", Coverage(stats));
        Assert.Equal("NONE:1,CENSUS:1,TRACKING:1,INDIVIDUAL_CASE:0", Pairs(stats["peopleByMonitoringLevel"], "level", "count"));
        Assert.Equal("OPEN", stats["censusCoverage"]![0]!["status"]!.GetValue<string>());

        var zh = (await _api.OkAsync(tenant, "{ statistics(language: ZH_HANS) { tables { key title columns rows { text number } } } }", token: supervisor))["statistics"]!["tables"]!.AsArray();
        var census = zh.Single(t => t!["key"]!.GetValue<string>() == "census-coverage")!;
        Assert.Equal("各轮摸排按单位的覆盖情况（当前开展或统计期内的轮次；当前数字）", census["title"]!.GetValue<string>());
        Assert.Equal("进行中", census["rows"]![0]![1]!["text"]!.GetValue<string>());
        Assert.Contains(zh, t => t!["key"]!.GetValue<string>() == "people-by-target-group" && t["rows"]!.AsArray().Any(r => r![0]!["text"]!.GetValue<string>() == "无目标群体"));
    }

    [Fact]
    public async Task Move_a_student_to_individual_case_when_professional_intervention_starts_on_their_case()
    {
        var tenant = await SchoolAsync();
        await RecordAsync(tenant, "p-a", "DISTRESSED"); // TRACKING: kept by the homeroom teacher
        await StaffMembers.SchoolPsychologistAsync(factory, _api.Client, tenant, $"psych@{tenant}");
        var psych = Token(tenant, "psych", Roles.Counsellor);
        var caseId = (await _api.OkAsync(tenant, "mutation { reportConcern(input: { personId: \"p-a\", summary: \"哭着说不想活了\", riskLevel: HIGH }) { id } }", token: psych))["reportConcern"]!["id"]!.GetValue<string>();
        var supervisor = Token(tenant, "principal", Roles.Supervisor);
        async Task<string> LevelsAsync() => Pairs((await _api.OkAsync(tenant, "{ statistics { peopleByMonitoringLevel { level count } } }", token: supervisor))["statistics"]!["peopleByMonitoringLevel"], "level", "count");
        Assert.Equal("NONE:2,CENSUS:0,TRACKING:1,INDIVIDUAL_CASE:0", await LevelsAsync()); // a report alone is not individual counselling

        await _api.OkAsync(tenant, "mutation { setPersonContacts(personId: \"p-a\", contacts: [{ kind: GUARDIAN, name: \"王芳\" }]) { id } }", token: psych);
        await _api.OkAsync(tenant, "mutation { recordConsent(personId: \"p-a\", purpose: PROFESSIONAL_INTERVENTION, decision: GRANTED, givenBy: GUARDIAN) { id } }", token: psych);
        await _api.OkAsync(tenant, $"mutation {{ startIntervention(id: \"{caseId}\") {{ status }} }}", token: psych);
        Assert.Equal("NONE:2,CENSUS:0,TRACKING:0,INDIVIDUAL_CASE:1", await LevelsAsync());
        var person = (await _api.OkAsync(tenant, "{ person(id: \"p-a\") { monitoringLevel monitoringHistory { from to by reason } } }", token: psych))["person"]!;
        Assert.Equal("INDIVIDUAL_CASE", person["monitoringLevel"]!.GetValue<string>());
        var change = person["monitoringHistory"]!.AsArray()[^1]!;
        Assert.Equal(("TRACKING", $"psych@{tenant}"), (change["from"]!.GetValue<string>(), change["by"]!.GetValue<string>()));
        Assert.Contains(caseId, change["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("专业干预", change["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leave_the_level_alone_when_intervention_is_started_by_someone_who_does_not_own_the_case()
    {
        var tenant = await SchoolAsync();
        await StaffMembers.SchoolPsychologistAsync(factory, _api.Client, tenant, $"psych@{tenant}");
        var psych = Token(tenant, "psych", Roles.Counsellor);
        var caseId = (await _api.OkAsync(tenant, "mutation { reportConcern(input: { personId: \"p-b\", summary: \"最近常常一个人哭\", riskLevel: LOW }) { id } }", token: psych))["reportConcern"]!["id"]!.GetValue<string>();
        await _api.OkAsync(tenant, $"mutation {{ triageCase(id: \"{caseId}\") {{ id }} }}", token: psych);
        await _api.OkAsync(tenant, $"mutation {{ activateCase(id: \"{caseId}\", assigneeId: \"leader81@{tenant}\") {{ id }} }}", token: psych);
        await _api.OkAsync(tenant, "mutation { setPersonContacts(personId: \"p-b\", contacts: [{ kind: GUARDIAN, name: \"李强\" }]) { id } }", token: Token(tenant, "leader81", Roles.Caseworker)); // the owner
        await _api.OkAsync(tenant, "mutation { recordConsent(personId: \"p-b\", purpose: PROFESSIONAL_INTERVENTION, decision: GRANTED, givenBy: GUARDIAN) { id } }", token: Token(tenant, "leader81", Roles.Caseworker));

        // The psychology teacher reported it but the homeroom teacher owns it: only the owner keeps the one-to-one record
        // (round-28 red team: the reporter moved a person changeMonitoringLevel would not let them move).
        await _api.OkAsync(tenant, $"mutation {{ startIntervention(id: \"{caseId}\") {{ status }} }}", token: psych);
        var person = (await _api.OkAsync(tenant, "{ person(id: \"p-b\") { monitoringLevel monitoringHistory { to } } }", token: Token(tenant, "leader81", Roles.Caseworker)))["person"]!;
        Assert.Equal(("NONE", 0), (person["monitoringLevel"]!.GetValue<string>(), person["monitoringHistory"]!.AsArray().Count));
    }

    [Fact]
    public async Task Limit_a_coordinator_to_the_people_and_census_units_it_serves()
    {
        var tenant = await SchoolAsync();
        await RecordAsync(tenant, "p-c", "LOW");
        var coordinator = Token(tenant, "leader81", Roles.Coordinator);
        var own = (await _api.OkAsync(tenant, $"{{ statistics {{ {Fields} }} }}", token: coordinator))["statistics"]!;
        Assert.Equal(2, own["peopleServed"]!.GetValue<long>());
        Assert.Equal("LeftBehindChild:1,Hardship:1", string.Join(",", own["peopleByTargetGroup"]!.AsArray().OrderByDescending(n => n!["targetGroup"]!.GetValue<string>(), StringComparer.Ordinal).Select(n => $"{n!["targetGroup"]}:{n["count"]}")));
        Assert.Equal("class-8-1:2", Pairs(own["peopleByUnit"], "organizationId", "served"));
        Assert.Equal("week-1/class-8-1:2:0:0:0:0", Coverage(own));

        var refused = await _api.PostAsync(tenant, "{ statistics(organizationId: \"class-8-2\") { censusCoverage { roundId } } }", token: coordinator);
        Assert.Equal("FORBIDDEN", refused.FirstCode);
        var class82 = (await _api.OkAsync(tenant, $"{{ statistics(organizationId: \"class-8-2\") {{ {Fields} }} }}", token: Token(tenant, "principal", Roles.Supervisor)))["statistics"]!;
        Assert.Equal("week-1/class-8-2:1:1:1:0:1", Coverage(class82));
        Assert.Equal("NONE:0,CENSUS:0,TRACKING:1,INDIVIDUAL_CASE:0", Pairs(class82["peopleByMonitoringLevel"], "level", "count"));
    }

    [Fact]
    public async Task Leave_out_a_closed_round_whose_weeks_end_before_the_period()
    {
        var tenant = await SchoolAsync();
        await _api.OkAsync(tenant, "mutation { closeCensusRound(id: \"week-1\") { status } }", token: _api.As(tenant, "Counsellor"));
        var supervisor = Token(tenant, "principal", Roles.Supervisor);
        var now = (await _api.OkAsync(tenant, $"{{ statistics {{ from {Fields} }} }}", token: supervisor))["statistics"]!;
        Assert.Equal("CLOSED", now["censusCoverage"]![0]!["status"]!.GetValue<string>());
        Assert.NotNull(now["censusCoverage"]![0]!["closedAt"]);

        var from = DateOnly.Parse(now["from"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var later = (await _api.OkAsync(tenant, $"{{ statistics(period: {{ from: \"{from.AddDays(28):yyyy-MM-dd}\", to: \"{from.AddDays(34):yyyy-MM-dd}\" }}) {{ censusCoverage {{ roundId }} }} }}", token: supervisor))["statistics"]!;
        Assert.Empty(later["censusCoverage"]!.AsArray());
    }
}
