using System.Text;
using System.Text.Unicode;
using CareGrid.Grains.Imports;
using CareGrid.Grains.Security;
using CareGrid.Silo.Cli;
using CareGrid.Tests.Infrastructure;
using Spectre.Console;

namespace CareGrid.Tests.PeopleDirectory;

/// <summary>
/// Roster files in a legacy encoding (GBK/GB18030, as Excel on Chinese Windows saves CSV) go through the real
/// <c>import</c> verb and the service: they land exactly or are refused on stderr with exit 1, and nothing garbled is stored.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class RosterEncodingShould(CareGridApiFactory factory)
{
    private const string Header = "externalId,displayName,sex,birthYear,guardianName,guardianRelationship";

    private static readonly (string Id, string Name, string Guardian)[] Chinese =
    [
        ("G1", "张伟", "张建国"), ("G2", "李娜", "李秀英"), ("G3", "王芳", "王磊"), ("G4", "欧阳修", "欧阳观"), ("G5", "𠀋宝", "陈𠀋"),
    ];

    private readonly DirectoryApi _api = new(factory);

    private static string ChineseCsv() =>
        DirectoryApi.Csv(Header, Chinese.Select(p => $"{p.Id},{p.Name},F,2012,{p.Guardian},祖母"));

    private async Task<(int Code, string Stdout, string Stderr)> RunVerbAsync(string tenant, byte[] bytes, RosterEncoding encoding = RosterEncoding.Auto)
    {
        var file = Path.Combine(Path.GetTempPath(), $"roster-{Guid.NewGuid():N}.csv");
        await File.WriteAllBytesAsync(file, bytes);
        try
        {
            var output = new StringWriter();
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No, Ansi = AnsiSupport.No });
            var stderr = new StringWriter();
            var options = new ImportVerbOptions(tenant, "school", file, RosterKind.People, _api.Admin(tenant), Encoding: encoding);
            var code = await ImportVerb.RunAsync(options, factory.CreateClient(), console, stderr);
            return (code, output.ToString(), stderr.ToString().Replace(Path.GetFileName(file), "roster.csv", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task AssertNamesLandedExactlyAsync(string tenant)
    {
        Assert.Equal(Chinese.Select(p => "ext-" + p.Id).Order(), (await _api.AllPeopleAsync(tenant, null)).Ids.Order());
        foreach (var (id, name, guardian) in Chinese)
        {
            var person = (await _api.PersonAsync(tenant, "ext-" + id, "displayName contacts { name relationship }"))["person"]!;
            Assert.Equal(name, person["displayName"]!.GetValue<string>());
            Assert.Equal(guardian, person["contacts"]![0]!["name"]!.GetValue<string>());
            Assert.Equal("祖母", person["contacts"]![0]!["relationship"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Import_a_GBK_file_through_the_verb_say_so_on_stderr_and_land_the_names_exactly()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "gbk");
        var bytes = RosterFile.StrictGb18030.GetBytes(ChineseCsv());
        Assert.False(Utf8.IsValid(bytes));
        Assert.True(bytes.AsSpan().IndexOf(new byte[] { 0x95, 0x32, 0x83, 0x37 }) > 0, "𠀋 takes GB18030's four-byte form");

        var forcedUtf8 = await RunVerbAsync(tenant, bytes, RosterEncoding.Utf8);
        Assert.Equal(1, forcedUtf8.Code);
        Assert.Contains("it is not valid UTF-8; invalid bytes at line 2 (byte offset 74: D5 C5 CE B0)", forcedUtf8.Stderr);
        Assert.Contains("不是有效的 UTF-8", forcedUtf8.Stderr);
        Assert.Empty((await _api.AllPeopleAsync(tenant, null)).Ids);

        var (code, stdout, stderr) = await RunVerbAsync(tenant, bytes);
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("已按 GB18030（GBK）编码读取 roster.csv", stderr);
        Assert.Contains("Read roster.csv as GB18030 (GBK)", stderr);
        await AssertNamesLandedExactlyAsync(tenant);
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-8-bom")]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    public async Task Read_UTF8_and_UTF16_files_with_a_byte_order_mark_as_marked(string form)
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "utf");
        var csv = ChineseCsv();
        var bytes = form switch
        {
            "utf-8" => Encoding.UTF8.GetBytes(csv),
            "utf-8-bom" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)],
            "utf-16le" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(csv)],
            _ => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(csv)],
        };
        var (code, stdout, stderr) = await RunVerbAsync(tenant, bytes);
        Assert.True(code == 0, stdout + stderr);
        Assert.Equal(form.StartsWith("utf-16", StringComparison.Ordinal), stderr.Contains("Read roster.csv as UTF-16", StringComparison.Ordinal));
        Assert.DoesNotContain("GB18030", stderr);
        await AssertNamesLandedExactlyAsync(tenant);
    }

    [Fact]
    public async Task Refuse_a_file_that_is_neither_UTF8_nor_GB18030_with_exit_1_on_stderr_and_write_nothing()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "badenc");
        var gb = RosterFile.StrictGb18030;
        byte[] bytes = [.. gb.GetBytes("externalId,displayName\nB1,张伟\nB2,"), 0xFF, 0xFE, .. gb.GetBytes("李娜\nB3,王芳\n")];

        var (code, stdout, stderr) = await RunVerbAsync(tenant, bytes);
        Assert.Equal(1, code);
        Assert.Contains("Cannot read roster.csv: it is neither valid UTF-8 (invalid bytes at line 2 (byte offset 26: D5 C5 CE B0)) "
            + "nor valid GB18030 (GBK) (invalid bytes at line 3 (byte offset 34: FF FE C0 EE))", stderr);
        Assert.Contains("无法读取 roster.csv：它既不是有效的 UTF-8", stderr);
        Assert.Contains("“CSV UTF-8 (逗号分隔)(*.csv)”", stderr);
        Assert.Contains("Save As → \"CSV UTF-8 (Comma delimited) (*.csv)\"", stderr);
        Assert.DoesNotContain("Import", stdout);
        Assert.Empty((await _api.AllPeopleAsync(tenant, null)).Ids);

        var forced = await RunVerbAsync(tenant, bytes, RosterEncoding.Gb18030);
        Assert.Equal(1, forced.Code);
        Assert.Contains("it is not valid GB18030 (GBK); invalid bytes at line 3 (byte offset 34: FF FE C0 EE)", forced.Stderr);
        Assert.Empty((await _api.AllPeopleAsync(tenant, null)).Ids);
    }

    [Theory]
    [InlineData("B1,张\uFFFD\uFFFD\n", "Line 3 of roster.csv contains the replacement character U+FFFD")]
    [InlineData("B1,Zhang\0 Wei\n", "Line 3 of roster.csv contains the character U+0000")]
    public async Task Refuse_a_UTF8_file_that_is_already_garbled_before_sending_it(string row, string message)
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "garbled");
        var (code, _, stderr) = await RunVerbAsync(tenant, Encoding.UTF8.GetBytes("externalId,displayName\nB0,李娜\n" + row));
        Assert.Equal(1, code);
        Assert.Contains(message, stderr);
        Assert.Contains("第 3 行", stderr);
        Assert.Empty((await _api.AllPeopleAsync(tenant, null)).Ids);
    }

    [Fact]
    public async Task Refuse_a_UTF16_file_with_an_unpaired_surrogate_and_parse_the_encoding_option()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "utf16");
        byte[] bytes = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("externalId,displayName\nB1,李"), 0x00, 0xD8, .. Encoding.Unicode.GetBytes("娜\n")];
        var (code, _, stderr) = await RunVerbAsync(tenant, bytes);
        Assert.Equal(1, code);
        Assert.Contains("Cannot read roster.csv: it starts with a UTF-16 LE byte-order mark but is not valid UTF-16 LE at byte offset 56.", stderr);
        Assert.Empty((await _api.AllPeopleAsync(tenant, null)).Ids);

        Assert.Equal([RosterEncoding.Auto, RosterEncoding.Utf8, RosterEncoding.Utf8, RosterEncoding.Gb18030, RosterEncoding.Gb18030, null],
            new[] { "auto", "UTF-8", "utf8", "gb18030", "GBK", "latin1" }.Select(RosterFile.ParseEncoding));
    }

    [Fact]
    public async Task Refuse_roster_rows_with_U_FFFD_by_row_and_column_through_importRoster_and_store_nothing_of_them()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "fffd");
        var status = await _api.ImportAsync(tenant, "school", DirectoryApi.Csv("externalId,displayName,guardianName,parentWorkplace",
            ["F1,张伟,,", "F2,\uFFFD\uFFFD\uFFFD,,", "F3,李娜,\uFFFD\uFFFD,", "F4,王芳,王磊,Fac\u0085tory", "F5,欧阳修,,"]));
        Assert.Equal((5, 2, 3), (status["total"]!.GetValue<int>(), status["landed"]!.GetValue<int>(), status["invalid"]!.GetValue<int>()));
        var errors = status["errors"]!.AsArray().Select(e => (e!["row"]!.GetValue<int>(), e["column"]!.GetValue<string>(), e["reason"]!.GetValue<string>())).ToList();
        Assert.Equal([(3, "displayName"), (4, "guardianName"), (5, "parentWorkplace")], errors.Select(e => (e.Item1, e.Item2)));
        Assert.StartsWith("displayName contains the replacement character U+FFFD (character 1): the text was probably decoded with the wrong encoding (e.g. a GBK file read as UTF-8); save the file as UTF-8", errors[0].Item3);
        Assert.Contains("U+0085", errors[2].Item3);
        Assert.Equal(["ext-F1", "ext-F5"], (await _api.AllPeopleAsync(tenant, null)).Ids.Order());

        var header = await _api.PostAsync(tenant, "mutation($csv: String!) { importRoster(organizationId: \"school\", csv: $csv) { id } }",
            new { csv = "externalId,display\uFFFDName\nF7,Ann\n" });
        Assert.Equal(("VALIDATION_FAILED", "csv"), (header.FirstCode, header.Errors![0]!["extensions"]!["field"]!.GetValue<string>()));
        Assert.Contains("The header row (column 2) contains the replacement character U+FFFD", header.Errors![0]!["message"]!.GetValue<string>());
        Assert.Equal(2, (await _api.AllPeopleAsync(tenant, null)).Ids.Count);
    }

    public static TheoryData<string, string, string> GarbledMutations() => new()
    {
        { "registerPerson", "mutation($t: String!) { registerPerson(input: { displayName: $t, organizationId: \"school\" }) { id } }", "displayName" },
        { "registerPerson externalId", "mutation($t: String!) { registerPerson(input: { displayName: \"李娜\", externalId: $t, organizationId: \"school\" }) { id } }", "externalId" },
        { "updatePerson", "mutation($t: String!) { updatePerson(input: { id: \"ext-P1\", displayName: $t, organizationId: \"school\" }) { id } }", "displayName" },
        { "setPersonContacts", "mutation($t: String!) { setPersonContacts(personId: \"ext-P1\", contacts: [{ kind: GUARDIAN, name: $t }]) { id } }", "contacts[0].name" },
        { "createOrganization", "mutation($t: String!) { createOrganization(input: { name: $t, kind: GRADE, parentId: \"school\", escalationLevel: 2 }) { id } }", "name" },
        { "reportConcern", "mutation($t: String!) { reportConcern(input: { personId: \"ext-P1\", summary: $t }) { id } }", "summary" },
    };

    [Theory]
    [MemberData(nameof(GarbledMutations))]
    public async Task Refuse_text_with_U_FFFD_or_control_characters_in_every_mutation_with_the_field(string name, string mutation, string field)
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "fffd");
        await _api.ImportAsync(tenant, "school", DirectoryApi.Csv("externalId,displayName", ["P1,张伟"]));
        var token = _api.Factory.TokenFor("admin@" + tenant, tenant, Roles.TenantAdmin, Roles.Caseworker);
        const string state = "{ organizations { id name } cases(first: 10) { nodes { id } } people(first: 10) { nodes { id } } }";
        var before = (await _api.OkAsync(tenant, state, token: token)).ToJsonString()
            + (await _api.PersonAsync(tenant, "ext-P1", "displayName externalId contacts { name }", token)).ToJsonString();
        foreach (var text in new[] { "张\uFFFD", "\uFFFD\uFFFD\uFFFD", "李\u0001娜", "Ã¥Â¼\u00A0\u0080" })
        {
            var r = await _api.PostAsync(tenant, mutation, new { t = text }, token);
            Assert.True(r.FirstCode == "VALIDATION_FAILED", $"{name} with {text}: {r.Errors?.ToJsonString()}");
            Assert.Equal(field, r.Errors![0]!["extensions"]!["field"]!.GetValue<string>());
            Assert.StartsWith(field + " contains ", r.Errors![0]!["message"]!.GetValue<string>());
        }

        var after = (await _api.OkAsync(tenant, state, token: token)).ToJsonString()
            + (await _api.PersonAsync(tenant, "ext-P1", "displayName externalId contacts { name }", token)).ToJsonString();
        Assert.Equal(before, after);
    }
}
