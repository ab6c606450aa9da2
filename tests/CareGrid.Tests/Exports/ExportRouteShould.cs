using System.Net;
using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Exports;

/// <summary>
/// <c>GET /t/{tenant}/exports/statistics.{csv|xlsx}</c> over HTTP with real tokens (docs/statistics.md "Exports"): the file
/// with its headers and a READ record, and every refusal with the code GraphQL gives for <c>statistics</c>, audited once.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class ExportRouteShould(CareGridApiFactory factory)
{
    private const string School = "demo-school";
    private readonly GraphQLClient _client = factory.GraphQL();

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 13)];

    private async Task<HttpResponseMessage> GetAsync(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return await _client.Http.SendAsync(request);
    }

    private async Task<JsonArray> AuditAsync(string actor, string action)
    {
        var auditor = factory.TokenFor("auditor@" + School, School, Roles.Auditor);
        var log = await _client.PostAsync($"/t/{School}/graphql",
            $"{{ auditLog(filter: {{ actor: \"{actor}\", action: \"{action}\" }}, first: 100) {{ nodes {{ entityType entityId fields purpose reason refusal {{ code via }} }} }} }}", token: auditor);
        return log.EnsureNoErrors().Data!["auditLog"]!["nodes"]!.AsArray();
    }

    private static async Task<(HttpStatusCode Status, string? Code, JsonNode Error)> ErrorOf(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![0]!;
        return (response.StatusCode, error["extensions"]!["code"]!.GetValue<string>(), error);
    }

    [Fact]
    public async Task Stream_statistics_as_a_Chinese_CSV_attachment_and_record_the_read()
    {
        var supervisor = Unique("principal") + "@" + School;
        var response = await GetAsync($"/t/{School}/exports/statistics.csv?language=zh-CN&from=2026-11-02&to=2026-11-29", factory.TokenFor(supervisor, School, Roles.Supervisor));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("statistics_demo-school_2026-11-02_2026-11-29.csv", disposition.FileName!.Trim('"'));
        Assert.Equal("统计报表_demo-school_2026-11-02_2026-11-29.csv", disposition.FileNameStar);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(ExportFiles.Bom, bytes[..3]);
        var records = ExportFiles.CsvRecords(bytes);
        Assert.Contains(records, r => r.Length == 1 && r[0].Contains("状态", StringComparison.Ordinal));
        Assert.DoesNotContain(records.SelectMany(r => r), ExportFiles.WouldBeFormula);
        // The file says what it counts before any figure (docs/statistics.md "Exports": the about table).
        Assert.Equal(["关于本报表"], records[0]);
        Assert.Equal(["项目", "内容"], records[1]);
        var about = records.Skip(2).TakeWhile(r => r is not [""]).ToDictionary(r => r[0], r => r[1]);
        Assert.Equal("Demo Middle School (plan 4: three-level warning)（demo-school）", about["租户"]); // round-34 trial: the name, not the id alone
        Assert.Equal("整个租户（全部单位，含未归属单位的记录）", about["统计范围"]);
        Assert.Equal("2026-11-02 至 2026-11-29（共4个完整周，周一至周日）", about["统计期"]);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}（Asia/Shanghai，UTC\+08:00）$", about["截至时间"]);
        Assert.Equal("Asia/Shanghai", about["时区"]);
        Assert.Equal("简体中文（zh-CN）", about["语言"]);

        // The demo school's classes hold fewer than five pupils each: the people tables are recorded against them too
        // (docs/statistics.md "Small units are recorded person by person").
        var reads = await AuditAsync(supervisor, "READ");
        Assert.All(reads.Where(r => r!["entityType"]!.GetValue<string>() != "Statistics"), r => Assert.Equal(("Person", "statistics"), (r!["entityType"]!.GetValue<string>(), r["purpose"]!.GetValue<string>())));
        var read = Assert.Single(reads, r => r!["entityType"]!.GetValue<string>() == "Statistics")!;
        Assert.Equal(School, read["entityId"]!.GetValue<string>());
        Assert.Equal("statistics", read["purpose"]!.GetValue<string>());
        Assert.Equal(["export:statistics.csv", "from", "language", "to"], read["fields"]!.AsArray().Select(f => f!.GetValue<string>()));
    }

    [Fact]
    public async Task Neutralise_a_unit_name_starting_with_a_full_width_equals_sign_in_CSV_and_XLSX()
    {
        // WPS, and Excel with a Chinese IME, read ＝ (U+FF1D) as = and run the cell as a formula (round 18 gaps). A tenant of
        // its own, so the unit does not join the shared demo school's tree.
        var tenant = Seeds.NewTenantId("formula");
        (await _client.PostAsync("/graphql", "mutation($in: OnboardTenantInput!) { onboardTenant(input: $in) { id } }",
            new { @in = new { id = tenant, name = "Formula school", kind = "SCHOOL", firstAdminSubject = "admin" } }, factory.Token(null, Roles.PlatformAdmin))).EnsureNoErrors();
        var admin = factory.TokenFor("admin", tenant, Roles.TenantAdmin);
        const string Name = "＝HYPERLINK(\"http://x\",\"点我\")";
        (await _client.PostAsync($"/t/{tenant}/graphql", "mutation($n: String!) { createOrganization(input: { id: \"c1\", name: $n, kind: CLASS, escalationLevel: 1 }) { id } }",
            new { n = Name }, admin)).EnsureNoErrors();

        var csv = await GetAsync($"/t/{tenant}/exports/statistics.csv?language=zh-CN&organizationId=c1", admin);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var records = ExportFiles.CsvRecords(await csv.Content.ReadAsByteArrayAsync());
        var scope = records.Single(r => r.Length == 2 && r[0] == "统计范围")[1];
        Assert.StartsWith("'" + Name, scope, StringComparison.Ordinal);
        Assert.DoesNotContain(records.SelectMany(r => r), ExportFiles.WouldBeFormula);

        var xlsx = await GetAsync($"/t/{tenant}/exports/statistics.xlsx?organizationId=c1", admin);
        var sheets = ExportFiles.XlsxSheets(await xlsx.Content.ReadAsByteArrayAsync());
        var about = sheets[0].Rows.Skip(2).ToDictionary(r => ExportFiles.Text(r[0]), r => ExportFiles.Text(r[1]));
        Assert.StartsWith("'" + Name, about["Units"], StringComparison.Ordinal);
        Assert.DoesNotContain(sheets.SelectMany(s => s.Rows).SelectMany(r => r).Select(ExportFiles.Text), ExportFiles.WouldBeFormula);
    }

    [Fact]
    public async Task Write_every_table_of_the_report_as_a_sheet_of_an_XLSX()
    {
        var admin = factory.TokenFor(Unique("admin") + "@" + School, School, Roles.TenantAdmin);
        var response = await GetAsync($"/t/{School}/exports/statistics.xlsx?organizationId=grade-8", admin);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        var sheets = ExportFiles.XlsxSheets(await response.Content.ReadAsByteArrayAsync());
        var statistics = (await _client.PostAsync($"/t/{School}/graphql", "{ statistics(organizationId: \"grade-8\") { from to tables { title rows { number } } } }", token: admin))
            .EnsureNoErrors().Data!["statistics"]!;
        var tables = statistics["tables"]!.AsArray();
        Assert.Equal(tables.Count + 1, sheets.Count);
        Assert.Equal(tables.Select(t => t!["title"]!.GetValue<string>()), sheets.Skip(1).Select(s => ExportFiles.Text(s.Rows[0][0])));
        // The first sheet says what the figures count: a grade-8 export says grade 8 (docs/statistics.md "Exports").
        Assert.Equal("About this report", sheets[0].Name);
        Assert.Equal(["About this report"], sheets[0].Rows[0].Select(ExportFiles.Text));
        var about = sheets[0].Rows.Skip(2).ToDictionary(r => ExportFiles.Text(r[0]), r => ExportFiles.Text(r[1]));
        Assert.Equal("Demo Middle School (plan 4: three-level warning) (demo-school)", about["Tenant"]);
        Assert.Equal("Grade 8 (grade-8) and the units below it: Grade 8 (grade-8); Class 8-1 (class-8-1); Class 8-2 (class-8-2)", about["Units"]);
        Assert.Equal($"{statistics["from"]!.GetValue<string>()} to {statistics["to"]!.GetValue<string>()} (4 whole weeks, Monday to Sunday)", about["Period"]);
        Assert.EndsWith(" (Asia/Shanghai, UTC+08:00)", about["As of"]);
        Assert.Equal("English (en)", about["Language"]);
        Assert.All(sheets.SelectMany(s => s.Rows).SelectMany(r => r), c => Assert.Null(c.CellFormula));
    }

    [Fact]
    public async Task Stream_the_whole_overdue_board_as_one_table_governed_by_the_overdueBoard_field()
    {
        var supervisor = Unique("principal") + "@" + School;
        var response = await GetAsync($"/t/{School}/exports/overdue-board.csv?language=zh-CN&dueWithinHours=168&first=1", factory.TokenFor(supervisor, School, Roles.Supervisor));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("逾期任务看板_demo-school.csv", response.Content.Headers.ContentDisposition!.FileNameStar);
        var records = ExportFiles.CsvRecords(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(["关于本报表"], records[0]);
        var about = records.Skip(2).TakeWhile(r => r is not [""]).ToDictionary(r => r[0], r => r[1]);
        Assert.Equal(("整个租户（全部单位，含未归属单位的记录）", "无：所有数字均为截至时间的状况"), (about["统计范围"], about["统计期"]));
        Assert.Contains("（Asia/Shanghai，UTC+08:00）", about["截至时间"], StringComparison.Ordinal);
        records = [.. records.SkipWhile(r => r is not [""]).Skip(1)];
        Assert.Equal(["逾期任务看板（当前）"], records[0]);
        Assert.Equal("个案", records[1][0]);
        var board = (await _client.PostAsync($"/t/{School}/graphql", "{ overdueBoard(dueWithinHours: 168, first: 100) { nodes { caseId } } }",
            token: factory.TokenFor("principal@demo-school", School, Roles.Supervisor))).EnsureNoErrors().Data!["overdueBoard"]!["nodes"]!.AsArray();
        // One header however many pages of one row were read.
        Assert.Equal(board.Select(n => n!["caseId"]!.GetValue<string>()), records.Skip(2).Select(r => r[0]));
        var read = Assert.Single(await AuditAsync(supervisor, "READ"))!;
        Assert.Equal(("OverdueBoard", "overdueBoard"), (read["entityType"]!.GetValue<string>(), read["purpose"]!.GetValue<string>()));

        var reporter = Unique("committee") + "@" + School;
        var (status, code, _) = await ErrorOf(await GetAsync($"/t/{School}/exports/overdue-board.xlsx", factory.TokenFor(reporter, School, Roles.Reporter)));
        Assert.Equal((HttpStatusCode.Forbidden, "FORBIDDEN"), (status, code));
        Assert.Equal("overdueBoard", Assert.Single(await AuditAsync(reporter, "DENIED"))!["purpose"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refuse_a_role_the_statistics_field_refuses_with_403_and_one_DENIED_record()
    {
        var homeroom = Unique("homeroom") + "@" + School;
        var response = await GetAsync($"/t/{School}/exports/statistics.csv", factory.TokenFor(homeroom, School, Roles.Caseworker));

        var (status, code, error) = await ErrorOf(response);
        Assert.Equal((HttpStatusCode.Forbidden, "FORBIDDEN"), (status, code));
        Assert.Contains("Supervisor", error["extensions"]!["requiredRoles"]!.GetValue<string>());
        var denied = Assert.Single(await AuditAsync(homeroom, "DENIED"))!;
        Assert.Equal("statistics", denied["purpose"]!.GetValue<string>());
        Assert.Equal("FORBIDDEN", denied["refusal"]!["code"]!.GetValue<string>());
        Assert.Equal("route:/t/demo-school/exports/statistics.csv", denied["refusal"]!["via"]!.GetValue<string>());
        Assert.Empty(await AuditAsync(homeroom, "READ"));
    }

    [Theory]
    [InlineData(null, "/t/demo-school/exports/statistics.csv", HttpStatusCode.Unauthorized, "UNAUTHENTICATED")]
    [InlineData("not-a-token", "/t/demo-school/exports/statistics.csv", HttpStatusCode.Unauthorized, "UNAUTHENTICATED")]
    [InlineData("town", "/t/demo-school/exports/statistics.csv", HttpStatusCode.Forbidden, "FORBIDDEN")]
    [InlineData("school", "/t/no-such-school/exports/statistics.csv", HttpStatusCode.NotFound, "TENANT_NOT_FOUND")]
    [InlineData("school", "/t/demo-school/exports/statistics.csv?from=2026-11-03&to=2026-11-29", HttpStatusCode.BadRequest, "VALIDATION_FAILED")]
    [InlineData("school", "/t/demo-school/exports/statistics.csv?language=fr", HttpStatusCode.BadRequest, "VALIDATION_FAILED")]
    [InlineData("school", "/t/demo-school/exports/statistics.csv?first=10", HttpStatusCode.BadRequest, "VALIDATION_FAILED")]
    [InlineData("school", "/t/demo-school/exports/statistics.pdf", HttpStatusCode.NotFound, "NOT_FOUND")]
    [InlineData("coordinator", "/t/demo-school/exports/statistics.xlsx?organizationId=class-8-2", HttpStatusCode.Forbidden, "FORBIDDEN")]
    public async Task Answer_a_refusal_with_the_code_GraphQL_gives(string? who, string path, HttpStatusCode status, string code)
    {
        var token = who switch
        {
            null => null,
            "town" => factory.TokenFor("principal@demo-town", "demo-town", Roles.Supervisor),
            "coordinator" => factory.TokenFor(Unique("leader") + "@" + School, School, Roles.Coordinator),
            "school" => factory.TokenFor("principal@demo-school", School, Roles.Supervisor),
            _ => who,
        };

        var response = await GetAsync(path, token);

        var (actualStatus, actualCode, _) = await ErrorOf(response);
        Assert.Equal((status, code), (actualStatus, actualCode));
    }

    [Fact]
    public async Task Name_the_parameter_of_a_bad_period()
    {
        var response = await GetAsync($"/t/{School}/exports/statistics.csv?from=2026-11-02&to=2026-11-28", factory.TokenFor("principal@demo-school", School, Roles.Supervisor));
        var (_, code, error) = await ErrorOf(response);
        Assert.Equal("VALIDATION_FAILED", code);
        Assert.Equal("to", error["extensions"]!["field"]!.GetValue<string>());
    }
}
