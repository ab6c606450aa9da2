using System.Text.Json.Nodes;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Tests.Security;

/// <summary>
/// RT17-7 (F15 still an oracle): case staff off a case's need-to-know list got RECEIVED when their report joined it, but the
/// same staff member reporting about a person without an open case got the case and OPENED_NEW_CASE — the reporter path of
/// need-to-know opened a case to its reporter whatever its unit — so for a homeroom teacher of another class (or a login of
/// no unit) RECEIVED meant "this pupil already has an open case". The reporter path now opens a case only to a reporter whose
/// scope covers its unit (docs/access.md "Receipts for reporters"); everyone else is answered with a receipt on every channel.
/// </summary>
public sealed partial class RedTeamRound17Should
{
    private const string School = "/t/demo-school/graphql";

    private const string Report = "mutation($p: ID!, $k: String) { reportConcern(input: { personId: $p, summary: \"Cries in the corridor\", riskLevel: LOW, idempotencyKey: $k }) { id reportOutcome } }";

    /// <summary>A psychology teacher of the demo school's counselling centre (whole school), to find and read the real cases.</summary>
    private async Task<string> Rt177PsychAsync()
    {
        await StaffMembers.DemoSchoolPsychologistAsync(factory, _client, "psych-rt17@demo-school");
        return factory.TokenFor("psych-rt17@demo-school", "demo-school", Roles.Counsellor);
    }

    private async Task<JsonNode> ReportAsync(string person, string token, string? key = null, string query = Report) =>
        (await _client.PostAsync(School, query, new { p = person, k = key }, token)).EnsureNoErrors().Data!["reportConcern"]!;

    private async Task<string> OpenCaseOfAsync(string person, string psych) =>
        (await _client.PostAsync(School, "query($p: ID!) { cases(filter: { person: $p, open: true }) { nodes { id } } }", new { p = person }, psych))
            .EnsureNoErrors().Data!["cases"]!["nodes"]!.AsArray().Single()!["id"]!.GetValue<string>();

    /// <summary>The repro kept skipped in RedTeamRound17OpenShould until this fix, unchanged but for RECEIVED asserted on both.</summary>
    [Fact]
    public async Task Answer_case_staff_alike_whether_their_report_opened_or_joined_a_case_RT17_7()
    {
        var psych = await Rt177PsychAsync();
        var withCase = await DemoStudents.NewAsync(_client, psych);
        var withoutCase = await DemoStudents.NewAsync(_client, psych);
        (await _client.PostAsync(School, "mutation($p: ID!) { reportConcern(input: { personId: $p, summary: \"Self-harm marks seen in PE\", riskLevel: HIGH }) { id } }",
            new { p = withCase }, psych)).EnsureNoErrors();
        var teacher = factory.TokenFor($"homeroom-{Guid.NewGuid():N}@demo-school", "demo-school", Roles.Caseworker);

        var joined = (await ReportAsync(withCase, teacher))["reportOutcome"]!.GetValue<string>();
        var opened = (await ReportAsync(withoutCase, teacher))["reportOutcome"]!.GetValue<string>();

        Assert.Equal(opened, joined);
        Assert.Equal("RECEIVED", opened);
    }

    /// <summary>
    /// Every channel for the homeroom teacher of class 8-2 reporting a pupil of class 8-1 who has no case: the answer and a keyed
    /// retry are one receipt, myReports shows it RECEIVED while the case is being handled, and the case opened stays closed to
    /// them — case(id), the cases list, myTasks and the rule subscriptions and webhooks ask (HasNeedToKnow); a call they convert
    /// shows them their receipt. The homeroom teacher of class 8-1 is still answered with the case.
    /// </summary>
    [Fact]
    public async Task Answer_a_teacher_of_another_class_with_a_receipt_on_every_channel_and_open_them_nothing_RT17_7()
    {
        var psych = await Rt177PsychAsync();
        var student = await DemoStudents.NewAsync(_client, psych); // class 8-1
        var teacher = factory.TokenFor("teacher2@demo-school", "demo-school", Roles.Caseworker); // homeroom teacher of class 8-2
        var key = "rt177-" + Guid.NewGuid().ToString("N");

        var first = await ReportAsync(student, teacher, key);
        var retry = await ReportAsync(student, teacher, key);

        var receiptId = first["id"]!.GetValue<string>();
        Assert.StartsWith("rcpt-", receiptId, StringComparison.Ordinal);
        Assert.Equal((receiptId, "RECEIVED"), (retry["id"]!.GetValue<string>(), retry["reportOutcome"]!.GetValue<string>()));
        Assert.Equal("RECEIVED", first["reportOutcome"]!.GetValue<string>());
        var caseId = await OpenCaseOfAsync(student, psych);
        (await _client.PostAsync(School, "mutation($id: ID!) { triageCase(id: $id, reason: \"spoke with the pupil\") { status } }", new { id = caseId }, psych)).EnsureNoErrors();
        var timeline = (await _client.PostAsync(School, "query($id: ID!) { case(id: $id) { reportedBy timeline { action reason } } }", new { id = caseId }, psych)).EnsureNoErrors().Data!["case"]!;
        Assert.Equal("teacher2@demo-school", timeline["reportedBy"]!.GetValue<string>());
        Assert.Contains(timeline["timeline"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "ReceiptGiven" && e["reason"]!.GetValue<string>() == $"receipt {receiptId}");

        var read = await _client.PostAsync(School, "query($id: ID!) { case(id: $id) { summary } }", new { id = caseId }, teacher);
        Assert.Equal(("FORBIDDEN", "need-to-know"), (read.FirstCode, read.Errors![0]!["extensions"]!["rule"]!.GetValue<string>()));
        Assert.DoesNotContain("Cries", read.Body!.ToJsonString(), StringComparison.Ordinal);
        var listed = (await _client.PostAsync(School, "query($p: ID!) { cases(filter: { person: $p }) { nodes { id } } }", new { p = student }, teacher)).EnsureNoErrors();
        Assert.Empty(listed.Data!["cases"]!["nodes"]!.AsArray());
        var tasks = (await _client.PostAsync(School, "{ myTasks(first: 100) { nodes { caseId } } }", token: teacher)).EnsureNoErrors();
        Assert.DoesNotContain(tasks.Data!["myTasks"]!["nodes"]!.AsArray(), n => n!["caseId"]!.GetValue<string>() == caseId);
        var mine = (await _client.PostAsync(School, "{ myReports(first: 100) { nodes { caseId outcome status } } }", token: teacher)).EnsureNoErrors();
        var entry = Assert.Single(mine.Data!["myReports"]!["nodes"]!.AsArray(), n => n!["caseId"]!.GetValue<string>() == receiptId)!;
        Assert.Equal(("RECEIVED", "RECEIVED"), (entry["outcome"]!.GetValue<string>(), entry["status"]!.GetValue<string>()));
        Assert.DoesNotContain(mine.Data!["myReports"]!["nodes"]!.AsArray(), n => n!["caseId"]!.GetValue<string>() == caseId);
        Assert.False(await HasNeedToKnowAsync(caseId, new Actor("teacher2@demo-school", [Roles.Caseworker])));

        // A call the teacher converts into a concern about another pupil of class 8-1: their receipt, not the case's id.
        var other = await DemoStudents.NewAsync(_client, psych);
        var call = (await _client.PostAsync(School, "mutation { logCall(input: { channel: HOTLINE, summary: \"A mother worried about her son\", riskLevel: MODERATE }) { id } }", token: teacher))
            .EnsureNoErrors().Data!["logCall"]!["id"]!.GetValue<string>();
        var shown = (await _client.PostAsync(School, "mutation($id: ID!, $p: ID!) { convertCallToConcern(id: $id, personId: $p) { caseId } }", new { id = call, p = other }, teacher))
            .EnsureNoErrors().Data!["convertCallToConcern"]!["caseId"]!.GetValue<string>();
        Assert.StartsWith("rcpt-", shown, StringComparison.Ordinal);
        var callCase = await OpenCaseOfAsync(other, psych);
        Assert.Equal(callCase, (await _client.PostAsync(School, "query($id: ID!) { call(id: $id) { caseId } }", new { id = call }, psych)).EnsureNoErrors().Data!["call"]!["caseId"]!.GetValue<string>());
        Assert.Equal("FORBIDDEN", (await _client.PostAsync(School, "query($id: ID!) { case(id: $id) { id } }", new { id = callCase }, teacher)).FirstCode);

        // The homeroom teacher of the pupil's own class keeps the case and OPENED_NEW_CASE (the residual: level 1 of the warning).
        var own = factory.TokenFor("homeroom-8-1@demo-school", "demo-school", Roles.Caseworker);
        var third = await DemoStudents.NewAsync(_client, psych);
        var opened = await ReportAsync(third, own);
        Assert.Equal("OPENED_NEW_CASE", opened["reportOutcome"]!.GetValue<string>());
        (await _client.PostAsync(School, "query($id: ID!) { case(id: $id) { summary } }", new { id = opened["id"]!.GetValue<string>() }, own)).EnsureNoErrors();
    }

    /// <summary>
    /// A Counsellor of no unit grading a report HIGH used to become the case's owner by the high-risk protocol, which
    /// opens the case whatever the unit: now the protocol gives it to the level-3 queue, and they get a receipt. A volunteer
    /// of no unit gets a receipt too, and so does one registered with the counselling centre: Volunteer is a front-line role,
    /// so membership of the centre does not widen their scope to the school's classes (docs/access.md "Receipts for reporters").
    /// </summary>
    [Fact]
    public async Task Keep_a_counsellor_or_volunteer_outside_the_pupils_unit_off_the_case_they_report_RT17_7()
    {
        var psych = await Rt177PsychAsync();
        var student = await DemoStudents.NewAsync(_client, psych);
        var stranger = factory.TokenFor($"counsellor-{Guid.NewGuid():N}@demo-school", "demo-school", Roles.Counsellor);

        var high = await ReportAsync(student, stranger, query: Report.Replace("riskLevel: LOW", "riskLevel: HIGH", StringComparison.Ordinal));

        Assert.Equal("RECEIVED", high["reportOutcome"]!.GetValue<string>());
        var caseId = await OpenCaseOfAsync(student, psych);
        var seen = (await _client.PostAsync(School, "query($id: ID!) { case(id: $id) { assigneeId escalationLevel } }", new { id = caseId }, psych)).EnsureNoErrors().Data!["case"]!;
        Assert.Equal(("queue:level-3", 3), (seen["assigneeId"]!.GetValue<string>(), seen["escalationLevel"]!.GetValue<int>()));
        Assert.Equal("FORBIDDEN", (await _client.PostAsync(School, "query($id: ID!) { case(id: $id) { id } }", new { id = caseId }, stranger)).FirstCode);

        var volunteer = factory.TokenFor($"volunteer-{Guid.NewGuid():N}@demo-school", "demo-school", Roles.Volunteer);
        Assert.Equal("RECEIVED", (await ReportAsync(await DemoStudents.NewAsync(_client, psych), volunteer))["reportOutcome"]!.GetValue<string>());
        var centreSub = $"centre-volunteer-{Guid.NewGuid():N}@demo-school";
        await StaffMembers.AddAsync(factory, _client, "demo-school", centreSub, "counselling-centre", "PartTimeCounsellor", "CounsellingCertificate");
        var centre = factory.TokenFor(centreSub, "demo-school", Roles.Volunteer);
        var reported = await ReportAsync(await DemoStudents.NewAsync(_client, psych), centre);
        Assert.Equal("RECEIVED", reported["reportOutcome"]!.GetValue<string>());
        Assert.StartsWith("rcpt-", reported["id"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private async Task<bool> HasNeedToKnowAsync(string caseId, Actor viewer)
    {
        TenantContext.Set("demo-school");
        try
        {
            return await factory.Services.GetRequiredService<IGrainFactory>().GetGrain<ICaseGrain>(TenantIds.Key("demo-school", caseId)).HasNeedToKnow(viewer);
        }
        finally
        {
            TenantContext.Clear();
        }
    }
}
