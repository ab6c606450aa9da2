using CareGrid.Grains.ReadModel;
using CareGrid.Tests.Infrastructure;
using CareGrid.Tests.PeopleDirectory;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Tests.Security;

/// <summary>
/// A person's id and the external ids never name two people (docs/api.md, "External ids"): a decoy registered in one unit
/// with another unit's person id as its <c>externalId</c> (or the reverse) is refused, an exact person id always wins, and
/// <c>AMBIGUOUS_ID</c> lists no ids.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class ExternalIdDecoyShould(CareGridApiFactory factory)
{
    private readonly DirectoryApi _api = new(factory);

    private async Task<string> TwoUnitsAsync()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "decoy");
        await _api.CreateOrganizationAsync(tenant, "grade-7", "GRADE", "school", 2);
        await _api.CreateOrganizationAsync(tenant, "class-a", "CLASS", "grade-7", 1);
        await _api.CreateOrganizationAsync(tenant, "class-b", "CLASS", "grade-7", 1);
        await _api.ImportAsync(tenant, "class-a", DirectoryApi.Csv("externalId,displayName", ["S2024011,张伟"]));
        await _api.OkAsync(tenant, "mutation { registerPerson(input: {id: \"res-b2\", displayName: \"李四\", organizationId: \"class-b\"}) { id } }");
        return tenant;
    }

    private static void AssertTaken(GraphQLResponse refused, string field)
    {
        Assert.Equal("ALREADY_EXISTS", refused.FirstCode);
        Assert.Equal(field, refused.Errors![0]!["extensions"]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refuse_a_decoy_whose_external_id_is_another_persons_id_and_keep_the_crisis_report_open()
    {
        var tenant = await TwoUnitsAsync();

        var decoy = await _api.PostAsync(tenant, "mutation { registerPerson(input: {id: \"decoy-1\", displayName: \"诱饵\", organizationId: \"class-a\", externalId: \"res-b2\"}) { id } }");
        var reverse = await _api.PostAsync(tenant, "mutation { registerPerson(input: {id: \"S2024011\", displayName: \"诱饵\", organizationId: \"class-b\"}) { id } }");
        var twice = await _api.PostAsync(tenant, "mutation { registerPerson(input: {id: \"decoy-2\", displayName: \"诱饵\", organizationId: \"class-a\", externalId: \"S2024011\"}) { id } }");

        AssertTaken(decoy, "externalId");
        AssertTaken(reverse, "id");
        AssertTaken(twice, "externalId");
        Assert.DoesNotContain("ext-S2024011", twice.Errors![0]!["message"]!.GetValue<string>());
        foreach (var id in new[] { "decoy-1", "decoy-2" })
        {
            var none = await _api.PostAsync(tenant, "query($p: ID!) { person(id: $p) { id } }", new { p = id }); // not registered: refused as outside need-to-know (F12)
            Assert.Equal("FORBIDDEN", none.FirstCode);
            Assert.Null(none.Data?["person"]);
        }

        var report = await _api.OkAsync(tenant, "mutation { reportConcern(input: {personId: \"res-b2\", summary: \"On the roof edge\", riskLevel: IMMINENT}) { personId } }");
        Assert.Equal("res-b2", report["reportConcern"]!["personId"]!.GetValue<string>());
        var byNumber = await _api.OkAsync(tenant, "mutation { reportConcern(input: {personId: \"S2024011\", summary: \"Seems withdrawn\"}) { personId } }");
        Assert.Equal("ext-S2024011", byNumber["reportConcern"]!["personId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refuse_an_update_that_gives_a_taken_external_id_and_change_nothing()
    {
        var tenant = await TwoUnitsAsync();
        await _api.OkAsync(tenant, "mutation { registerPerson(input: {id: \"p-3\", displayName: \"王五\", organizationId: \"class-a\", externalId: \"S2024033\"}) { id } }");
        await _api.GlassAsync(tenant, "p-3");

        foreach (var taken in new[] { "res-b2", "S2024011" })
        {
            var refused = await _api.PostAsync(tenant, "mutation($x: String) { updatePerson(input: {id: \"p-3\", displayName: \"王五\", organizationId: \"class-a\", externalId: $x}) { id } }", new { x = taken });
            AssertTaken(refused, "externalId");
        }

        Assert.Equal("S2024033", (await _api.OkAsync(tenant, "{ person(id: \"p-3\") { externalId } }"))["person"]!["externalId"]!.GetValue<string>());
        var kept = await _api.OkAsync(tenant, "mutation { updatePerson(input: {id: \"p-3\", displayName: \"王小五\", organizationId: \"class-a\", externalId: \"S2024033\"}) { displayName } }");
        Assert.Equal("王小五", kept["updatePerson"]!["displayName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refuse_a_roster_row_whose_external_id_is_another_persons_id()
    {
        var tenant = await TwoUnitsAsync();

        var status = await _api.ImportAsync(tenant, "class-a", DirectoryApi.Csv("externalId,displayName", ["res-b2,诱饵", "S2024012,张三"]));

        Assert.Equal(1, status["created"]!.GetValue<int>());
        var error = Assert.Single(status["errors"]!.AsArray())!;
        Assert.Equal(2, error["row"]!.GetValue<int>());
        Assert.Equal("externalId", error["column"]!.GetValue<string>());
        var none = await _api.PostAsync(tenant, "{ person(id: \"ext-res-b2\") { id } }"); // not registered: refused as outside need-to-know (F12)
        Assert.Equal("FORBIDDEN", none.FirstCode);
        Assert.Null(none.Data?["person"]);
        var report = await _api.OkAsync(tenant, "mutation { reportConcern(input: {personId: \"res-b2\", summary: \"Seems withdrawn\"}) { personId } }");
        Assert.Equal("res-b2", report["reportConcern"]!["personId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Let_an_exact_person_id_win_over_external_ids_stored_before_the_rule_and_list_no_ids_when_ambiguous()
    {
        var tenant = await TwoUnitsAsync();
        var store = factory.Services.GetRequiredService<IReadModelStore>();
        await store.UpsertPersonAsync(new PersonRow(tenant, "old-decoy", "诱饵", "class-a") { ExternalId = "res-b2" });
        await store.UpsertPersonAsync(new PersonRow(tenant, "old-1", "甲", "class-a") { ExternalId = "DUP-1" });
        await store.UpsertPersonAsync(new PersonRow(tenant, "old-2", "乙", "class-b") { ExternalId = "DUP-1" });

        var report = await _api.OkAsync(tenant, "mutation { reportConcern(input: {personId: \"res-b2\", summary: \"On the roof edge\", riskLevel: IMMINENT}) { personId } }");
        var ambiguous = await _api.PostAsync(tenant, "{ person(id: \"DUP-1\") { id } }");

        Assert.Equal("res-b2", report["reportConcern"]!["personId"]!.GetValue<string>());
        Assert.Equal("AMBIGUOUS_ID", ambiguous.FirstCode);
        Assert.Null(ambiguous.Errors![0]!["extensions"]!["ids"]);
        Assert.DoesNotContain("old-", ambiguous.Errors![0]!["message"]!.GetValue<string>());
        Assert.Contains("person id", ambiguous.Errors![0]!["message"]!.GetValue<string>());
    }
}
