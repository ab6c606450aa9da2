using System.Text.Json.Nodes;
using CareGrid.Grains.Audit;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using CareGrid.Tests.PeopleDirectory;

namespace CareGrid.Tests.Staff;

/// <summary>
/// A school tenant for the staff-leaving tests (docs/staff-changes.md), built through GraphQL: grades 7 and 8 with one class
/// each, students, psychology teachers Wu, Li and Zhao (Counsellor, counselling centre), a homeroom teacher of both classes (Caseworker) and
/// grade leaders of grades 7 and 8 (Coordinator), each person with a login sub.
/// </summary>
internal sealed class StaffLeavingApi(CareGridApiFactory factory)
{
    public DirectoryApi Api { get; } = new(factory);

    public string Tenant { get; private set; } = "";

    public string Sub(string name) => $"{name}@{Tenant}";

    public string TokenOf(string name, string role) => Api.Factory.TokenFor(Sub(name), Tenant, role);

    public string Wu => TokenOf("wu", Roles.Counsellor);

    public string Li => TokenOf("li", Roles.Counsellor);

    public string Homeroom => TokenOf("homeroom", Roles.Caseworker);

    public async Task<StaffLeavingApi> SchoolAsync()
    {
        Tenant = await Api.OnboardAsync("SCHOOL", "school", "leave");
        await Api.CreateOrganizationAsync(Tenant, "grade-7", "GRADE", "school", 2);
        await Api.CreateOrganizationAsync(Tenant, "class-7-1", "CLASS", "grade-7", 1);
        await Api.CreateOrganizationAsync(Tenant, "grade-8", "GRADE", "school", 2);
        await Api.CreateOrganizationAsync(Tenant, "class-8-1", "CLASS", "grade-8", 1);
        await Api.ImportAsync(Tenant, "class-7-1", DirectoryApi.Csv("externalId,displayName,sex", ["S1,Ann,F", "S2,Bo,M", "S3,Cai,F", "S4,Dan,M", "S5,Eve,F"]));
        await Api.ImportAsync(Tenant, "class-8-1", DirectoryApi.Csv("externalId,displayName,sex", ["S8,Fei,M"]));
        await Api.ImportAsync(Tenant, "counselling-centre", DirectoryApi.Csv("externalId,displayName,sex,roles,subject",
            [$"T1,Teacher Wu,F,PsychologyTeacher,{Sub("wu")}", $"T2,Teacher Li,M,PsychologyTeacher,{Sub("li")}", $"T3,Teacher Zhao,F,PsychologyTeacher,{Sub("zhao")}"]), "STAFF");
        await Api.ImportAsync(Tenant, "class-7-1", DirectoryApi.Csv("externalId,displayName,sex,roles,subject", [$"H1,Teacher Qian,M,HomeroomTeacher,{Sub("homeroom")}"]), "STAFF");
        // Teacher Qian teaches class 8-1 too: the pupils they report are in their units, so they stay on those cases (RT17-7).
        await Api.OkAsync(Tenant, "mutation { addOrganizationMember(organizationId: \"class-8-1\", personId: \"ext-H1\", role: \"HomeroomTeacher\") { id } }");
        await Api.ImportAsync(Tenant, "grade-7", DirectoryApi.Csv("externalId,displayName,sex,roles,subject", [$"G7,Leader Sun,F,GradeLeader,{Sub("grade7")}"]), "STAFF");
        await Api.ImportAsync(Tenant, "grade-8", DirectoryApi.Csv("externalId,displayName,sex,roles,subject", [$"G8,Leader Zhou,M,GradeLeader,{Sub("grade8")}"]), "STAFF");
        return this;
    }

    /// <summary>A HIGH concern reported by a psychology teacher: level 3, owned by them, with the protocol's tasks (R-1.10).</summary>
    public async Task<string> HighRiskCaseAsync(string student, string reporterToken) =>
        (await ReportAsync(student, "HIGH", reporterToken))["id"]!.GetValue<string>();

    /// <summary>
    /// A concern reported by the homeroom teacher — MODERATE, or not yet graded when <paramref name="risk"/> is null —, triaged
    /// and activated with <paramref name="owner"/> as assignee, with a follow-up visit.
    /// </summary>
    public async Task<string> OwnedCaseAsync(string student, string owner, string ownerToken, string? risk = "MODERATE")
    {
        var id = (await ReportAsync(student, risk, Homeroom))["id"]!.GetValue<string>();
        await Api.OkAsync(Tenant, $"mutation {{ triageCase(id: \"{id}\") {{ id }} }}", token: Homeroom);
        await Api.OkAsync(Tenant, $"mutation {{ activateCase(id: \"{id}\", assigneeId: \"{Sub(owner)}\") {{ id }} }}", token: Homeroom);
        await Api.OkAsync(Tenant, $"mutation {{ scheduleFollowUp(id: \"{id}\") {{ id }} }}", token: ownerToken);
        return id;
    }

    private async Task<JsonNode> ReportAsync(string student, string? risk, string token) =>
        (await Api.OkAsync(Tenant, "mutation($in: ReportConcernInput!) { reportConcern(input: $in) { id } }",
            new { @in = risk is null ? (object)new { personId = student, summary = "Seems withdrawn and talks about leaving" }
                : new { personId = student, summary = "Seems withdrawn and talks about leaving", riskLevel = risk } }, token))["reportConcern"]!;

    public const string Moved = "fromPersonId fromSubject reason cases { caseId taskId toPersonId toSubject } tasks { caseId taskId toPersonId toSubject } "
        + "notMoved { caseId taskId } remainingCases remainingTasks outsideScopeCases outsideScopeTasks complete";

    public Task<GraphQLResponse> ReassignAsync(string from, string receivers, string? key = null, string? token = null, string reason = "left the school") =>
        Api.PostAsync(Tenant, $"mutation {{ reassignWork(fromPersonId: \"{from}\", {receivers}, reason: \"{reason}\"{(key is null ? "" : $", idempotencyKey: \"{key}\"")}) {{ {Moved} }} }}",
            token: token);

    /// <summary>The case as <paramref name="token"/> sees it: owner, open task owners and the reassignment entries of its timeline.</summary>
    public async Task<GraphQLResponse> CaseAsync(string id, string token) =>
        await Api.PostAsync(Tenant, $"{{ case(id: \"{id}\") {{ id assigneeId riskLevel tasks {{ id ownerId status }} timeline {{ actor action reason }} }} }}", token: token);

    public static List<string> Ids(JsonNode? list, string field = "caseId") =>
        [.. list!.AsArray().Select(n => n![field]!.GetValue<string>())];

    /// <summary>The tenant's audit records as "ACTION Entity id purpose code" (code for DENIED records only).</summary>
    public async Task<List<string>> AuditAsync()
    {
        var records = new List<string>();
        await foreach (var r in Api.Factory.Services.GetRequiredService<IAuditStore>().ReadAllAsync(Tenant))
        {
            records.Add($"{r.Action} {r.EntityType} {r.EntityId} {r.Purpose} {r.Refusal?.Code}".TrimEnd());
        }

        return records;
    }
}
