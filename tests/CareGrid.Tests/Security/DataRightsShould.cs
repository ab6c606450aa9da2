using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Security;

/// <summary>Data rights: one person's export; tenant offboarding = export, then purge, audited in the platform log.</summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class DataRightsShould(CareGridApiFactory factory)
{
    private readonly GraphQLClient _client = factory.GraphQL();

    [Fact]
    public async Task Export_everything_held_about_one_person_for_a_tenant_admin_and_audit_it()
    {
        var admin = factory.TokenFor("admin@demo-school", "demo-school", Roles.TenantAdmin);
        var export = await _client.PostAsync("/t/demo-school/graphql", "{ exportPerson(id: \"student-001\") }", token: admin);
        var json = JsonNode.Parse(export.EnsureNoErrors().Data!["exportPerson"]!.GetValue<string>())!;
        Assert.Equal("student-001", json["person"]!["id"]!.GetValue<string>());
        Assert.Contains(json["cases"]!.AsArray(), c => c!["id"]!.GetValue<string>() == "case-school-1" && c["timeline"]!.AsArray().Count > 0);

        var auditor = factory.TokenFor("auditor@demo-school", "demo-school", Roles.Auditor);
        var log = await _client.PostAsync("/t/demo-school/graphql", "{ auditLog(filter: { entityId: \"student-001\", action: \"READ\" }) { nodes { purpose actor } } }", token: auditor);
        Assert.Contains(log.EnsureNoErrors().Data!["auditLog"]!["nodes"]!.AsArray(), n => n!["purpose"]!.GetValue<string>() == "exportPerson");
    }

    [Fact]
    public async Task Offboard_export_then_purge_a_tenant_and_refuse_deletion_before_export()
    {
        var platform = factory.Token(null, Roles.PlatformAdmin);
        var tenant = Seeds.NewTenantId("leaving");
        (await _client.PostAsync("/graphql", "mutation($in: OnboardTenantInput!) { onboardTenant(input: $in) { id } }",
            new { @in = new { id = tenant, name = "Leaving school", kind = "SCHOOL", firstAdminSubject = "admin" } }, platform)).EnsureNoErrors();
        var admin = factory.TokenFor("admin", tenant, Roles.TenantAdmin);
        var teacher = factory.TokenFor("teacher", tenant, Roles.Caseworker);
        (await _client.PostAsync($"/t/{tenant}/graphql", "mutation { createOrganization(input: { id: \"c1\", name: \"Class\", kind: CLASS }) { id } }", token: admin)).EnsureNoErrors();
        (await _client.PostAsync($"/t/{tenant}/graphql", "mutation { registerPerson(input: { id: \"p1\", displayName: \"P\", organizationId: \"c1\" }) { id } }", token: teacher)).EnsureNoErrors();
        var caseId = (await _client.PostAsync($"/t/{tenant}/graphql", "mutation { reportConcern(input: { personId: \"p1\", summary: \"s\", riskLevel: HIGH }) { id } }", token: teacher))
            .EnsureNoErrors().Data!["reportConcern"]!["id"]!.GetValue<string>();

        (await _client.PostAsync("/graphql", $"mutation {{ offboardTenant(id: \"{tenant}\", reason: \"contract ended\") {{ status }} }}", token: platform)).EnsureNoErrors();
        Assert.Equal("TENANT_SUSPENDED", (await _client.PostAsync($"/t/{tenant}/graphql", "{ organizations { id } }", token: admin)).FirstCode);

        var early = await _client.PostAsync("/graphql", $"mutation {{ deleteTenant(id: \"{tenant}\", reason: \"x\") {{ status }} }}", token: platform);
        Assert.Equal("INVALID_TRANSITION", early.FirstCode);

        var export = JsonNode.Parse((await _client.PostAsync("/graphql", $"mutation {{ exportTenant(id: \"{tenant}\") }}", token: platform)).EnsureNoErrors().Data!["exportTenant"]!.GetValue<string>())!;
        Assert.Single(export["organizations"]!.AsArray());
        Assert.Single(export["people"]!.AsArray());
        Assert.Equal(caseId, export["cases"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(4, export["cases"]![0]!["tasks"]!.AsArray().Count);
        Assert.True(export["audit"]!.AsArray().Count >= 4);

        var deleted = await _client.PostAsync("/graphql", $"mutation {{ deleteTenant(id: \"{tenant}\", reason: \"contract ended, export handed over\") {{ status }} }}", token: platform);
        Assert.Equal("DELETED", deleted.EnsureNoErrors().Data!["deleteTenant"]!["status"]!.GetValue<string>());
        Assert.Equal("TENANT_NOT_FOUND", (await _client.PostAsync($"/t/{tenant}/graphql", "{ organizations { id } }", token: admin)).FirstCode);

        // Nothing of the tenant is left behind its grains.
        var grains = (IGrainFactory)factory.Services.GetService(typeof(IGrainFactory))!;
        CareGrid.Grains.Tenancy.TenantContext.Set(tenant);
        try
        {
            Assert.Null(await grains.GetGrain<CareGrid.Grains.Cases.ICaseGrain>(CareGrid.Grains.Tenancy.TenantIds.Key(tenant, caseId)).Get(Actor.System));
            Assert.Null(await grains.GetGrain<CareGrid.Grains.People.IPersonGrain>(CareGrid.Grains.Tenancy.TenantIds.Key(tenant, "p1")).Get());
            Assert.Null(await grains.GetGrain<CareGrid.Grains.Organizations.IOrganizationGrain>(CareGrid.Grains.Tenancy.TenantIds.Key(tenant, "c1")).Get());
        }
        finally
        {
            CareGrid.Grains.Tenancy.TenantContext.Clear();
        }
    }
}
