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
}
