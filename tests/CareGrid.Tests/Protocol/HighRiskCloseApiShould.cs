using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Protocol;

/// <summary>
/// Through the API, in one request as the round-32 red team sent them: a crisis task is not completed without a written note,
/// and a case still at IMMINENT risk does not close on a referral sent and declined at once; it closes once the crisis was
/// worked (a task done with a note saying what was done), and level 2 is told it closed at that risk (docs/protocol.md "Guards").
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class HighRiskCloseApiShould(CareGridApiFactory factory)
{
    private const string Path = HighRiskCaseApi.Path;
    private readonly GraphQLClient _client = factory.GraphQL();
    private readonly HighRiskCaseApi _cases = new(factory, factory.GraphQL(), "rt32");

    private async Task<(string Psych, string CaseId)> ImminentCaseAsync()
    {
        var psych = await _cases.PsychologyTeacherAsync();
        var student = await _cases.AdultStudentAsync(psych);
        var id = (await _client.PostAsync(Path, "mutation($p: ID!) { reportConcern(input: { personId: $p, summary: \"on the roof, says goodbye\", riskLevel: IMMINENT }) { id } }",
            new { p = student }, psych)).EnsureNoErrors().Data!["reportConcern"]!["id"]!.GetValue<string>();
        return (psych, id);
    }

    private async Task<string> StatusAsync(string psych, string id) =>
        (await _client.PostAsync(Path, "query($id: ID!) { case(id: $id) { status } }", new { id }, psych)).EnsureNoErrors().Data!["case"]!["status"]!.GetValue<string>();

    [Fact]
    public async Task Refuse_a_police_task_ticked_without_a_note_and_close_once_a_crisis_task_says_what_was_done()
    {
        var (psych, id) = await ImminentCaseAsync();
        var police = HighRiskCaseApi.TaskOf(await _cases.CaseAsync(psych, id), "POLICE_TRANSPORT_ASSISTANCE");

        (await _client.PostAsync(Path, """
            mutation($id: ID!) { a: triageCase(id: $id) { id } c: assessRisk(id: $id, riskLevel: IMMINENT, reason: "confirmed after talking to him") { id } }
            """, new { id }, psych)).EnsureNoErrors();
        var ticked = await _client.PostAsync(Path, """
            mutation($id: ID!, $t: ID!) { b: completeTask(id: $id, taskId: $t, note: "\u200c") { id } }
            """, new { id, t = police }, psych);

        Assert.Equal(("VALIDATION_FAILED", "crisis-note"), (ticked.FirstCode, ticked.Errors![0]!["extensions"]!["rule"]!.GetValue<string>()));
        Assert.Equal("OPEN", (await _cases.CaseAsync(psych, id))["tasks"]!.AsArray().First(t => t!["id"]!.GetValue<string>() == police)!["status"]!.GetValue<string>());
        var unworked = await _client.PostAsync(Path, "mutation($id: ID!) { closeCase(id: $id, reason: \"closing\") { status } }", new { id }, psych);
        Assert.Equal(("REASSESSMENT_REQUIRED", "crisis-unworked"), (unworked.FirstCode, unworked.Errors![0]!["extensions"]!["rule"]!.GetValue<string>()));

        (await _client.PostAsync(Path, "mutation($id: ID!, $t: ID!) { completeTask(id: $id, taskId: $t, note: \"police took him to the city mental health centre\") { id } }",
            new { id, t = police }, psych)).EnsureNoErrors();
        var closed = (await _client.PostAsync(Path, "mutation($id: ID!) { closeCase(id: $id, reason: \"admitted\") { status notifications { to message } } }", new { id }, psych))
            .EnsureNoErrors().Data!["closeCase"]!;
        Assert.Equal("CLOSED", closed["status"]!.GetValue<string>());
        Assert.Contains(closed["notifications"]!.AsArray(), n => n!["to"]!.GetValue<string>() == "queue:level-2"
            && n["message"]!.GetValue<string>() == "Case closed at risk Imminent by rt32-psych@demo-school: admitted");
    }

    [Fact]
    public async Task Refuse_to_close_on_a_referral_sent_and_declined_in_the_same_request()
    {
        var (psych, id) = await ImminentCaseAsync();
        (await _client.PostAsync(Path, """
            mutation($id: ID!) { a: triageCase(id: $id) { id } b: activateCase(id: $id, assigneeId: "rt32-psych@demo-school") { id }
              c: assessRisk(id: $id, riskLevel: IMMINENT, reason: "confirmed after talking to him") { id }
              d: proposeReferral(id: $id, institution: "City mental health centre", reason: "admission", consentOverrideReason: "imminent danger, duty of care requires it") { id } }
            """, new { id }, psych)).EnsureNoErrors();

        var declined = await _client.PostAsync(Path, """
            mutation($id: ID!) { s: sendReferral(id: $id, consentOverrideReason: "imminent danger, duty of care requires it") { id }
              d: declineReferral(id: $id, note: "no beds") { id } x: closeCase(id: $id, reason: "referral declined") { status } }
            """, new { id }, psych);

        Assert.Equal(("REASSESSMENT_REQUIRED", "crisis-unworked"), (declined.FirstCode, declined.Errors![0]!["extensions"]!["rule"]!.GetValue<string>()));
        Assert.Equal("ACTIVE", await StatusAsync(psych, id));
    }
}
