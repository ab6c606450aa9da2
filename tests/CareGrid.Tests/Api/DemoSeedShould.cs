using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.Silo.Seeding;
using CareGrid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CareGrid.Tests.Api;

/// <summary>
/// The demo tenants seeded by the silo on its embedded default (seeds/demo, docs/demo.md) carry the staff whose tokens
/// README uses, each a member of their units, so need-to-know by organization (docs/access.md) lets them do their jobs.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class DemoSeedShould(CareGridApiFactory factory)
{
    private const string School = "/t/demo-school/graphql";
    private readonly GraphQLClient _client = factory.GraphQL();

    public static TheoryData<string, string, string, string[], string[]> StaffUnits => new()
    {
        { "demo-school", "homeroom-8-1@demo-school", Roles.Caseworker, ["class-8-1"], ["class-8-2", "grade-8"] },
        { "demo-school", "teacher2@demo-school", Roles.Caseworker, ["class-8-2"], ["class-8-1"] },
        { "demo-school", "reporter@demo-school", Roles.Reporter, ["class-8-1"], ["class-8-2"] },
        { "demo-school", "coordinator@demo-school", Roles.Coordinator, ["grade-8", "class-8-1", "class-8-2"], ["counselling-centre"] },
        { "demo-school", "counsellor@demo-school", Roles.Counsellor, ["counselling-centre", "grade-8", "class-8-1", "class-8-2"], [] },
        { "demo-school", "supervisor@demo-school", Roles.Supervisor, ["leadership", "grade-8", "class-8-1", "class-8-2"], [] },
        { "demo-district", "gridworker@demo-district", Roles.Caseworker, ["riverside-community"], ["harbour-hotel-site", "east-subdistrict"] },
        { "demo-district", "socialworker@demo-district", Roles.Caseworker, ["riverside-community"], ["harbour-hotel-site"] },
        { "demo-district", "caseworker@demo-district", Roles.Caseworker, ["harbour-hotel-site"], ["riverside-community"] },
        { "demo-district", "coordinator@demo-district", Roles.Coordinator, ["east-subdistrict", "riverside-community", "harbour-hotel-site"], ["mental-health-centre"] },
        { "demo-district", "clinician@demo-district", Roles.Clinician, ["mental-health-centre", "east-subdistrict", "riverside-community", "harbour-hotel-site"], [] },
        { "demo-town", "villagestaff@demo-town", Roles.Caseworker, ["north-village"], ["south-village"] },
        { "demo-town", "caseworker@demo-town", Roles.Caseworker, ["south-village"], ["north-village"] },
        { "demo-town", "coordinator@demo-town", Roles.Coordinator, ["social-affairs-office", "north-village", "south-village"], [] },
        { "demo-town", "counsellor@demo-town", Roles.Counsellor, ["town-health-centre"], [] },
        { "demo-town", "clinician@demo-town", Roles.Clinician, ["primary-health"], [] },
    };

    [Theory]
    [MemberData(nameof(StaffUnits))]
    public async Task Resolve_each_demo_staff_sub_to_the_units_of_its_memberships(string tenant, string sub, string role, string[] covered, string[] notCovered)
    {
        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        TenantContext.Set(tenant);
        try
        {
            var scope = await StaffScopes.ResolveAsync(grains, tenant, new Actor(sub, [role]));
            Assert.False(scope.IsUnassigned, $"{sub} is a member of no unit");
            Assert.All(covered, unit => Assert.True(scope.Covers(unit), $"{sub} should reach {unit}"));
            Assert.All(notCovered, unit => Assert.False(scope.Covers(unit), $"{sub} should not reach {unit}"));
        }
        finally
        {
            TenantContext.Clear();
        }
    }

    [Fact]
    public async Task Let_the_counsellor_list_and_open_a_level_3_case_and_keep_it_from_another_classs_homeroom_teacher()
    {
        var student = await NewStudentAsync("class-8-2");
        var teacher2 = factory.TokenFor("teacher2@demo-school", "demo-school", Roles.Caseworker);
        var reported = await _client.PostAsync(School,
            $"mutation {{ reportConcern(input: {{ personId: \"{student}\", summary: \"Says he wants to disappear\", riskLevel: HIGH }}) {{ id escalationLevel }} }}", token: teacher2);
        var caseId = reported.EnsureNoErrors().Data!["reportConcern"]!["id"]!.GetValue<string>();
        Assert.Equal(3, reported.Data!["reportConcern"]!["escalationLevel"]!.GetValue<int>());

        var counsellor = factory.TokenFor("counsellor@demo-school", "demo-school", Roles.Counsellor);
        Assert.Contains(caseId, await OpenCaseIdsAsync(counsellor));
        var opened = await _client.PostAsync(School, $"{{ case(id: \"{caseId}\") {{ personId escalationLevel }} }}", token: counsellor);
        Assert.Equal(student, opened.EnsureNoErrors().Data!["case"]!["personId"]!.GetValue<string>());

        var homeroom81 = factory.TokenFor("homeroom-8-1@demo-school", "demo-school", Roles.Caseworker);
        Assert.DoesNotContain(caseId, await OpenCaseIdsAsync(homeroom81));
        var refused = await _client.PostAsync(School, $"{{ case(id: \"{caseId}\") {{ personId }} }}", token: homeroom81);
        Assert.Equal("FORBIDDEN", refused.FirstCode);
        Assert.Equal("need-to-know", refused.Errors![0]!["extensions"]!["rule"]!.GetValue<string>());
    }

    [Fact]
    public async Task Keep_a_class_8_1_concern_from_the_homeroom_teacher_of_class_8_2()
    {
        var student = await NewStudentAsync("class-8-1");
        var homeroom81 = factory.TokenFor("homeroom-8-1@demo-school", "demo-school", Roles.Caseworker);
        var reported = await _client.PostAsync(School,
            $"mutation {{ reportConcern(input: {{ personId: \"{student}\", summary: \"Sleeping badly\", riskLevel: MODERATE }}) {{ id }} }}", token: homeroom81);
        var caseId = reported.EnsureNoErrors().Data!["reportConcern"]!["id"]!.GetValue<string>();

        var teacher2 = factory.TokenFor("teacher2@demo-school", "demo-school", Roles.Caseworker);
        Assert.DoesNotContain(caseId, await OpenCaseIdsAsync(teacher2));
        Assert.Equal("FORBIDDEN", (await _client.PostAsync(School, $"{{ case(id: \"{caseId}\") {{ personId }} }}", token: teacher2)).FirstCode);
    }

    [Fact]
    public async Task Not_add_the_demo_staff_again_when_the_seeder_runs_again()
    {
        var admin = factory.TokenFor("admin@demo-school", "demo-school", Roles.TenantAdmin);
        var before = await MembersAsync(admin, "counselling-centre");
        var seeder = factory.Services.GetServices<IHostedService>().OfType<DemoSeeder>().Single();
        await seeder.StartAsync(CancellationToken.None);
        Assert.Equal(before, await MembersAsync(admin, "counselling-centre"));
        Assert.Single(before, m => m == "staff-psychology/PsychologyTeacher");
    }

    private async Task<List<string>> MembersAsync(string token, string unit)
    {
        var response = await _client.PostAsync(School, $"{{ organization(id: \"{unit}\") {{ members {{ personId role }} }} }}", token: token);
        return [.. response.EnsureNoErrors().Data!["organization"]!["members"]!.AsArray()
            .Select(m => $"{m!["personId"]!.GetValue<string>()}/{m["role"]!.GetValue<string>()}")];
    }

    private async Task<List<string>> OpenCaseIdsAsync(string token)
    {
        var response = await _client.PostAsync(School, "{ cases(filter: {open: true}, first: 100) { nodes { id } } }", token: token);
        return [.. response.EnsureNoErrors().Data!["cases"]!["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>())];
    }

    private async Task<string> NewStudentAsync(string unit)
    {
        var id = "stu-" + Guid.NewGuid().ToString("N")[..12];
        var admin = factory.TokenFor("admin@demo-school", "demo-school", Roles.TenantAdmin);
        (await _client.PostAsync(School,
            $"mutation {{ registerPerson(input: {{ id: \"{id}\", displayName: \"Student {id}\", organizationId: \"{unit}\" }}) {{ id }} }}", token: admin)).EnsureNoErrors();
        return id;
    }
}
