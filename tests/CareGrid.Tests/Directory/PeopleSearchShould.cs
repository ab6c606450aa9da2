using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.PeopleDirectory;

/// <summary>
/// Finding people as a school knows them (docs/search.md, docs/api.md "External ids"): by the beginning of a Chinese or Latin
/// name, by the student number, and every person-id argument accepting the student number; lists count their whole filtered set.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class PeopleSearchShould(CareGridApiFactory factory)
{
    private readonly DirectoryApi _api = new(factory);

    /// <summary>A class roster as a Chinese school exports it: student numbers and names, two 张s, a 王张 and a 章.</summary>
    private static readonly string[] Roster =
    [
        "S2024011,张伟", "S2024012,张三", "S2024013,李四", "S2024014,王张", "S2024015,章子怡", "S2024016,Zhang Wei", "S2024017,ＺＨＡＯ　Ｌｅｉ",
    ];

    private async Task<string> SchoolWithClassAsync()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "search");
        await _api.CreateOrganizationAsync(tenant, "grade-7", "GRADE", "school", 2);
        await _api.CreateOrganizationAsync(tenant, "class-7-1", "CLASS", "grade-7", 1);
        await _api.CreateOrganizationAsync(tenant, "class-7-2", "CLASS", "grade-7", 1);
        var status = await _api.ImportAsync(tenant, "class-7-1", DirectoryApi.Csv("externalId,displayName", Roster));
        Assert.Equal(Roster.Length, status["created"]!.GetValue<int>());
        await _api.ImportAsync(tenant, "class-7-2", DirectoryApi.Csv("externalId,displayName", ["S2024021,张明", "S2024022,刘洋"]));
        // The psychology teacher of the counselling centre, which serves the whole school (need-to-know by organization).
        await StaffMembers.AddAsync(factory, _api.Client, tenant, "counsellor@" + tenant, "counselling-centre", "PsychologyTeacher");
        return tenant;
    }

    private async Task<(List<string> Ids, int Total)> SearchAsync(string tenant, object filter, int pageSize = 100)
    {
        var (ids, _) = await _api.AllPeopleAsync(tenant, filter, pageSize);
        var total = (await _api.OkAsync(tenant, "query($f: PeopleFilter) { people(filter: $f, first: 1) { totalCount } }", new { f = filter }))["people"]!["totalCount"]!.GetValue<int>();
        return (ids, total);
    }

    [Fact]
    public async Task Find_exactly_the_people_whose_name_begins_with_a_Chinese_prefix()
    {
        var tenant = await SchoolWithClassAsync();

        var zhang = await SearchAsync(tenant, new { name = "张" });
        Assert.Equal(["ext-S2024012", "ext-S2024011", "ext-S2024021"], zhang.Ids);
        Assert.Equal(3, zhang.Total);
        Assert.Equal(["ext-S2024011"], (await SearchAsync(tenant, new { name = " 张伟 " })).Ids);
        Assert.Equal(["ext-S2024012", "ext-S2024011"], (await SearchAsync(tenant, new { name = "张", organization = "class-7-1" })).Ids);
        Assert.Equal(["ext-S2024012", "ext-S2024011", "ext-S2024021"], (await SearchAsync(tenant, new { name = "张" }, pageSize: 1)).Ids);
        Assert.Empty((await SearchAsync(tenant, new { name = "张飞" })).Ids);
        var nodes = (await _api.OkAsync(tenant, "{ people(filter: {name: \"李\"}) { nodes { id displayName organizationId } } }"))["people"]!["nodes"]!;
        Assert.Equal("[{\"id\":\"ext-S2024013\",\"displayName\":\"李四\",\"organizationId\":\"class-7-1\"}]", nodes.ToJsonString(new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public async Task Match_Latin_names_case_insensitively_and_full_width_as_half_width()
    {
        var tenant = await SchoolWithClassAsync();

        Assert.Equal(["ext-S2024016"], (await SearchAsync(tenant, new { name = "zhang" })).Ids);
        Assert.Equal(["ext-S2024016"], (await SearchAsync(tenant, new { name = "ＺＨＡＮＧ　w" })).Ids);
        Assert.Equal(["ext-S2024017"], (await SearchAsync(tenant, new { name = "zhao lei" })).Ids);
        Assert.Equal(["ext-S2024016", "ext-S2024017"], (await SearchAsync(tenant, new { name = "Z" })).Ids);
        var blank = await _api.PostAsync(tenant, "{ people(filter: {name: \"   \"}) { nodes { id } } }");
        Assert.Equal(("VALIDATION_FAILED", "filter.name"), (blank.FirstCode, blank.Errors![0]!["extensions"]!["field"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Find_a_student_by_the_school_student_number()
    {
        var tenant = await SchoolWithClassAsync();

        Assert.Equal(["ext-S2024013"], (await SearchAsync(tenant, new { externalId = "S2024013" })).Ids);
        Assert.Equal(["ext-S2024013"], (await SearchAsync(tenant, new { externalId = "S2024013", name = "李" })).Ids);
        Assert.Empty((await SearchAsync(tenant, new { externalId = "S2024013", name = "张" })).Ids);
        Assert.Empty((await SearchAsync(tenant, new { externalId = "s2024013" })).Ids);
    }

    [Fact]
    public async Task Name_each_result_by_its_roster_number_and_a_hand_registered_person_by_none()
    {
        // new-user trial 2026-12-04: the search showed CareGrid ids (ext-…, student-7103) where a teacher knows the 学号
        var tenant = await SchoolWithClassAsync();
        await _api.OkAsync(tenant, "mutation { registerPerson(input: {id: \"walk-in-1\", displayName: \"李四\", organizationId: \"class-7-1\"}) { id } }");

        var found = await _api.OkAsync(tenant, "{ people(filter: {name: \"李\"}) { nodes { id externalId } } }");

        var rows = found["people"]!["nodes"]!.AsArray().ToDictionary(n => n!["id"]!.GetValue<string>(), n => n!["externalId"]?.GetValue<string>());
        Assert.Equal("S2024013", rows["ext-S2024013"]);
        Assert.Null(rows["walk-in-1"]);
    }

    [Fact]
    public async Task Report_a_concern_by_student_number_on_the_right_person()
    {
        var tenant = await SchoolWithClassAsync();
        var teacher = _api.As(tenant, Roles.Counsellor);

        var report = await _api.OkAsync(tenant, "mutation { reportConcern(input: {personId: \"S2024011\", summary: \"Cried in class twice this week\"}) { id personId } }", token: teacher);

        Assert.Equal("ext-S2024011", report["reportConcern"]!["personId"]!.GetValue<string>());
        var cases = await _api.OkAsync(tenant, "{ byNumber: cases(filter: {person: \"S2024011\"}) { totalCount nodes { personId } } all: cases { totalCount } }", token: teacher);
        Assert.Equal(1, cases["byNumber"]!["totalCount"]!.GetValue<int>());
        Assert.Equal("ext-S2024011", cases["byNumber"]!["nodes"]![0]!["personId"]!.GetValue<string>());
        Assert.Equal(1, cases["all"]!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Accept_the_student_number_in_person_mutations_and_audit_the_person_id()
    {
        var tenant = await SchoolWithClassAsync();

        await _api.GlassAsync(tenant, "S2024012");
        var changed = await _api.OkAsync(tenant, "mutation { changeMonitoringLevel(personId: \"S2024012\", action: START_TRACKING, reason: \"homeroom teacher noticed\") { id monitoringLevel } }");
        var read = await _api.OkAsync(tenant, "{ person(id: \"S2024012\") { id externalId } }");

        Assert.Equal("ext-S2024012", changed["changeMonitoringLevel"]!["id"]!.GetValue<string>());
        Assert.Equal("{\"id\":\"ext-S2024012\",\"externalId\":\"S2024012\"}", read["person"]!.ToJsonString());
        var auditor = _api.As(tenant, Roles.Auditor);
        var byId = await _api.OkAsync(tenant, "{ auditLog(filter: {entityType: \"Person\", entityId: \"ext-S2024012\"}) { totalCount nodes { action purpose } } }", token: auditor);
        Assert.Contains(byId["auditLog"]!["nodes"]!.AsArray(), n => n!["purpose"]!.GetValue<string>() == "changeMonitoringLevel");
        var byNumber = await _api.OkAsync(tenant, "{ auditLog(filter: {entityId: \"S2024012\"}) { totalCount } }", token: auditor);
        Assert.Equal(0, byNumber["auditLog"]!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Name_the_person_id_in_the_record_of_a_refusal_by_student_number()
    {
        var tenant = await SchoolWithClassAsync();
        var teacher = _api.As(tenant, Roles.Caseworker);

        var refused = await _api.PostAsync(tenant, "mutation { changeMonitoringLevel(personId: \"S2024013\", action: START_TRACKING) { id } }", token: teacher);

        Assert.Equal("FORBIDDEN", refused.FirstCode);
        var denied = await _api.OkAsync(tenant, "{ auditLog(filter: {action: \"DENIED\"}) { nodes { entityType entityId } } }", token: _api.As(tenant, Roles.Auditor));
        Assert.Contains(denied["auditLog"]!["nodes"]!.AsArray(), n => n!["entityId"]!.GetValue<string>() == "ext-S2024013");
        Assert.DoesNotContain(denied["auditLog"]!["nodes"]!.AsArray(), n => n!["entityId"]!.GetValue<string>() == "S2024013");
    }

    [Theory]
    [InlineData("S9999999")]
    [InlineData("ext S1")]
    public async Task Refuse_an_unknown_student_number_with_not_found_naming_it(string value)
    {
        var tenant = await SchoolWithClassAsync();

        var report = await _api.PostAsync(tenant, "mutation($p: ID!) { reportConcern(input: {personId: $p, summary: \"Seems withdrawn\"}) { id } }", new { p = value });
        var member = await _api.PostAsync(tenant, "mutation($p: ID!) { addOrganizationMember(organizationId: \"class-7-1\", personId: $p, role: \"HomeroomTeacher\") { id } }", new { p = value });

        foreach (var refused in new[] { report, member })
        {
            Assert.Equal("NOT_FOUND", refused.FirstCode);
            Assert.Equal(value, refused.Errors![0]!["extensions"]!["id"]!.GetValue<string>());
            Assert.Contains(value, refused.Errors![0]!["message"]!.GetValue<string>());
        }

        Assert.Equal(0, (await _api.OkAsync(tenant, "{ cases { totalCount } }"))["cases"]!["totalCount"]!.GetValue<int>());
        // No one has it: person(id) answers as for a person outside need-to-know (F12), naming the value sent.
        var none = await _api.PostAsync(tenant, "query($p: ID!) { person(id: $p) { id } }", new { p = value });
        Assert.Equal(("FORBIDDEN", value), (none.FirstCode, none.Errors![0]!["extensions"]!["id"]!.GetValue<string>()));
        Assert.Null(none.Data?["person"]);
    }

    [Fact]
    public async Task Refuse_to_give_a_student_number_to_a_second_person()
    {
        var tenant = await SchoolWithClassAsync();
        var second = await _api.PostAsync(tenant, "mutation { registerPerson(input: {id: \"transfer-1\", displayName: \"张伟\", organizationId: \"class-7-2\", externalId: \"S2024011\"}) { id } }");

        Assert.Equal("ALREADY_EXISTS", second.FirstCode);
        Assert.Equal("externalId", second.Errors![0]!["extensions"]!["field"]!.GetValue<string>());
        Assert.DoesNotContain("ext-S2024011", second.Errors![0]!["message"]!.GetValue<string>());
        var none = await _api.PostAsync(tenant, "{ person(id: \"transfer-1\") { id } }"); // not registered: refused as outside need-to-know (F12)
        Assert.Equal("FORBIDDEN", none.FirstCode);
        Assert.Null(none.Data?["person"]);
        var report = await _api.OkAsync(tenant, "mutation { reportConcern(input: {personId: \"S2024011\", summary: \"Seems withdrawn\"}) { personId } }");
        Assert.Equal("ext-S2024011", report["reportConcern"]!["personId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Count_the_whole_filtered_list_on_every_page()
    {
        var tenant = await SchoolWithClassAsync();
        await _api.ImportAsync(tenant, "counselling-centre", DirectoryApi.Csv("externalId,displayName,roles", ["T1,王老师,PsychologyTeacher"]), "STAFF");
        const string Page = "query($f: PeopleFilter, $after: String) { people(filter: $f, first: 2, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }";

        foreach (var filter in new object?[] { null, new { organization = "class-7-1" }, new { name = "张" }, new { staff = true }, new { organization = "grade-7", includeSubtree = true } })
        {
            var (ids, _) = await _api.AllPeopleAsync(tenant, filter, pageSize: 100);
            string? after = null;
            do
            {
                var people = (await _api.OkAsync(tenant, Page, new { f = filter, after }))["people"]!;
                Assert.Equal(ids.Count, people["totalCount"]!.GetValue<int>());
                after = people["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? people["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
            }
            while (after is not null);
        }

        Assert.Equal(7, (await SearchAsync(tenant, new { organization = "class-7-1" })).Total);
    }

    [Fact]
    public async Task Count_cases_and_tasks_with_and_without_filters()
    {
        var tenant = await SchoolWithClassAsync();
        var counsellor = _api.As(tenant, Roles.Counsellor);
        foreach (var (student, risk) in new[] { ("S2024011", "HIGH"), ("S2024012", "LOW"), ("S2024013", "LOW") })
        {
            await _api.OkAsync(tenant, $"mutation {{ reportConcern(input: {{personId: \"{student}\", summary: \"Noticed in class\", riskLevel: {risk}}}) {{ id }} }}", token: counsellor);
        }

        var data = await _api.OkAsync(tenant, "{ all: cases(first: 1) { totalCount nodes { id } } high: cases(filter: {riskLevel: HIGH}) { totalCount } "
            + "low: cases(filter: {riskLevel: LOW}, first: 1) { totalCount pageInfo { hasNextPage } } mine: myTasks(first: 1) { totalCount } allMine: myTasks(first: 100) { nodes { id } } "
            + "overdue: overdueTasks { totalCount nodes { id } } }", token: counsellor);

        Assert.Equal((3, 1), (data["all"]!["totalCount"]!.GetValue<int>(), data["all"]!["nodes"]!.AsArray().Count));
        Assert.Equal(1, data["high"]!["totalCount"]!.GetValue<int>());
        Assert.Equal((2, true), (data["low"]!["totalCount"]!.GetValue<int>(), data["low"]!["pageInfo"]!["hasNextPage"]!.GetValue<bool>()));
        Assert.True(data["allMine"]!["nodes"]!.AsArray().Count > 1);
        Assert.Equal(data["allMine"]!["nodes"]!.AsArray().Count, data["mine"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(data["overdue"]!["nodes"]!.AsArray().Count, data["overdue"]!["totalCount"]!.GetValue<int>());
    }
}
