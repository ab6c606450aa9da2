using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Security;

/// <summary>
/// The F3 oracle through <c>convertCallToConcern</c> (round 17; docs/intake.md "Which caseId a reader sees"): a call converted
/// by a report-only caller, or by case staff off the case's need-to-know list, kept the case's id and showed it to them on
/// <c>Call.caseId</c> and in <c>calls</c> — two calls about one person showing one id told them the person already had an
/// open case. They now see the receipt's own id reportConcern gave them; a professional on the case's list reads the
/// case's id on the call.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class ConversionReceiptsShould(CareGridApiFactory factory)
{
    private const string Path = "/t/demo-school/graphql";
    private readonly GraphQLClient _client = factory.GraphQL();

    /// <summary>A psychology teacher of the counselling centre, which serves the whole school (R-4.3).</summary>
    private async Task<string> PsychAsync()
    {
        await StaffMembers.AddAsync(factory, _client, "demo-school", "psych-convert@demo-school", "counselling-centre", "PsychologyTeacher",
            "RelevantDegree", "CounsellingCertificate");
        return factory.TokenFor("psych-convert@demo-school", "demo-school", Roles.Counsellor);
    }

    private async Task<string> CaseOfAsync(string personId, string psych) =>
        (await _client.PostAsync(Path, "query($p: ID!) { cases(filter: { person: $p, open: true }) { nodes { id } } }", new { p = personId }, psych))
            .EnsureNoErrors().Data!["cases"]!["nodes"]!.AsArray().Single()!["id"]!.GetValue<string>();

    /// <summary>Logs an anonymous call as <paramref name="token"/> and converts it into a concern about <paramref name="personId"/>; returns (call id, caseId shown).</summary>
    private async Task<(string Call, string CaseId)> ConvertAsync(string token, string personId, string summary)
    {
        var call = (await _client.PostAsync(Path, $"mutation {{ logCall(input: {{ channel: HOTLINE, summary: \"{summary}\", riskLevel: MODERATE }}) {{ id }} }}", token: token))
            .EnsureNoErrors().Data!["logCall"]!["id"]!.GetValue<string>();
        var shown = (await _client.PostAsync(Path, "mutation($id: ID!, $p: ID!) { convertCallToConcern(id: $id, personId: $p) { caseId } }", new { id = call, p = personId }, token))
            .EnsureNoErrors().Data!["convertCallToConcern"]!["caseId"]!.GetValue<string>();
        return (call, shown);
    }

    private async Task<string?> CallCaseIdAsync(string call, string token) =>
        (await _client.PostAsync(Path, "query($id: ID!) { call(id: $id) { caseId } }", new { id = call }, token)).EnsureNoErrors().Data!["call"]!["caseId"]?.GetValue<string>();

    [Fact]
    public async Task Show_a_reporter_who_converts_calls_their_receipts_whether_the_call_opened_or_joined_the_case()
    {
        var psych = await PsychAsync();
        var student = await DemoStudents.NewAsync(_client, psych);
        // A committee member of class 8-1, where DemoStudents registers students: a report-only caller converts only about
        // people of their units (docs/access.md "Receipts for reporters").
        var subject = $"committee-{Guid.NewGuid():N}@demo-school";
        await StaffMembers.AddAsync(factory, _client, "demo-school", subject, "class-8-1", "PsychologyCommitteeMember");
        var committee = factory.TokenFor(subject, "demo-school", Roles.Reporter);

        var (first, opened) = await ConvertAsync(committee, student, "A classmate says he gave his things away");
        var (second, joined) = await ConvertAsync(committee, student, "Same classmate, crying at lunch");

        var caseId = await CaseOfAsync(student, psych);
        Assert.All(new[] { opened, joined }, id => Assert.StartsWith("rcpt-", id, StringComparison.Ordinal));
        Assert.NotEqual(opened, joined);
        Assert.Equal((opened, joined), (await CallCaseIdAsync(first, committee), await CallCaseIdAsync(second, committee)));
        var rows = (await _client.PostAsync(Path, "{ calls(first: 100) { nodes { id caseId } } }", token: committee)).EnsureNoErrors().Data!["calls"]!["nodes"]!.AsArray();
        Assert.Equal([opened, joined], rows.Where(r => r!["id"]!.GetValue<string>() is var id && (id == first || id == second))
            .OrderBy(r => r!["id"]!.GetValue<string>() == first ? 0 : 1).Select(r => r!["caseId"]!.GetValue<string>()));
        Assert.Equal(caseId, await CallCaseIdAsync(first, psych)); // on the case's list: the case's id
    }

    [Fact]
    public async Task Show_a_teacher_of_another_class_converting_a_call_into_an_open_case_their_receipt_not_the_case_id()
    {
        var psych = await PsychAsync();
        var student = await DemoStudents.NewAsync(_client, psych); // class 8-1
        (await _client.PostAsync(Path, "mutation($p: ID!) { reportConcern(input: { personId: $p, summary: \"Self-harm marks seen in PE\", riskLevel: HIGH }) { id } }",
            new { p = student }, psych)).EnsureNoErrors();
        var caseId = await CaseOfAsync(student, psych);
        var teacher = factory.TokenFor("teacher2@demo-school", "demo-school", Roles.Caseworker); // homeroom teacher of class 8-2

        var (call, shown) = await ConvertAsync(teacher, student, "A pupil's mother worried about her son");

        Assert.StartsWith("rcpt-", shown, StringComparison.Ordinal);
        Assert.Equal(shown, await CallCaseIdAsync(call, teacher));
        var rows = (await _client.PostAsync(Path, "{ calls(first: 100) { nodes { id caseId } } }", token: teacher)).EnsureNoErrors().Data!["calls"]!["nodes"]!.AsArray();
        Assert.DoesNotContain(rows, r => r!["caseId"]?.GetValue<string>() == caseId);
        Assert.Equal(caseId, await CallCaseIdAsync(call, psych));
    }
}
