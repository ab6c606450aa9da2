using CareGrid.Grains.Imports;
using CareGrid.Silo.Cli;
using CareGrid.Tests.Infrastructure;
using Spectre.Console;

namespace CareGrid.Tests.PeopleDirectory;

/// <summary>
/// A class roster with Chinese headers, as schools export it (seeds/rosters/class-roster-zh.csv, docs/rosters.md), through
/// the real paths: <c>importRoster</c>/<c>importStatus</c> over GraphQL, and the <c>import</c> verb with the GBK file Excel
/// on Chinese Windows saves.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class RosterChineseImportShould(CareGridApiFactory factory)
{
    private readonly DirectoryApi _api = new(factory);

    private static string Example => File.ReadAllText(Path.Combine(DirectoryApi.RepoRoot, "seeds", "rosters", "class-roster-zh.csv"));

    private async Task<string> SchoolWithClassAsync(string prefix)
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", prefix);
        await _api.CreateOrganizationAsync(tenant, "grade-8", "GRADE", "school", 2);
        await _api.CreateOrganizationAsync(tenant, "class-8-2", "CLASS", "grade-8", 1);
        return tenant;
    }

    private async Task AssertExampleLandedAsync(string tenant)
    {
        var (ids, _) = await _api.AllPeopleAsync(tenant, new { organization = "class-8-2" });
        Assert.Equal(Enumerable.Range(211, 6).Select(i => $"ext-S2024-0{i}"), ids.Order());
        var person = (await _api.PersonAsync(tenant, "ext-S2024-0211",
            "externalId displayName sex birthYear dateOfBirth targetGroups contacts { kind name relationship phone workplace }"))["person"]!;
        Assert.Equal(("S2024-0211", "林小雨", "FEMALE", 2013, "2013-05-09"), (person["externalId"]!.GetValue<string>(), person["displayName"]!.GetValue<string>(),
            person["sex"]!.GetValue<string>(), person["birthYear"]!.GetValue<int>(), person["dateOfBirth"]!.GetValue<string>()));
        Assert.Equal(["LeftBehindChild"], DirectoryApi.Strings(person["targetGroups"]));
        var contacts = person["contacts"]!.AsArray();
        Assert.Equal(("GUARDIAN", "林奶奶", "祖母", "13900000101"), (contacts[0]!["kind"]!.GetValue<string>(), contacts[0]!["name"]!.GetValue<string>(),
            contacts[0]!["relationship"]!.GetValue<string>(), contacts[0]!["phone"]!.GetValue<string>()));
        Assert.Equal(("PARENT", "林建国", "广东省深圳市"), (contacts[1]!["kind"]!.GetValue<string>(), contacts[1]!["name"]!.GetValue<string>(), contacts[1]!["workplace"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Land_every_row_of_a_roster_with_Chinese_headers_through_importRoster_and_report_a_bad_row_by_its_column()
    {
        var tenant = await SchoolWithClassAsync("zhhdr");
        var status = await _api.ImportAsync(tenant, "class-8-2", Example);
        Assert.Equal(("COMPLETED", 6, 6, 0), (status["state"]!.GetValue<string>(), status["total"]!.GetValue<int>(), status["landed"]!.GetValue<int>(), status["invalid"]!.GetValue<int>()));
        await AssertExampleLandedAsync(tenant);

        var bad = await _api.ImportAsync(tenant, "class-8-2", DirectoryApi.Csv("学号,姓名,性别,出生日期", ["S2024-0217,孙可欣,女,2013年6月1日", "S2024-0218,钱多多,2,2013/6/1"]));
        Assert.Equal((1, 1), (bad["landed"]!.GetValue<int>(), bad["invalid"]!.GetValue<int>()));
        var error = Assert.Single(bad["errors"]!.AsArray())!;
        Assert.Equal((3, "sex"), (error["row"]!.GetValue<int>(), error["column"]!.GetValue<string>()));
        Assert.StartsWith("sex is 男 or 女", error["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuse_an_unknown_column_through_importRoster_with_the_accepted_names_in_both_languages()
    {
        var tenant = await SchoolWithClassAsync("zhunk");
        var r = await _api.PostAsync(tenant, "mutation($csv: String!) { importRoster(organizationId: \"class-8-2\", csv: $csv) { id } }",
            new { csv = "学号,姓名,身份证号\nS1,林小雨,110101201305090000\n" });
        Assert.Equal("VALIDATION_FAILED", r.FirstCode);
        var e = r.Errors![0]!;
        Assert.Equal(("csv", "身份证号", "3"), (e["extensions"]!["field"]!.GetValue<string>(), e["extensions"]!["column"]!.GetValue<string>(), e["extensions"]!["columnNumber"]!.GetValue<string>()));
        Assert.Equal(RosterColumns.Accepted(RosterKind.People), e["extensions"]!["acceptedColumns"]!.GetValue<string>());
        Assert.Contains("externalId (学号, 学籍号", e["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("does not store identity-card numbers", e["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty((await _api.AllPeopleAsync(tenant, null)).Ids);
    }

    private async Task<(int Code, string Stdout, string Stderr)> RunVerbAsync(string tenant, byte[] bytes)
    {
        var file = Path.Combine(Path.GetTempPath(), $"roster-{Guid.NewGuid():N}.csv");
        await File.WriteAllBytesAsync(file, bytes);
        try
        {
            var output = new StringWriter();
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No, Ansi = AnsiSupport.No });
            var stderr = new StringWriter();
            var code = await ImportVerb.RunAsync(new ImportVerbOptions(tenant, "class-8-2", file, RosterKind.People, _api.Admin(tenant)), factory.CreateClient(), console, stderr);
            return (code, output.ToString(), stderr.ToString().Replace(Path.GetFileName(file), "roster.csv", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Import_the_GBK_file_Excel_saves_with_Chinese_headers_through_the_verb()
    {
        var tenant = await SchoolWithClassAsync("zhgbk");
        var (code, stdout, stderr) = await RunVerbAsync(tenant, RosterFile.StrictGb18030.GetBytes(Example));
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("已按 GB18030（GBK）编码读取 roster.csv", stderr, StringComparison.Ordinal);
        await AssertExampleLandedAsync(tenant);
    }

    [Fact]
    public async Task Name_a_refused_rows_column_in_the_verbs_report_as_the_file_does()
    {
        var tenant = await SchoolWithClassAsync("zhrep");
        var (code, stdout, stderr) = await RunVerbAsync(tenant, RosterFile.StrictGb18030.GetBytes("学号,姓名,性别\r\nS1,林小雨,女\r\nS2,钱多多,2\r\n"));
        Assert.True(code == 2, stdout + stderr);
        Assert.Matches(@"\b3\s+.\s+sex \(性别\)", stdout);
    }

    [Fact]
    public async Task Refuse_an_unknown_column_in_the_verb_on_stderr_in_Chinese_and_English_before_sending_anything()
    {
        var tenant = await SchoolWithClassAsync("zhverb");
        var (code, _, stderr) = await RunVerbAsync(tenant, RosterFile.StrictGb18030.GetBytes("学号,姓名,学校\r\nS1,林小雨,实验中学\r\n"));
        Assert.Equal(1, code);
        Assert.Contains("roster.csv：无法识别第 3 列“学校”。各行导入到导入时指定的单位", stderr, StringComparison.Ordinal);
        Assert.Contains("人员名单可用的列名（英文名或中文名）：externalId (学号, 学籍号", stderr, StringComparison.Ordinal);
        Assert.Contains("未导入任何内容。\nroster.csv: Unknown column '学校' (column 3). Rows land in the unit the import names", stderr, StringComparison.Ordinal);
        Assert.Contains("by English or Chinese name: externalId (学号, 学籍号", stderr, StringComparison.Ordinal);
        Assert.Empty((await _api.AllPeopleAsync(tenant, null)).Ids);
    }

    [Fact]
    public void Resolve_a_relative_file_against_the_callers_directory_and_name_every_path_tried()
    {
        var caller = Directory.CreateTempSubdirectory("caller-").FullName;
        var service = Directory.CreateTempSubdirectory("silo-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(caller, "roster.csv"), "学号,姓名\n");
            var stderr = new StringWriter();
            Assert.Equal(Path.Combine(caller, "roster.csv"), ImportVerb.FindFile("roster.csv", caller, service, stderr));
            Assert.Equal(Path.Combine(caller, "roster.csv"), ImportVerb.FindFile("roster.csv", null, caller, stderr));
            Assert.Equal("", stderr.ToString());

            Assert.Null(ImportVerb.FindFile("missing.csv", caller, service, stderr));
            Assert.Contains($"找不到名单文件：{Path.Combine(caller, "missing.csv")}、{Path.Combine(service, "missing.csv")}", stderr.ToString(), StringComparison.Ordinal);
            Assert.Contains($"No such roster file: {Path.Combine(caller, "missing.csv")}, {Path.Combine(service, "missing.csv")}", stderr.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(caller, recursive: true);
            Directory.Delete(service, recursive: true);
        }
    }
}
