using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using CareGrid.Tests.PeopleDirectory;

namespace CareGrid.Tests.Statistics;

/// <summary>
/// <c>overdueBoard</c> through GraphQL with the fake clock (docs/statistics.md "Overdue board", R-1.10, R-1.13, R-4.3): a
/// Supervisor watches tasks become at risk then overdue, most late first, paged with a stable cursor, without a name, a summary
/// or a staff login in the answer, and still cannot open a listed case; a Coordinator sees only its units; every read audited.
/// Its own factory: the tests move the clock.
/// </summary>
[Trait("tier", "api")]
public sealed class OverdueBoardApiShould : IAsyncLifetime
{
    private const string Selection = "totalCount asOf pageInfo { hasNextPage endCursor } nodes { caseId unitId unitName riskLevel escalationLevel kind kindLabel "
        + "ownerKind ownerQueue ownerLabel dueAt overdue minutesLate daysLate workingDaysLate minutesLeft }";

    private readonly CareGridApiFactory _factory = new();
    private DirectoryApi _api = null!;

    public Task InitializeAsync()
    {
        _api = new DirectoryApi(_factory);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private string Token(string tenant, string sub, string role) => _factory.TokenFor($"{sub}@{tenant}", tenant, role);

    /// <summary>A school with two grade-8 classes and a HIGH-risk concern about a student of each, class 8-1 first.</summary>
    private async Task<(string Tenant, string Case81, string Case82)> SchoolAsync()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "board");
        await _api.OkAsync(tenant, "mutation { createOrganization(input: { id: \"grade-8\", name: \"Grade 8\", kind: GRADE, parentId: \"school\", escalationLevel: 2 }) { id } }");
        // The reporting teacher is in the leadership group, which serves the whole school: the case ids they are answered
        // with are the cases' own (RT17-7).
        await StaffMembers.SchoolLeadershipAsync(_factory, _api.Client, tenant, $"homeroom@{tenant}");
        var cases = new List<string>();
        foreach (var cls in new[] { "class-8-1", "class-8-2" })
        {
            await _api.OkAsync(tenant, $"mutation {{ createOrganization(input: {{ id: \"{cls}\", name: \"Class {cls[6..]}\", kind: CLASS, parentId: \"grade-8\", escalationLevel: 1 }}) {{ id }} }}");
            await _api.OkAsync(tenant, $"mutation {{ registerPerson(input: {{ id: \"p-{cls}\", displayName: \"Wangxiaoming {cls}\", organizationId: \"{cls}\", sex: FEMALE, birthYear: 2012 }}) {{ id }} }}");
            cases.Add((await _api.OkAsync(tenant, $"mutation {{ reportConcern(input: {{ personId: \"p-{cls}\", summary: \"Goodbyeletter found {cls}\", riskLevel: HIGH }}) {{ id }} }}",
                token: Token(tenant, "homeroom", Roles.Caseworker)))["reportConcern"]!["id"]!.GetValue<string>());
            _factory.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        return (tenant, cases[0], cases[1]);
    }

    private async Task<(JsonNode Board, string Raw)> BoardAsync(string tenant, string token, string arguments = "")
    {
        var response = (await _api.PostAsync(tenant, $"{{ overdueBoard{(arguments == "" ? "" : $"({arguments})")} {{ {Selection} }} }}", token: token)).EnsureNoErrors();
        return (response.Data!["overdueBoard"]!, response.Body!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    private static List<(string Case, string Kind)> Items(JsonNode board) =>
        [.. board["nodes"]!.AsArray().Select(n => (n!["caseId"]!.GetValue<string>(), n["kind"]!.GetValue<string>()))];

    [Fact]
    public async Task Show_a_supervisor_tasks_at_risk_then_overdue_without_names_and_still_refuse_the_case()
    {
        var (tenant, case81, case82) = await SchoolAsync();
        var principal = Token(tenant, "principal", Roles.Supervisor);
        Assert.Equal(0, (await BoardAsync(tenant, principal)).Board["totalCount"]!.GetValue<int>());

        // Within 3 hours: the 2-hour family notifications of both cases are at risk, the earlier first.
        var (atRisk, _) = await BoardAsync(tenant, principal, "dueWithinHours: 3");
        Assert.Equal([(case81, "NOTIFY_FAMILY_EMERGENCY_CONTACT"), (case82, "NOTIFY_FAMILY_EMERGENCY_CONTACT")], Items(atRisk));
        var soon = atRisk["nodes"]![0]!;
        Assert.False(soon["overdue"]!.GetValue<bool>());
        Assert.Equal((0, 0, 0), (soon["minutesLate"]!.GetValue<int>(), soon["daysLate"]!.GetValue<int>(), soon["workingDaysLate"]!.GetValue<int>()));
        Assert.InRange(soon["minutesLeft"]!.GetValue<int>(), 115, 119);

        _factory.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(5));
        var (board, raw) = await BoardAsync(tenant, principal, "language: ZH_HANS");
        Assert.Equal([(case81, "NOTIFY_FAMILY_EMERGENCY_CONTACT"), (case82, "NOTIFY_FAMILY_EMERGENCY_CONTACT")], Items(board));
        Assert.Equal(2, board["totalCount"]!.GetValue<int>());
        var late = board["nodes"]![0]!;
        Assert.Equal(("class-8-1", "Class 8-1", "HIGH", 3), (late["unitId"]!.GetValue<string>(), late["unitName"]!.GetValue<string>(),
            late["riskLevel"]!.GetValue<string>(), late["escalationLevel"]!.GetValue<int>()));
        Assert.True(late["overdue"]!.GetValue<bool>());
        Assert.InRange(late["minutesLate"]!.GetValue<int>(), 6, 7);
        Assert.Equal("告知家属并提供紧急联系方式", late["kindLabel"]!.GetValue<string>());
        foreach (var secret in new[] { "Wangxiaoming", "Goodbyeletter", "homeroom@", "p-class-8-1" })
        {
            Assert.DoesNotContain(secret, raw, StringComparison.Ordinal);
        }

        // A cursor pages through in the same order; the listed case itself stays need-to-know.
        var (page1, _) = await BoardAsync(tenant, principal, "first: 1");
        Assert.True(page1["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        var (page2, _) = await BoardAsync(tenant, principal, $"first: 1, after: \"{page1["pageInfo"]!["endCursor"]!.GetValue<string>()}\"");
        Assert.Equal([(case82, "NOTIFY_FAMILY_EMERGENCY_CONTACT")], Items(page2));
        Assert.False(page2["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.Equal("FORBIDDEN", (await _api.PostAsync(tenant, $"{{ case(id: \"{case81}\") {{ id }} }}", token: principal)).FirstCode);

        var log = (await _api.OkAsync(tenant, "{ auditLog(filter: { actor: \"principal@" + tenant + "\" }, first: 100) { nodes { action entityType } } }", token: Token(tenant, "auditor", Roles.Auditor)))
            ["auditLog"]!["nodes"]!.AsArray().Select(n => $"{n!["action"]} {n["entityType"]}").ToList();
        Assert.Contains("READ OverdueBoard", log);
    }

    [Fact]
    public async Task Limit_a_coordinator_to_the_units_it_serves()
    {
        var (tenant, case81, _) = await SchoolAsync();
        await StaffMembers.AddAsync(_factory, _api.Client, tenant, $"leader81@{tenant}", "class-8-1", "HomeroomTeacher");
        var coordinator = Token(tenant, "leader81", Roles.Coordinator);
        _factory.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(5));

        var (own, _) = await BoardAsync(tenant, coordinator);
        Assert.Equal([(case81, "NOTIFY_FAMILY_EMERGENCY_CONTACT")], Items(own));
        Assert.Equal(1, own["totalCount"]!.GetValue<int>());
        var refused = await _api.PostAsync(tenant, "{ overdueBoard(organizationId: \"class-8-2\") { totalCount } }", token: coordinator);
        Assert.Equal("FORBIDDEN", refused.FirstCode);

        var (grade, _) = await BoardAsync(tenant, Token(tenant, "principal", Roles.Supervisor), "organizationId: \"grade-8\"");
        Assert.Equal(2, grade["totalCount"]!.GetValue<int>());
        var (one, _) = await BoardAsync(tenant, Token(tenant, "principal", Roles.Supervisor), "organizationId: \"grade-8\", includeSubtree: false");
        Assert.Equal(0, one["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Show_the_cases_risk_now_after_it_changes()
    {
        var (tenant, _, case82) = await SchoolAsync();
        _factory.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(5));
        var admin = _api.Admin(tenant);
        await _api.OkAsync(tenant, $"mutation {{ breakTheGlass(entity: CASE, id: \"{case82}\", reason: \"Police called the school about this student\") {{ until }} }}", token: admin);
        await _api.OkAsync(tenant, $"mutation {{ assessRisk(id: \"{case82}\", riskLevel: IMMINENT, reason: \"Acute danger reported by police\") {{ id }} }}", token: admin);

        // The open task already on the board now carries IMMINENT (its row was rewritten with the case's risk).
        var (board, _) = await BoardAsync(tenant, Token(tenant, "principal", Roles.Supervisor), "organizationId: \"class-8-2\", dueWithinHours: 1");
        var notify = board["nodes"]!.AsArray().Single(n => n!["kind"]!.GetValue<string>() == "NOTIFY_FAMILY_EMERGENCY_CONTACT")!;
        Assert.Equal(("IMMINENT", true), (notify["riskLevel"]!.GetValue<string>(), notify["overdue"]!.GetValue<bool>()));
        Assert.All(board["nodes"]!.AsArray(), n => Assert.Equal("IMMINENT", n!["riskLevel"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("dueWithinHours: 169", "dueWithinHours")]
    [InlineData("dueWithinHours: -1", "dueWithinHours")]
    [InlineData("first: 101", "first")]
    [InlineData("after: \"bm90LWEtY3Vyc29y\"", "after")]
    public async Task Refuse_bad_arguments_with_the_field_named(string arguments, string field)
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "board");
        var response = await _api.PostAsync(tenant, $"{{ overdueBoard({arguments}) {{ totalCount }} }}", token: Token(tenant, "principal", Roles.Supervisor));
        Assert.Equal("VALIDATION_FAILED", response.FirstCode);
        Assert.Equal(field, response.Errors![0]!["extensions"]!["field"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(Roles.Caseworker)]
    [InlineData(Roles.Clinician)]
    [InlineData(Roles.Reporter)]
    public async Task Refuse_roles_that_do_not_supervise(string role)
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "board");
        Assert.Equal("FORBIDDEN", (await _api.PostAsync(tenant, "{ overdueBoard { totalCount } }", token: Token(tenant, "x", role))).FirstCode);
    }
}
