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
    private const string Path = HighRiskCaseApi.Path;

    private readonly GraphQLClient _client = factory.GraphQL();
    private readonly HighRiskCaseApi _cases = new(factory, factory.GraphQL(), "reo16");

    [Fact]
    public async Task Keep_deadline_tasks_open_on_a_high_risk_case_that_is_reopened()
    {
        var psych = await _cases.PsychologyTeacherAsync();
        var homeroom = await _cases.HomeroomTeacherAsync();
        var student = await _cases.AdultStudentAsync(psych);
        var caseId = (await _cases.ReportHighAsync(homeroom, student))["id"]!.GetValue<string>();
        foreach (var step in new[]
        {
            "mutation($id: ID!) { assessRisk(id: $id, riskLevel: HIGH, reason: \"met her, still high\") { id } }",
            "mutation($id: ID!) { triageCase(id: $id, reason: \"triaged\") { id } }",
        })
        {
            (await _client.PostAsync(Path, step, new { id = caseId }, psych)).EnsureNoErrors();
        }

        await HighRiskCaseApi.GuidedToHospitalAsync(_client, Path, caseId, psych);
        (await _client.PostAsync(Path, "mutation($id: ID!) { closeCase(id: $id, reason: \"handed over to the hospital\") { id } }", new { id = caseId }, psych)).EnsureNoErrors();

        factory.Clock.Advance(TimeSpan.FromMinutes(5)); // the reopening comes after the reassessment
        var reopened = await _client.PostAsync(Path, $"mutation($id: ID!) {{ reopenCase(id: $id, reason: \"she is talking about it again\") {HighRiskCaseApi.CaseSelection} }}",
            new { id = caseId }, homeroom);

        var view = reopened.EnsureNoErrors().Data!["reopenCase"]!;
        Assert.Equal("TRIAGE", view["status"]!.GetValue<string>());
        Assert.Equal("HIGH", view["riskLevel"]!.GetValue<string>());
        // An open HIGH case with no open deadline task has no reminder: nothing ever escalates it (R-1.10).
        Assert.Contains(view["tasks"]!.AsArray(), t => t!["status"]!.GetValue<string>() == "OPEN");
        var reread = await _cases.CaseAsync(psych, caseId);
        foreach (var kind in new[] { "NOTIFY_FAMILY_EMERGENCY_CONTACT", "PROFESSIONAL_CRISIS_INTERVENTION", "RAISE_VISIT_FREQUENCY", "GUIDE_TO_PSYCHIATRIC_INSTITUTION" })
        {
            Assert.Equal(HighRiskCaseApi.TaskOf(view, kind), HighRiskCaseApi.TaskOf(reread, kind)); // one open task of each protocol kind, stored
        }

        // Closing it again needs a new level-3 reassessment: the reopening began a new high-risk episode (R-4.3, R-1.10).
        var closedAgain = await _client.PostAsync(Path, "mutation($id: ID!) { closeCase(id: $id, reason: \"nothing new\") { id } }", new { id = caseId }, psych);
        Assert.Equal("REASSESSMENT_REQUIRED", closedAgain.FirstCode);
    }
}
