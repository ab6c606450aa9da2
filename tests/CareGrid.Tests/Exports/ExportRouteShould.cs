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
            $"{{ auditLog(filter: {{ actor: \"{actor}\", action: \"{action}\" }}, first: 20) {{ nodes {{ entityType entityId fields purpose reason refusal {{ code via }} }} }} }}", token: auditor);
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

        var read = Assert.Single(await AuditAsync(supervisor, "READ"))!;
        Assert.Equal("Statistics", read["entityType"]!.GetValue<string>());
        Assert.Equal(School, read["entityId"]!.GetValue<string>());
        Assert.Equal("statistics", read["purpose"]!.GetValue<string>());
        Assert.Equal(["export:statistics.csv", "from", "language", "to"], read["fields"]!.AsArray().Select(f => f!.GetValue<string>()));
    }

    [Fact]
    public async Task Write_every_table_of_the_report_as_a_sheet_of_an_XLSX()
    {
        var admin = factory.TokenFor(Unique("admin") + "@" + School, School, Roles.TenantAdmin);
        var response = await GetAsync($"/t/{School}/exports/statistics.xlsx?organizationId=grade-8", admin);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        var sheets = ExportFiles.XlsxSheets(await response.Content.ReadAsByteArrayAsync());
        var tables = (await _client.PostAsync($"/t/{School}/graphql", "{ statistics(organizationId: \"grade-8\") { tables { title rows { number } } } }", token: admin))
            .EnsureNoErrors().Data!["statistics"]!["tables"]!.AsArray();
        Assert.Equal(tables.Count, sheets.Count);
        Assert.Equal(tables.Select(t => t!["title"]!.GetValue<string>()), sheets.Select(s => ExportFiles.Text(s.Rows[0][0])));
        Assert.All(sheets.SelectMany(s => s.Rows).SelectMany(r => r), c => Assert.Null(c.CellFormula));
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
