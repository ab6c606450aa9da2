using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Api;

/// <summary>
/// <c>Case.nextActions</c> through GraphQL over HTTP: a <c>startIntervention</c> blocked by missing consent shows its
/// blocker before it is called, with the purpose spelled as <c>recordConsent</c> takes it; the mutation answers the same
/// code, message and purpose; after <c>recordConsent</c> with that purpose it is allowed and goes ahead, and the crisis task
/// it did says so — completing it again answers <c>TASK_ALREADY_CLOSED</c> (R-1.7, R-1.10).
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class NextActionsApiShould(CareGridApiFactory factory)
{
    private const string Next = "nextActions { action allowed code reason purpose requiredRoles taskId allowedWithConsentOverride requiredArguments }";

    private readonly GraphQLClient _client = factory.GraphQL();

    private static JsonNode Action(JsonNode caseNode, string action) =>
        Assert.Single(caseNode["nextActions"]!.AsArray(), a => a!["action"]!.GetValue<string>() == action)!;

    private static IEnumerable<string> Names(JsonNode caseNode) => caseNode["availableActions"]!.AsArray().Select(n => n!.GetValue<string>());

    [Fact]
    public async Task Show_the_consent_blocker_of_startIntervention_before_it_is_called_and_allow_it_once_consent_is_recorded()
    {
        var tenant = Seeds.NewTenantId("next");
        (await _client.PostAsync("/graphql", "mutation($in: OnboardTenantInput!) { onboardTenant(input: $in) { id } }",
            new { @in = new { id = tenant, name = "Next school", kind = "SCHOOL", firstAdminSubject = "head@" + tenant } }, factory.Token(null, Roles.PlatformAdmin))).EnsureNoErrors();
        var path = $"/t/{tenant}/graphql";
        var admin = factory.TokenFor("head@" + tenant, tenant, Roles.TenantAdmin);
        foreach (var (id, kind, parent, level) in new[] { ("school", "SCHOOL", (string?)null, (int?)null), ("class-1", "CLASS", "school", 1) })
        {
            (await _client.PostAsync(path, "mutation($in: CreateOrganizationInput!) { createOrganization(input: $in) { id } }",
                new { @in = new { id, name = id, kind, parentId = parent, escalationLevel = level } }, admin)).EnsureNoErrors();
        }

        (await _client.PostAsync(path, "mutation { registerPerson(input: { id: \"adult-1\", displayName: \"Adult\", organizationId: \"class-1\", birthYear: 1990 }) { id } }", token: admin)).EnsureNoErrors();
        await StaffMembers.SchoolPsychologistAsync(factory, _client, tenant, "psych@" + tenant); // reports and stays on the case (RT17-7)
        var psych = factory.TokenFor("psych@" + tenant, tenant, Roles.Counsellor);
        var reported = (await _client.PostAsync(path,
            $"mutation {{ reportConcern(input: {{ personId: \"adult-1\", summary: \"Said he has a plan\", riskLevel: HIGH }}) {{ id availableActions {Next} tasks {{ id kind }} }} }}", token: psych))
            .EnsureNoErrors().Data!["reportConcern"]!;
        var caseId = reported["id"]!.GetValue<string>();
        await Name_the_note_a_crisis_task_needs_and_refuse_its_completion_without_it(path, caseId, reported, psych);

        var blocked = Action(reported, "startIntervention");
        Assert.False(blocked["allowed"]!.GetValue<bool>());
        Assert.Equal(("CONSENT_REQUIRED", "PROFESSIONAL_INTERVENTION"), (blocked["code"]!.GetValue<string>(), blocked["purpose"]!.GetValue<string>()));
        Assert.Contains("recordConsent(purpose: PROFESSIONAL_INTERVENTION, decision: GRANTED)", blocked["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("startIntervention", Names(reported));

        var refused = await _client.PostAsync(path, $"mutation {{ startIntervention(id: \"{caseId}\") {{ id }} }}", token: psych);
        Assert.Equal("CONSENT_REQUIRED", refused.FirstCode);
        var error = refused.Errors![0]!;
        Assert.Equal(blocked["purpose"]!.GetValue<string>(), error["extensions"]!["purpose"]!.GetValue<string>());
        Assert.Equal(blocked["reason"]!.GetValue<string>(), error["message"]!.GetValue<string>());

        var purpose = blocked["purpose"]!.GetValue<string>();
        (await _client.PostAsync(path, $"mutation {{ recordConsent(personId: \"adult-1\", purpose: {purpose}, decision: GRANTED, givenBy: SELF) {{ id }} }}", token: psych)).EnsureNoErrors();
        var read = (await _client.PostAsync(path, $"{{ case(id: \"{caseId}\") {{ availableActions {Next} }} }}", token: psych)).EnsureNoErrors().Data!["case"]!;
        Assert.True(Action(read, "startIntervention")["allowed"]!.GetValue<bool>());
        Assert.Null(Action(read, "startIntervention")["code"]);
        Assert.Contains("startIntervention", Names(read));

        var started = (await _client.PostAsync(path,
            $"mutation {{ startIntervention(id: \"{caseId}\") {{ status tasks {{ id kind status completedBy completedByAction completedAt closedByAction }} timeline {{ action reason }} }} }}", token: psych))
            .EnsureNoErrors().Data!["startIntervention"]!;
        Assert.Equal("ACTIVE", started["status"]!.GetValue<string>());
        var crisis = Assert.Single(started["tasks"]!.AsArray(), t => t!["kind"]!.GetValue<string>() == "PROFESSIONAL_CRISIS_INTERVENTION")!;
        Assert.Equal(("DONE", "psych@" + tenant, "startIntervention"),
            (crisis["status"]!.GetValue<string>(), crisis["completedBy"]!.GetValue<string>(), crisis["completedByAction"]!.GetValue<string>()));
        Assert.NotNull(crisis["completedAt"]);
        var taskId = crisis["id"]!.GetValue<string>();
        Assert.Contains(started["timeline"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "TaskDone"
            && e["reason"]!.GetValue<string>().StartsWith($"{taskId} PROFESSIONAL_CRISIS_INTERVENTION completed by startIntervention (psych@{tenant})", StringComparison.Ordinal));

        var again = await _client.PostAsync(path, $"mutation {{ completeTask(id: \"{caseId}\", taskId: \"{taskId}\") {{ id }} }}", token: psych);
        Assert.Equal("TASK_ALREADY_CLOSED", again.FirstCode);
        var extensions = again.Errors![0]!["extensions"]!;
        Assert.Equal(("DONE", "psych@" + tenant, "startIntervention"),
            (extensions["status"]!.GetValue<string>(), extensions["closedBy"]!.GetValue<string>(), extensions["closedByAction"]!.GetValue<string>()));
        Assert.Contains("is already done", again.Errors[0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>
    /// <c>requiredArguments</c> names <c>note</c> on completing exactly the crisis-work tasks of the new High case, and
    /// <c>completeTask</c> without it answers <c>VALIDATION_FAILED</c> on <c>note</c>, rule <c>crisis-note</c>.
    /// </summary>
    private async Task Name_the_note_a_crisis_task_needs_and_refuse_its_completion_without_it(string path, string caseId, JsonNode reported, string token)
    {
        string[] crisisWork = ["PROFESSIONAL_CRISIS_INTERVENTION", "GUIDE_TO_PSYCHIATRIC_INSTITUTION", "POLICE_TRANSPORT_ASSISTANCE"];
        var kinds = reported["tasks"]!.AsArray().ToDictionary(t => t!["id"]!.GetValue<string>(), t => t!["kind"]!.GetValue<string>());
        var completions = reported["nextActions"]!.AsArray().Where(a => a!["action"]!.GetValue<string>() == "completeTask").ToList();
        Assert.Equal(kinds.Count, completions.Count);
        foreach (var item in completions)
        {
            var kind = kinds[item!["taskId"]!.GetValue<string>()];
            var named = item["requiredArguments"]?.AsArray().Select(n => n!.GetValue<string>()).ToArray();
            Assert.Equal(crisisWork.Contains(kind) ? ["note"] : null, named);
        }

        var guidance = kinds.Single(k => k.Value == "GUIDE_TO_PSYCHIATRIC_INSTITUTION").Key;
        var refused = await _client.PostAsync(path, $"mutation {{ completeTask(id: \"{caseId}\", taskId: \"{guidance}\") {{ id }} }}", token: token);
        Assert.Equal("VALIDATION_FAILED", refused.FirstCode);
        Assert.Equal(("note", "crisis-note"), (refused.Errors![0]!["extensions"]!["field"]!.GetValue<string>(), refused.Errors[0]!["extensions"]!["rule"]!.GetValue<string>()));
        Assert.Equal(reported["nextActions"]!.ToJsonString(), (await _client.PostAsync(path, $"{{ case(id: \"{caseId}\") {{ {Next} }} }}", token: token))
            .EnsureNoErrors().Data!["case"]!["nextActions"]!.ToJsonString());
    }
}
