using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using CareGrid.Tests.PeopleDirectory;

namespace CareGrid.Tests.Visits;

/// <summary>
/// Visits, visit coverage, the three knows and the special-groups ledger through GraphQL over HTTP (R-6.2, R-7.3, R-2.2,
/// R-7.2; docs/visits.md): a homeroom teacher logs visits of their class only, coverage names the unvisited of the caller's
/// units and counts the others, organizationHealth names each left-behind child whose three knows are incomplete to those who
/// may see the child, and the ledger lists overdue reviews.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class VisitsApiShould(CareGridApiFactory factory)
{
    private readonly DirectoryApi _api = new(factory);

    private string Token(string tenant, string sub, string role) => factory.TokenFor($"{sub}@{tenant}", tenant, role);

    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(factory.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

    /// <summary>Grade 8 with classes 8-1 (p-a left-behind, p-b) and 8-2 (p-c left-behind), a homeroom teacher in each class.</summary>
    private async Task<string> SchoolAsync()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "visits");
        await _api.CreateOrganizationAsync(tenant, "grade-8", "GRADE", "school", 2);
        await _api.CreateOrganizationAsync(tenant, "class-8-1", "CLASS", "grade-8", 1);
        await _api.CreateOrganizationAsync(tenant, "class-8-2", "CLASS", "grade-8", 1);
        foreach (var (id, unit, groups) in new[] { ("p-a", "class-8-1", "[\"LeftBehindChild\"]"), ("p-b", "class-8-1", "[]"), ("p-c", "class-8-2", "[\"LeftBehindChild\"]") })
        {
            await _api.OkAsync(tenant, $"mutation {{ registerPerson(input: {{ id: \"{id}\", displayName: \"学生 {id}\", organizationId: \"{unit}\", birthYear: 2012, targetGroups: {groups} }}) {{ id }} }}");
        }

        await StaffMembers.AddAsync(factory, _api.Client, tenant, $"t81@{tenant}", "class-8-1", "HomeroomTeacher");
        await StaffMembers.AddAsync(factory, _api.Client, tenant, $"t82@{tenant}", "class-8-2", "HomeroomTeacher");
        return tenant;
    }

    private Task<GraphQLResponse> LogAsync(string tenant, string person, string token, int daysAgo = 1, string kind = "HOME_VISIT") =>
        _api.PostAsync(tenant, "mutation($p: ID!, $in: LogVisitInput!) { logVisit(personId: $p, input: $in) { id personId kind on organizationId loggedBy } }",
            new { p = person, @in = new { kind, on = Today.AddDays(-daysAgo).ToString("yyyy-MM-dd"), note = "祖母照顾，学习正常" } }, token);

    private static string Units(JsonNode data) => string.Join(" ", data["visitCoverage"]!.AsArray().Select(u =>
        $"{u!["organizationId"]}:{u["people"]}:{u["visited"]}:{u["namesWithheld"]}:[{string.Join(",", u["missing"]!.AsArray().Select(m => m!["personId"]!.GetValue<string>()))}]"));

    [Fact]
    public async Task Log_visits_of_the_callers_class_only_and_count_coverage_naming_the_unvisited_of_their_units()
    {
        var tenant = await SchoolAsync();
        var t81 = Token(tenant, "t81", Roles.Caseworker);
        var logged = (await LogAsync(tenant, "p-a", t81)).EnsureNoErrors().Data!["logVisit"]!;
        Assert.Equal(("p-a", "HOME_VISIT", "class-8-1", $"t81@{tenant}"), (logged["personId"]!.GetValue<string>(), logged["kind"]!.GetValue<string>(),
            logged["organizationId"]!.GetValue<string>(), logged["loggedBy"]!.GetValue<string>()));
        // the WRITE names the person visited, its declared id argument, not the visit (round-27 red team)
        var audited = (await _api.OkAsync(tenant, "{ auditLog(filter: { entityId: \"p-a\", action: \"WRITE\" }, first: 20) { nodes { entityType purpose } } }",
            token: Token(tenant, "auditor", Roles.Auditor)))["auditLog"]!["nodes"]!.AsArray();
        Assert.Contains(audited, r => r!["entityType"]!.GetValue<string>() == "Person" && r["purpose"]!.GetValue<string>() == "logVisit");

        var refused = await LogAsync(tenant, "p-c", t81);
        Assert.Equal("FORBIDDEN", refused.FirstCode);
        Assert.Equal("need-to-know", refused.Errors![0]!["extensions"]!["rule"]!.GetValue<string>());
        Assert.Equal("input.on", (await LogAsync(tenant, "p-a", t81, daysAgo: -1)).Errors![0]!["extensions"]!["field"]!.GetValue<string>());
        Assert.Equal("FORBIDDEN", (await _api.PostAsync(tenant, "{ visits(personId: \"p-c\") { id } }", token: t81)).FirstCode);
        Assert.Single((await _api.OkAsync(tenant, "{ visits(personId: \"p-a\") { id note } }", token: t81))["visits"]!.AsArray());

        var period = new { o = "grade-8", f = Today.AddDays(-30).ToString("yyyy-MM-dd"), t = Today.ToString("yyyy-MM-dd") };
        const string Coverage = "query($o: ID!, $f: DateOnly!, $t: DateOnly!) { visitCoverage(organizationId: $o, from: $f, to: $t, includeSubtree: true) { organizationId people visited namesWithheld missing { personId displayName } } }";
        Assert.Equal("class-8-1:2:1:false:[p-b] class-8-2:1:0:true:[] grade-8:0:0:true:[]", Units(await _api.OkAsync(tenant, Coverage, period, t81)));

        (await LogAsync(tenant, "p-c", Token(tenant, "t82", Roles.Caseworker), daysAgo: 40)).EnsureNoErrors(); // before the period
        (await LogAsync(tenant, "p-b", t81, daysAgo: 3, kind: "ONLINE_PARENT_CONTACT")).EnsureNoErrors();
        Assert.Equal("class-8-1:2:2:false:[] class-8-2:1:0:false:[p-c] grade-8:0:0:false:[]", Units(await _api.OkAsync(tenant, Coverage, period, _api.Admin(tenant))));
        var tooLong = await _api.PostAsync(tenant, Coverage, new { o = "grade-8", f = Today.AddDays(-400).ToString("yyyy-MM-dd"), t = period.t }, t81);
        Assert.Equal(("VALIDATION_FAILED", "to"), (tooLong.FirstCode, tooLong.Errors![0]!["extensions"]!["field"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Name_each_left_behind_child_whose_three_knows_are_incomplete_in_organizationHealth()
    {
        var tenant = await SchoolAsync();
        const string Health = "{ organizationHealth { findings { rule organizationId personId missingKnows count message } } }";
        static string Knows(JsonNode data) => string.Join(" ", data["organizationHealth"]!["findings"]!.AsArray().Where(f => f!["rule"]!.GetValue<string>() == "THREE_KNOWS_COMPLETE")
            .Select(f => $"{f!["organizationId"]}/{f["personId"]?.GetValue<string>() ?? "-"}/{f["count"]?.GetValue<int>().ToString() ?? "-"}:{string.Join(",", f["missingKnows"]!.AsArray().Select(k => k!.GetValue<string>()))}"));

        var admin = _api.Admin(tenant);
        Assert.Equal("class-8-1/p-a/-:BASIC_SITUATION,GUARDIAN,PARENTS_WORKPLACE_AND_CONTACT class-8-2/p-c/-:BASIC_SITUATION,GUARDIAN,PARENTS_WORKPLACE_AND_CONTACT",
            Knows(await _api.OkAsync(tenant, Health, token: admin)));
        // A principal who is a member of no unit: counts per unit, no names.
        Assert.Equal("class-8-1/-/1: class-8-2/-/1:", Knows(await _api.OkAsync(tenant, Health, token: Token(tenant, "principal", Roles.Supervisor))));

        await _api.GlassAsync(tenant, "p-a", admin);
        await _api.OkAsync(tenant, "mutation($p: ID!, $c: [ContactInput!]!) { setPersonContacts(personId: $p, contacts: $c) { id } }", new
        {
            p = "p-a",
            c = new object[]
            {
                new { kind = "GUARDIAN", name = "王奶奶", relationship = "祖母", phone = "13800000000" },
                new { kind = "PARENT", name = "王父", relationship = "父亲", phone = "13900000000", workplace = "广东省东莞市" },
            },
        }, admin);
        Assert.Contains("class-8-1/p-a/-:BASIC_SITUATION ", Knows(await _api.OkAsync(tenant, Health, token: admin)));

        var t81 = Token(tenant, "t81", Roles.Caseworker);
        await _api.OkAsync(tenant, "mutation($p: ID!, $in: SetSpecialGroupsInput!) { setSpecialGroups(personId: $p, input: $in) { personId groups } }",
            new { p = "p-a", @in = new { groups = new[] { "LEFT_BEHIND" }, basicSituation = "与祖母同住，身体健康", helpNote = "每周谈心", reviewOn = Today.AddDays(1).ToString("yyyy-MM-dd") } }, t81);
        var health = await _api.OkAsync(tenant, Health, token: admin);
        Assert.Equal("class-8-2/p-c/-:BASIC_SITUATION,GUARDIAN,PARENTS_WORKPLACE_AND_CONTACT", Knows(health));
        Assert.Contains("留守儿童", health["organizationHealth"]!["findings"]!.AsArray().Last()!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task List_the_special_groups_ledger_of_the_callers_units_with_overdue_reviews()
    {
        var tenant = await SchoolAsync();
        var t81 = Token(tenant, "t81", Roles.Caseworker);
        const string Set = "mutation($p: ID!, $in: SetSpecialGroupsInput!) { setSpecialGroups(personId: $p, input: $in) { personId groups reviewOn reviewOverdue } }";
        var entry = (await _api.OkAsync(tenant, Set, new { p = "p-b", @in = new { groups = new[] { "SINGLE_PARENT_FAMILY", "LEARNING_DIFFICULTIES" }, helpNote = "数学辅导", reviewOn = Today.ToString("yyyy-MM-dd") } }, t81))["setSpecialGroups"]!;
        Assert.Equal("SINGLE_PARENT_FAMILY,LEARNING_DIFFICULTIES", string.Join(",", entry["groups"]!.AsArray().Select(g => g!.GetValue<string>())));
        Assert.False(entry["reviewOverdue"]!.GetValue<bool>());
        var noReview = await _api.PostAsync(tenant, Set, new { p = "p-a", @in = new { groups = new[] { "LEFT_BEHIND" } } }, t81);
        Assert.Equal(("VALIDATION_FAILED", "input.reviewOn"), (noReview.FirstCode, noReview.Errors![0]!["extensions"]!["field"]!.GetValue<string>()));
        Assert.Equal("FORBIDDEN", (await _api.PostAsync(tenant, Set, new { p = "p-c", @in = new { groups = new[] { "MIGRANT_CHILD" }, reviewOn = Today.AddDays(60).ToString("yyyy-MM-dd") } }, t81)).FirstCode);
        await _api.OkAsync(tenant, Set, new { p = "p-c", @in = new { groups = new[] { "MIGRANT_CHILD" }, reviewOn = Today.AddDays(60).ToString("yyyy-MM-dd") } }, Token(tenant, "t82", Roles.Caseworker));

        factory.Clock.Advance(TimeSpan.FromDays(2)); // p-b's review day passes
        const string Ledger = "query($o: ID, $over: Boolean) { specialGroupsLedger(organizationId: $o, includeSubtree: true, overdueOnly: $over) { personId reviewOverdue } }";
        static string Rows(JsonNode d) => string.Join(",", d["specialGroupsLedger"]!.AsArray().Select(r => $"{r!["personId"]}:{r["reviewOverdue"]}"));
        Assert.Equal("p-b:true", Rows(await _api.OkAsync(tenant, Ledger, new { o = (string?)null, over = (bool?)null }, t81)));
        Assert.Equal("p-b:true,p-c:false", Rows(await _api.OkAsync(tenant, Ledger, new { o = "grade-8", over = (bool?)null }, _api.Admin(tenant))));
        Assert.Equal("p-b:true", Rows(await _api.OkAsync(tenant, Ledger, new { o = "grade-8", over = (bool?)true }, _api.Admin(tenant))));
        var outside = await _api.PostAsync(tenant, Ledger, new { o = "class-8-2", over = (bool?)null }, t81);
        Assert.Equal("need-to-know", outside.Errors![0]!["extensions"]!["rule"]!.GetValue<string>());

        Assert.Null((await _api.OkAsync(tenant, Set, new { p = "p-b", @in = new { groups = Array.Empty<string>() } }, t81))["setSpecialGroups"]);
        Assert.Equal("", Rows(await _api.OkAsync(tenant, Ledger, new { o = (string?)null, over = (bool?)null }, t81)));
    }
}
