using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Grains.Statistics.RollUp;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Statistics;

/// <summary>
/// <c>statisticsRollUp</c> and <c>setStatisticsSharing</c> through GraphQL over HTTP on the seeded demo (docs/statistics.md
/// "Roll-up"): plan 1's demo district sees the demo town and school, which share; a child that switches off disappears; a
/// tenant that is nobody's parent gets an empty roll-up; every published count is the child's own count and every count
/// under 5 is withheld. Own factory: the tests switch the demo tenants' sharing.
/// </summary>
[Trait("tier", "api")]
public sealed class StatisticsRollUpShould : IClassFixture<CareGridApiFactory>
{
    private const string Query = "query($lang: ReportLanguage) { statisticsRollUp(language: $lang) { from to threshold tenants { id name kind } "
        + "tables { key title columns rows { text number suppressed } } notCovered { id name kind reason } } }";

    private readonly CareGridApiFactory _factory;
    private readonly GraphQLClient _client;

    public StatisticsRollUpShould(CareGridApiFactory factory)
    {
        _factory = factory;
        _client = factory.GraphQL();
    }

    private string Token(string tenant, string role) => _factory.TokenFor($"rollup-{role.ToLowerInvariant()}@{tenant}", tenant, role);

    private async Task<JsonNode> RollUpAsync(string tenant, string role, string language = "EN") =>
        (await _client.PostAsync($"/t/{tenant}/graphql", Query, new { lang = language }, Token(tenant, role))).EnsureNoErrors().Data!["statisticsRollUp"]!;

    private async Task SetSharingAsync(string tenant, bool enabled) =>
        (await _client.PostAsync($"/t/{tenant}/graphql", $"mutation {{ setStatisticsSharing(enabled: {(enabled ? "true" : "false")}) {{ id statisticsSharing }} }}",
            token: Token(tenant, Roles.TenantAdmin))).EnsureNoErrors();

    private static string[] Ids(JsonNode rollUp) => rollUp["tenants"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()).ToArray();

    [Fact]
    public async Task Show_the_demo_district_supervisor_the_demo_town_and_school_with_every_small_count_withheld()
    {
        var rollUp = await RollUpAsync("demo-district", Roles.Supervisor);

        Assert.Equal(["demo-school", "demo-town"], Ids(rollUp));
        Assert.Equal(RollUpSuppression.Threshold, rollUp["threshold"]!.GetValue<int>());
        var tables = rollUp["tables"]!.AsArray();
        Assert.Equal(["rollup-open-cases-by-risk-level", "rollup-new-cases-per-week", "rollup-high-risk-protocol"], tables.Select(t => t!["key"]!.GetValue<string>()));
        Assert.Equal(["Tenant", "Kind", "Low", "Moderate", "High", "Imminent", "Not yet graded", "Total"], tables[0]!["columns"]!.AsArray().Select(c => c!.GetValue<string>()));
        var weeks = tables[1]!["columns"]!.AsArray().Select(c => c!.GetValue<string>()).ToArray();
        Assert.Equal(4 + 3, weeks.Length);
        Assert.All(weeks[2..^1], w => Assert.StartsWith("Week of ", w, StringComparison.Ordinal));
        foreach (var table in tables)
        {
            var rows = table!["rows"]!.AsArray();
            Assert.Equal(["Demo Middle School (plan 4: three-level warning)", "Demo Town (plan 2: follow-up care for recovered patients)", "Total"],
                rows.Select(r => r![0]!["text"]!.GetValue<string>()));
            Assert.Equal(["School", "Town", ""], rows.Select(r => r![1]!["text"]!.GetValue<string>()));
            // The demo children hold one case each: every count and total is under 5, so every one is withheld and says so.
            Assert.All(rows.SelectMany(r => r!.AsArray().Skip(2)), cell =>
            {
                Assert.True(cell!["suppressed"]!.GetValue<bool>());
                Assert.Null(cell["number"]);
                Assert.Null(cell["text"]);
            });
        }

        var admin = await RollUpAsync("demo-district", Roles.TenantAdmin, "ZH_HANS");
        var zh = admin["tables"]!.AsArray();
        const string Note = "（少于5的数字及可推算出它们的合计不公布）";
        Assert.Equal(["各单位在案个案（按风险等级）" + Note, "各单位新报告个案（按周）" + Note, "各单位高危处置时限执行情况（统计期内开始的高危事件）" + Note], zh.Select(t => t!["title"]!.GetValue<string>()));
        Assert.All(tables, t => Assert.EndsWith("(counts under 5 and the totals that would reveal them are withheld)", t!["title"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Equal(["单位", "类型", "低"], zh[0]!["columns"]!.AsArray().Take(3).Select(c => c!.GetValue<string>()));
        Assert.EndsWith(" 当周", zh[1]!["columns"]![2]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All(zh, t => Assert.Equal("合计", t!["rows"]![2]![0]!["text"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Drop_a_child_that_switches_sharing_off_and_show_it_again_when_it_switches_back_on()
    {
        try
        {
            await SetSharingAsync("demo-town", false);
            var tenant = (await _client.PostAsync("/t/demo-town/graphql", "{ tenant { statisticsSharing } }", token: Token("demo-town", Roles.Supervisor))).EnsureNoErrors();
            Assert.False(tenant.Data!["tenant"]!["statisticsSharing"]!.GetValue<bool>());

            var rollUp = await RollUpAsync("demo-district", Roles.Supervisor);
            Assert.Equal(["demo-school"], Ids(rollUp));
            Assert.DoesNotContain(rollUp["tables"]![0]!["rows"]!.AsArray(), r => r![0]!["text"]!.GetValue<string>().StartsWith("Demo Town", StringComparison.Ordinal));
        }
        finally
        {
            await SetSharingAsync("demo-town", true);
        }

        Assert.Equal(["demo-school", "demo-town"], Ids(await RollUpAsync("demo-district", Roles.Supervisor)));
    }

    [Fact]
    public async Task Give_a_tenant_that_is_nobodys_parent_an_empty_roll_up_and_refuse_roles_that_do_not_supervise()
    {
        foreach (var tenant in new[] { "demo-school", "demo-town" })
        {
            var rollUp = await RollUpAsync(tenant, Roles.Supervisor);
            Assert.Empty(rollUp["tenants"]!.AsArray());
            Assert.Empty(rollUp["tables"]!.AsArray());
        }

        foreach (var role in new[] { Roles.Coordinator, Roles.Counsellor, Roles.Caseworker, Roles.Auditor })
        {
            var refused = await _client.PostAsync("/t/demo-district/graphql", Query, new { lang = "EN" }, Token("demo-district", role));
            Assert.Equal("FORBIDDEN", refused.FirstCode);
            Assert.Null(refused.Data?["statisticsRollUp"]);
        }
    }

    [Fact]
    public async Task Refuse_switching_sharing_on_for_a_tenant_without_a_parent_and_audit_the_switch_and_the_read()
    {
        var refused = await _client.PostAsync("/t/demo-district/graphql", "mutation { setStatisticsSharing(enabled: true) { id } }", token: Token("demo-district", Roles.TenantAdmin));
        Assert.Equal("VALIDATION_FAILED", refused.FirstCode);
        Assert.Equal("enabled", refused.Errors![0]!["extensions"]!["field"]!.GetValue<string>());
        Assert.Equal("FORBIDDEN", (await _client.PostAsync("/t/demo-school/graphql", "mutation { setStatisticsSharing(enabled: false) { id } }",
            token: Token("demo-school", Roles.Supervisor))).FirstCode);

        await SetSharingAsync("demo-school", true);
        await RollUpAsync("demo-district", Roles.Supervisor);
        Assert.Contains(("WRITE", "demo-school"), await AuditAsync("demo-school", "Tenant"));
        Assert.Contains(await AuditAsync("demo-district", "StatisticsRollUp"), n => n.Action == "READ");
    }

    [Fact]
    public async Task Publish_each_child_count_of_5_or_more_as_it_is_and_withhold_the_rest()
    {
        var district = await OnboardAsync("DISTRICT", null);
        var schools = new[] { await OnboardAsync("SCHOOL", district), await OnboardAsync("SCHOOL", district) };
        var concerns = new[] { 6, 9 };
        for (var k = 0; k < schools.Length; k++)
        {
            await SetSharingAsync(schools[k], true);
            await ConcernsAsync(schools[k], concerns[k]);
        }

        var rollUp = await RollUpAsync(district, Roles.Supervisor);
        Assert.Equal(schools.Order(StringComparer.Ordinal), Ids(rollUp));
        var tables = rollUp["tables"]!.AsArray();
        var published = 0;
        for (var i = 0; i < 3; i++)
        {
            var reported = i < 2 ? concerns[Array.IndexOf(schools, Ids(rollUp)[i])] : concerns.Sum();
            // Open cases by risk: LOW, MODERATE, HIGH, IMMINENT, total — every case is open at LOW. New cases per week: the three
            // weeks before (0) and this week, total — every case was reported this week. Here the two totals are equal: the known
            // limit of docs/statistics.md "Roll-up" (different populations that can coincide in a tenant).
            long[][] truth = [[reported, 0, 0, 0, reported], [0, 0, 0, reported, reported]];
            for (var t = 0; t < truth.Length; t++)
            {
                for (var j = 0; j < truth[t].Length; j++)
                {
                    var cell = tables[t]!["rows"]![i]![j + 2]!;
                    if (cell["suppressed"]!.GetValue<bool>())
                    {
                        Assert.Null(cell["number"]);
                        continue;
                    }

                    published++;
                    Assert.True(truth[t][j] >= RollUpSuppression.Threshold, $"table {t} row {i} column {j} publishes {truth[t][j]}");
                    Assert.Equal(truth[t][j], cell["number"]!.GetValue<long>());
                }
            }
        }

        Assert.True(published > 0, "a table of counts 6, 9 and 15 publishes some of them");
    }

    [Fact]
    public async Task Name_each_descendant_left_out_with_why_and_never_the_ones_covered()
    {
        var district = await OnboardAsync("DISTRICT", null);
        var sharing = await OnboardAsync("TOWN", district);
        var silent = await OnboardAsync("TOWN", district);
        var school = await OnboardAsync("SCHOOL", silent);
        await SetSharingAsync(sharing, true);
        await SetSharingAsync(school, true);

        var rollUp = await RollUpAsync(district, Roles.Supervisor);

        Assert.Equal([sharing], Ids(rollUp));
        var left = rollUp["notCovered"]!.AsArray().Select(t => (t!["id"]!.GetValue<string>(), t["kind"]!.GetValue<string>(), t["reason"]!.GetValue<string>())).ToArray();
        Assert.Equal([(silent, "TOWN", "TENANT_NOT_SHARING"), (school, "SCHOOL", "TENANT_BETWEEN_NOT_SHARING")], left);
        Assert.Equal($"Roll-up town {silent}", rollUp["notCovered"]![0]!["name"]!.GetValue<string>());
        Assert.DoesNotContain((await RollUpAsync(district, Roles.TenantAdmin))["notCovered"]!.AsArray(), t => t!["id"]!.GetValue<string>() == sharing);

        await SetSharingAsync(silent, true);
        var all = await RollUpAsync(district, Roles.Supervisor);
        Assert.Empty(all["notCovered"]!.AsArray());
        Assert.Equal(new[] { sharing, silent }.Order(StringComparer.Ordinal).Append(school), Ids(all));
    }

    /// <summary>The audit records of <paramref name="entityType"/> in <paramref name="tenant"/>'s log: (action, entity id).</summary>
    private async Task<List<(string Action, string Id)>> AuditAsync(string tenant, string entityType)
    {
        var log = await _client.PostAsync($"/t/{tenant}/graphql", "query($type: String) { auditLog(filter: { entityType: $type }, first: 100) { nodes { action entityId } } }",
            new { type = entityType }, Token(tenant, Roles.Auditor));
        return [.. log.EnsureNoErrors().Data!["auditLog"]!["nodes"]!.AsArray().Select(n => (n!["action"]!.GetValue<string>(), n["entityId"]!.GetValue<string>()))];
    }

    private async Task<string> OnboardAsync(string kind, string? parentId)
    {
        var tenant = Seeds.NewTenantId("rollup");
        (await _client.PostAsync("/graphql", "mutation($in: OnboardTenantInput!) { onboardTenant(input: $in) { id } }",
            new { @in = new { id = tenant, name = $"Roll-up {kind.ToLowerInvariant()} {tenant}", kind, parentId, firstAdminSubject = $"rollup-tenantadmin@{tenant}", template = kind == "SCHOOL" ? "school" : null } },
            _factory.Token(null, Roles.PlatformAdmin))).EnsureNoErrors();
        return tenant;
    }

    private async Task ConcernsAsync(string tenant, int count)
    {
        var admin = Token(tenant, Roles.TenantAdmin);
        (await _client.PostAsync($"/t/{tenant}/graphql", "mutation { createOrganization(input: { id: \"grade-8\", name: \"Grade 8\", kind: GRADE, parentId: \"school\", escalationLevel: 2 }) { id } }", token: admin)).EnsureNoErrors();
        for (var k = 0; k < count; k++)
        {
            (await _client.PostAsync($"/t/{tenant}/graphql", $"mutation {{ registerPerson(input: {{ id: \"p-{k}\", displayName: \"Student {k}\", organizationId: \"grade-8\", sex: FEMALE, birthYear: 2012 }}) {{ id }} }}",
                token: admin)).EnsureNoErrors();
            (await _client.PostAsync($"/t/{tenant}/graphql", $"mutation {{ reportConcern(input: {{ personId: \"p-{k}\", summary: \"Cries in class\", riskLevel: LOW }}) {{ id }} }}",
                token: Token(tenant, Roles.Caseworker))).EnsureNoErrors();
        }
    }
}
