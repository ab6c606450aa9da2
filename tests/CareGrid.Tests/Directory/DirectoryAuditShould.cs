using CareGrid.Grains.Audit;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Tests.PeopleDirectory;

/// <summary>
/// The tenancy, organization and people fields write the audit records they wrote before they declared their access and
/// audit (docs/api.md, "Access and audit"): a WRITE per mutation naming the entity and each input field sent, a READ of
/// the person with the fields selected, and nothing for the tenant, settings and list queries.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class DirectoryAuditShould(CareGridApiFactory factory)
{
    private readonly GraphQLClient _client = factory.GraphQL();

    [Fact]
    public async Task Record_whether_an_import_was_allowed_to_move_people()
    {
        // round-23 red team: importRoster's record said that allowMoves was sent, not whether it was true
        var tenant = Seeds.NewTenantId("impaudit");
        (await _client.PostAsync("/graphql", $"mutation {{ onboardTenant(input: {{ id: \"{tenant}\", name: \"Audit school\", kind: SCHOOL, firstAdminSubject: \"admin\" }}) {{ id }} }}",
            token: factory.Token(null, Roles.PlatformAdmin))).EnsureNoErrors();
        var path = $"/t/{tenant}/graphql";
        var admin = factory.TokenFor("admin", tenant, Roles.TenantAdmin);
        (await _client.PostAsync(path, "mutation { createOrganization(input: { id: \"c1\", name: \"Class 1\", kind: CLASS, escalationLevel: 1 }) { id } }", token: admin)).EnsureNoErrors();
        const string Import = "mutation($m: Boolean) { importRoster(organizationId: \"c1\", csv: \"externalId,displayName\\nS1,Li\\n\", allowMoves: $m) { id } }";
        (await _client.PostAsync(path, Import, new { m = true }, admin)).EnsureNoErrors();
        (await _client.PostAsync(path, Import, new { m = false }, admin)).EnsureNoErrors();
        (await _client.PostAsync(path, "mutation { importRoster(organizationId: \"c1\", csv: \"externalId,displayName\\nS1,Li\\n\", kind: PEOPLE) { id } }", token: admin)).EnsureNoErrors();

        var fields = new List<string>();
        await foreach (var record in factory.Services.GetRequiredService<IAuditStore>().ReadAllAsync(tenant))
        {
            if (record is { Action: "WRITE", Purpose: "importRoster" })
            {
                fields.Add(string.Join(",", record.Fields.Order(StringComparer.Ordinal)));
            }
        }

        Assert.Equal(["allowMoves=true,csv,organizationId", "allowMoves=false,csv,organizationId", "csv,kind=PEOPLE,organizationId"], fields);
    }

    [Fact]
    public async Task Record_each_directory_write_with_its_entity_and_input_fields_and_the_person_read_only()
    {
        var tenant = Seeds.NewTenantId("diraudit");
        var path = $"/t/{tenant}/graphql";
        (await _client.PostAsync("/graphql", $"mutation {{ onboardTenant(input: {{ id: \"{tenant}\", name: \"Audit school\", kind: SCHOOL, firstAdminSubject: \"admin\" }}) {{ id }} }}",
            token: factory.Token(null, Roles.PlatformAdmin))).EnsureNoErrors();
        var admin = factory.TokenFor("admin", tenant, Roles.TenantAdmin);
        var teacher = factory.TokenFor("teacher", tenant, Roles.Caseworker);
        (await _client.PostAsync(path, "mutation { createOrganization(input: { id: \"c1\", name: \"Class 1\", kind: CLASS, escalationLevel: 1 }) { id } }", token: admin)).EnsureNoErrors();
        (await _client.PostAsync(path, "mutation { setAgeOfConsent(years: 16) { ageOfConsent } }", token: admin)).EnsureNoErrors();
        await StaffMembers.AddAsync(factory, _client, tenant, "teacher", "c1", "HomeroomTeacher"); // registers only in their class
        (await _client.PostAsync(path, "mutation { registerPerson(input: { id: \"s1\", displayName: \"S\", organizationId: \"c1\" }) { id } }", token: teacher)).EnsureNoErrors();
        (await _client.PostAsync(path, "mutation { reportConcern(input: { personId: \"s1\", summary: \"Cries in class\" }) { id } }", token: teacher)).EnsureNoErrors();
        // Reporting does not open the person's record (docs/access.md); the teacher states why they need it (audited).
        (await _client.PostAsync(path, "mutation { breakTheGlass(entity: PERSON, id: \"s1\", reason: \"record the guardian's contact and consent\") { until } }", token: teacher)).EnsureNoErrors();
        (await _client.PostAsync(path, "mutation { setPersonContacts(personId: \"s1\", contacts: [{ kind: GUARDIAN, name: \"Mother\" }]) { id } }", token: teacher)).EnsureNoErrors();
        (await _client.PostAsync(path, "mutation { recordConsent(personId: \"s1\", purpose: PROFESSIONAL_INTERVENTION, decision: GRANTED, givenBy: GUARDIAN) { id } }", token: teacher)).EnsureNoErrors();
        // The audit record names the fields, not the contacts: the one a later list replaced is kept on the person (round-24 red team).
        var replaced = (await _client.PostAsync(path, "mutation { setPersonContacts(personId: \"s1\", contacts: [{ kind: GUARDIAN, name: \"Aunt\" }]) { replacedContacts { contact { kind name } replacedBy } } }", token: teacher))
            .EnsureNoErrors().Data!["setPersonContacts"]!["replacedContacts"]!.AsArray();
        Assert.Equal([("GUARDIAN", "Mother", "teacher")], replaced.Select(r => (r!["contact"]!["kind"]!.GetValue<string>(), r["contact"]!["name"]!.GetValue<string>(), r["replacedBy"]!.GetValue<string>())));
        (await _client.PostAsync(path, "{ person(id: \"s1\") { displayName consents { status } } }", token: teacher)).EnsureNoErrors();
        (await _client.PostAsync(path, "{ tenant { id } protocolSettings { ageOfConsent } organizations { id } organization(id: \"c1\") { id } people { nodes { id } } jurisdiction { applied } }", token: admin)).EnsureNoErrors();

        var records = new List<AuditRecord>();
        await foreach (var record in factory.Services.GetRequiredService<IAuditStore>().ReadAllAsync(tenant))
        {
            records.Add(record);
        }

        var kept = records.Where(r => r.Action is "READ" or "WRITE").Select(r => (r.Action, r.EntityType, r.EntityId, r.Purpose, Fields: string.Join(",", r.Fields.Order(StringComparer.Ordinal)))).ToList();
        Assert.Contains(("WRITE", "Tenant", tenant, "onboardTenant", "input.firstAdminSubject,input.id,input.kind,input.name"), kept);
        Assert.Contains(("WRITE", "Organization", "c1", "createOrganization", "input.escalationLevel,input.id,input.kind,input.name"), kept);
        Assert.Contains(("WRITE", "Tenant", tenant, "setAgeOfConsent", "years"), kept);
        Assert.Contains(("WRITE", "Person", "s1", "registerPerson", "input.displayName,input.id,input.organizationId"), kept);
        Assert.Contains(("WRITE", "Person", "s1", "setPersonContacts", "contacts,personId"), kept);
        // a Boolean or enum argument decides what a write did, so its value is kept (round-23 red team: importRoster allowMoves)
        Assert.Contains(("WRITE", "Person", "s1", "recordConsent", "decision=GRANTED,givenBy=GUARDIAN,personId,purpose=PROFESSIONAL_INTERVENTION"), kept);
        Assert.Contains(("READ", "Person", "s1", "person", "consents,displayName"), kept);
        Assert.DoesNotContain(kept, r => r.Purpose is "tenant" or "protocolSettings" or "organizations" or "organization" or "people" or "jurisdiction");
    }
}
