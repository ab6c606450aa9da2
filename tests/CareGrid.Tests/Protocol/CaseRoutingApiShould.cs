using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using CareGrid.Tests.PeopleDirectory;

namespace CareGrid.Tests.Protocol;

/// <summary>
/// <c>takeCase</c> and <c>requestProfessionalReview</c> through GraphQL (docs/protocol.md "How a concern travels"): each
/// refusal has a stable <c>extensions.code</c> and leaves the case as it was; a repeated call changes nothing.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class CaseRoutingApiShould(CareGridApiFactory factory)
{
    private const string Fields = "id status assigneeId escalationLevel availableActions timeline { action actor reason } notifications { to message }";
    private readonly DirectoryApi _api = new(factory);

    private string Token(string tenant, string sub, string role) => factory.TokenFor($"{sub}@{tenant}", tenant, role);

    /// <summary>Makes <c>{sub}@{tenant}</c> a member of <paramref name="unit"/> (need-to-know follows the organization tree, docs/access.md).</summary>
    private Task MemberAsync(string tenant, string sub, string unit, string roleCode, params string[] qualifications) =>
        StaffMembers.AddAsync(factory, _api.Client, tenant, $"{sub}@{tenant}", unit, roleCode, qualifications);

    private Task PsychologyTeacherAsync(string tenant, string sub = "psych") =>
        MemberAsync(tenant, sub, "counselling-centre", "PsychologyTeacher", "RelevantDegree", "CounsellingCertificate");

    /// <summary>A tenant from <paramref name="template"/> and a case reported about a new person by homeroom@ (a Caseworker).</summary>
    private async Task<(string Tenant, string CaseId)> CaseAsync(string kind = "SCHOOL", string template = "school", string unit = "school")
    {
        var tenant = await _api.OnboardAsync(kind, template, "route");
        // The reporter's scope covers the person's unit, so they stay on the case they report (RT17-7): a homeroom teacher in
        // the school's leadership group, a social worker of the civil affairs bureau, an officer of the social affairs office.
        var (memberOf, roleCode) = template switch
        {
            "district" => ("civil-affairs", "SocialWorker"),
            "town" => ("social-affairs-office", "SocialAffairsOfficer"),
            _ => ("leadership", "LeadershipGroupMember"),
        };
        await MemberAsync(tenant, "homeroom", memberOf, roleCode);
        await _api.OkAsync(tenant, $"mutation {{ registerPerson(input: {{ id: \"p-1\", displayName: \"Person One\", organizationId: \"{unit}\", sex: MALE, birthYear: 2011 }}) {{ id }} }}");
        var id = (await _api.OkAsync(tenant, "mutation { reportConcern(input: { personId: \"p-1\", summary: \"Says nobody would miss him\", riskLevel: MODERATE }) { id } }",
            token: Token(tenant, "homeroom", Roles.Caseworker)))["reportConcern"]!["id"]!.GetValue<string>();
        return (tenant, id);
    }

    private async Task<string> SnapshotAsync(string tenant, string caseId) =>
        (await _api.OkAsync(tenant, $"{{ case(id: \"{caseId}\") {{ status assigneeId escalationLevel timeline {{ action }} notifications {{ to }} }} }}",
            token: Token(tenant, "homeroom", Roles.Caseworker)))["case"]!.ToJsonString();

    private async Task<JsonNode> RefusedAsync(string tenant, string caseId, string mutation, string token, string code)
    {
        var before = await SnapshotAsync(tenant, caseId);
        var response = await _api.PostAsync(tenant, $"mutation {{ {mutation} {{ id }} }}", token: token);
        Assert.Equal(code, response.FirstCode);
        Assert.Equal(before, await SnapshotAsync(tenant, caseId));
        return response.Errors![0]!["extensions"]!;
    }

    [Fact]
    public async Task Let_a_psychology_teacher_take_a_school_concern_once_and_answer_the_owner_again_without_change()
    {
        var (tenant, caseId) = await CaseAsync();
        await PsychologyTeacherAsync(tenant);
        var psych = Token(tenant, "psych", Roles.Counsellor);

        var taken = (await _api.OkAsync(tenant, $"mutation {{ takeCase(caseId: \"{caseId}\") {{ {Fields} }} }}", token: psych))["takeCase"]!;
        Assert.Equal("psych@" + tenant, taken["assigneeId"]!.GetValue<string>());
        Assert.Equal(1, taken["escalationLevel"]!.GetValue<int>());
        Assert.Equal("REPORTED", taken["status"]!.GetValue<string>());
        var entry = taken["timeline"]!.AsArray().Last()!;
        Assert.Equal(("TakeCase", "psych@" + tenant, $"owner queue:level-3 → psych@{tenant}"),
            (entry["action"]!.GetValue<string>(), entry["actor"]!.GetValue<string>(), entry["reason"]!.GetValue<string>()));
        Assert.DoesNotContain("takeCase", DirectoryApi.Strings(taken["availableActions"]));

        var again = (await _api.OkAsync(tenant, $"mutation {{ takeCase(caseId: \"{caseId}\") {{ {Fields} }} }}", token: psych))["takeCase"]!;
        Assert.Equal(taken["timeline"]!.ToJsonString(), again["timeline"]!.ToJsonString());

        // Audited as a WRITE of the case.
        var audit = await _api.OkAsync(tenant, "{ auditLog(first: 100) { nodes { actor action entityType entityId purpose } } }", token: _api.As(tenant, Roles.Auditor));
        Assert.Contains(audit["auditLog"]!["nodes"]!.AsArray().Select(n => (n!["actor"]!.GetValue<string>(), n["action"]!.GetValue<string>(), n["entityType"]!.GetValue<string>(), n["entityId"]!.GetValue<string>(), n["purpose"]!.GetValue<string>())),
            r => r == ("psych@" + tenant, "WRITE", "Case", caseId, "takeCase"));
    }

    [Fact]
    public async Task Hand_the_queues_open_protocol_tasks_to_the_psychology_teacher_who_takes_a_high_risk_case()
    {
        // new-user trial 2026-12-04: after takeCase the four protocol tasks stayed with queue:level-3, so 我的任务 was empty
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "route");
        await MemberAsync(tenant, "homeroom", "leadership", "LeadershipGroupMember");
        await PsychologyTeacherAsync(tenant);
        await _api.OkAsync(tenant, "mutation { registerPerson(input: { id: \"p-2\", displayName: \"Person Two\", organizationId: \"school\", birthYear: 2012 }) { id } }");
        var caseId = (await _api.OkAsync(tenant, "mutation { reportConcern(input: { personId: \"p-2\", summary: \"Said she does not want to live\", riskLevel: HIGH }) { id } }",
            token: Token(tenant, "homeroom", Roles.Caseworker)))["reportConcern"]!["id"]!.GetValue<string>();
        var psych = Token(tenant, "psych", Roles.Counsellor);
        const string Tasks = "query($id: ID!) { case(id: $id) { tasks { kind ownerId status } } }";
        var before = (await _api.OkAsync(tenant, Tasks, new { id = caseId }, psych))["case"]!["tasks"]!.AsArray();
        Assert.Contains(before, t => t!["ownerId"]!.GetValue<string>() == "queue:level-3" && t["status"]!.GetValue<string>() == "OPEN");

        var taken = (await _api.OkAsync(tenant, $"mutation {{ takeCase(caseId: \"{caseId}\") {{ {Fields} }} }}", token: psych))["takeCase"]!;

        var after = (await _api.OkAsync(tenant, Tasks, new { id = caseId }, psych))["case"]!["tasks"]!.AsArray().Where(t => t!["status"]!.GetValue<string>() == "OPEN").ToList();
        Assert.NotEmpty(after);
        Assert.All(after, t => Assert.Equal("psych@" + tenant, t!["ownerId"]!.GetValue<string>()));
        Assert.Equal(after.Count, taken["timeline"]!.AsArray().Count(e => e!["action"]!.GetValue<string>() == "TaskReassigned"));
        var mine = (await _api.OkAsync(tenant, "{ myTasks(first: 50) { nodes { caseId ownerId } } }", token: psych))["myTasks"]!["nodes"]!.AsArray()
            .Where(n => n!["caseId"]!.GetValue<string>() == caseId).ToList();
        Assert.Equal(after.Count, mine.Count);
        Assert.All(mine, n => Assert.Equal("psych@" + tenant, n!["ownerId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Refuse_takeCase_for_a_caller_not_on_the_case_a_wrong_role_or_a_closed_case()
    {
        var (tenant, caseId) = await CaseAsync("DISTRICT", "district", "civil-affairs");
        var take = $"takeCase(caseId: \"{caseId}\")";

        // A district concern is owned by queue:level-2: a clinician (level 3) is not on it yet.
        Assert.Equal("need-to-know", (await RefusedAsync(tenant, caseId, take, Token(tenant, "clinician", Roles.Clinician), "FORBIDDEN"))["rule"]!.GetValue<string>());
        // The homeroom teacher reported it but is a Caseworker: takeCase is for Coordinator, Counsellor, Clinician.
        await RefusedAsync(tenant, caseId, take, Token(tenant, "homeroom", Roles.Caseworker), "FORBIDDEN");
        // A malformed id is an unknown case.
        Assert.Equal("NOT_FOUND", (await _api.PostAsync(tenant, "mutation { takeCase(caseId: \"no such/case\") { id } }", token: Token(tenant, "sub", Roles.Coordinator))).FirstCode);

        var homeroom = Token(tenant, "homeroom", Roles.Caseworker);
        await MemberAsync(tenant, "subdistrict", "civil-affairs", "CivilAffairsOfficer");
        await _api.OkAsync(tenant, $"mutation {{ triageCase(id: \"{caseId}\") {{ id }} }}", token: homeroom);
        await _api.OkAsync(tenant, $"mutation {{ closeCase(id: \"{caseId}\", reason: \"resolved by a talk\") {{ id }} }}", token: homeroom);
        var closed = await RefusedAsync(tenant, caseId, take, Token(tenant, "subdistrict", Roles.Coordinator), "INVALID_TRANSITION");
        Assert.Equal("CLOSED", closed["state"]!.GetValue<string>().ToUpperInvariant());
    }

    [Fact]
    public async Task Escalate_to_level_3_when_level_1_asks_for_professional_review_and_answer_a_repeat_without_change()
    {
        var (tenant, caseId) = await CaseAsync();
        await PsychologyTeacherAsync(tenant);
        var homeroom = Token(tenant, "homeroom", Roles.Caseworker);
        var before = (await _api.OkAsync(tenant, $"{{ case(id: \"{caseId}\") {{ availableActions }} }}", token: homeroom))["case"]!;
        Assert.Contains("requestProfessionalReview", DirectoryApi.Strings(before["availableActions"]));

        var reviewed = (await _api.OkAsync(tenant, $"mutation {{ requestProfessionalReview(caseId: \"{caseId}\", reason: \"talks about not waking up\") {{ {Fields} }} }}", token: homeroom))["requestProfessionalReview"]!;
        Assert.Equal(3, reviewed["escalationLevel"]!.GetValue<int>());
        Assert.Equal("queue:level-3", reviewed["assigneeId"]!.GetValue<string>());
        var entry = reviewed["timeline"]!.AsArray().Last()!;
        Assert.Equal(("RequestProfessionalReview", "level 1 → 3: talks about not waking up"), (entry["action"]!.GetValue<string>(), entry["reason"]!.GetValue<string>()));
        Assert.Equal("queue:level-3", reviewed["notifications"]!.AsArray().Last()!["to"]!.GetValue<string>());
        Assert.DoesNotContain("requestProfessionalReview", DirectoryApi.Strings(reviewed["availableActions"]));

        // The school's psychology teacher opens it and may take it.
        var professional = (await _api.OkAsync(tenant, $"{{ case(id: \"{caseId}\") {{ availableActions }} }}", token: Token(tenant, "psych", Roles.Counsellor)))["case"]!;
        Assert.Contains("takeCase", DirectoryApi.Strings(professional["availableActions"]));

        var again = (await _api.OkAsync(tenant, $"mutation {{ requestProfessionalReview(caseId: \"{caseId}\", reason: \"asking again\") {{ {Fields} }} }}", token: homeroom))["requestProfessionalReview"]!;
        Assert.Equal(reviewed["timeline"]!.ToJsonString(), again["timeline"]!.ToJsonString());
        Assert.Equal(3, again["escalationLevel"]!.GetValue<int>());
    }

    [Fact]
    public async Task Answer_a_keyed_retry_with_the_first_result_and_refuse_the_key_with_another_reason()
    {
        var (tenant, caseId) = await CaseAsync("TOWN", "town", "social-affairs-office");
        var homeroom = Token(tenant, "homeroom", Roles.Caseworker);
        var ask = $"requestProfessionalReview(caseId: \"{caseId}\", reason: \"hears voices\", idempotencyKey: \"review-1\")";

        var first = (await _api.OkAsync(tenant, $"mutation {{ {ask} {{ {Fields} }} }}", token: homeroom))["requestProfessionalReview"]!;
        var retry = (await _api.OkAsync(tenant, $"mutation {{ {ask} {{ {Fields} }} }}", token: homeroom))["requestProfessionalReview"]!;
        Assert.Equal(first.ToJsonString(), retry.ToJsonString());

        var reused = await RefusedAsync(tenant, caseId, ask.Replace("hears voices", "another reason", StringComparison.Ordinal), homeroom, "IDEMPOTENCY_KEY_REUSED");
        Assert.Equal("idempotencyKey", reused["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refuse_requestProfessionalReview_for_a_caller_not_on_the_case_a_wrong_role_a_blank_reason_or_a_closed_case()
    {
        var (tenant, caseId) = await CaseAsync();
        var ask = $"requestProfessionalReview(caseId: \"{caseId}\", reason: \"needs a professional\")";

        // Another homeroom teacher is not on the case; a committee member (Reporter) and an Auditor may not call it at all.
        Assert.Equal("need-to-know", (await RefusedAsync(tenant, caseId, ask, Token(tenant, "homeroom2", Roles.Caseworker), "FORBIDDEN"))["rule"]!.GetValue<string>());
        await RefusedAsync(tenant, caseId, ask, Token(tenant, "committee", Roles.Reporter), "FORBIDDEN");
        await RefusedAsync(tenant, caseId, ask, Token(tenant, "auditor", Roles.Auditor), "FORBIDDEN");
        var blank = await RefusedAsync(tenant, caseId, $"requestProfessionalReview(caseId: \"{caseId}\", reason: \"  \")", Token(tenant, "homeroom", Roles.Caseworker), "VALIDATION_FAILED");
        Assert.Equal("reason", blank["field"]!.GetValue<string>());

        var homeroom = Token(tenant, "homeroom", Roles.Caseworker);
        await _api.OkAsync(tenant, $"mutation {{ triageCase(id: \"{caseId}\") {{ id }} }}", token: homeroom);
        await _api.OkAsync(tenant, $"mutation {{ closeCase(id: \"{caseId}\", reason: \"resolved by a talk\") {{ id }} }}", token: homeroom);
        await RefusedAsync(tenant, caseId, ask, homeroom, "INVALID_TRANSITION");
    }
}
