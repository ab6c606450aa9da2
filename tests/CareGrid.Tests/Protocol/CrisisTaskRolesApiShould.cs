using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Protocol;

/// <summary>
/// Through the API: only level 3 completes the PROFESSIONAL_CRISIS_INTERVENTION task of a HIGH case (the rule of
/// startIntervention, R-1.10, R-4.3); a homeroom teacher is refused FORBIDDEN and the task stays open (red team round 16, F1;
/// docs/protocol.md "Who completes which task").
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class CrisisTaskRolesApiShould(CareGridApiFactory factory)
{
    private const string Path = HighRiskCaseApi.Path;

    private readonly GraphQLClient _client = factory.GraphQL();
    private readonly HighRiskCaseApi _cases = new(factory, factory.GraphQL(), "cri16");

    [Fact]
    public async Task Refuse_a_homeroom_teacher_completing_the_professional_crisis_intervention_task_of_a_high_case()
    {
        var psych = await _cases.PsychologyTeacherAsync();
        var homeroom = await _cases.HomeroomTeacherAsync();
        var student = await _cases.AdultStudentAsync(psych);
        var opened = await _cases.ReportHighAsync(homeroom, student);
        var caseId = opened["id"]!.GetValue<string>();
        var crisisTask = HighRiskCaseApi.TaskOf(opened, "PROFESSIONAL_CRISIS_INTERVENTION");
        (await _client.PostAsync(Path, "mutation($p: ID!) { recordConsent(personId: $p, purpose: PROFESSIONAL_INTERVENTION, decision: GRANTED, givenBy: SELF) { id } }",
            new { p = student }, psych)).EnsureNoErrors();

        // Level 1 may not start professional intervention (startIntervention: Counsellor, Clinician); completing the task that
        // stands for it, and whose 24 h deadline escalates the case when no professional acted, must be refused alike.
        var completed = await _client.PostAsync(Path, "mutation($id: ID!, $t: ID!) { completeTask(id: $id, taskId: $t, note: \"talked to her\") { id } }",
            new { id = caseId, t = crisisTask }, homeroom);

        Assert.Equal("FORBIDDEN", completed.FirstCode);
        var after = await _cases.CaseAsync(psych, caseId);
        Assert.Equal("OPEN", after["tasks"]!.AsArray().Single(t => t!["id"]!.GetValue<string>() == crisisTask)!["status"]!.GetValue<string>());

        // The psychology teacher (level 3) may: the task is hers.
        var done = await _client.PostAsync(Path, $"mutation($id: ID!, $t: ID!) {{ completeTask(id: $id, taskId: $t, note: \"met her, safety plan made\") {HighRiskCaseApi.CaseSelection} }}",
            new { id = caseId, t = crisisTask }, psych);
        Assert.Equal("DONE", done.EnsureNoErrors().Data!["completeTask"]!["tasks"]!.AsArray().Single(t => t!["id"]!.GetValue<string>() == crisisTask)!["status"]!.GetValue<string>());
    }
}
