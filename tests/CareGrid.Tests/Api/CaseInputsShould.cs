using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Api;

/// <summary>
/// The typed case inputs (<c>ReportConcernInput</c>, <c>CaseFilter</c>) read what the caller sent as the dictionary reading
/// did: ids given as integer literals still name the record, and the WRITE audit record of <c>reportConcern</c> still
/// names each input field sent (docs/api.md, "Access and audit").
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class CaseInputsShould(CareGridApiFactory factory)
{
    private readonly GraphQLClient _client = factory.GraphQL();

    private async Task<(string Tenant, string Teacher)> SchoolWithPersonAsync(string personId)
    {
        var tenant = Seeds.NewTenantId("inputs");
        (await _client.PostAsync("/graphql", "mutation($in: OnboardTenantInput!) { onboardTenant(input: $in) { id } }",
            new { @in = new { id = tenant, name = "Inputs school", kind = "SCHOOL", firstAdminSubject = "admin" } }, factory.Token(null, Roles.PlatformAdmin))).EnsureNoErrors();
        var admin = factory.TokenFor("admin", tenant, Roles.TenantAdmin);
        (await _client.PostAsync($"/t/{tenant}/graphql", "mutation { createOrganization(input: { id: \"c1\", name: \"Class 1\", kind: CLASS, escalationLevel: 1 }) { id } }", token: admin)).EnsureNoErrors();
        await StaffMembers.AddAsync(factory, _client, tenant, "teacher", "c1", "HomeroomTeacher"); // reports about their class (RT17-7)
        var teacher = factory.TokenFor("teacher", tenant, Roles.Caseworker);
        (await _client.PostAsync($"/t/{tenant}/graphql", $"mutation {{ registerPerson(input: {{ id: \"{personId}\", displayName: \"S\", organizationId: \"c1\" }}) {{ id }} }}", token: teacher)).EnsureNoErrors();
        return (tenant, teacher);
    }

    private async Task<List<string>> WrittenFieldsAsync(string tenant)
    {
        var auditor = factory.TokenFor("auditor", tenant, Roles.Auditor);
        var log = (await _client.PostAsync($"/t/{tenant}/graphql", "{ auditLog(first: 50, filter: { action: \"WRITE\" }) { nodes { purpose fields } } }", token: auditor))
            .EnsureNoErrors().Data!["auditLog"]!["nodes"]!.AsArray();
        return [.. log.Single(n => n!["purpose"]!.GetValue<string>() == "reportConcern")!["fields"]!.AsArray().Select(f => f!.GetValue<string>()).Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task Audit_each_input_field_sent_in_a_literal()
    {
        var (tenant, teacher) = await SchoolWithPersonAsync("s1");

        (await _client.PostAsync($"/t/{tenant}/graphql", "mutation { reportConcern(input: { personId: \"s1\", summary: \"x\", riskLevel: MODERATE }) { id } }", token: teacher)).EnsureNoErrors();

        Assert.Equal(["input.personId", "input.riskLevel", "input.summary"], await WrittenFieldsAsync(tenant));
    }

    [Fact]
    public async Task Audit_each_input_field_sent_in_a_variable()
    {
        var (tenant, teacher) = await SchoolWithPersonAsync("s1");

        (await _client.PostAsync($"/t/{tenant}/graphql", "mutation($in: ReportConcernInput!) { reportConcern(input: $in) { id } }",
            new { @in = new { personId = "s1", summary = "x", idempotencyKey = "k-1" } }, teacher)).EnsureNoErrors();

        Assert.Equal(["input.idempotencyKey", "input.personId", "input.summary"], await WrittenFieldsAsync(tenant));
    }

    [Fact]
    public async Task Read_ids_given_as_integer_literals()
    {
        var (tenant, teacher) = await SchoolWithPersonAsync("123");
        var counsellor = factory.TokenFor("counsellor", tenant, Roles.Counsellor);
        await StaffMembers.AddAsync(factory, _client, tenant, "counsellor", "c1", "HomeroomTeacher"); // the list shows the caller's units (docs/access.md)

        var reported = (await _client.PostAsync($"/t/{tenant}/graphql", "mutation { reportConcern(input: { personId: 123, summary: \"x\", riskLevel: HIGH }) { id personId } }", token: teacher))
            .EnsureNoErrors().Data!["reportConcern"]!;
        var rows = (await _client.PostAsync($"/t/{tenant}/graphql", "{ cases(filter: { person: 123, level: 3 }) { nodes { id } } }", token: counsellor))
            .EnsureNoErrors().Data!["cases"]!["nodes"]!.AsArray();

        Assert.Equal("123", reported["personId"]!.GetValue<string>());
        Assert.Equal([reported["id"]!.GetValue<string>()], rows.Select(r => r!["id"]!.GetValue<string>()));
    }
}
