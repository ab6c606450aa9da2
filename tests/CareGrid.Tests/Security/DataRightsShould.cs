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
    public async Task Export_everything_held_about_one_person_for_a_stated_purpose_and_audit_the_purpose()
    {
        var admin = factory.TokenFor("admin@demo-school", "demo-school", Roles.TenantAdmin);
        var export = await _client.PostAsync("/t/demo-school/graphql",
            "{ exportPerson(id: \"student-001\", purpose: DATA_SUBJECT_REQUEST, reference: \"教发〔2026〕12号\") }", token: admin);
        var json = JsonNode.Parse(export.EnsureNoErrors().Data!["exportPerson"]!.GetValue<string>())!;
        Assert.Equal("student-001", json["person"]!["id"]!.GetValue<string>());
        Assert.Equal("DATA_SUBJECT_REQUEST", json["purpose"]!.GetValue<string>());
        Assert.Contains(json["cases"]!.AsArray(), c => c!["id"]!.GetValue<string>() == "case-school-1" && c["timeline"]!.AsArray().Count > 0);

        var auditor = factory.TokenFor("auditor@demo-school", "demo-school", Roles.Auditor);
        var log = await _client.PostAsync("/t/demo-school/graphql", "{ auditLog(filter: { entityId: \"student-001\", action: \"READ\" }) { nodes { entityType purpose reason actor } } }", token: auditor);
        Assert.Contains(log.EnsureNoErrors().Data!["auditLog"]!["nodes"]!.AsArray(), n => n!["purpose"]!.GetValue<string>() == "exportPerson"
            && n["entityType"]!.GetValue<string>() == "Person" && n["actor"]!.GetValue<string>() == "admin@demo-school"
            && n["reason"]!.GetValue<string>() == "purpose=DATA_SUBJECT_REQUEST; reference=教发〔2026〕12号");
    }

    [Fact]
    public async Task Refuse_an_export_without_a_purpose_or_with_a_bad_reference_and_record_nothing_read()
    {
        var admin = factory.TokenFor("admin@demo-school", "demo-school", Roles.TenantAdmin);
        var noPurpose = await _client.PostAsync("/t/demo-school/graphql", "{ exportPerson(id: \"student-002\") }", token: admin);
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", noPurpose.FirstCode);
        Assert.Contains("purpose", noPurpose.Errors![0]!["message"]!.GetValue<string>());
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", (await _client.PostAsync("/t/demo-school/graphql", "{ exportPerson(id: \"student-002\", purpose: CURIOSITY) }", token: admin)).FirstCode);

        foreach (var reference in new[] { "", "   ", new string('x', 65), "DSR<script>", "line\\nbreak" })
        {
            var bad = await _client.PostAsync("/t/demo-school/graphql", "query($r: String) { exportPerson(id: \"student-002\", purpose: LEGAL, reference: $r) }", new { r = reference }, admin);
            Assert.Equal("VALIDATION_FAILED", bad.FirstCode);
            Assert.Equal("reference", bad.Errors![0]!["extensions"]!["field"]!.GetValue<string>());
            Assert.Null(bad.Data?["exportPerson"]);
        }

        // A TenantAdmin is still not on the need-to-know list: person(id) stays refused; only the stated export bypasses it.
        var person = await _client.PostAsync("/t/demo-school/graphql", "{ person(id: \"student-002\") { contacts { phone } } }", token: admin);
        Assert.Equal("need-to-know", person.Errors![0]!["extensions"]!["rule"]!.GetValue<string>());

        var auditor = factory.TokenFor("auditor@demo-school", "demo-school", Roles.Auditor);
        var log = await _client.PostAsync("/t/demo-school/graphql", "{ auditLog(filter: { entityId: \"student-002\", action: \"READ\" }) { nodes { purpose } } }", token: auditor);
        Assert.DoesNotContain(log.EnsureNoErrors().Data!["auditLog"]!["nodes"]!.AsArray(), n => n!["purpose"]!.GetValue<string>() == "exportPerson");
    }

    [Fact]
    public async Task Write_chinese_names_and_notes_as_readable_utf8_in_the_export()
    {
        var admin = factory.TokenFor("admin@demo-school", "demo-school", Roles.TenantAdmin);
        var homeroom = $"homeroom-utf8-{Guid.NewGuid():N}@demo-school";
        await StaffMembers.AddAsync(factory, _client, "demo-school", homeroom, "class-8-1", "HomeroomTeacher"); // registers only in their class
        var teacher = factory.TokenFor(homeroom, "demo-school", Roles.Caseworker);
        var id = "stu-" + Guid.NewGuid().ToString("N")[..12];
        // 𠮷 (U+20BB7) is a character of Chinese names outside the Basic Multilingual Plane.
        (await _client.PostAsync("/t/demo-school/graphql", "mutation($in: RegisterPersonInput!) { registerPerson(input: $in) { id } }",
            new { @in = new { id, displayName = "刘𠮷祥", organizationId = "class-8-1" } }, teacher)).EnsureNoErrors();
        (await _client.PostAsync("/t/demo-school/graphql", "mutation($p: ID!) { reportConcern(input: { personId: $p, summary: \"上课时情绪低落，说\\\"不想活了\\\"\", riskLevel: MODERATE }) { id } }",
            new { p = id }, teacher)).EnsureNoErrors();

        var text = (await _client.PostAsync("/t/demo-school/graphql", $"{{ exportPerson(id: \"{id}\", purpose: TRANSFER) }}", token: admin)).EnsureNoErrors().Data!["exportPerson"]!.GetValue<string>();
        Assert.Contains("\"displayName\": \"刘𠮷祥\"", text);
        Assert.Contains("上课时情绪低落，说\\\"不想活了\\\"", text);
        Assert.DoesNotContain("\\u", text);
        Assert.Equal("刘𠮷祥", JsonNode.Parse(text)!["person"]!["displayName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Offboard_export_then_purge_a_tenant_and_refuse_deletion_before_export()
    {
        var platform = factory.Token(null, Roles.PlatformAdmin);
        var tenant = Seeds.NewTenantId("leaving");
        (await _client.PostAsync("/graphql", "mutation($in: OnboardTenantInput!) { onboardTenant(input: $in) { id } }",
            new { @in = new { id = tenant, name = "Leaving school", kind = "SCHOOL", firstAdminSubject = "admin" } }, platform)).EnsureNoErrors();
        var admin = factory.TokenFor("admin", tenant, Roles.TenantAdmin);
        (await _client.PostAsync($"/t/{tenant}/graphql", "mutation { createOrganization(input: { id: \"c1\", name: \"Class\", kind: CLASS }) { id } }", token: admin)).EnsureNoErrors();
        (await _client.PostAsync($"/t/{tenant}/graphql", "mutation { registerPerson(input: { id: \"p1\", displayName: \"P\", organizationId: \"c1\" }) { id } }", token: admin)).EnsureNoErrors();
        // Registered and reported by the admin, whose scope is the whole tenant.
        var caseId = (await _client.PostAsync($"/t/{tenant}/graphql", "mutation { reportConcern(input: { personId: \"p1\", summary: \"s\", riskLevel: HIGH }) { id } }", token: admin))
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
