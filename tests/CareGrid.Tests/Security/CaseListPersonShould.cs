using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Security;

/// <summary>
/// New-user trial, 2026-12-04: the psychology teacher's work queue listed bare case ids, so nobody could tell whose case
/// was whose without opening each. <c>CaseSummary.person</c> names the person as the people list does (id, displayName,
/// organizationId; no sensitive field), within the list's own scope.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class CaseListPersonShould(CareGridApiFactory factory)
{
    private const string Path = "/t/demo-middle-school/graphql";
    private readonly GraphQLClient _client = factory.GraphQL();

    [Fact]
    public async Task Name_the_person_of_each_listed_case_as_the_people_list_does()
    {
        var psych = factory.TokenFor("counsellor@demo-middle-school", "demo-middle-school", Roles.Counsellor);
        var person = "stu-" + Guid.NewGuid().ToString("N")[..12];
        (await _client.PostAsync(Path, "mutation($p: ID!, $n: String!) { registerPerson(input: { id: $p, displayName: $n, organizationId: \"class-7-2\" }) { id } }",
            new { p = person, n = $"Student {person}" }, factory.TokenFor("admin@demo-middle-school", "demo-middle-school", Roles.TenantAdmin))).EnsureNoErrors();
        (await _client.PostAsync(Path, "mutation($p: ID!) { reportConcern(input: { personId: $p, summary: \"上课时一直哭\", riskLevel: MODERATE }) { id } }",
            new { p = person }, psych)).EnsureNoErrors();

        var row = (await _client.PostAsync(Path, "query($p: ID!) { cases(filter: { person: $p }) { nodes { personId person { id displayName organizationId } } } }",
            new { p = person }, psych)).EnsureNoErrors().Data!["cases"]!["nodes"]![0]!;

        Assert.Equal((person, person, $"Student {person}", "class-7-2"), (row["personId"]!.GetValue<string>(), row["person"]!["id"]!.GetValue<string>(),
            row["person"]!["displayName"]!.GetValue<string>(), row["person"]!["organizationId"]!.GetValue<string>()));
        var people = (await _client.PostAsync(Path, $"{{ people(filter: {{ name: \"Student {person}\" }}) {{ nodes {{ id displayName }} }} }}", token: psych))
            .EnsureNoErrors().Data!["people"]!["nodes"]!.AsArray();
        Assert.Equal($"Student {person}", Assert.Single(people)!["displayName"]!.GetValue<string>()); // what the people list shows the same caller
    }
}
