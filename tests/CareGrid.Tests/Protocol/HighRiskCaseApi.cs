using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Protocol;

/// <summary>
/// The steps the high-risk API tests share, in <c>demo-school</c>: a psychology teacher (Counsellor, level 3) and a homeroom
/// teacher of class 8-1 (Caseworker, level 1) with logins of their own (<paramref name="prefix"/>), a new adult student of
/// class 8-1, a HIGH report, and reading a case's tasks.
/// </summary>
internal sealed class HighRiskCaseApi(CareGridApiFactory factory, GraphQLClient client, string prefix)
{
    /// <summary>The tenant.</summary>
    public const string Tenant = "demo-school";

    /// <summary>The tenant's GraphQL endpoint.</summary>
    public const string Path = "/t/demo-school/graphql";

    /// <summary>The case fields the tests read.</summary>
    public const string CaseSelection = "{ id status riskLevel escalationLevel tasks { id kind status } }";

    /// <summary>A Counsellor's token, a PsychologyTeacher member of the counselling centre.</summary>
    public async Task<string> PsychologyTeacherAsync()
    {
        await StaffMembers.AddAsync(factory, client, Tenant, $"{prefix}-psych@demo-school", "counselling-centre", "PsychologyTeacher",
            "RelevantDegree", "CounsellingCertificate");
        return factory.TokenFor($"{prefix}-psych@demo-school", Tenant, Roles.Counsellor);
    }

    /// <summary>A Caseworker's token, the HomeroomTeacher of class 8-1.</summary>
    public async Task<string> HomeroomTeacherAsync()
    {
        await StaffMembers.AddAsync(factory, client, Tenant, $"{prefix}-homeroom@demo-school", "class-8-1", "HomeroomTeacher");
        return factory.TokenFor($"{prefix}-homeroom@demo-school", Tenant, Roles.Caseworker);
    }

    /// <summary>A new adult student of class 8-1 (born 2000: decides on consent alone).</summary>
    public async Task<string> AdultStudentAsync(string token)
    {
        var id = $"{prefix}-" + Guid.NewGuid().ToString("N")[..12];
        (await client.PostAsync(Path, "mutation($in: RegisterPersonInput!) { registerPerson(input: $in) { id } }",
            new { @in = new { id, displayName = "Student " + id, organizationId = "class-8-1", birthYear = 2000 } }, token)).EnsureNoErrors();
        return id;
    }

    /// <summary>A HIGH concern about <paramref name="personId"/>; the case as <see cref="CaseSelection"/>.</summary>
    public async Task<JsonNode> ReportHighAsync(string token, string personId)
    {
        var reported = await client.PostAsync(Path, $"mutation($p: ID!) {{ reportConcern(input: {{ personId: $p, summary: \"Told a classmate she wants to die\", riskLevel: HIGH }}) {CaseSelection} }}",
            new { p = personId }, token);
        return reported.EnsureNoErrors().Data!["reportConcern"]!;
    }

    /// <summary>
    /// Completes the open GUIDE_TO_PSYCHIATRIC_INSTITUTION task of <paramref name="caseId"/> as <paramref name="token"/>
    /// through <paramref name="path"/> (the crisis worked: a HIGH or IMMINENT case may then close after a level-3
    /// reassessment, R-1.10, docs/protocol.md "Guards"). Fails the test on an error.
    /// </summary>
    public static async Task GuidedToHospitalAsync(GraphQLClient client, string path, string caseId, string token)
    {
        var view = (await client.PostAsync(path, $"query($id: ID!) {{ case(id: $id) {CaseSelection} }}", new { id = caseId }, token)).EnsureNoErrors().Data!["case"]!;
        (await client.PostAsync(path, "mutation($id: ID!, $t: ID!) { completeTask(id: $id, taskId: $t, note: \"accompanied to the psychiatric clinic\") { id } }",
            new { id = caseId, t = TaskOf(view, "GUIDE_TO_PSYCHIATRIC_INSTITUTION") }, token)).EnsureNoErrors();
    }

    /// <summary>The id of the open task of <paramref name="kind"/> in a case read as <see cref="CaseSelection"/>.</summary>
    public static string TaskOf(JsonNode view, string kind) =>
        view["tasks"]!.AsArray().First(t => t!["kind"]!.GetValue<string>() == kind && t["status"]!.GetValue<string>() == "OPEN")!["id"]!.GetValue<string>();

    /// <summary>The case as <see cref="CaseSelection"/>.</summary>
    public async Task<JsonNode> CaseAsync(string token, string caseId) =>
        (await client.PostAsync(Path, $"query($id: ID!) {{ case(id: $id) {CaseSelection} }}", new { id = caseId }, token)).EnsureNoErrors().Data!["case"]!;
}
