using CareGrid.Tests.Domain;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.PeopleDirectory;

/// <summary>
/// No resident identity-card numbers through the back door (data minimisation, PIPL art. 6; docs/rosters.md): a 学籍号
/// that is G + an identity number is refused by <c>importRoster</c> row by row, and an identity number as
/// <c>externalId</c> or <c>id</c> by <c>registerPerson</c> and <c>updatePerson</c> — over GraphQL, with fictional numbers
/// (<see cref="FictionalIdNumbers"/>). Eighteen digits failing the check character are accepted.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class ResidentIdNumberApiShould(CareGridApiFactory factory)
{
    private readonly DirectoryApi _api = new(factory);

    private const string Register = "mutation($in: RegisterPersonInput!) { registerPerson(input: $in) { id } }";

    private async Task<string> SchoolWithClassAsync(string prefix)
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", prefix);
        await _api.CreateOrganizationAsync(tenant, "grade-8", "GRADE", "school", 2);
        await _api.CreateOrganizationAsync(tenant, "class-8-2", "CLASS", "grade-8", 1);
        return tenant;
    }

    [Fact]
    public async Task Refuse_a_roster_row_whose_学籍号_is_G_and_an_identity_number_through_importRoster_and_land_the_others()
    {
        var tenant = await SchoolWithClassAsync("idnum");
        var csv = DirectoryApi.Csv("学籍号,姓名,性别", [$"G{FictionalIdNumbers.Valid()},林小雨,女", $"{FictionalIdNumbers.WrongCheck()},王小明,男", "S2024-0213,张小红,女"]);
        var status = await _api.ImportAsync(tenant, "class-8-2", csv);

        Assert.Equal((2, 1), (status["landed"]!.GetValue<int>(), status["invalid"]!.GetValue<int>()));
        var error = Assert.Single(status["errors"]!.AsArray())!;
        Assert.Equal((2, "externalId"), (error["row"]!.GetValue<int>(), error["column"]!.GetValue<string>()));
        var reason = error["reason"]!.GetValue<string>();
        Assert.StartsWith("externalId is or contains a resident identity-card number", reason, StringComparison.Ordinal);
        Assert.Contains("use the school's own student number (学号)", reason, StringComparison.Ordinal);
        Assert.Contains("本系统不保存身份证号", reason, StringComparison.Ordinal);
        Assert.DoesNotContain(FictionalIdNumbers.Valid(), reason, StringComparison.Ordinal);
        Assert.Equal(["ext-" + FictionalIdNumbers.WrongCheck(), "ext-S2024-0213"], (await _api.AllPeopleAsync(tenant, null)).Ids.Order());
    }

    [Fact]
    public async Task Refuse_an_identity_number_as_externalId_or_id_of_registerPerson_and_store_nothing()
    {
        var tenant = await SchoolWithClassAsync("idreg");
        var asExternalId = await _api.PostAsync(tenant, Register,
            new { @in = new { displayName = "林小雨", organizationId = "class-8-2", externalId = "G" + FictionalIdNumbers.EndingInX() } });
        Assert.Equal(("VALIDATION_FAILED", "externalId"), (asExternalId.FirstCode, asExternalId.Errors![0]!["extensions"]!["field"]!.GetValue<string>()));
        Assert.Contains("身份证号", asExternalId.Errors[0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        var asId = await _api.PostAsync(tenant, Register,
            new { @in = new { id = FictionalIdNumbers.Valid(), displayName = "林小雨", organizationId = "class-8-2" } });
        Assert.Equal(("VALIDATION_FAILED", "id"), (asId.FirstCode, asId.Errors![0]!["extensions"]!["field"]!.GetValue<string>()));
        Assert.Empty((await _api.AllPeopleAsync(tenant, null)).Ids);

        var accepted = await _api.OkAsync(tenant, Register,
            new { @in = new { id = "p-wang", displayName = "王小明", organizationId = "class-8-2", externalId = FictionalIdNumbers.WrongCheck() } });
        Assert.Equal("p-wang", accepted["registerPerson"]!["id"]!.GetValue<string>());
        Assert.Equal(FictionalIdNumbers.WrongCheck(), (await _api.PersonAsync(tenant, "p-wang", "externalId"))["person"]!["externalId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refuse_an_identity_number_as_externalId_of_updatePerson_and_leave_the_person_unchanged()
    {
        var tenant = await SchoolWithClassAsync("idupd");
        await _api.OkAsync(tenant, Register, new { @in = new { id = "p-lin", displayName = "林小雨", organizationId = "class-8-2", externalId = "S2024-0211" } });
        var before = (await _api.PersonAsync(tenant, "p-lin", "displayName externalId")).ToJsonString();

        var r = await _api.PostAsync(tenant, "mutation($in: UpdatePersonInput!) { updatePerson(input: $in) { id } }",
            new { @in = new { id = "p-lin", displayName = "林小雨", organizationId = "class-8-2", externalId = "L " + FictionalIdNumbers.Valid() } });
        Assert.Equal(("VALIDATION_FAILED", "externalId"), (r.FirstCode, r.Errors![0]!["extensions"]!["field"]!.GetValue<string>()));
        Assert.Equal(before, (await _api.PersonAsync(tenant, "p-lin", "displayName externalId")).ToJsonString());
    }
}
