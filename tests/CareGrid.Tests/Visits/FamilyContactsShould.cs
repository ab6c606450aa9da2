using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using CareGrid.Tests.PeopleDirectory;

namespace CareGrid.Tests.Visits;

/// <summary>
/// The three knows recorded by the homeroom teacher through GraphQL over HTTP (R-6.2, R-2.2; docs/visits.md, docs/access.md):
/// staff whose units cover a left-behind child's class record the guardian and the parents' workplace and contact with
/// <c>setFamilyContacts</c> without an open case, and organizationHealth stops naming the child; a teacher of another class
/// and a Reporter are refused (FORBIDDEN, rule need-to-know for the teacher), and the refusal is in the audit log; the
/// emergency contacts and the rest of the person record stay behind need-to-know by case.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class FamilyContactsShould(CareGridApiFactory factory)
{
    private const string Set = "mutation($p: ID!, $c: [ContactInput!]!) { setFamilyContacts(personId: $p, contacts: $c) { kind name phone workplace } }";
    private const string Health = "{ organizationHealth { findings { rule personId } } }";

    private static readonly object[] Family =
    [
        new { kind = "GUARDIAN", name = "李奶奶", relationship = "祖母", phone = "13800000001" },
        new { kind = "PARENT", name = "李父", relationship = "父亲", phone = "13900000001", workplace = "浙江省宁波市" },
    ];

    private readonly DirectoryApi _api = new(factory);

    private string Token(string tenant, string sub, string role) => factory.TokenFor($"{sub}@{tenant}", tenant, role);

    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(factory.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

    private static string Named(JsonNode data) => string.Join(" ", data["organizationHealth"]!["findings"]!.AsArray()
        .Where(f => f!["rule"]!.GetValue<string>() == "THREE_KNOWS_COMPLETE").Select(f => f!["personId"]?.GetValue<string>() ?? "-"));

    /// <summary>Classes A and B, a left-behind child in each, a homeroom teacher in each.</summary>
    private async Task<string> SchoolAsync()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "knows");
        await _api.CreateOrganizationAsync(tenant, "class-a", "CLASS", "school", 1);
        await _api.CreateOrganizationAsync(tenant, "class-b", "CLASS", "school", 1);
        foreach (var (id, unit) in new[] { ("k-a", "class-a"), ("k-b", "class-b") })
        {
            await _api.OkAsync(tenant, $"mutation {{ registerPerson(input: {{ id: \"{id}\", displayName: \"学生 {id}\", organizationId: \"{unit}\", birthYear: 2013, targetGroups: [\"LeftBehindChild\"] }}) {{ id }} }}");
        }

        await StaffMembers.AddAsync(factory, _api.Client, tenant, $"ta@{tenant}", "class-a", "HomeroomTeacher");
        await StaffMembers.AddAsync(factory, _api.Client, tenant, $"tb@{tenant}", "class-b", "HomeroomTeacher");
        return tenant;
    }

    [Fact]
    public async Task Let_the_homeroom_teacher_complete_the_three_knows_so_organizationHealth_stops_naming_the_child()
    {
        var tenant = await SchoolAsync();
        var (admin, ta) = (_api.Admin(tenant), Token(tenant, "ta", Roles.Caseworker));
        Assert.Equal("k-a k-b", Named(await _api.OkAsync(tenant, Health, token: admin)));

        // Without a case the teacher cannot use setPersonContacts (need-to-know by case) …
        var byCase = await _api.PostAsync(tenant, "mutation($p: ID!, $c: [ContactInput!]!) { setPersonContacts(personId: $p, contacts: $c) { id } }", new { p = "k-a", c = Family }, ta);
        Assert.Equal("FORBIDDEN", byCase.FirstCode);
        // … but records the guardian and the parent of a child of their class.
        var set = await _api.OkAsync(tenant, Set, new { p = "k-a", c = Family }, ta);
        Assert.Equal("GUARDIAN:13800000001: PARENT:13900000001:浙江省宁波市", string.Join(" ", set["setFamilyContacts"]!.AsArray()
            .Select(c => $"{c!["kind"]}:{c["phone"]}:{c["workplace"]?.GetValue<string>()}")));
        await _api.OkAsync(tenant, "mutation($p: ID!, $in: SetSpecialGroupsInput!) { setSpecialGroups(personId: $p, input: $in) { personId } }",
            new { p = "k-a", @in = new { groups = new[] { "LEFT_BEHIND" }, basicSituation = "与祖母同住", helpNote = "每周谈心", reviewOn = Today.AddDays(7).ToString("yyyy-MM-dd") } }, ta);

        Assert.Equal("k-b", Named(await _api.OkAsync(tenant, Health, token: admin)));
        Assert.Equal(2, (await _api.OkAsync(tenant, "{ familyContacts(personId: \"k-a\") { kind } }", token: ta))["familyContacts"]!.AsArray().Count);
        var log = await _api.OkAsync(tenant, "{ auditLog(filter: {entityType: \"Person\", entityId: \"k-a\"}) { nodes { action actor purpose } } }", token: _api.As(tenant, Roles.Auditor));
        Assert.Contains(log["auditLog"]!["nodes"]!.AsArray(), n => $"{n!["action"]}/{n["actor"]}/{n["purpose"]}" == $"WRITE/ta@{tenant}/setFamilyContacts");
        Assert.Contains(log["auditLog"]!["nodes"]!.AsArray(), n => $"{n!["action"]}/{n["actor"]}/{n["purpose"]}" == $"READ/ta@{tenant}/familyContacts");
        // The rest of the record stays behind need-to-know by case.
        Assert.Equal("FORBIDDEN", (await _api.PostAsync(tenant, "{ person(id: \"k-a\") { contacts { name } } }", token: ta)).FirstCode);
    }

    [Fact]
    public async Task Refuse_a_teacher_of_another_class_and_a_reporter_and_audit_the_refusal()
    {
        var tenant = await SchoolAsync();
        var refused = await _api.PostAsync(tenant, Set, new { p = "k-a", c = Family }, Token(tenant, "tb", Roles.Caseworker));
        Assert.Equal(("FORBIDDEN", "need-to-know"), (refused.FirstCode, refused.Errors![0]!["extensions"]!["rule"]!.GetValue<string>()));
        Assert.Equal("FORBIDDEN", (await _api.PostAsync(tenant, "{ familyContacts(personId: \"k-a\") { name } }", token: Token(tenant, "tb", Roles.Caseworker))).FirstCode);
        Assert.Equal("FORBIDDEN", (await _api.PostAsync(tenant, Set, new { p = "k-a", c = Family }, Token(tenant, "rep", Roles.Reporter))).FirstCode);

        var denied = await _api.OkAsync(tenant, "{ auditLog(filter: {action: \"DENIED\"}) { nodes { actor entityId purpose } } }", token: _api.As(tenant, Roles.Auditor));
        Assert.Contains(denied["auditLog"]!["nodes"]!.AsArray(), n => $"{n!["actor"]}/{n["entityId"]}/{n["purpose"]}" == $"tb@{tenant}/k-a/setFamilyContacts");
        Assert.Contains(denied["auditLog"]!["nodes"]!.AsArray(), n => n!["actor"]!.GetValue<string>() == $"rep@{tenant}");
        Assert.Equal("k-a k-b", Named(await _api.OkAsync(tenant, Health, token: _api.Admin(tenant))));

        // An emergency contact is not the teacher's to change: VALIDATION_FAILED, nothing written.
        var emergency = await _api.PostAsync(tenant, Set, new { p = "k-a", c = new object[] { new { kind = "EMERGENCY_CONTACT", name = "邻居", phone = "13700000000" } } },
            Token(tenant, "ta", Roles.Caseworker));
        Assert.Equal(("VALIDATION_FAILED", "contacts[0].kind"), (emergency.FirstCode, emergency.Errors![0]!["extensions"]!["field"]!.GetValue<string>()));
    }
}
