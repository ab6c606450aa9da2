using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
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
    private const string Tenant = "demo-school";
    private const string Path = "/t/demo-school/graphql";
    private const string CaseSelection = "{ id status riskLevel escalationLevel tasks { id kind status } }";

    private readonly GraphQLClient _client = factory.GraphQL();

    private async Task<string> PsychologyTeacherAsync()
    {
        await StaffMembers.AddAsync(factory, _client, Tenant, "cri16-psych@demo-school", "counselling-centre", "PsychologyTeacher",
            "RelevantDegree", "CounsellingCertificate");
        return factory.TokenFor("cri16-psych@demo-school", Tenant, Roles.Counsellor);
    }

    private async Task<string> HomeroomTeacherAsync()
    {
        await StaffMembers.AddAsync(factory, _client, Tenant, "cri16-homeroom@demo-school", "class-8-1", "HomeroomTeacher");
        return factory.TokenFor("cri16-homeroom@demo-school", Tenant, Roles.Caseworker);
    }

    /// <summary>A new adult student of class 8-1 (born 2000: decides on consent alone).</summary>
    private async Task<string> AdultStudentAsync(string token)
    {
        var id = "cri16-" + Guid.NewGuid().ToString("N")[..12];
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
    public async Task Refuse_a_homeroom_teacher_completing_the_professional_crisis_intervention_task_of_a_high_case()
    {
        var psych = await PsychologyTeacherAsync();
        var homeroom = await HomeroomTeacherAsync();
        var student = await AdultStudentAsync(psych);
        var opened = await ReportHighAsync(homeroom, student);
        var caseId = opened["id"]!.GetValue<string>();
        var crisisTask = TaskOf(opened, "PROFESSIONAL_CRISIS_INTERVENTION");
        (await _client.PostAsync(Path, "mutation($p: ID!) { recordConsent(personId: $p, purpose: PROFESSIONAL_INTERVENTION, decision: GRANTED, givenBy: SELF) { id } }",
            new { p = student }, psych)).EnsureNoErrors();

        // Level 1 may not start professional intervention (startIntervention: Counsellor, Clinician); completing the task that
        // stands for it, and whose 24 h deadline escalates the case when no professional acted, must be refused alike.
        var completed = await _client.PostAsync(Path, "mutation($id: ID!, $t: ID!) { completeTask(id: $id, taskId: $t, note: \"talked to her\") { id } }",
            new { id = caseId, t = crisisTask }, homeroom);

        Assert.Equal("FORBIDDEN", completed.FirstCode);
        var after = await CaseAsync(psych, caseId);
        Assert.Equal("OPEN", after["tasks"]!.AsArray().Single(t => t!["id"]!.GetValue<string>() == crisisTask)!["status"]!.GetValue<string>());

        // The psychology teacher (level 3) may: the task is hers.
        var done = await _client.PostAsync(Path, $"mutation($id: ID!, $t: ID!) {{ completeTask(id: $id, taskId: $t, note: \"met her, safety plan made\") {CaseSelection} }}",
            new { id = caseId, t = crisisTask }, psych);
        Assert.Equal("DONE", done.EnsureNoErrors().Data!["completeTask"]!["tasks"]!.AsArray().Single(t => t!["id"]!.GetValue<string>() == crisisTask)!["status"]!.GetValue<string>());
    }
}
