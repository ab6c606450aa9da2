using CareGrid.Grains.Security;

namespace CareGrid.Tests.Infrastructure;

/// <summary>
/// Makes a login sub a member of a unit through GraphQL (need-to-know by organization, docs/access.md): registers a staff
/// person in the unit, gives them the sub (<c>setQualifications(staffSubject)</c>) and the template role
/// (<c>addOrganizationMember</c>), as the tenant's admin (<c>admin@{tenant}</c>).
/// </summary>
public static class StaffMembers
{
    /// <summary>Makes <paramref name="subject"/> a member of <paramref name="unit"/> holding <paramref name="roleCode"/>; returns the person id.</summary>
    public static async Task<string> AddAsync(CareGridApiFactory factory, GraphQLClient client, string tenant, string subject, string unit, string roleCode,
        params string[] qualifications)
    {
        var admin = factory.TokenFor("admin@" + tenant, tenant, Roles.TenantAdmin);
        var path = $"/t/{tenant}/graphql";
        var personId = "staff-" + new string(subject.Where(char.IsAsciiLetterOrDigit).ToArray());
        var registered = await client.PostAsync(path, "mutation($in: RegisterPersonInput!) { registerPerson(input: $in) { id } }",
            new { @in = new { id = personId, displayName = subject, organizationId = unit } }, admin);
        if (registered.FirstCode != "ALREADY_EXISTS")
        {
            registered.EnsureNoErrors();
        }

        // setQualifications is need-to-know on the person (a staff record too): the admin states why (audited).
        (await client.PostAsync(path, $"mutation {{ breakTheGlass(entity: PERSON, id: \"{personId}\", reason: \"give the staff member their login and unit\") {{ until }} }}",
            token: admin)).EnsureNoErrors();
        var list = qualifications.Select(q => new { code = q, validUntil = "2099-12-31" }).ToArray();
        (await client.PostAsync(path, "mutation($p: ID!, $q: [QualificationInput!]!, $s: String) { setQualifications(personId: $p, qualifications: $q, staffSubject: $s) { id } }",
            new { p = personId, q = list, s = subject }, admin)).EnsureNoErrors();
        (await client.PostAsync(path, "mutation($o: ID!, $p: ID!, $r: String!) { addOrganizationMember(organizationId: $o, personId: $p, role: $r) { id } }",
            new { o = unit, p = personId, r = roleCode }, admin)).EnsureNoErrors();
        return personId;
    }
}
