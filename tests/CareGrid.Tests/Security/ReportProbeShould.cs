using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using CareGrid.Tests.PeopleDirectory;

namespace CareGrid.Tests.Security;

/// <summary>
/// A report-only caller (a class psychology committee member, role Reporter, R-7.5) probing ids through a report: before,
/// <c>reportConcern</c> (and <c>convertCallToConcern</c>'s <c>personId</c>) answered NOT_FOUND for a 学号 that names nobody and a
/// RECEIVED receipt for any existing person of the tenant, so typing numbers told which exist. Now a report-only caller
/// reports by number the people of their units; a number naming nobody and one naming a person outside their units get one
/// refusal naming the value sent, saying the report was NOT taken and to check the number with the school office, audited,
/// nothing recorded (docs/access.md "Receipts for reporters"). Case staff and volunteers report anyone, as before.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class ReportProbeShould(CareGridApiFactory factory)
{
    private const string Report = "mutation { reportConcern(input: { personId: \"PID\", summary: \"Cries at lunch every day\" }) { id reportOutcome } }";
    private readonly DirectoryApi _api = new(factory);

    /// <summary>A school with S1 in class 9-1 and S2 in class 9-2, and a committee member of class 9-1 (role Reporter).</summary>
    private async Task<(string Tenant, string Committee)> SchoolAsync(string name)
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", name);
        await _api.CreateOrganizationAsync(tenant, "grade-9", "GRADE", "school", 2);
        await _api.CreateOrganizationAsync(tenant, "class-9-1", "CLASS", "grade-9", 1);
        await _api.CreateOrganizationAsync(tenant, "class-9-2", "CLASS", "grade-9", 1);
        const string Header = "externalId,displayName,sex,birthYear,guardianName,guardianPhone";
        await _api.ImportAsync(tenant, "class-9-1", DirectoryApi.Csv(Header, ["S1,Student Liu,F,2011,Grandma Liu,13800001111"]));
        await _api.ImportAsync(tenant, "class-9-2", DirectoryApi.Csv(Header, ["S2,Student Wang,M,2011,Mother Wang,13800002222"]));
        var subject = $"committee@{tenant}";
        await StaffMembers.AddAsync(factory, _api.Client, tenant, subject, "class-9-1", "PsychologyCommitteeMember");
        return (tenant, factory.TokenFor(subject, tenant, Roles.Reporter));
    }

    [Fact]
    public async Task Refuse_a_reporter_alike_for_a_number_naming_nobody_and_one_outside_their_units_and_record_nothing()
    {
        var (tenant, committee) = await SchoolAsync("probe-report");

        var own = await _api.OkAsync(tenant, Report.Replace("PID", "S1", StringComparison.Ordinal), token: committee);
        Assert.Equal("RECEIVED", own["reportConcern"]!["reportOutcome"]!.GetValue<string>());

        var answers = new List<string>();
        foreach (var sent in new[] { "S2", "ext-S2", "S404", "ext-S404" })
        {
            answers.Add(Refusal(await _api.PostAsync(tenant, Report.Replace("PID", sent, StringComparison.Ordinal), token: committee), sent));
        }

        Assert.Single(answers.Distinct()); // one code, message and extensions for a classmate of another class and for nobody
        Assert.Contains("NOT taken", answers[0], StringComparison.Ordinal);
        Assert.Contains("未被受理", answers[0], StringComparison.Ordinal);
        Assert.Single((await _api.OkAsync(tenant, "{ myReports { nodes { caseId } } }", token: committee))["myReports"]!["nodes"]!.AsArray());
        Assert.Empty((await _api.OkAsync(tenant, "{ cases(filter: { person: \"ext-S2\" }) { nodes { id } } }"))["cases"]!["nodes"]!.AsArray());
        var auditor = _api.As(tenant, Roles.Auditor);
        foreach (var id in new[] { "ext-S2", "S404" })
        {
            var log = await _api.OkAsync(tenant, $"{{ auditLog(filter: {{ action: \"DENIED\", entityId: \"{id}\" }}, first: 10) {{ nodes {{ actor }} }} }}", token: auditor);
            Assert.Contains($"committee@{tenant}", log["auditLog"]!["nodes"]!.AsArray().Select(n => n!["actor"]!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task Refuse_a_reporter_of_no_unit_alike_and_tell_them_how_to_join_one()
    {
        var (tenant, _) = await SchoolAsync("probe-report-none");
        var unassigned = factory.TokenFor($"committee-none@{tenant}", tenant, Roles.Reporter);

        var existing = await _api.PostAsync(tenant, Report.Replace("PID", "S1", StringComparison.Ordinal), token: unassigned);
        var missing = await _api.PostAsync(tenant, Report.Replace("PID", "S404", StringComparison.Ordinal), token: unassigned);

        Assert.Equal(Refusal(existing, "S1"), Refusal(missing, "S404"));
        Assert.Equal("unassigned", existing.Errors![0]!["extensions"]!["scope"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refuse_a_reporter_converting_a_call_alike_for_a_number_naming_nobody_and_one_outside_their_units()
    {
        var (tenant, committee) = await SchoolAsync("probe-report-call");
        var call = (await _api.OkAsync(tenant, "mutation { logCall(input: { channel: HOTLINE, summary: \"A classmate is not eating\" }) { id } }", token: committee))["logCall"]!["id"]!.GetValue<string>();
        const string Convert = "mutation { convertCallToConcern(id: \"CALL\", personId: \"PID\") { id } }";

        var foreign = await _api.PostAsync(tenant, Convert.Replace("CALL", call, StringComparison.Ordinal).Replace("PID", "S2", StringComparison.Ordinal), token: committee);
        var missing = await _api.PostAsync(tenant, Convert.Replace("CALL", call, StringComparison.Ordinal).Replace("PID", "S404", StringComparison.Ordinal), token: committee);

        Assert.Equal(Refusal(foreign, "S2"), Refusal(missing, "S404"));
        var converted = await _api.OkAsync(tenant, Convert.Replace("CALL", call, StringComparison.Ordinal).Replace("PID", "S1", StringComparison.Ordinal), token: committee);
        Assert.Equal(call, converted["convertCallToConcern"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Keep_the_true_not_found_for_case_staff_who_report_anyone()
    {
        var (tenant, _) = await SchoolAsync("probe-report-staff");
        var homeroom = factory.TokenFor($"homeroom@{tenant}", tenant, Roles.Caseworker);

        Assert.Equal("NOT_FOUND", (await _api.PostAsync(tenant, Report.Replace("PID", "S404", StringComparison.Ordinal), token: homeroom)).FirstCode);
        await _api.OkAsync(tenant, Report.Replace("PID", "S2", StringComparison.Ordinal), token: homeroom);
    }

    /// <summary>The refusal as one string (message and extensions, the id sent replaced), after checking its code, rule and id and that it names neither the person id nor the unit.</summary>
    private static string Refusal(GraphQLResponse answer, string sent)
    {
        Assert.Equal("FORBIDDEN", answer.FirstCode);
        Assert.Null(answer.Data?["reportConcern"]);
        var error = answer.Errors![0]!;
        var extensions = JsonNode.Parse(error["extensions"]!.ToJsonString())!.AsObject();
        Assert.Equal(("need-to-know", "Person", sent), (extensions["rule"]!.GetValue<string>(), extensions["entity"]!.GetValue<string>(), extensions["id"]!.GetValue<string>()));
        var body = answer.Body!.ToJsonString();
        Assert.DoesNotContain("class-9", body, StringComparison.Ordinal);
        Assert.False(sent.StartsWith('S') && body.Contains("ext-" + sent, StringComparison.Ordinal), "the person id leaked");
        extensions["id"] = "(sent)";
        return error["message"]!.GetValue<string>() + extensions.ToJsonString();
    }
}
