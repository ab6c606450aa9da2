using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.PeopleDirectory;

/// <summary>
/// A class list with a 备注 (notes) column, as most Excel class lists have (new-user trial, round 40: the whole file was
/// refused as an unknown column), imported through <c>importRoster</c>/<c>importStatus</c> over GraphQL: the pupils land,
/// the notes are not stored, and the import's message says so in both languages (docs/rosters.md).
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class NotesColumnRosterShould(CareGridApiFactory factory)
{
    private readonly DirectoryApi _api = new(factory);

    [Fact]
    public async Task Import_a_class_list_with_a_notes_column_and_say_its_notes_were_not_read()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "notes");
        await _api.CreateOrganizationAsync(tenant, "grade-9", "GRADE", "school", 2);
        await _api.CreateOrganizationAsync(tenant, "class-9-1", "CLASS", "grade-9", 1);
        var csv = "序号,学号,姓名,性别,备注\n1,N-001,林小雨,女,父母离异，跟随奶奶生活\n2,N-002,王强,男,\n";

        var status = await _api.ImportAsync(tenant, "class-9-1", csv);

        Assert.Equal((2, 2, 0), (status["landed"]!.GetValue<int>(), status["created"]!.GetValue<int>(), status["invalid"]!.GetValue<int>()));
        var message = (await _api.OkAsync(tenant, $"{{ importStatus(id: \"{status["id"]!.GetValue<string>()}\") {{ message }} }}"))["importStatus"]!["message"]!.GetValue<string>();
        Assert.StartsWith("Free-text notes are not imported from a roster: column 5 ('备注') was not read.", message, StringComparison.Ordinal);
        Assert.Contains(" / 名单中的自由填写备注不随文件导入：第 5 列“备注”未读取。", message, StringComparison.Ordinal);
        var people = await _api.OkAsync(tenant, "{ people(filter: { name: \"林小雨\" }) { nodes { id displayName externalId } } }");
        Assert.Contains("N-001", people.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("奶奶", people.ToJsonString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// A file sent in parts carries its header, and so its notes column, in every part: each part's message named it, and the
    /// console showed the notice once per part. The first part's message names it; a later part's does not repeat it.
    /// </summary>
    [Fact]
    public async Task Name_a_notes_column_once_for_a_file_sent_in_parts()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "notesparts");
        const string Import = "mutation($csv: String!, $of: ID, $offset: Int) { importRoster(organizationId: \"school\", csv: $csv, partOf: $of, rowOffset: $offset) { id } }";
        async Task<(string Id, string? Message)> PartAsync(string csv, string? of, int offset)
        {
            var id = (await _api.OkAsync(tenant, Import, new { csv, of, offset }))["importRoster"]!["id"]!.GetValue<string>();
            for (var attempt = 0; ; attempt++)
            {
                var status = (await _api.OkAsync(tenant, $"{{ importStatus(id: \"{id}\", waitSeconds: 5) {{ done landed message }} }}"))["importStatus"]!;
                if (status["done"]!.GetValue<bool>() || attempt > 30)
                {
                    Assert.Equal(1, status["landed"]!.GetValue<int>());
                    return (id, (string?)status["message"]);
                }
            }
        }

        // the first part keeps the file's title row above the header; the second starts at the file's row 4
        var first = await PartAsync("班级名册,,,\n学号,姓名,性别,备注\nN-101,林小雨,女,跟随奶奶生活\n", null, 0);
        var second = await PartAsync("学号,姓名,性别,备注\nN-102,王强,男,\n", first.Id, 2);

        Assert.Contains("column 4 ('备注') was not read", first.Message, StringComparison.Ordinal);
        Assert.Contains("第 4 列“备注”未读取", first.Message, StringComparison.Ordinal);
        Assert.Null(second.Message);
    }
}
