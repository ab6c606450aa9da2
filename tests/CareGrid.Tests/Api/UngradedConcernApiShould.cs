using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Api;

/// <summary>
/// A concern reported without a grading (the reporter chose 不确定 / unsure, docs/protocol.md "Ungraded reports") through
/// GraphQL: the case and its list row say <c>riskGraded: false</c> while <c>riskLevel</c> reads LOW as a placeholder; a
/// reporter's explicit LOW is graded; <c>assessRisk</c> grades it, on the case and on the list row. The <c>cases</c> filter's
/// LOW means graded LOW and <c>riskGraded: false</c> lists the ungraded ones.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class UngradedConcernApiShould(CareGridApiFactory factory)
{
    private readonly GraphQLClient _client = factory.GraphQL();

    private async Task<(string Path, string Admin)> SchoolAsync()
    {
        var tenant = Seeds.NewTenantId("ungraded");
        (await _client.PostAsync("/graphql", "mutation($in: OnboardTenantInput!) { onboardTenant(input: $in) { id } }",
            new { @in = new { id = tenant, name = "Ungraded school", kind = "SCHOOL", firstAdminSubject = "head@" + tenant } },
            factory.Token(null, Roles.PlatformAdmin))).EnsureNoErrors();
        var admin = factory.TokenFor("head@" + tenant, tenant, Roles.TenantAdmin);
        var path = $"/t/{tenant}/graphql";
        foreach (var (id, kind, parent, level) in new[] { ("school", "SCHOOL", (string?)null, (int?)null), ("class-7-1", "CLASS", "school", 1) })
        {
            (await _client.PostAsync(path, "mutation($in: CreateOrganizationInput!) { createOrganization(input: $in) { id } }",
                new { @in = new { id, name = id, kind, parentId = parent, escalationLevel = level } }, admin)).EnsureNoErrors();
        }

        return (path, admin);
    }

    [Fact]
    public async Task Open_a_concern_without_a_grading_as_not_yet_graded_until_assessRisk_grades_it()
    {
        var (path, admin) = await SchoolAsync();
        foreach (var id in new[] { "stu-unsure", "stu-low", "stu-moderate" })
        {
            (await _client.PostAsync(path, $"mutation {{ registerPerson(input: {{ id: \"{id}\", displayName: \"{id}\", organizationId: \"class-7-1\", sex: FEMALE }}) {{ id }} }}", token: admin)).EnsureNoErrors();
        }

        var tenant = path.Split('/')[2];
        var homeroom = factory.TokenFor("homeroom@" + tenant, tenant, Roles.Caseworker);
        var unsure = await ReportAsync(path, homeroom, "stu-unsure", "手腕上有划痕，说'不想活了'", null);
        var low = await ReportAsync(path, homeroom, "stu-low", "Tired in class", "LOW");
        var moderate = await ReportAsync(path, homeroom, "stu-moderate", "Withdrawn for a week", "MODERATE");
        Assert.Equal(("LOW", false), (unsure["riskLevel"]!.GetValue<string>(), unsure["riskGraded"]!.GetValue<bool>()));
        Assert.True(low["riskGraded"]!.GetValue<bool>());
        Assert.True(moderate["riskGraded"]!.GetValue<bool>());

        var unsureId = unsure["id"]!.GetValue<string>();
        Assert.Equal(
            [(unsureId, false), (low["id"]!.GetValue<string>(), true), (moderate["id"]!.GetValue<string>(), true)],
            (await ListAsync(path, admin)).OrderBy(r => r.Id == unsureId ? 0 : r.Id == low["id"]!.GetValue<string>() ? 1 : 2));
        var read = await _client.PostAsync(path, $"{{ case(id: \"{unsureId}\") {{ riskGraded }} }}", token: homeroom);
        Assert.False(read.EnsureNoErrors().Data!["case"]!["riskGraded"]!.GetValue<bool>());

        var assessed = await _client.PostAsync(path, $"mutation {{ assessRisk(id: \"{unsureId}\", riskLevel: HIGH, reason: \"scratches and suicide talk\") {{ riskLevel riskGraded escalationLevel }} }}", token: homeroom);
        var graded = assessed.EnsureNoErrors().Data!["assessRisk"]!;
        Assert.Equal(("HIGH", true, 3), (graded["riskLevel"]!.GetValue<string>(), graded["riskGraded"]!.GetValue<bool>(), graded["escalationLevel"]!.GetValue<int>()));
        Assert.Contains((unsureId, true), await ListAsync(path, admin));
    }

    [Fact]
    public async Task List_LOW_as_graded_LOW_only_and_the_cases_not_yet_graded_by_riskGraded_false()
    {
        var (path, admin) = await SchoolAsync();
        var homeroom = await RegisterAsync(path, admin, "stu-unsure", "stu-low", "stu-moderate");
        var unsure = (await ReportAsync(path, homeroom, "stu-unsure", "手腕上有划痕", null))["id"]!.GetValue<string>();
        var low = (await ReportAsync(path, homeroom, "stu-low", "Tired in class", "LOW"))["id"]!.GetValue<string>();
        var moderate = (await ReportAsync(path, homeroom, "stu-moderate", "Withdrawn for a week", "MODERATE"))["id"]!.GetValue<string>();

        // LOW is graded LOW: the placeholder of a case reported as unsure is not a low-risk case (docs/api.md).
        Assert.Equal((low, 1), await FilteredAsync(path, admin, "open: true, riskLevel: LOW"));
        Assert.Equal((unsure, 1), await FilteredAsync(path, admin, "riskGraded: false"));
        Assert.Equal(($"{low},{moderate}", 2), await FilteredAsync(path, admin, "riskGraded: true"));
        Assert.Equal(("", 0), await FilteredAsync(path, admin, "riskLevel: LOW, riskGraded: false"));
        Assert.Equal(3, (await FilteredAsync(path, admin, "open: true")).Total); // neither: both kinds

        (await _client.PostAsync(path, $"mutation {{ assessRisk(id: \"{unsure}\", riskLevel: LOW, reason: \"exam stress, no self-harm\") {{ id }} }}", token: homeroom)).EnsureNoErrors();
        Assert.Equal(($"{unsure},{low}", 2), await FilteredAsync(path, admin, "riskLevel: LOW"));
        Assert.Equal(("", 0), await FilteredAsync(path, admin, "riskGraded: false"));
    }

    private async Task<string> RegisterAsync(string path, string admin, params string[] ids)
    {
        foreach (var id in ids)
        {
            (await _client.PostAsync(path, $"mutation {{ registerPerson(input: {{ id: \"{id}\", displayName: \"{id}\", organizationId: \"class-7-1\", sex: FEMALE }}) {{ id }} }}", token: admin)).EnsureNoErrors();
        }

        var tenant = path.Split('/')[2];
        return factory.TokenFor("homeroom@" + tenant, tenant, Roles.Caseworker);
    }

    /// <summary>The ids listed under <paramref name="filter"/>, comma-separated, and the list's <c>totalCount</c>.</summary>
    private async Task<(string Ids, int Total)> FilteredAsync(string path, string token, string filter)
    {
        var r = (await _client.PostAsync(path, $"{{ cases(filter: {{ {filter} }}) {{ totalCount nodes {{ id }} }} }}", token: token)).EnsureNoErrors().Data!["cases"]!;
        return (string.Join(",", r["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>())), r["totalCount"]!.GetValue<int>());
    }

    private async Task<JsonNode> ReportAsync(string path, string token, string personId, string summary, string? risk)
    {
        var r = await _client.PostAsync(path, "mutation($in: ReportConcernInput!) { reportConcern(input: $in) { id riskLevel riskGraded } }",
            new { @in = risk is null ? (object)new { personId, summary } : new { personId, summary, riskLevel = risk } }, token);
        return r.EnsureNoErrors().Data!["reportConcern"]!;
    }

    private async Task<List<(string Id, bool Graded)>> ListAsync(string path, string token)
    {
        var r = await _client.PostAsync(path, "{ cases(filter: { open: true }) { nodes { id riskLevel riskGraded } } }", token: token);
        return [.. r.EnsureNoErrors().Data!["cases"]!["nodes"]!.AsArray().Select(n => (n!["id"]!.GetValue<string>(), n["riskGraded"]!.GetValue<bool>()))];
    }
}
