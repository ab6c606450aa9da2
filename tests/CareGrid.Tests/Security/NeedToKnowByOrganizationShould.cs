using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Security;

/// <summary>
/// Need-to-know follows the organization tree (docs/access.md), through GraphQL over HTTP on a district tenant made from the
/// district template: two subdistricts, each with a community and its grid worker (Caseworker), the subdistrict's official
/// (Coordinator) and a mental-health-centre professional (Clinician) assigned to it by membership. Cases reported in each
/// subdistrict and escalated are seen, listed and opened only by the people of their own subdistrict.
/// </summary>
[Trait("tier", "api")]
public sealed class NeedToKnowByOrganizationShould(NeedToKnowByOrganizationShould.District district) : IClassFixture<NeedToKnowByOrganizationShould.District>
{
    private readonly CareGridApiFactory _factory = district.Factory;
    private readonly GraphQLClient _client = district.Client;
    private readonly string _tenant = district.Tenant;
    private readonly IReadOnlyDictionary<string, string> _cases = district.Cases;

    /// <summary>The district, built once for the class (its own silo, no demo seed).</summary>
    public sealed class District : IAsyncLifetime
    {
        public CareGridApiFactory Factory { get; } = new NoDemo();
        public GraphQLClient Client { get; private set; } = null!;
        public string Tenant { get; } = Seeds.NewTenantId("district");
        public Dictionary<string, string> Cases { get; } = new(StringComparer.Ordinal);

        private sealed class NoDemo : CareGridApiFactory
        {
            protected override bool SeedDemo => false;
        }

        public async Task InitializeAsync()
        {
            Client = Factory.GraphQL();
            (await Client.PostAsync("/graphql", "mutation($in: OnboardTenantInput!) { onboardTenant(input: $in) { id } }",
                new { @in = new { id = Tenant, name = "Scope district", kind = "DISTRICT", firstAdminSubject = "admin@" + Tenant, template = "district" } },
                Factory.Token(null, Roles.PlatformAdmin))).EnsureNoErrors();
            foreach (var x in new[] { "a", "b" })
            {
                await Ok("mutation($in: CreateOrganizationInput!) { createOrganization(input: $in) { id } }",
                    new { @in = new { id = $"subdistrict-{x}", name = $"Subdistrict {x}", kind = "SUBDISTRICT", escalationLevel = 2 } });
                await Ok("mutation($in: CreateOrganizationInput!) { createOrganization(input: $in) { id } }",
                    new { @in = new { id = $"community-{x}", name = $"Community {x}", kind = "COMMUNITY", parentId = $"subdistrict-{x}", escalationLevel = 1 } });
                await StaffMembers.AddAsync(Factory, Client, Tenant, $"grid-{x}", $"community-{x}", "GridWorker");
                await StaffMembers.AddAsync(Factory, Client, Tenant, $"official-{x}", $"subdistrict-{x}", "SubdistrictOfficial");
                await StaffMembers.AddAsync(Factory, Client, Tenant, $"clinician-{x}", "mental-health-centre", "MentalHealthProfessional", "CounsellingCertificate");
                await StaffMembers.AddAsync(Factory, Client, Tenant, $"clinician-{x}", $"subdistrict-{x}", "MentalHealthProfessional", "CounsellingCertificate");
                foreach (var n in new[] { "1", "2" })
                {
                    await Ok("mutation($in: RegisterPersonInput!) { registerPerson(input: $in) { id } }",
                        new { @in = new { id = $"resident-{x}{n}", displayName = $"Resident {x}{n}", organizationId = $"community-{x}" } });
                }

                // A HIGH report runs the R-1.10 protocol (level 3, tasks for queue:level-3); a LOW one is escalated to level 2.
                var grid = Factory.TokenFor($"grid-{x}", Tenant, Roles.Caseworker);
                Cases[$"high-{x}"] = await ReportAsync($"resident-{x}1", "HIGH", grid);
                Cases[$"mid-{x}"] = await ReportAsync($"resident-{x}2", "LOW", grid);
                await Ok($"mutation {{ escalateCase(id: \"{Cases[$"mid-{x}"]}\", level: 2, reason: \"needs the subdistrict official\") {{ id }} }}", token: grid);
            }
        }

        public async Task DisposeAsync() => await Factory.DisposeAsync();

        private async Task<JsonNode> Ok(string query, object? variables = null, string? token = null) =>
            (await Client.PostAsync($"/t/{Tenant}/graphql", query, variables, token ?? Factory.TokenFor("admin@" + Tenant, Tenant, Roles.TenantAdmin))).EnsureNoErrors().Data!;

        private async Task<string> ReportAsync(string person, string risk, string token) =>
            (await Ok("mutation($in: ReportConcernInput!) { reportConcern(input: $in) { id } }",
                new { @in = new { personId = person, summary = "Withdrawn, not sleeping (R-1.5)", riskLevel = risk } }, token))["reportConcern"]!["id"]!.GetValue<string>();
    }

    [Theory]
    [InlineData("grid", Roles.Caseworker)]
    [InlineData("official", Roles.Coordinator)]
    [InlineData("clinician", Roles.Clinician)]
    public async Task List_to_each_role_exactly_its_own_subdistricts_cases(string who, string role)
    {
        foreach (var (mine, other) in new[] { ("a", "b"), ("b", "a") })
        {
            var token = Token($"{who}-{mine}", role);
            var listed = await CaseIdsAsync(token);
            Assert.Equal(new[] { _cases[$"high-{mine}"], _cases[$"mid-{mine}"] }.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
            Assert.DoesNotContain(_cases[$"high-{other}"], listed);
        }
    }

    [Fact]
    public async Task Open_a_case_to_its_subdistricts_chain_and_refuse_the_other_subdistrict_by_need_to_know()
    {
        foreach (var (mine, other) in new[] { ("a", "b"), ("b", "a") })
        {
            // The official by the level-2 queue and the escalation chain, the professional by the level-3 queue; the grid worker reported both.
            foreach (var (who, role, opens) in new[] { ("official", Roles.Coordinator, new[] { "high", "mid" }), ("clinician", Roles.Clinician, new[] { "high" }), ("grid", Roles.Caseworker, new[] { "high", "mid" }) })
            {
                var token = Token($"{who}-{mine}", role);
                foreach (var kind in opens)
                {
                    var own = await _client.PostAsync(Path, $"{{ case(id: \"{_cases[$"{kind}-{mine}"]}\") {{ id }} }}", token: token);
                    Assert.Equal(_cases[$"{kind}-{mine}"], own.EnsureNoErrors().Data!["case"]!["id"]!.GetValue<string>());
                    var foreign = await _client.PostAsync(Path, $"{{ case(id: \"{_cases[$"{kind}-{other}"]}\") {{ id }} }}", token: token);
                    Assert.Equal("FORBIDDEN", foreign.FirstCode);
                    Assert.Equal("need-to-know", foreign.Errors![0]!["extensions"]!["rule"]!.GetValue<string>());
                    Assert.Null(foreign.Data?["case"]);
                }
            }
        }
    }

    [Fact]
    public async Task Show_each_professional_only_the_tasks_of_their_subdistrict_in_myTasks_and_overdueTasks()
    {
        foreach (var (mine, other) in new[] { ("a", "b"), ("b", "a") })
        {
            var mineTasks = await TaskCasesAsync("myTasks", Token($"clinician-{mine}", Roles.Clinician));
            Assert.Contains(_cases[$"high-{mine}"], mineTasks);
            Assert.DoesNotContain(_cases[$"high-{other}"], mineTasks);
        }

        _factory.Clock.Advance(TimeSpan.FromDays(4)); // past the R-1.10 deadlines (2 h, 24 h, 3 working days)
        foreach (var (mine, other) in new[] { ("a", "b"), ("b", "a") })
        {
            foreach (var (who, role) in new[] { ("clinician", Roles.Clinician), ("official", Roles.Coordinator) })
            {
                var token = Token($"{who}-{mine}", role);
                var overdue = await TaskCasesAsync("overdueTasks", token);
                Assert.Contains(_cases[$"high-{mine}"], overdue);
                Assert.DoesNotContain(_cases[$"high-{other}"], overdue);
                Assert.DoesNotContain(_cases[$"mid-{other}"], overdue);
            }
        }

        var all = await TaskCasesAsync("overdueTasks", Admin);
        Assert.Contains(_cases["high-a"], all);
        Assert.Contains(_cases["high-b"], all);
    }

    [Fact]
    public async Task Name_whom_each_listed_task_is_about_with_its_cases_risk_and_no_sensitive_field()
    {
        foreach (var (field, who, role) in new[] { ("myTasks", "clinician", Roles.Clinician), ("overdueTasks", "official", Roles.Coordinator) })
        {
            foreach (var x in new[] { "a", "b" })
            {
                var nodes = (await Ok($"{{ {field}(first: 100) {{ nodes {{ caseId case {{ id status riskLevel escalationLevel person {{ id displayName organizationId }} }} }} }} }}",
                    token: Token($"{who}-{x}", role)))[field]!["nodes"]!.AsArray();
                if (field == "overdueTasks" && nodes.Count == 0)
                {
                    _factory.Clock.Advance(TimeSpan.FromDays(4)); // past the R-1.10 deadlines, as in the test above (the class shares one clock)
                    nodes = (await Ok($"{{ {field}(first: 100) {{ nodes {{ caseId case {{ id status riskLevel escalationLevel person {{ id displayName organizationId }} }} }} }} }}",
                        token: Token($"{who}-{x}", role)))[field]!["nodes"]!.AsArray();
                }

                var high = nodes.Where(n => n!["caseId"]!.GetValue<string>() == _cases[$"high-{x}"]).ToList();
                Assert.NotEmpty(high);
                foreach (var n in high)
                {
                    var c = n!["case"]!;
                    Assert.Equal(_cases[$"high-{x}"], c["id"]!.GetValue<string>());
                    Assert.Equal("HIGH", c["riskLevel"]!.GetValue<string>());
                    Assert.Equal($"Resident {x}1", c["person"]!["displayName"]!.GetValue<string>());
                    Assert.Equal($"community-{x}", c["person"]!["organizationId"]!.GetValue<string>());
                }
            }
        }

        // The row type carries no sensitive field: asking the case's summary or a person's note through a task is a validation error.
        var sensitive = await _client.PostAsync(Path, "{ myTasks(first: 5) { nodes { case { summary } } } }", token: Token("clinician-a", Roles.Clinician));
        Assert.NotNull(sensitive.Errors);
        Assert.Null(sensitive.Data?["myTasks"]);
    }

    [Fact]
    public async Task Show_the_tenant_admin_everything_and_a_staff_member_of_no_unit_nothing_with_the_way_to_join_one()
    {
        Assert.Equal(_cases.Values.Order(StringComparer.Ordinal), (await CaseIdsAsync(Admin)).Order(StringComparer.Ordinal));

        var stranger = Token("clinician-new", Roles.Clinician);
        Assert.Empty(await CaseIdsAsync(stranger));
        Assert.Empty(await TaskCasesAsync("myTasks", stranger));
        var refused = await _client.PostAsync(Path, $"{{ case(id: \"{_cases["high-a"]}\") {{ id }} }}", token: stranger);
        Assert.Equal("FORBIDDEN", refused.FirstCode);
        Assert.Equal("unassigned", refused.Errors![0]!["extensions"]!["scope"]!.GetValue<string>());
        Assert.Contains("addOrganizationMember", refused.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        // me.unassigned says why the lists are empty (round-33 trial: a principal in no unit read "none" while a High case was open)
        Assert.True((await Ok("{ me { unassigned } }", token: stranger))["me"]!["unassigned"]!.GetValue<bool>());
        Assert.False((await Ok("{ me { unassigned } }"))["me"]!["unassigned"]!.GetValue<bool>());
        Assert.False((await Ok("{ me { unassigned } }", token: Token("grid-a", Roles.Caseworker)))["me"]!["unassigned"]!.GetValue<bool>());
        Assert.False((await Ok("{ me { unassigned } }", token: Token("auditor-new", Roles.Auditor)))["me"]!["unassigned"]!.GetValue<bool>()); // the whole log is an Auditor's work
        Assert.Null((await _client.PostAsync("/graphql", "{ me { unassigned } }", token: _factory.Token(null, Roles.PlatformAdmin))).EnsureNoErrors().Data!["me"]!["unassigned"]);

        // Once the admin adds them to subdistrict A, they see subdistrict A at once, and still nothing of B.
        await StaffMembers.AddAsync(_factory, _client, _tenant, "clinician-new", "subdistrict-a", "MentalHealthProfessional", "CounsellingCertificate");
        Assert.Equal(_cases["high-a"], (await _client.PostAsync(Path, $"{{ case(id: \"{_cases["high-a"]}\") {{ id }} }}", token: stranger)).EnsureNoErrors().Data!["case"]!["id"]!.GetValue<string>());
        Assert.Equal("FORBIDDEN", (await _client.PostAsync(Path, $"{{ case(id: \"{_cases["high-b"]}\") {{ id }} }}", token: stranger)).FirstCode);
        Assert.Equal(new[] { _cases["high-a"], _cases["mid-a"] }.Order(StringComparer.Ordinal), (await CaseIdsAsync(stranger)).Order(StringComparer.Ordinal));
        Assert.False((await Ok("{ me { unassigned } }", token: stranger))["me"]!["unassigned"]!.GetValue<bool>());
    }

    private string Path => $"/t/{_tenant}/graphql";

    private string Admin => _factory.TokenFor("admin@" + _tenant, _tenant, Roles.TenantAdmin);

    private string Token(string subject, string role) => _factory.TokenFor(subject, _tenant, role);

    private async Task<JsonNode> Ok(string query, object? variables = null, string? token = null) =>
        (await _client.PostAsync(Path, query, variables, token ?? Admin)).EnsureNoErrors().Data!;

    /// <summary>Every case id of <c>cases</c> for the caller, following the cursor with small pages (pagination stays right under the scope).</summary>
    private async Task<List<string>> CaseIdsAsync(string token)
    {
        var ids = new List<string>();
        string? after = null;
        do
        {
            var page = (await Ok("query($after: String) { cases(first: 1, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }", new { after }, token))["cases"]!;
            ids.AddRange(page["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()));
            after = page["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? page["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
        }
        while (after is not null);
        return ids;
    }

    private async Task<List<string>> TaskCasesAsync(string field, string token)
    {
        var nodes = (await Ok($"{{ {field}(first: 100) {{ nodes {{ caseId }} }} }}", token: token))[field]!["nodes"]!.AsArray();
        return nodes.Select(n => n!["caseId"]!.GetValue<string>()).Distinct().ToList();
    }
}
