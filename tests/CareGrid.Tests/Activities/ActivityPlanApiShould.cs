using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using CareGrid.Tests.PeopleDirectory;

namespace CareGrid.Tests.Activities;

/// <summary>
/// Activity plans (R-7.1) and the hazard ledger of the bullying-risk sweep (R-7.6) through GraphQL over HTTP
/// (docs/activities.md): a school's mental-health month from the template, owners who must be members of the unit,
/// owner-or-planner changes, need-to-know by organization, overdue activities and hazard fixes in the supervision
/// statistics (English and Chinese tables), and the audit records of the writes.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class ActivityPlanApiShould(CareGridApiFactory factory)
{
    private const string ActivityFields = "id title titleZh owner dueOn ongoing status overdue templateItem closedAt evidence { by text }";
    private readonly DirectoryApi _api = new(factory);

    private string Token(string tenant, string sub, string role) => factory.TokenFor($"{sub}@{tenant}", tenant, role);

    /// <summary>The tenant's local date now (the default calendar: Asia/Shanghai) — deadlines are set around it, never by moving the shared clock.</summary>
    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(factory.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<string> SchoolAsync()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "act");
        await _api.CreateOrganizationAsync(tenant, "grade-8", "GRADE", "school", 2);
        await _api.CreateOrganizationAsync(tenant, "class-8-1", "CLASS", "grade-8", 1);
        await _api.CreateOrganizationAsync(tenant, "class-8-2", "CLASS", "grade-8", 1);
        await StaffMembers.AddAsync(factory, _api.Client, tenant, $"lead@{tenant}", "leadership", "LeadershipGroupMember");
        await StaffMembers.AddAsync(factory, _api.Client, tenant, $"hr81@{tenant}", "class-8-1", "HomeroomTeacher");
        await StaffMembers.AddAsync(factory, _api.Client, tenant, $"hr82@{tenant}", "class-8-2", "HomeroomTeacher");
        return tenant;
    }

    private static JsonArray Row(JsonNode table, string unit) =>
        table["rows"]!.AsArray().Single(r => r![0]!["text"]!.GetValue<string>() == unit)!.AsArray();

    private static string Counts(JsonArray row) => string.Join(",", row.Skip(1).Select(c => c!["number"]!.GetValue<decimal>()));

    private async Task<JsonNode> TableAsync(string tenant, string language = "EN") =>
        (await _api.OkAsync(tenant, $"{{ statistics(language: {language}) {{ tables {{ key title columns rows {{ text number }} }} }} }}", token: Token(tenant, "principal", Roles.Supervisor)))
            ["statistics"]!["tables"]!.AsArray().Single(t => t!["key"]!.GetValue<string>() == "activities-and-hazards-by-unit")!;

    [Fact]
    public async Task Run_a_mental_health_month_from_the_template_and_count_overdue_activities_in_the_statistics()
    {
        var tenant = await SchoolAsync();
        var principal = Token(tenant, "principal", Roles.Supervisor);
        string Create(DateOnly startsOn) => $"mutation($o: ID!, $w: String!) {{ createActivityPlanFromTemplate(organizationId: $o, template: \"mental-health-month\", startsOn: \"{Day(startsOn)}\", owner: $w, prefix: \"mhm\") {{ "
            + ActivityFields + " } }";
        var notMember = await _api.PostAsync(tenant, Create(Today.AddDays(-10)), new { o = "school", w = $"hr81@{tenant}" }, principal);
        Assert.Equal(("VALIDATION_FAILED", "input.owner"), (notMember.FirstCode, notMember.Errors![0]!["extensions"]!["field"]!.GetValue<string>()));
        Assert.Empty((await _api.OkAsync(tenant, "{ activities(organizationId: \"school\") { id } }", token: principal))["activities"]!.AsArray());

        var month = (await _api.OkAsync(tenant, Create(Today.AddDays(-10)), new { o = "school", w = $"lead@{tenant}" }, principal))["createActivityPlanFromTemplate"]!.AsArray();
        Assert.Equal(14, month.Count);
        Assert.Equal(["mhm-bullying-sweep", "mhm-launch"], month.Where(a => a!["overdue"]!.GetValue<bool>()).Select(a => a!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToArray());
        var sweep = month.Single(a => a!["templateItem"]!.GetValue<string>() == "bullying-sweep")!;
        Assert.Equal(("校园欺凌隐患排查（隐患台账）", Day(Today.AddDays(-3)), "PLANNED"), (sweep["titleZh"]!.GetValue<string>(), sweep["dueOn"]!.GetValue<string>(), sweep["status"]!.GetValue<string>()));
        Assert.True(month.Single(a => a!["id"]!.GetValue<string>() == "mhm-archives")!["ongoing"]!.GetValue<bool>());
        var again = await _api.PostAsync(tenant, Create(Today), new { o = "school", w = $"lead@{tenant}" }, principal);
        Assert.Equal("ALREADY_EXISTS", again.FirstCode);

        // The owner (a member of the leadership group) moves the launch through its lifecycle and adds evidence.
        var lead = Token(tenant, "lead", Roles.Caseworker);
        const string status = "mutation($a: ID!, $s: ActivityStatus!) { setActivityStatus(organizationId: \"school\", activityId: $a, status: $s) { status overdue closedAt } }";
        await _api.OkAsync(tenant, status, new { a = "mhm-launch", s = "IN_PROGRESS" }, lead);
        var done = (await _api.OkAsync(tenant, status, new { a = "mhm-launch", s = "DONE" }, lead))["setActivityStatus"]!;
        Assert.Equal(("DONE", false), (done["status"]!.GetValue<string>(), done["overdue"]!.GetValue<bool>()));
        var back = await _api.PostAsync(tenant, status, new { a = "mhm-launch", s = "PLANNED" }, lead);
        Assert.Equal(("INVALID_TRANSITION", "DONE"), (back.FirstCode, back.Errors![0]!["extensions"]!["state"]!.GetValue<string>()));
        var evidence = (await _api.OkAsync(tenant, "mutation { addActivityEvidence(organizationId: \"school\", activityId: \"mhm-launch\", note: \"启动仪式全校师生参加，照片存档\") { evidence { by text } } }", token: lead))["addActivityEvidence"]!;
        Assert.Equal($"lead@{tenant}", evidence["evidence"]![0]!["by"]!.GetValue<string>());

        // Need-to-know by organization: a homeroom teacher of class 8-2 neither reads nor changes the school's plan; nor
        // does a homeroom teacher who is not the owner change an activity of their own class's scope.
        var outsider = await _api.PostAsync(tenant, "{ activities(organizationId: \"school\") { id } }", token: Token(tenant, "hr82", Roles.Caseworker));
        Assert.Equal(("FORBIDDEN", "need-to-know"), (outsider.FirstCode, outsider.Errors![0]!["extensions"]!["rule"]!.GetValue<string>()));
        Assert.Null(outsider.Data?["activities"]);
        var unknown = await _api.PostAsync(tenant, "{ activities(organizationId: \"no-such-unit\") { id } }", token: principal);
        Assert.Equal("NOT_FOUND", unknown.FirstCode);

        var table = await TableAsync(tenant);
        Assert.Equal("Activity plans and bullying-risk hazards by unit (now)", table["title"]!.GetValue<string>());
        Assert.Equal("14,13,1,0,0,0", Counts(Row(table, "school"))); // the launch is done; the sweep is still overdue
        var zh = await TableAsync(tenant, "ZH_HANS");
        Assert.Equal(("各单位活动计划与欺凌隐患台账（当前）", "逾期活动数"), (zh["title"]!.GetValue<string>(), zh["columns"]![3]!.GetValue<string>()));

        var audit = await _api.OkAsync(tenant, "{ auditLog(filter: { entityType: \"ActivityPlan\", action: \"WRITE\" }, first: 20) { nodes { actor entityId purpose } } }", token: Token(tenant, "auditor", Roles.Auditor));
        Assert.Contains(audit["auditLog"]!["nodes"]!.AsArray(), n => n!["actor"]!.GetValue<string>() == $"lead@{tenant}" && n["entityId"]!.GetValue<string>() == "school" && n["purpose"]!.GetValue<string>() == "addActivityEvidence");
    }

    [Fact]
    public async Task Keep_a_hazard_of_the_bullying_sweep_open_and_overdue_until_its_owner_records_the_fix()
    {
        var tenant = await SchoolAsync();
        var hr81 = Token(tenant, "hr81", Roles.Caseworker);
        const string record = "mutation($in: RecordHazardInput!) { recordHazard(organizationId: \"class-8-1\", input: $in) { id place hazard owner fixBy fixedAt overdue } }";
        var hazard = (await _api.OkAsync(tenant, record, new { @in = new { id = "stairwell", place = "体育馆后楼梯间", hazard = "午休时无监控、无值班教师", owner = $"hr81@{tenant}", fixBy = Day(Today.AddDays(-1)) } }, hr81))["recordHazard"]!;
        Assert.Equal(("stairwell", true), (hazard["id"]!.GetValue<string>(), hazard["overdue"]!.GetValue<bool>()));
        var badDate = await _api.PostAsync(tenant, record, new { @in = new { place = "x", hazard = "y", owner = $"hr81@{tenant}", fixBy = "1999-01-01" } }, hr81);
        Assert.Equal(("VALIDATION_FAILED", "input.fixBy"), (badDate.FirstCode, badDate.Errors![0]!["extensions"]!["field"]!.GetValue<string>()));
        Assert.Equal("0,0,0,1,1,1", Counts(Row(await TableAsync(tenant), "class-8-1")));

        const string fix = "mutation($n: String) { markHazardFixed(organizationId: \"class-8-1\", hazardId: \"stairwell\", note: $n) { fixedAt fixedBy fixNote overdue } }";
        var outside = await _api.PostAsync(tenant, fix, new { n = "done" }, Token(tenant, "hr82", Roles.Caseworker));
        Assert.Equal(("FORBIDDEN", "need-to-know"), (outside.FirstCode, outside.Errors![0]!["extensions"]!["rule"]!.GetValue<string>()));
        await StaffMembers.AddAsync(factory, _api.Client, tenant, $"deputy@{tenant}", "class-8-1", "HomeroomTeacher");
        var notOwner = await _api.PostAsync(tenant, fix, new { n = "done" }, Token(tenant, "deputy", Roles.Caseworker));
        Assert.Equal(("FORBIDDEN", "owner"), (notOwner.FirstCode, notOwner.Errors![0]!["extensions"]!["rule"]!.GetValue<string>()));

        var fixedHazard = (await _api.OkAsync(tenant, fix, new { n = "已安装监控，午休安排教师值守" }, hr81))["markHazardFixed"]!;
        Assert.Equal(($"hr81@{tenant}", false), (fixedHazard["fixedBy"]!.GetValue<string>(), fixedHazard["overdue"]!.GetValue<bool>()));
        Assert.NotNull(fixedHazard["fixedAt"]);
        Assert.Equal("INVALID_TRANSITION", (await _api.PostAsync(tenant, fix, new { n = "again" }, hr81)).FirstCode);
        Assert.Equal("0,0,0,1,0,0", Counts(Row(await TableAsync(tenant), "class-8-1")));
        var ledger = await _api.OkAsync(tenant, "{ hazardLedger(organizationId: \"class-8-1\") { id place fixNote overdue } }", token: Token(tenant, "gradelead", Roles.Supervisor));
        Assert.Equal("体育馆后楼梯间", ledger["hazardLedger"]![0]!["place"]!.GetValue<string>());

        // The ledger as a file through the exports route, governed by hazardLedger's declarations (docs/activities.md).
        var (status, body) = await ExportAsync(tenant, "hazard-ledger.csv?organizationId=class-8-1&language=zh-CN", hr81);
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        var records = CareGrid.Tests.Exports.ExportFiles.CsvRecords(body);
        Assert.Contains(records, r => r.Length > 0 && r[0] == "校园欺凌隐患排查台账");
        Assert.Contains(records, r => r.Contains("体育馆后楼梯间") && r.Contains("已安装监控，午休安排教师值守") && r.Contains("否"));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await ExportAsync(tenant, "hazard-ledger.csv?organizationId=class-8-1", Token(tenant, "hr82", Roles.Caseworker))).Status);
    }

    private async Task<(System.Net.HttpStatusCode Status, byte[] Body)> ExportAsync(string tenant, string file, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/t/{tenant}/exports/{file}");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await _api.Client.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync());
    }
}
