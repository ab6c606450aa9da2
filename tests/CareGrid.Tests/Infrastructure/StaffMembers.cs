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
    /// <summary>The memberships <see cref="EnsureAsync"/> made, per test host (each factory has its own silo and data).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<CareGridApiFactory, System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<string>>>> Made = [];

    /// <summary>
    /// <see cref="AddAsync"/> once per test host for the same tenant, login and unit (a later call awaits the first): for
    /// a shared login that reports about people of <paramref name="unit"/> and then works the case, which needs their scope
    /// to cover the case's unit (round 17 red team RT17-7, docs/access.md "Receipts for reporters"). Returns the person id.
    /// </summary>
    public static Task<string> EnsureAsync(CareGridApiFactory factory, GraphQLClient client, string tenant, string subject, string unit, string roleCode,
        params string[] qualifications)
    {
        var made = Made.GetOrCreateValue(factory);
        return made.GetOrAdd($"{tenant}/{subject}/{unit}", _ => new Lazy<Task<string>>(() => AddAsync(factory, client, tenant, subject, unit, roleCode, qualifications))).Value;
    }

    /// <summary>
    /// Makes <paramref name="subject"/> a psychology teacher of <c>demo-school</c>'s counselling centre (which serves the whole
    /// school, so their scope covers every pupil), once per test host (<see cref="EnsureAsync"/>).
    /// </summary>
    public static Task<string> DemoSchoolPsychologistAsync(CareGridApiFactory factory, GraphQLClient client, string subject) =>
        EnsureAsync(factory, client, "demo-school", subject, "counselling-centre", "PsychologyTeacher", "RelevantDegree", "CounsellingCertificate");

    /// <summary>Makes <paramref name="subject"/> a homeroom teacher of <c>demo-school</c>'s class 8-1 (where <see cref="DemoStudents"/> registers pupils), once per test host.</summary>
    public static Task<string> DemoSchoolHomeroomAsync(CareGridApiFactory factory, GraphQLClient client, string subject) =>
        EnsureAsync(factory, client, "demo-school", subject, "class-8-1", "HomeroomTeacher");
    /// <summary>
    /// Makes <paramref name="subject"/> a psychology teacher of a school tenant's counselling centre <c>counselling-centre</c>
    /// under <paramref name="school"/> (created when missing), which serves the whole school: their scope covers every
    /// pupil, as a school's psychology teacher's does (R-4.3). For tests whose tenant has no such unit yet.
    /// </summary>
    public static async Task<string> SchoolPsychologistAsync(CareGridApiFactory factory, GraphQLClient client, string tenant, string subject, string school = "school")
    {
        var created = await client.PostAsync($"/t/{tenant}/graphql",
            $"mutation {{ createOrganization(input: {{ id: \"counselling-centre\", name: \"Counselling centre\", kind: COUNSELLING_CENTRE, parentId: \"{school}\", escalationLevel: 3 }}) {{ id }} }}",
            token: factory.TokenFor("admin@" + tenant, tenant, Roles.TenantAdmin));
        if (created.FirstCode != "ALREADY_EXISTS")
        {
            created.EnsureNoErrors();
        }

        return await AddAsync(factory, client, tenant, subject, "counselling-centre", "PsychologyTeacher", "RelevantDegree", "CounsellingCertificate");
    }
    /// <summary>
    /// Makes <paramref name="subject"/> a member of a school-template tenant's leadership group (<c>leadership</c>, role
    /// <c>LeadershipGroupMember</c>), which serves the whole school (R-3.3, R-4.1): their scope covers every pupil, so they
    /// stay on the cases they report (RT17-7). For a teacher in the leadership group whose reports a test follows, without
    /// adding a member to the pupils' own class.
    /// </summary>
    public static Task<string> SchoolLeadershipAsync(CareGridApiFactory factory, GraphQLClient client, string tenant, string subject) =>
        AddAsync(factory, client, tenant, subject, "leadership", "LeadershipGroupMember");
}
