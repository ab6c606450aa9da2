using System.Text.Json;
using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.PeopleDirectory;

/// <summary>Onboarding from the three jurisdiction templates through GraphQL, compared with the template files on disk.</summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class TemplateOnboardingShould(CareGridApiFactory factory)
{
    private readonly DirectoryApi _api = new(factory);

    private static JsonNode Template(string id)
    {
        var text = File.ReadAllText(Path.Combine(DirectoryApi.RepoRoot, "seeds", "templates", id + ".json"));
        return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
    }

    private static string Constant(string pascal) =>
        string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) && !char.IsUpper(pascal[i - 1]) ? "_" + c : c.ToString())).ToUpperInvariant();

    [Theory]
    [InlineData("DISTRICT", "district")]
    [InlineData("TOWN", "town")]
    [InlineData("SCHOOL", "school")]
    public async Task Provision_the_organization_tree_roles_and_deadlines_of_the_template(string kind, string templateId)
    {
        var file = Template(templateId);
        var tenant = await _api.OnboardAsync(kind, templateId);

        var data = await _api.OkAsync(tenant, """
            { organizations(tree: true) { id name kind parentId escalationLevel status depth }
              jurisdiction { applied template { id version roles { code accessRole escalationLevel organizationKinds qualifications }
                escalationChain { level roles } instruments healthRules { rule requirement } } }
              protocolSettings { deadlines { kind amount unit } } }
            """);

        var expectedOrgs = file["organizations"]!.AsArray()
            .Select(o => (Id: o!["id"]!.GetValue<string>(), Kind: Constant(o["kind"]!.GetValue<string>()), Parent: o["parentId"]?.GetValue<string>(), Level: o["escalationLevel"]?.GetValue<int>()))
            .OrderBy(o => o.Id, StringComparer.Ordinal).ToList();
        var orgs = data["organizations"]!.AsArray();
        var actualOrgs = orgs
            .Select(o => (Id: o!["id"]!.GetValue<string>(), Kind: o["kind"]!.GetValue<string>(), Parent: o["parentId"]?.GetValue<string>(), Level: o["escalationLevel"]?.GetValue<int>()))
            .OrderBy(o => o.Id, StringComparer.Ordinal).ToList();
        Assert.Equal(expectedOrgs, actualOrgs);
        Assert.All(orgs, o => Assert.Equal("ACTIVE", o!["status"]!.GetValue<string>()));
        var position = orgs.Select((o, i) => (Id: o!["id"]!.GetValue<string>(), i)).ToDictionary(x => x.Id, x => x.i);
        Assert.All(expectedOrgs.Where(o => o.Parent is not null), o => Assert.True(position[o.Parent!] < position[o.Id], "a parent comes before its children"));
        var nameOfRoot = orgs.FirstOrDefault(o => o!["name"]!.GetValue<string>().StartsWith("Test ", StringComparison.Ordinal));
        Assert.Equal(file["organizations"]!.AsArray().Any(o => o!["name"]!.GetValue<string>() == "{tenantName}"), nameOfRoot is not null);

        var jurisdiction = data["jurisdiction"]!;
        Assert.True(jurisdiction["applied"]!.GetValue<bool>());
        Assert.Equal(templateId, jurisdiction["template"]!["id"]!.GetValue<string>());
        var expectedRoles = file["roles"]!.AsArray().Select(r => (
            r!["code"]!.GetValue<string>(), r["accessRole"]!.GetValue<string>(), r["escalationLevel"]?.GetValue<int>(),
            string.Join(",", r["organizationKinds"]!.AsArray().Select(k => Constant(k!.GetValue<string>()))),
            string.Join(",", r["qualifications"]!.AsArray().Select(q => q!.GetValue<string>())))).ToList();
        var actualRoles = jurisdiction["template"]!["roles"]!.AsArray().Select(r => (
            r!["code"]!.GetValue<string>(), r["accessRole"]!.GetValue<string>(), r["escalationLevel"]?.GetValue<int>(),
            string.Join(",", DirectoryApi.Strings(r["organizationKinds"])), string.Join(",", DirectoryApi.Strings(r["qualifications"])))).ToList();
        Assert.Equal(expectedRoles, actualRoles);
        Assert.Equal([1, 2, 3], jurisdiction["template"]!["escalationChain"]!.AsArray().Select(l => l!["level"]!.GetValue<int>()));

        var deadlines = data["protocolSettings"]!["deadlines"]!.AsArray().ToDictionary(d => d!["kind"]!.GetValue<string>(), d => (d!["amount"]!.GetValue<int>(), d["unit"]!.GetValue<string>()));
        foreach (var d in file["deadlines"]!.AsArray())
        {
            Assert.Equal((d!["amount"]!.GetValue<int>(), Constant(d["unit"]!.GetValue<string>())), deadlines[Constant(d["task"]!.GetValue<string>())]);
        }
    }

    [Theory]
    [InlineData("DISTRICT", "district")]
    [InlineData("TOWN", "town")]
    [InlineData("SCHOOL", "school")]
    public async Task Name_the_units_in_Chinese_for_a_tenant_named_in_Chinese_and_in_English_otherwise(string kind, string templateId)
    {
        // new-user trial 2026-12-04: a Chinese school read "Counselling centre (psychology teachers)" on every page
        var file = Template(templateId)["organizations"]!.AsArray().Where(o => o!["nameZh"] is not null)
            .ToDictionary(o => o!["id"]!.GetValue<string>(), o => (En: o!["name"]!.GetValue<string>(), Zh: o["nameZh"]!.GetValue<string>()));
        Assert.NotEmpty(file);
        var chinese = Seeds.NewTenantId("zh");
        var r = await _api.Client.PostAsync("/graphql", "mutation($in: OnboardTenantInput!) { onboardTenant(input: $in) { id } }",
            new { @in = new { id = chinese, name = "青山测试单位 " + chinese, kind, firstAdminSubject = "admin@" + chinese, template = templateId } },
            factory.Token(null, Roles.PlatformAdmin));
        r.EnsureNoErrors();
        var english = await _api.OnboardAsync(kind, templateId);

        async Task<Dictionary<string, string>> Names(string tenant) =>
            (await _api.OkAsync(tenant, "{ organizations { id name } }"))["organizations"]!.AsArray()
                .ToDictionary(o => o!["id"]!.GetValue<string>(), o => o!["name"]!.GetValue<string>());
        var zhNames = await Names(chinese);
        var enNames = await Names(english);

        Assert.All(file, f => Assert.Equal(f.Value.Zh, zhNames[f.Key]));
        Assert.All(file, f => Assert.Equal(f.Value.En, enNames[f.Key]));
    }

    [Fact]
    public async Task List_the_three_templates()
    {
        var r = await _api.Client.PostAsync("/graphql", "{ jurisdictionTemplates { id tenantKind } }", token: factory.Token(null, Roles.PlatformAdmin));
        Assert.Equal(["district:DISTRICT", "school:SCHOOL", "town:TOWN"],
            r.EnsureNoErrors().Data!["jurisdictionTemplates"]!.AsArray().Select(t => $"{t!["id"]}:{t["tenantKind"]}"));
    }

    [Theory]
    [InlineData("SCHOOL", "hospital")]
    [InlineData("TOWN", "school")]
    public async Task Refuse_an_unknown_template_or_one_for_another_kind_and_create_no_tenant(string kind, string template)
    {
        var tenant = Seeds.NewTenantId("bad");
        var platform = factory.Token(null, Roles.PlatformAdmin);
        var r = await _api.Client.PostAsync("/graphql", "mutation($in: OnboardTenantInput!) { onboardTenant(input: $in) { id } }",
            new { @in = new { id = tenant, name = "Bad", kind, firstAdminSubject = "a@" + tenant, template } }, platform);
        Assert.Equal("VALIDATION_FAILED", r.FirstCode);
        Assert.Equal("template", r.Errors![0]!["extensions"]!["field"]!.GetValue<string>());
        var read = await _api.Client.PostAsync("/graphql", $"{{ tenant(id: \"{tenant}\") {{ id }} }}", token: platform);
        Assert.Null(read.EnsureNoErrors().Data!["tenant"]);
    }

    [Fact]
    public async Task Let_a_tenant_onboarded_without_a_template_apply_one_later_once()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", null);
        var before = await _api.OkAsync(tenant, "{ jurisdiction { applied template { id } } organizations { id } }");
        Assert.False(before["jurisdiction"]!["applied"]!.GetValue<bool>());
        Assert.Equal("school", before["jurisdiction"]!["template"]!["id"]!.GetValue<string>());
        Assert.Empty(before["organizations"]!.AsArray());

        await _api.OkAsync(tenant, "mutation { applyJurisdictionTemplate(template: \"school\") { applied } }");
        await _api.OkAsync(tenant, "mutation { applyJurisdictionTemplate(template: \"school\") { applied } }");
        var after = await _api.OkAsync(tenant, "{ organizations { id } }");
        Assert.Equal(Template("school")["organizations"]!.AsArray().Count, after["organizations"]!.AsArray().Count);

        var caseworker = await _api.PostAsync(tenant, "mutation { applyJurisdictionTemplate(template: \"school\") { applied } }", token: _api.As(tenant, Roles.Caseworker));
        Assert.Equal("FORBIDDEN", caseworker.FirstCode);
    }
}
