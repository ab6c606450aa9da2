using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using CareGrid.Tests.PeopleDirectory;

namespace CareGrid.Tests.Statistics;

/// <summary>
/// <c>statistics</c> through GraphQL (docs/statistics.md): figures follow the cases as they change, whole-week periods are
/// checked, a Coordinator sees only its units, and a Supervisor sees figures but still not the cases behind them.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class StatisticsApiShould(CareGridApiFactory factory)
{
    private readonly DirectoryApi _api = new(factory);

    private string Token(string tenant, string sub, string role) => factory.TokenFor($"{sub}@{tenant}", tenant, role);

    private static long Count(JsonNode statistics, string status) =>
        statistics["casesByStatus"]!.AsArray().Single(n => n!["status"]!.GetValue<string>() == status)!["count"]!.GetValue<long>();

    /// <summary>A school with two classes of grade 8 and one concern about a student of each class.</summary>
    private async Task<(string Tenant, string Case81, string Case82)> SchoolAsync()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "stats");
        await _api.OkAsync(tenant, "mutation { createOrganization(input: { id: \"grade-8\", name: \"Grade 8\", kind: GRADE, parentId: \"school\", escalationLevel: 2 }) { id } }");
        // The reporting teacher is in the leadership group, which serves the whole school: they stay on the cases they report (RT17-7).
        await StaffMembers.SchoolLeadershipAsync(factory, _api.Client, tenant, $"homeroom@{tenant}");
        var cases = new List<string>();
        foreach (var cls in new[] { "class-8-1", "class-8-2" })
        {
            await _api.OkAsync(tenant, $"mutation {{ createOrganization(input: {{ id: \"{cls}\", name: \"{cls}\", kind: CLASS, parentId: \"grade-8\", escalationLevel: 1 }}) {{ id }} }}");
            await _api.OkAsync(tenant, $"mutation {{ registerPerson(input: {{ id: \"p-{cls}\", displayName: \"学生 {cls}\", organizationId: \"{cls}\", sex: FEMALE, birthYear: 2012 }}) {{ id }} }}");
            cases.Add((await _api.OkAsync(tenant, $"mutation {{ reportConcern(input: {{ personId: \"p-{cls}\", summary: \"Cries in class\", riskLevel: LOW }}) {{ id }} }}",
                token: Token(tenant, "homeroom", Roles.Caseworker)))["reportConcern"]!["id"]!.GetValue<string>());
        }

        return (tenant, cases[0], cases[1]);
    }

    [Fact]
    public async Task Count_cases_by_status_as_they_change_and_refuse_a_supervisor_the_case_itself()
    {
        var (tenant, case81, _) = await SchoolAsync();
        var supervisor = Token(tenant, "principal", Roles.Supervisor);
        var stats = (await _api.OkAsync(tenant, "{ statistics { casesByStatus { status count } tables { key } } }", token: supervisor))["statistics"]!;
        Assert.Equal(2, Count(stats, "REPORTED"));
        Assert.Equal(0, Count(stats, "CLOSED"));
        Assert.Contains("cases-by-status", stats["tables"]!.AsArray().Select(t => t!["key"]!.GetValue<string>()));

        var homeroom = Token(tenant, "homeroom", Roles.Caseworker);
        await _api.OkAsync(tenant, $"mutation {{ triageCase(id: \"{case81}\") {{ id }} }}", token: homeroom);
        await _api.OkAsync(tenant, $"mutation {{ closeCase(id: \"{case81}\", reason: \"Resolved at intake\") {{ id }} }}", token: homeroom);
        stats = (await _api.OkAsync(tenant, "{ statistics { casesByStatus { status count } } }", token: supervisor))["statistics"]!;
        Assert.Equal(1, Count(stats, "REPORTED"));
        Assert.Equal(1, Count(stats, "CLOSED"));
        Assert.Equal("FORBIDDEN", (await _api.PostAsync(tenant, $"{{ case(id: \"{case81}\") {{ id }} }}", token: supervisor)).FirstCode);
    }

    [Theory]
    [InlineData(Roles.Coordinator)]
    [InlineData(Roles.Counsellor)] // a school's psychology teacher (new-user trial 2026-12-04), within its units as well
    public async Task Limit_a_coordinator_to_the_units_it_serves(string role)
    {
        var (tenant, _, _) = await SchoolAsync();
        await StaffMembers.AddAsync(factory, _api.Client, tenant, $"leader81@{tenant}", "class-8-1", "HomeroomTeacher");
        var coordinator = Token(tenant, "leader81", role);
        var own = (await _api.OkAsync(tenant, "{ statistics { casesByStatus { status count } organizationIds } }", token: coordinator))["statistics"]!;
        Assert.Equal(1, Count(own, "REPORTED"));
        Assert.Equal(["class-8-1"], DirectoryApi.Strings(own["organizationIds"]));

        var refused = await _api.PostAsync(tenant, "{ statistics(organizationId: \"class-8-2\") { casesByStatus { count } } }", token: coordinator);
        Assert.Equal("FORBIDDEN", refused.FirstCode);
        var whole = (await _api.OkAsync(tenant, "{ statistics(organizationId: \"grade-8\") { casesByStatus { status count } } }", token: Token(tenant, "principal", Roles.Supervisor)))["statistics"]!;
        Assert.Equal(2, Count(whole, "REPORTED"));
    }

    [Theory]
    [InlineData("2026-11-03", "2026-11-29", "period.from")]
    [InlineData("2026-11-02", "2026-11-28", "period.to")]
    [InlineData("2025-01-06", "2026-11-29", "period")]
    public async Task Refuse_a_period_that_is_not_whole_weeks(string from, string to, string field)
    {
        var (tenant, _, _) = await SchoolAsync();
        var response = await _api.PostAsync(tenant, $"{{ statistics(period: {{ from: \"{from}\", to: \"{to}\" }}) {{ from }} }}", token: Token(tenant, "principal", Roles.Supervisor));
        Assert.Equal("VALIDATION_FAILED", response.FirstCode);
        Assert.Equal(field, response.Errors![0]!["extensions"]!["field"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(Roles.Caseworker)]
    [InlineData(Roles.Clinician)]
    [InlineData(Roles.Reporter)]
    public async Task Refuse_roles_that_do_not_supervise(string role)
    {
        var (tenant, _, _) = await SchoolAsync();
        Assert.Equal("FORBIDDEN", (await _api.PostAsync(tenant, "{ statistics { from } }", token: Token(tenant, "x", role))).FirstCode);
    }
}
