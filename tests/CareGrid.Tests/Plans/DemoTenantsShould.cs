using System.Text.Json;
using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Tests.Plans;

/// <summary>
/// The seven demo tenants, one per plan (docs/demo.md), load on the embedded default from <c>seeds/demo</c>: each onboarded
/// from its jurisdiction template, with every unit, person, staff membership and case of its seed file, read back through
/// GraphQL over HTTP and compared with the file on disk. Own silo, freshly seeded: the plan stories move the seeded cases on.
/// </summary>
[Trait("tier", "api")]
public sealed class DemoTenantsShould(CareGridApiFactory factory) : IClassFixture<CareGridApiFactory>
{
    private readonly GraphQLClient _client = factory.GraphQL();

    /// <summary>Tenant id → (plan, kind, template, parent).</summary>
    public static TheoryData<string, int, string, string, string?> Tenants => new()
    {
        { "demo-district", 1, "DISTRICT", "district", null },
        { "demo-town", 2, "TOWN", "town", "demo-district" },
        { "demo-middle-school", 3, "SCHOOL", "school", "demo-district" },
        { "demo-school", 4, "SCHOOL", "school", "demo-district" },
        { "demo-primary-school", 5, "SCHOOL", "school", "demo-district" },
        { "demo-rural-school", 6, "SCHOOL", "school", "demo-town" },
        { "demo-month-school", 7, "SCHOOL", "school", "demo-district" },
    };

    private static JsonNode SeedOf(string tenant)
    {
        var file = Directory.GetFiles(Path.Combine(RepoPaths.Root, "seeds", "demo"), "*.json").Single(f => Path.GetFileNameWithoutExtension(f)[2..] == tenant);
        return JsonNode.Parse(File.ReadAllText(file), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
    }

    private async Task<JsonNode> OkAsync(string tenant, string query) =>
        (await _client.PostAsync($"/t/{tenant}/graphql", query, token: factory.TokenFor("admin@" + tenant, tenant, Roles.TenantAdmin))).EnsureNoErrors().Data!;

    [Fact]
    public async Task Load_exactly_the_seven_plan_tenants_from_the_seed_folder()
    {
        var files = Directory.GetFiles(Path.Combine(RepoPaths.Root, "seeds", "demo"), "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        Assert.Equal(["1-demo-district", "2-demo-town", "3-demo-school", "4-demo-middle-school", "5-demo-primary-school", "6-demo-rural-school", "7-demo-month-school"], files);

        var listed = await _client.PostAsync("/graphql", "{ tenants { id status } }", token: factory.Token(null, Roles.PlatformAdmin));
        var active = listed.EnsureNoErrors().Data!["tenants"]!.AsArray().Where(t => t!["status"]!.GetValue<string>() == "ACTIVE").Select(t => t!["id"]!.GetValue<string>()).ToHashSet();
        Assert.All(Tenants.Select(row => (string)row[0]), id => Assert.Contains(id, active));
    }

    [Theory]
    [MemberData(nameof(Tenants))]
    public async Task Provision_each_tenant_from_its_template_with_every_unit_person_and_case_of_its_seed(string tenant, int plan, string kind, string template, string? parent)
    {
        var seed = SeedOf(tenant);
        var info = (await _client.PostAsync("/graphql", $"{{ tenant(id: \"{tenant}\") {{ id name kind parentId status timeZone }} }}", token: factory.Token(null, Roles.PlatformAdmin)))
            .EnsureNoErrors().Data!["tenant"]!;
        Assert.Equal((kind, parent, "ACTIVE", "Asia/Shanghai"), (info["kind"]!.GetValue<string>(), info["parentId"]?.GetValue<string>(), info["status"]!.GetValue<string>(), info["timeZone"]!.GetValue<string>()));
        Assert.Contains($"plan {plan}", seed["tenant"]!["name"]!.GetValue<string>().Replace("方案", "plan ", StringComparison.Ordinal), StringComparison.Ordinal);

        var data = await OkAsync(tenant, "{ jurisdiction { applied template { id } } organizations { id kind parentId } people(first: 100) { nodes { id displayName organizationId } } "
            + "cases(first: 100) { nodes { id personId status riskLevel } } }");
        Assert.True(data["jurisdiction"]!["applied"]!.GetValue<bool>());
        Assert.Equal(template, data["jurisdiction"]!["template"]!["id"]!.GetValue<string>());

        var units = data["organizations"]!.AsArray().ToDictionary(o => o!["id"]!.GetValue<string>(), o => o!["parentId"]?.GetValue<string>());
        foreach (var o in seed["organizations"]!.AsArray())
        {
            Assert.True(units.TryGetValue(o!["id"]!.GetValue<string>(), out var p), $"{tenant}: unit {o["id"]} missing");
            Assert.Equal(o["parentId"]?.GetValue<string>(), p);
        }

        var people = data["people"]!["nodes"]!.AsArray().ToDictionary(n => n!["id"]!.GetValue<string>(), n => (n!["displayName"]!.GetValue<string>(), n["organizationId"]?.GetValue<string>()));
        foreach (var p in seed["people"]!.AsArray())
        {
            Assert.Equal((p!["displayName"]!.GetValue<string>(), p["organizationId"]!.GetValue<string>()), people[p["id"]!.GetValue<string>()]);
        }

        Assert.All(seed["staff"]!.AsArray(), s => Assert.True(people.ContainsKey(s!["id"]!.GetValue<string>()), $"{tenant}: staff {s["id"]} missing"));
        var cases = data["cases"]!["nodes"]!.AsArray().ToDictionary(n => n!["id"]!.GetValue<string>(), n => n!);
        foreach (var c in seed["cases"]!.AsArray())
        {
            var loaded = cases[c!["id"]!.GetValue<string>()];
            Assert.Equal(c["personId"]!.GetValue<string>(), loaded["personId"]!.GetValue<string>());
            Assert.Equal(c["riskLevel"]!.GetValue<string>().ToUpperInvariant(), loaded["riskLevel"]!.GetValue<string>());
            var triggers = PlanStory.Strings(c["triggers"] ?? new JsonArray());
            var expected = triggers.Contains("Activate") ? "ACTIVE" : triggers.Contains("Triage") ? "TRIAGE" : "REPORTED";
            Assert.Equal(expected, loaded["status"]!.GetValue<string>());
        }
    }

    [Theory]
    [MemberData(nameof(Tenants))]
    public async Task Make_every_demo_staff_sub_a_member_of_the_units_its_seed_names(string tenant, int plan, string kind, string template, string? parent)
    {
        _ = (plan, kind, template, parent);
        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        var seed = SeedOf(tenant);
        var members = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var unit in seed["staff"]!.AsArray().SelectMany(s => s!["memberships"]!.AsArray()).Select(m => m!["organizationId"]!.GetValue<string>()).Distinct())
        {
            var org = (await OkAsync(tenant, $"{{ organization(id: \"{unit}\") {{ members {{ personId role }} }} }}"))["organization"]!;
            members[unit] = [.. org["members"]!.AsArray().Select(m => $"{m!["personId"]!.GetValue<string>()}/{m["role"]!.GetValue<string>()}")];
        }

        TenantContext.Set(tenant);
        try
        {
            foreach (var s in seed["staff"]!.AsArray())
            {
                var sub = s!["subject"]!.GetValue<string>();
                var scope = await StaffScopes.ResolveAsync(grains, tenant, new Actor(sub, [Roles.Caseworker]));
                foreach (var m in s["memberships"]!.AsArray())
                {
                    var unit = m!["organizationId"]!.GetValue<string>();
                    Assert.Contains($"{s["id"]!.GetValue<string>()}/{m["role"]!.GetValue<string>()}", members[unit]);
                    Assert.True(scope.Covers(unit), $"{tenant}: {sub} should reach {unit}");
                }
            }
        }
        finally
        {
            TenantContext.Clear();
        }
    }
}
