using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Security;

/// <summary>
/// A case read takes the reader's scope from the silo's short-lived copy (<c>SiloLookupCache</c>, docs/access.md "How fresh a
/// scope is"; #18). The copy must never outlive a change made on the same silo: a homeroom teacher who reported a pupil of
/// their class reads the case, is then taken off the class, and is refused on the very next read — well within the copy's
/// two seconds — and a teacher made homeroom teacher of another class reads the case they reported there at once. Through GraphQL over HTTP, one silo.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class ScopeFreshnessShould(CareGridApiFactory factory)
{
    private readonly GraphQLClient _client = factory.GraphQL();

    [Fact]
    public async Task Refuse_a_reporter_taken_off_their_class_on_the_next_read_and_open_a_new_class_at_once()
    {
        var tenant = Seeds.NewTenantId("fresh");
        var path = $"/t/{tenant}/graphql";
        (await _client.PostAsync("/graphql", $"mutation {{ onboardTenant(input: {{ id: \"{tenant}\", name: \"Fresh school\", kind: SCHOOL, firstAdminSubject: \"admin@{tenant}\" }}) {{ id }} }}",
            token: factory.Token(null, Roles.PlatformAdmin))).EnsureNoErrors();
        var admin = factory.TokenFor("admin@" + tenant, tenant, Roles.TenantAdmin);
        var teacher = factory.TokenFor("teacher", tenant, Roles.Caseworker);
        foreach (var c in new[] { "c1", "c2" })
        {
            (await _client.PostAsync(path, $"mutation {{ createOrganization(input: {{ id: \"{c}\", name: \"Class {c}\", kind: CLASS, escalationLevel: 1 }}) {{ id }} }}", token: admin)).EnsureNoErrors();
        }

        var teacherPerson = await StaffMembers.AddAsync(factory, _client, tenant, "teacher", "c1", "HomeroomTeacher");
        (await _client.PostAsync(path, "mutation { registerPerson(input: { id: \"s1\", displayName: \"S1\", organizationId: \"c1\" }) { id } }", token: admin)).EnsureNoErrors();
        (await _client.PostAsync(path, "mutation { registerPerson(input: { id: \"s2\", displayName: \"S2\", organizationId: \"c2\" }) { id } }", token: admin)).EnsureNoErrors();
        var first = (await _client.PostAsync(path, "mutation { reportConcern(input: { personId: \"s1\", summary: \"Cries in class\" }) { id } }", token: teacher))
            .EnsureNoErrors().Data!["reportConcern"]!["id"]!.GetValue<string>();
        var read = $"{{ case(id: \"{first}\") {{ id status }} }}";
        (await _client.PostAsync(path, read, token: teacher)).EnsureNoErrors(); // the reporter path: their scope covers c1 (and is now copied)

        (await _client.PostAsync(path, $"mutation {{ removeOrganizationMember(organizationId: \"c1\", personId: \"{teacherPerson}\", role: \"HomeroomTeacher\") {{ id }} }}", token: admin)).EnsureNoErrors();
        var refused = await _client.PostAsync(path, read, token: teacher);
        Assert.Equal("FORBIDDEN", refused.FirstCode);

        // The other way: they report a pupil of c2 (answered with a receipt: c2 is not theirs), are made homeroom teacher of
        // c2, and read the case they reported at once.
        var receipt = (await _client.PostAsync(path, "mutation { reportConcern(input: { personId: \"s2\", summary: \"Sleeps in class\" }) { id } }", token: teacher))
            .EnsureNoErrors().Data!["reportConcern"]!["id"]!.GetValue<string>();
        Assert.StartsWith("rcpt-", receipt, StringComparison.Ordinal);
        var second = (await _client.PostAsync(path, "{ cases(filter: { person: \"s2\" }) { nodes { id } } }", token: admin))
            .EnsureNoErrors().Data!["cases"]!["nodes"]![0]!["id"]!.GetValue<string>();
        var c2Case = $"{{ case(id: \"{second}\") {{ id }} }}";
        Assert.Equal("FORBIDDEN", (await _client.PostAsync(path, c2Case, token: teacher)).FirstCode); // and copied: Unassigned
        await StaffMembers.AddAsync(factory, _client, tenant, "teacher", "c2", "HomeroomTeacher");
        (await _client.PostAsync(path, c2Case, token: teacher)).EnsureNoErrors();
    }
}
