using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Protocol;

/// <summary>
/// Through the API: a HIGH case closed (which cancels its deadline tasks) and reopened by the homeroom teacher has its R-1.10
/// protocol deadline tasks open again, so its deadline reminder escalates it (red team round 16, F2; docs/protocol.md
/// "Reopening a High or Imminent case").
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class ReopenedHighRiskCaseApiShould(CareGridApiFactory factory)
{
    private const string Tenant = "demo-school";
    private const string Path = "/t/demo-school/graphql";
    private const string CaseSelection = "{ id status riskLevel escalationLevel tasks { id kind status } }";

    private readonly GraphQLClient _client = factory.GraphQL();

    private async Task<string> PsychologyTeacherAsync()
    {
        await StaffMembers.AddAsync(factory, _client, Tenant, "reo16-psych@demo-school", "counselling-centre", "PsychologyTeacher",
            "RelevantDegree", "CounsellingCertificate");
        return factory.TokenFor("reo16-psych@demo-school", Tenant, Roles.Counsellor);
    }

    private async Task<string> HomeroomTeacherAsync()
    {
        await StaffMembers.AddAsync(factory, _client, Tenant, "reo16-homeroom@demo-school", "class-8-1", "HomeroomTeacher");
        return factory.TokenFor("reo16-homeroom@demo-school", Tenant, Roles.Caseworker);
    }

    /// <summary>A new adult student of class 8-1 (born 2000: decides on consent alone).</summary>
    private async Task<string> AdultStudentAsync(string token)
    {
        var id = "reo16-" + Guid.NewGuid().ToString("N")[..12];
        (await _client.PostAsync(Path, "mutation($in: RegisterPersonInput!) { registerPerson(input: $in) { id } }",
            new { @in = new { id, displayName = "Student " + id, organizationId = "class-8-1", birthYear = 2000 } }, token)).EnsureNoErrors();
        return id;
    }

    private async Task<JsonNode> ReportHighAsync(string token, string personId)
    {
        var reported = await _client.PostAsync(Path, $"mutation($p: ID!) {{ reportConcern(input: {{ personId: $p, summary: \"Told a classmate she wants to die\", riskLevel: HIGH }}) {CaseSelection} }}",
            new { p = personId }, token);
        return reported.EnsureNoErrors().Data!["reportConcern"]!;
    }

    private static string TaskOf(JsonNode view, string kind) =>
        view["tasks"]!.AsArray().First(t => t!["kind"]!.GetValue<string>() == kind && t["status"]!.GetValue<string>() == "OPEN")!["id"]!.GetValue<string>();

    private async Task<JsonNode> CaseAsync(string token, string caseId) =>
        (await _client.PostAsync(Path, $"query($id: ID!) {{ case(id: $id) {CaseSelection} }}", new { id = caseId }, token)).EnsureNoErrors().Data!["case"]!;

    [Fact]
    public async Task Keep_deadline_tasks_open_on_a_high_risk_case_that_is_reopened()
    {
        var psych = await PsychologyTeacherAsync();
        var homeroom = await HomeroomTeacherAsync();
        var student = await AdultStudentAsync(psych);
        var caseId = (await ReportHighAsync(homeroom, student))["id"]!.GetValue<string>();
        foreach (var step in new[]
        {
            "mutation($id: ID!) { assessRisk(id: $id, riskLevel: HIGH, reason: \"met her, still high\") { id } }",
            "mutation($id: ID!) { triageCase(id: $id, reason: \"triaged\") { id } }",
            "mutation($id: ID!) { closeCase(id: $id, reason: \"handed over to the hospital\") { id } }",
        })
        {
            (await _client.PostAsync(Path, step, new { id = caseId }, psych)).EnsureNoErrors();
        }

        factory.Clock.Advance(TimeSpan.FromMinutes(5)); // the reopening comes after the reassessment
        var reopened = await _client.PostAsync(Path, $"mutation($id: ID!) {{ reopenCase(id: $id, reason: \"she is talking about it again\") {CaseSelection} }}",
            new { id = caseId }, homeroom);

        var view = reopened.EnsureNoErrors().Data!["reopenCase"]!;
        Assert.Equal("TRIAGE", view["status"]!.GetValue<string>());
        Assert.Equal("HIGH", view["riskLevel"]!.GetValue<string>());
        // An open HIGH case with no open deadline task has no reminder: nothing ever escalates it (R-1.10).
        Assert.Contains(view["tasks"]!.AsArray(), t => t!["status"]!.GetValue<string>() == "OPEN");
        var reread = await CaseAsync(psych, caseId);
        foreach (var kind in new[] { "NOTIFY_FAMILY_EMERGENCY_CONTACT", "PROFESSIONAL_CRISIS_INTERVENTION", "RAISE_VISIT_FREQUENCY", "GUIDE_TO_PSYCHIATRIC_INSTITUTION" })
        {
            Assert.Equal(TaskOf(view, kind), TaskOf(reread, kind)); // one open task of each protocol kind, stored
        }

        // Closing it again needs a new level-3 reassessment: the reopening began a new high-risk episode (R-4.3, R-1.10).
        var closedAgain = await _client.PostAsync(Path, "mutation($id: ID!) { closeCase(id: $id, reason: \"nothing new\") { id } }", new { id = caseId }, psych);
        Assert.Equal("REASSESSMENT_REQUIRED", closedAgain.FirstCode);
    }
}
