using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Security;

/// <summary>
/// <c>activateCase(assigneeId:)</c> names the case's new owner through the one check of a named staff member (docs/access.md
/// "Naming a staff member"): a login that is no staff member of the school (a typo, another school's), a homeroom teacher of
/// another class, a pupil of the class psychology committee (Reporter), and a queue nobody serves are refused
/// <c>VALIDATION_FAILED</c> in English and Chinese, audited <c>DENIED</c>, with the case left in triage and its owner unchanged;
/// before, each became the owner of a case nobody could work or that opened a pupil's record to another pupil. A part-time
/// counsellor of the counselling centre (Volunteer) may be named for a pupil of any class (plan 6, R-5.3, R-6.3).
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class ActivateCaseAssigneeShould(CareGridApiFactory factory)
{
    private const string Tenant = "demo-school";
    private const string Path = "/t/demo-school/graphql";
    private readonly GraphQLClient _client = factory.GraphQL();

    [Fact]
    public async Task Refuse_an_owner_who_could_not_work_the_case_leave_it_in_triage_and_accept_a_centre_volunteer()
    {
        var admin = factory.TokenFor("admin@demo-school", Tenant, Roles.TenantAdmin);
        var homeroom = factory.TokenFor("homeroom-8-1@demo-school", Tenant, Roles.Caseworker);
        var student = await DemoStudents.NewAsync(_client, admin);
        var caseId = (await _client.PostAsync(Path, $"mutation {{ reportConcern(input: {{ personId: \"{student}\", summary: \"Stopped eating lunch\" }}) {{ id }} }}", token: homeroom))
            .EnsureNoErrors().Data!["reportConcern"]!["id"]!.GetValue<string>();
        Assert.StartsWith("case-", caseId, StringComparison.Ordinal);
        (await _client.PostAsync(Path, $"mutation {{ triageCase(id: \"{caseId}\") {{ status }} }}", token: homeroom)).EnsureNoErrors();
        var before = await OwnerAsync(caseId, homeroom);

        var named = new (string Sub, string Rule, string Why)[]
        {
            ($"typo-{Guid.NewGuid():N}@demo-school", StaffAssignee.Rule, "no unit has them"),
            ("counsellor@demo-middle-school", StaffAssignee.Rule, "no unit has them"), // another school's login
            ("teacher2@demo-school", StaffAssignee.Rule, "do not cover unit 'class-8-1'"), // homeroom teacher of class 8-2
            ("reporter@demo-school", StaffAssignee.Rule, "holds no role that works a case"), // class 8-1's committee member, a pupil
            ("queue:level-9", "queue", "is no queue"),
        };
        foreach (var (sub, rule, why) in named)
        {
            var refused = await _client.PostAsync(Path, "mutation($id: ID!, $a: String!) { activateCase(id: $id, assigneeId: $a) { id } }", new { id = caseId, a = sub }, homeroom);
            Assert.True(refused.FirstCode == "VALIDATION_FAILED", $"{sub}: {refused.Body?.ToJsonString()}");
            var extensions = refused.Errors![0]!["extensions"]!;
            Assert.Equal(("assigneeId", rule), (extensions["field"]!.GetValue<string>(), extensions["rule"]!.GetValue<string>()));
            var message = refused.Errors[0]!["message"]!.GetValue<string>();
            Assert.Contains(why, message, StringComparison.Ordinal);
            Assert.Contains("未作任何更改", message, StringComparison.Ordinal);
        }

        Assert.Equal(before, await OwnerAsync(caseId, homeroom));
        var auditor = factory.TokenFor("auditor@demo-school", Tenant, Roles.Auditor);
        var denied = (await _client.PostAsync(Path, $"{{ auditLog(filter: {{ actor: \"homeroom-8-1@demo-school\", action: \"DENIED\", entityId: \"{caseId}\" }}, first: 20) {{ nodes {{ refusal {{ code }} }} }} }}", token: auditor))
            .EnsureNoErrors().Data!["auditLog"]!["nodes"]!.AsArray();
        Assert.Equal(named.Length, denied.Count(n => n!["refusal"]!["code"]!.GetValue<string>() == "VALIDATION_FAILED"));

        var partTime = $"parttime-{Guid.NewGuid():N}@demo-school";
        await StaffMembers.AddAsync(factory, _client, Tenant, partTime, "counselling-centre", "PartTimeCounsellor", "CounsellingCertificate");
        var activated = await _client.PostAsync(Path, "mutation($id: ID!, $a: String!) { activateCase(id: $id, assigneeId: $a) { status assigneeId } }", new { id = caseId, a = partTime }, homeroom);
        var c = activated.EnsureNoErrors().Data!["activateCase"]!;
        Assert.Equal(("ACTIVE", partTime), (c["status"]!.GetValue<string>(), c["assigneeId"]!.GetValue<string>()));
    }

    private async Task<string> OwnerAsync(string caseId, string token)
    {
        var c = (await _client.PostAsync(Path, $"{{ case(id: \"{caseId}\") {{ status assigneeId timeline {{ action }} }} }}", token: token)).EnsureNoErrors().Data!["case"]!;
        Assert.Equal("TRIAGE", c["status"]!.GetValue<string>());
        return c.ToJsonString();
    }
}
