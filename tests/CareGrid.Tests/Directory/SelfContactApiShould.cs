using System.Text.Json.Nodes;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.PeopleDirectory;

/// <summary>
/// The person's own phone over GraphQL (contact kind <c>SELF</c>, roster column <c>ownPhone</c>): a town's roster with 联系电话
/// lands it on the resident (new-user trial 2026-12-06); a school's is refused with its hint; <c>setPersonContacts</c> takes one
/// SELF and refuses a second with <c>rule</c> <c>one-self-contact</c>, nothing changed.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class SelfContactApiShould(CareGridApiFactory factory)
{
    private readonly DirectoryApi _api = new(factory);

    private const string SetContacts = "mutation($p: ID!, $c: [ContactInput!]!) { setPersonContacts(personId: $p, contacts: $c) { id } }";

    private static string Contacts(JsonNode person) => string.Join("; ", person["person"]!["contacts"]!.AsArray()
        .Select(c => $"{c!["kind"]!.GetValue<string>()} {c["name"]!.GetValue<string>()} {c["phone"]?.GetValue<string>()}"));

    [Fact]
    public async Task Store_a_town_residents_contact_phone_as_their_own_and_refuse_it_in_a_school()
    {
        var town = await _api.OnboardAsync("TOWN", "town", "ownphone");
        var csv = DirectoryApi.Csv("序号,编号,姓名,出生日期,联系电话", ["1,SQ-002,李桂英,1950-07-01,139 1234 5678"]);

        var status = await _api.ImportAsync(town, "social-affairs-office", csv);

        Assert.Equal((1, 0), (status["created"]!.GetValue<int>(), status["invalid"]!.GetValue<int>()));
        Assert.Equal("SELF 李桂英 139 1234 5678", Contacts(await _api.PersonAsync(town, "ext-SQ-002", "contacts { kind name phone }")));

        var school = await _api.OnboardAsync("SCHOOL", "school", "ownphones");
        var refused = await _api.PostAsync(school, "mutation($csv: String!) { importRoster(organizationId: \"school\", csv: $csv) { id } }",
            new { csv = DirectoryApi.Csv("学号,姓名,联系电话", ["S1,林小雨,13800000000"]) });
        Assert.Equal("VALIDATION_FAILED", refused.FirstCode);
        Assert.Equal("WHOSE_PHONE", refused.Errors![0]!["extensions"]!["hint"]!.GetValue<string>());
        Assert.Contains("本人电话 (ownPhone", refused.Errors[0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Round_trip_one_own_contact_through_set_person_contacts_and_refuse_a_second()
    {
        var tenant = await _api.SchoolWithStudentAsync("selfcontact");
        await _api.OkAsync(tenant, SetContacts, new
        {
            p = "ext-S1",
            c = new object[] { new { kind = "GUARDIAN", name = "Grandma Liu", phone = "13800001111" }, new { kind = "SELF", name = "Student Liu", phone = "13912345678" } },
        });
        var person = await _api.PersonAsync(tenant, "ext-S1", "contacts { kind name phone }");
        Assert.Equal("GUARDIAN Grandma Liu 13800001111; SELF Student Liu 13912345678", Contacts(person));
        var export = (await _api.OkAsync(tenant, "{ exportPerson(id: \"ext-S1\", purpose: DATA_SUBJECT_REQUEST) }"))["exportPerson"]!.GetValue<string>();
        var exported = JsonNode.Parse(export)!["person"]!["contacts"]!.AsArray();
        Assert.Contains(exported, c => c!["kind"]!.GetValue<string>() == "SELF" && c["phone"]!.GetValue<string>() == "13912345678");

        var second = await _api.PostAsync(tenant, SetContacts, new
        {
            p = "ext-S1",
            c = new object[] { new { kind = "SELF", name = "Student Liu", phone = "13912345678" }, new { kind = "SELF", name = "宿舍电话", phone = "01088886666" } },
        });
        Assert.Equal("VALIDATION_FAILED", second.FirstCode);
        var extensions = second.Errors![0]!["extensions"]!;
        Assert.Equal(("contacts[1].kind", "one-self-contact"), (extensions["field"]!.GetValue<string>(), extensions["rule"]!.GetValue<string>()));
        Assert.Equal(Contacts(person), Contacts(await _api.PersonAsync(tenant, "ext-S1", "contacts { kind name phone }")));
    }
}
