using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Api;

/// <summary>
/// A case's next actions are decided only when the request selects them (docs/write-path-profile.md "Round 39"), and
/// however a request selects them it gets them: through a named or an inline fragment, on a field repeated under one
/// response name, beside an alias of the same case that selects none, and on a mutation's answer.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class NextActionsSelectionShould(CareGridApiFactory factory)
{
    private readonly GraphQLClient _client = factory.GraphQL();

    private static string[] Names(JsonNode node) => [.. node["availableActions"]!.AsArray().Select(n => n!.GetValue<string>())];

    private static string[] Actions(JsonNode node) => [.. node["nextActions"]!.AsArray().Select(n => n!["action"]!.GetValue<string>())];

    [Fact]
    public async Task Answer_them_through_fragments_repeated_fields_and_aliases()
    {
        var (path, psych) = await SchoolAsync();
        var reported = (await _client.PostAsync(path,
            "mutation { reportConcern(input: { personId: \"pupil-1\", summary: \"Cries at break\", riskLevel: LOW }) { id ...A } } fragment A on Case { availableActions nextActions { action } }",
            token: psych)).EnsureNoErrors().Data!["reportConcern"]!;
        Assert.Contains("triageCase", Names(reported));
        Assert.Contains("triageCase", Actions(reported));
        var caseId = reported["id"]!.GetValue<string>();
        (await _client.PostAsync(path, "mutation { reportConcern(input: { personId: \"pupil-1\", summary: \"Again\", riskLevel: LOW, separateCase: true, separateCaseReason: \"x\" }) { id status riskLevel escalationLevel } }", token: psych)).EnsureNoErrors();

        var plain = (await _client.PostAsync(path, "query($c: ID!) { case(id: $c) { availableActions nextActions { action } } }", new { c = caseId }, psych))
            .EnsureNoErrors().Data!["case"]!;
        var read = (await _client.PostAsync(path,
            """
            query($c: ID!) {
              bare: case(id: $c) { id status }
              inline: case(id: $c) { id ... on Case { availableActions } }
              merged: case(id: $c) { id }
              merged: case(id: $c) { nextActions { action } }
              named: case(id: $c) { ...N }
            }
            fragment N on Case { id nextActions { action } }
            """, new { c = caseId }, psych)).EnsureNoErrors().Data!;
        Assert.Contains("triageCase", Actions(plain));
        Assert.Equal(Names(plain), Names(read["inline"]!));
        Assert.Equal(Actions(plain), Actions(read["merged"]!));
        Assert.Equal(Actions(plain), Actions(read["named"]!));
        Assert.Equal("REPORTED", read["bare"]!["status"]!.GetValue<string>());
        var names = (await _client.PostAsync(path, "query($c: ID!) { case(id: $c) { availableActions } }", new { c = caseId }, psych)).EnsureNoErrors().Data!["case"]!;
        Assert.Equal(Names(plain), Names(names));
    }

    private async Task<(string Path, string Psych)> SchoolAsync()
    {
        var tenant = Seeds.NewTenantId("sel");
        (await _client.PostAsync("/graphql", "mutation($in: OnboardTenantInput!) { onboardTenant(input: $in) { id } }",
            new { @in = new { id = tenant, name = "Selection school", kind = "SCHOOL", firstAdminSubject = "head@" + tenant } }, factory.Token(null, Roles.PlatformAdmin))).EnsureNoErrors();
        var path = $"/t/{tenant}/graphql";
        var admin = factory.TokenFor("head@" + tenant, tenant, Roles.TenantAdmin);
        foreach (var (id, kind, parent, level) in new[] { ("school", "SCHOOL", (string?)null, (int?)null), ("class-1", "CLASS", "school", 1) })
        {
            (await _client.PostAsync(path, "mutation($in: CreateOrganizationInput!) { createOrganization(input: $in) { id } }",
                new { @in = new { id, name = id, kind, parentId = parent, escalationLevel = level } }, admin)).EnsureNoErrors();
        }

        (await _client.PostAsync(path, "mutation { registerPerson(input: { id: \"pupil-1\", displayName: \"Pupil\", organizationId: \"class-1\", birthYear: 2012 }) { id } }", token: admin)).EnsureNoErrors();
        await StaffMembers.SchoolPsychologistAsync(factory, _client, tenant, "psych@" + tenant);
        return (path, factory.TokenFor("psych@" + tenant, tenant, Roles.Counsellor));
    }
}
