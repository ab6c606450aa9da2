using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Tests.Staff;

/// <summary>
/// When a psychology teacher leaves (docs/staff-changes.md): <c>removeOrganizationMember</c> refuses while they own open work,
/// <c>reassignWork</c> moves it in one audited action — to one receiver or balanced by high-risk load —, refuses a receiver
/// whose role may not own a case at its level (R-4.3) without moving anything, keeps a Coordinator to their scope, and
/// answers a keyed retry without moving twice. Through GraphQL over HTTP; one factory per class, so no other test moves
/// its clock (the protocol's deadline tasks stay with their owners).
/// </summary>
[Trait("tier", "api")]
public sealed class StaffLeavingShould(CareGridApiFactory factory) : IClassFixture<CareGridApiFactory>
{
    private const string RemoveWu = "mutation { removeOrganizationMember(organizationId: \"counselling-centre\", personId: \"ext-T1\", role: \"PsychologyTeacher\") { members { personId role } } }";

    [Fact]
    public async Task Refuse_to_remove_a_counsellor_with_open_work_then_move_it_all_to_one_colleague()
    {
        var s = await new StaffLeavingApi(factory).SchoolAsync();
        var high = await s.HighRiskCaseAsync("ext-S1", s.Wu);
        var owned = new[] { await s.OwnedCaseAsync("ext-S2", "wu", s.Wu), await s.OwnedCaseAsync("ext-S3", "wu", s.Wu) };
        var wuTasks = await OpenTasksOfAsync(s, [high, .. owned], s.Sub("wu"), s.Wu);
        Assert.True(wuTasks.Count >= 4, $"protocol tasks and follow-ups owned by Wu: {wuTasks.Count}");

        var refused = await s.Api.PostAsync(s.Tenant, RemoveWu);
        Assert.Equal("MEMBER_HAS_OPEN_WORK", refused.FirstCode);
        var ext = refused.Errors![0]!["extensions"]!;
        Assert.Equal(("3", "1", wuTasks.Count.ToString(), "reassignWork"),
            (ext["openCases"]!.GetValue<string>(), ext["openHighRiskCases"]!.GetValue<string>(), ext["openTasks"]!.GetValue<string>(), ext["next"]!.GetValue<string>()));
        Assert.Contains("reassignWork", refused.Errors[0]!["message"]!.GetValue<string>());
        Assert.Contains("ext-T1", await MembersAsync(s));
        Assert.Contains("DENIED Organization counselling-centre removeOrganizationMember MEMBER_HAS_OPEN_WORK", await s.AuditAsync());

        var answer = (await s.ReassignAsync("ext-T1", "toPersonId: \"ext-T2\"", key: "leave-wu-1")).EnsureNoErrors().Data!["reassignWork"]!;
        Assert.Equal([high, .. owned.Order(StringComparer.Ordinal)], StaffLeavingApi.Ids(answer["cases"])); // high-risk first, then by id
        Assert.Equal(wuTasks.Order(), answer["tasks"]!.AsArray().Select(t => $"{t!["caseId"]}:{t["taskId"]}").Order());
        Assert.All(answer["cases"]!.AsArray().Concat(answer["tasks"]!.AsArray()), m => Assert.Equal(("ext-T2", s.Sub("li")), (m!["toPersonId"]!.GetValue<string>(), m["toSubject"]!.GetValue<string>())));
        Assert.True(answer["complete"]!.GetValue<bool>());
        Assert.Single(await s.AuditAsync(), r => r == "WRITE Person ext-T1 reassignWork");
        Assert.Equal((s.Sub("wu"), 0), (answer["fromSubject"]!.GetValue<string>(), answer["notMoved"]!.AsArray().Count));

        foreach (var id in owned.Prepend(high))
        {
            var seen = (await s.CaseAsync(id, s.Li)).EnsureNoErrors().Data!["case"]!;
            Assert.Equal(s.Sub("li"), seen["assigneeId"]!.GetValue<string>());
            Assert.All(seen["tasks"]!.AsArray().Where(t => t!["status"]!.GetValue<string>() == "OPEN"), t => Assert.Equal(s.Sub("li"), t!["ownerId"]!.GetValue<string>()));
            var entry = Assert.Single(seen["timeline"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "Reassign")!;
            Assert.Equal(($"admin@{s.Tenant}", $"owner {s.Sub("wu")} → {s.Sub("li")}: left the school"), (entry["actor"]!.GetValue<string>(), entry["reason"]!.GetValue<string>()));
            Assert.Contains(seen["timeline"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "TaskReassigned");
        }

        foreach (var id in owned)
        {
            // Wu neither reported nor owns these level-1 cases any more: no assignment opens them to her.
            var wu = await s.CaseAsync(id, s.Wu);
            Assert.Equal(("FORBIDDEN", "need-to-know"), (wu.FirstCode, wu.Errors![0]!["extensions"]!["rule"]!.GetValue<string>()));
        }

        var retry = (await s.ReassignAsync("ext-T1", "toPersonId: \"ext-T2\"", key: "leave-wu-1")).EnsureNoErrors().Data!["reassignWork"]!;
        Assert.Equal(answer.ToJsonString(), retry.ToJsonString());
        var timeline = (await s.CaseAsync(high, s.Li)).EnsureNoErrors().Data!["case"]!["timeline"]!.AsArray();
        Assert.Single(timeline, e => e!["action"]!.GetValue<string>() == "Reassign");
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", (await s.ReassignAsync("ext-T1", "toPersonId: \"ext-T3\"", key: "leave-wu-1")).FirstCode);

        (await s.Api.PostAsync(s.Tenant, RemoveWu)).EnsureNoErrors();
        Assert.DoesNotContain("ext-T1", await MembersAsync(s));
    }

    [Fact]
    public async Task Balance_the_work_across_colleagues_by_open_high_risk_load()
    {
        var s = await new StaffLeavingApi(factory).SchoolAsync();
        var zhao = s.TokenOf("zhao", Roles.Counsellor);
        await s.HighRiskCaseAsync("ext-S5", s.Li); // Li already owns one high-risk case
        var high = new[] { await s.HighRiskCaseAsync("ext-S1", s.Wu), await s.HighRiskCaseAsync("ext-S2", s.Wu) };
        var moderate = new[] { await s.OwnedCaseAsync("ext-S3", "wu", s.Wu), await s.OwnedCaseAsync("ext-S4", "wu", s.Wu) };

        var answer = (await s.ReassignAsync("ext-T1", "toPersonIds: [\"T2\", \"ext-T3\"]")).EnsureNoErrors().Data!["reassignWork"]!;

        var to = answer["cases"]!.AsArray().ToDictionary(m => m!["caseId"]!.GetValue<string>(), m => m!["toPersonId"]!.GetValue<string>());
        var firstHigh = high.Order(StringComparer.Ordinal).First();
        var secondHigh = high.Order(StringComparer.Ordinal).Last();
        // Zhao owns nothing, Li one high-risk case: the first high-risk case goes to Zhao. Then both own one high-risk case,
        // one case and the same protocol tasks: the tie goes by sub, to Li. Then Li owns two high-risk cases, Zhao one, so
        // both moderate cases go to Zhao.
        Assert.Equal(("ext-T3", "ext-T2"), (to[firstHigh], to[secondHigh]));
        Assert.All(moderate, id => Assert.Equal("ext-T3", to[id]));
        Assert.Equal(4, to.Count);
        Assert.All(answer["tasks"]!.AsArray(), t => Assert.Equal(to[t!["caseId"]!.GetValue<string>()], t["toPersonId"]!.GetValue<string>()));
        Assert.Equal(s.Sub("zhao"), (await s.CaseAsync(firstHigh, zhao)).EnsureNoErrors().Data!["case"]!["assigneeId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Count_an_owned_case_not_yet_graded_apart_from_the_high_risk_ones_when_refusing_to_take_a_member_off()
    {
        var s = await new StaffLeavingApi(factory).SchoolAsync();
        await s.OwnedCaseAsync("ext-S1", "wu", s.Wu, risk: null); // reported as unsure: its LOW is a placeholder
        await s.OwnedCaseAsync("ext-S2", "wu", s.Wu);

        var refused = await s.Api.PostAsync(s.Tenant, RemoveWu);

        Assert.Equal("MEMBER_HAS_OPEN_WORK", refused.FirstCode);
        var ext = refused.Errors![0]!["extensions"]!;
        Assert.Equal(("2", "0", "1"), (ext["openCases"]!.GetValue<string>(), ext["openHighRiskCases"]!.GetValue<string>(), ext["openUngradedCases"]?.GetValue<string>()));
        var message = refused.Errors[0]!["message"]!.GetValue<string>();
        Assert.Contains("1 not yet graded", message, StringComparison.Ordinal);
        Assert.Contains("1 个尚未评估风险", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Balance_a_case_not_yet_graded_as_urgent_like_a_high_risk_one()
    {
        var s = await new StaffLeavingApi(factory).SchoolAsync();
        var zhao = s.TokenOf("zhao", Roles.Counsellor);
        await s.OwnedCaseAsync("ext-S3", "li", s.Li, risk: null); // Li owns a case nobody has graded yet
        await s.OwnedCaseAsync("ext-S4", "zhao", zhao); // Zhao a MODERATE one; each has one case and one follow-up task
        var high = await s.HighRiskCaseAsync("ext-S1", s.Wu);

        var answer = (await s.ReassignAsync("ext-T1", "toPersonIds: [\"T2\", \"ext-T3\"]")).EnsureNoErrors().Data!["reassignWork"]!;

        // Li's ungraded case weighs as urgent: the high-risk case goes to Zhao. (Counted as low-risk it tied, and went to Li by sub.)
        Assert.Equal([(high, "ext-T3")], answer["cases"]!.AsArray().Select(m => (m!["caseId"]!.GetValue<string>(), m["toPersonId"]!.GetValue<string>())));
    }

    [Fact]
    public async Task Refuse_a_receiver_whose_role_may_not_own_a_case_and_move_nothing()
    {
        var s = await new StaffLeavingApi(factory).SchoolAsync();
        var high = await s.HighRiskCaseAsync("ext-S1", s.Wu);
        var owned = await s.OwnedCaseAsync("ext-S2", "wu", s.Wu);

        var refused = await s.ReassignAsync("ext-T1", "toPersonId: \"ext-H1\"");

        Assert.Equal("RECEIVER_NOT_ELIGIBLE", refused.FirstCode);
        var ext = refused.Errors![0]!["extensions"]!;
        Assert.Equal((high, "3", "toPersonId", "ext-H1"),
            (ext["caseId"]!.GetValue<string>(), ext["escalationLevel"]!.GetValue<string>(), ext["field"]!.GetValue<string>(), ext["personId"]!.GetValue<string>()));
        Assert.Contains(high, refused.Errors[0]!["message"]!.GetValue<string>());
        Assert.Contains("DENIED Person ext-T1 reassignWork RECEIVER_NOT_ELIGIBLE", await s.AuditAsync());
        foreach (var id in new[] { high, owned })
        {
            var seen = (await s.CaseAsync(id, s.Wu)).EnsureNoErrors().Data!["case"]!;
            Assert.Equal(s.Sub("wu"), seen["assigneeId"]!.GetValue<string>());
            Assert.DoesNotContain(seen["timeline"]!.AsArray(), e => e!["action"]!.GetValue<string>() is "Reassign" or "TaskReassigned");
        }

        Assert.Equal("VALIDATION_FAILED", (await s.ReassignAsync("ext-T1", "toPersonId: \"ext-T2\", toPersonIds: [\"ext-T3\"]")).FirstCode);
        Assert.Equal("VALIDATION_FAILED", (await s.ReassignAsync("ext-T1", "toPersonId: \"ext-S8\"")).FirstCode); // a student has no login sub
        Assert.Equal("FORBIDDEN", (await s.ReassignAsync("ext-T1", "toPersonId: \"ext-T2\"", token: s.Li)).FirstCode);
    }

    [Fact]
    public async Task Let_a_coordinator_move_only_the_work_of_the_units_in_their_scope()
    {
        var s = await new StaffLeavingApi(factory).SchoolAsync();
        var grade7Case = await s.OwnedCaseAsync("ext-S2", "wu", s.Wu);
        var grade8Case = await s.OwnedCaseAsync("ext-S8", "wu", s.Wu);
        var coordinator = new Actor(s.Sub("grade8"), [Roles.Coordinator]);
        // The scope contract (StaffScopes.ResolveAsync): the grade-8 leader's units are grade 8 and its classes. Until the
        // organization scope lands it resolves to the whole tenant, and this test then expects both cases to move.
        var scope = await StaffScopes.ResolveAsync(factory.Services.GetRequiredService<IGrainFactory>(), s.Tenant, coordinator);
        Assert.True(scope.WholeTenant || (scope.Covers("class-8-1") && !scope.Covers("class-7-1")), "grade 8's leader covers class 8-1, not class 7-1");

        var answer = (await s.ReassignAsync("ext-T1", "toPersonId: \"ext-T2\"", token: s.TokenOf("grade8", Roles.Coordinator)))
            .EnsureNoErrors().Data!["reassignWork"]!;

        var expected = new[] { (grade7Case, "class-7-1"), (grade8Case, "class-8-1") }.Where(c => scope.Covers(c.Item2)).Select(c => c.Item1).Order().ToList();
        Assert.Equal(expected, StaffLeavingApi.Ids(answer["cases"]).Order().ToList());
        Assert.Null(answer["outsideScopeCases"]); // a Coordinator is not told about other units' work (docs/staff-changes.md)
        Assert.Contains(grade8Case, expected);
        var left = (await s.CaseAsync(grade7Case, s.Homeroom)).EnsureNoErrors().Data!["case"]!["assigneeId"]!.GetValue<string>();
        Assert.Equal(scope.Covers("class-7-1") ? s.Sub("li") : s.Sub("wu"), left);
    }

    private static async Task<List<string>> OpenTasksOfAsync(StaffLeavingApi s, IEnumerable<string> cases, string owner, string token)
    {
        var tasks = new List<string>();
        foreach (var id in cases)
        {
            var seen = (await s.CaseAsync(id, token)).EnsureNoErrors().Data!["case"]!;
            tasks.AddRange(seen["tasks"]!.AsArray()
                .Where(t => t!["status"]!.GetValue<string>() == "OPEN" && t["ownerId"]!.GetValue<string>() == owner)
                .Select(t => $"{id}:{t!["id"]!.GetValue<string>()}"));
        }

        return tasks;
    }

    private static async Task<List<string>> MembersAsync(StaffLeavingApi s) =>
        [.. (await s.Api.OkAsync(s.Tenant, "{ organization(id: \"counselling-centre\") { members { personId } } }"))["organization"]!["members"]!.AsArray()
            .Select(m => m!["personId"]!.GetValue<string>())];
}
