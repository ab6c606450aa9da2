using System.Net;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Api;

[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class TenantLifecycleShould(CareGridApiFactory factory)
{
    private readonly GraphQLClient _client = factory.GraphQL();

    private async Task<string> OnboardAsync()
    {
        var tenant = Seeds.NewTenantId("town");
        (await _client.PostAsync("/graphql", "mutation($in: OnboardTenantInput!) { onboardTenant(input: $in) { id } }",
            new { @in = new { id = tenant, name = "Town", kind = "TOWN", parentId = "demo-district", firstAdminSubject = "admin@" + tenant } },
            factory.Token(null, Roles.PlatformAdmin))).EnsureNoErrors();
        return tenant;
    }

    [Fact]
    public async Task Refuse_a_suspended_tenants_calls_with_TENANT_SUSPENDED_and_serve_them_again_after_reactivation()
    {
        var tenant = await OnboardAsync();
        var platform = factory.Token(null, Roles.PlatformAdmin);
        var admin = factory.Token(tenant, Roles.TenantAdmin);
        (await _client.PostAsync($"/t/{tenant}/graphql", "{ organizations { id } }", token: admin)).EnsureNoErrors();

        var suspended = await _client.PostAsync("/graphql", $"mutation {{ suspendTenant(id: \"{tenant}\", reason: \"supervision\") {{ status }} }}", token: platform);
        Assert.Equal("SUSPENDED", suspended.EnsureNoErrors().Data!["suspendTenant"]!["status"]!.GetValue<string>());

        var refused = await _client.PostAsync($"/t/{tenant}/graphql", "{ organizations { id } }", token: admin);
        Assert.Equal("TENANT_SUSPENDED", refused.FirstCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Null(refused.Data);

        var write = await _client.PostAsync($"/t/{tenant}/graphql", "mutation { createOrganization(input: { id: \"x\", name: \"X\", kind: SCHOOL }) { id } }", token: admin);
        Assert.Equal("TENANT_SUSPENDED", write.FirstCode);

        (await _client.PostAsync("/graphql", $"mutation {{ reactivateTenant(id: \"{tenant}\") {{ status }} }}", token: platform)).EnsureNoErrors();
        var organizations = await _client.PostAsync($"/t/{tenant}/graphql", "{ organizations { id } }", token: admin);
        Assert.Empty(organizations.EnsureNoErrors().Data!["organizations"]!.AsArray());
    }

    [Fact]
    public async Task List_tenants_for_a_platform_admin_only()
    {
        var listed = await _client.PostAsync("/graphql", "{ tenants { id kind status } }", token: factory.Token(null, Roles.PlatformAdmin));
        var ids = listed.EnsureNoErrors().Data!["tenants"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()).ToList();
        Assert.Contains("demo-district", ids);
        Assert.Contains("demo-town", ids);
        Assert.Contains("demo-school", ids);

        var refused = await _client.PostAsync("/graphql", "{ tenants { id } }", token: factory.Token("demo-school", Roles.TenantAdmin));
        Assert.Equal("FORBIDDEN", refused.FirstCode);
    }

    [Theory]
    [InlineData("UPPER")]
    [InlineData("ab")]
    [InlineData("bad_slug")]
    [InlineData("-dash")]
    public async Task Refuse_onboarding_a_malformed_id_with_VALIDATION_FAILED(string id)
    {
        var response = await _client.PostAsync("/graphql", "mutation($in: OnboardTenantInput!) { onboardTenant(input: $in) { id } }",
            new { @in = new { id, name = "X", kind = "SCHOOL", firstAdminSubject = "a" } }, factory.Token(null, Roles.PlatformAdmin));
        Assert.Equal("VALIDATION_FAILED", response.FirstCode);
        Assert.Equal("id", response.Errors![0]!["extensions"]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refuse_onboarding_by_a_tenant_admin()
    {
        var response = await _client.PostAsync("/graphql", "mutation { onboardTenant(input: { id: \"sneaky\", name: \"X\", kind: SCHOOL, firstAdminSubject: \"a\" }) { id } }",
            token: factory.Token("demo-school", Roles.TenantAdmin));
        Assert.Equal("FORBIDDEN", response.FirstCode);
        var check = await _client.PostAsync("/graphql", "{ tenant(id: \"sneaky\") { id } }", token: factory.Token(null, Roles.PlatformAdmin));
        Assert.Null(check.EnsureNoErrors().Data!["tenant"]);
    }
}
