using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using CareGrid.Tests.PeopleDirectory;

namespace CareGrid.Tests.Statistics;

/// <summary>
/// Who sees which statistics, through GraphQL (docs/statistics.md "Asking", docs/access.md): the whole-tenant roles see the
/// same figures; a Coordinator's figures are exactly the Supervisor's figures of the Coordinator's units; a Coordinator in no
/// unit sees nothing; and no figure or table carries a name or a person id.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class StatisticsAccessShould(CareGridApiFactory factory)
{
    private const string Figures = "organizationIds casesByStatus { status count } cases { openByRiskLevel { riskLevel count } } tasks { open overdue } "
        + "peopleServed peopleByMonitoringLevel { level count } tables { key title columns rows { text number suppressed } }";

    private readonly DirectoryApi _api = new(factory);

    private string Token(string tenant, string sub, string role) => factory.TokenFor($"{sub}@{tenant}", tenant, role);

    /// <summary>A school with grade 8 (two classes, a student and a concern each) and grade 9 (one class, one student, one high-risk concern).</summary>
    private async Task<string> SchoolAsync()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "stataccess");
        foreach (var grade in new[] { "grade-8", "grade-9" })
        {
            await _api.OkAsync(tenant, $"mutation {{ createOrganization(input: {{ id: \"{grade}\", name: \"{grade}\", kind: GRADE, parentId: \"school\", escalationLevel: 2 }}) {{ id }} }}");
        }

        foreach (var (cls, grade, risk) in new[] { ("class-8-1", "grade-8", "LOW"), ("class-8-2", "grade-8", "MODERATE"), ("class-9-1", "grade-9", "HIGH") })
        {
            await _api.OkAsync(tenant, $"mutation {{ createOrganization(input: {{ id: \"{cls}\", name: \"{cls}\", kind: CLASS, parentId: \"{grade}\", escalationLevel: 1 }}) {{ id }} }}");
            await _api.OkAsync(tenant, $"mutation {{ registerPerson(input: {{ id: \"p-{cls}\", displayName: \"学生 {cls}\", organizationId: \"{cls}\", sex: FEMALE, birthYear: 2012 }}) {{ id }} }}");
            await _api.OkAsync(tenant, $"mutation {{ reportConcern(input: {{ personId: \"p-{cls}\", summary: \"Cries in class\", riskLevel: {risk} }}) {{ id }} }}",
                token: Token(tenant, "homeroom", Roles.Caseworker));
        }

        return tenant;
    }

    private async Task<JsonNode> StatisticsAsync(string tenant, string token, string arguments = "") =>
        (await _api.OkAsync(tenant, $"{{ statistics{arguments} {{ {Figures} }} }}", token: token))["statistics"]!;

    [Fact]
    public async Task Show_tenant_admin_supervisor_and_auditor_the_same_whole_tenant_figures()
    {
        var tenant = await SchoolAsync();
        var supervisor = await StatisticsAsync(tenant, Token(tenant, "principal", Roles.Supervisor));
        Assert.Equal(3, supervisor["casesByStatus"]!.AsArray().Sum(c => c!["count"]!.GetValue<long>()));
        Assert.Null(supervisor["organizationIds"]);
        foreach (var role in new[] { Roles.TenantAdmin, Roles.Auditor })
        {
            Assert.Equal(supervisor.ToJsonString(), (await StatisticsAsync(tenant, Token(tenant, "other", role))).ToJsonString());
        }
    }

    [Fact]
    public async Task Give_a_coordinator_exactly_the_supervisors_figures_of_its_own_units_and_refuse_the_rest()
    {
        var tenant = await SchoolAsync();
        await StaffMembers.AddAsync(factory, _api.Client, tenant, $"leader8@{tenant}", "grade-8", "GradeLeader");
        var coordinator = Token(tenant, "leader8", Roles.Coordinator);
        var supervisor = Token(tenant, "principal", Roles.Supervisor);

        var own = await StatisticsAsync(tenant, coordinator);
        Assert.Equal(["class-8-1", "class-8-2", "grade-8"], DirectoryApi.Strings(own["organizationIds"]));
        Assert.Equal((await StatisticsAsync(tenant, supervisor, "(organizationId: \"grade-8\")")).ToJsonString(), own.ToJsonString());
        Assert.Equal(2, own["casesByStatus"]!.AsArray().Sum(c => c!["count"]!.GetValue<long>()));
        Assert.Equal((await StatisticsAsync(tenant, supervisor, "(organizationId: \"class-8-2\")")).ToJsonString(),
            (await StatisticsAsync(tenant, coordinator, "(organizationId: \"class-8-2\")")).ToJsonString());

        foreach (var outside in new[] { "school", "grade-9", "class-9-1" })
        {
            var refused = await _api.PostAsync(tenant, $"{{ statistics(organizationId: \"{outside}\") {{ from }} }}", token: coordinator);
            Assert.Equal("FORBIDDEN", refused.FirstCode);
            Assert.Equal("scope", refused.Errors![0]!["extensions"]!["rule"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Show_a_coordinator_who_serves_no_unit_no_case()
    {
        var tenant = await SchoolAsync();
        var figures = await StatisticsAsync(tenant, Token(tenant, "nobody", Roles.Coordinator));
        Assert.All(figures["casesByStatus"]!.AsArray(), c => Assert.Equal(0, c!["count"]!.GetValue<long>()));
        Assert.Equal(0, figures["peopleServed"]!.GetValue<long>());
    }

    [Fact]
    public async Task Carry_no_name_and_no_person_id_in_any_figure_or_table()
    {
        var tenant = await SchoolAsync();
        foreach (var language in new[] { "EN", "ZH_HANS" })
        {
            var text = (await StatisticsAsync(tenant, Token(tenant, "principal", Roles.Supervisor), $"(language: {language})")).ToJsonString();
            Assert.DoesNotContain("p-class", text, StringComparison.Ordinal);
            Assert.DoesNotContain("学生", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Cries in class", text, StringComparison.Ordinal);
        }
    }
}
