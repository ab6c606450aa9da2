using System.Net;
using System.Text.Json.Nodes;
using CareGrid.Grains.Mailbox;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Mailbox;

/// <summary>
/// <c>convertMailboxThreadToConcern</c> over HTTP (R-5.2, docs/mailbox.md "Turning a thread into a case"): refused until the
/// writer identifies themself, then one concern through the intake of <c>reportConcern</c>, the thread linked to the case,
/// the writer told in English and Chinese, a second conversion answering the first case; the person in the counsellor's units.
/// </summary>
[Trait("tier", "api")]
public sealed class MailboxConversionApiShould(MailboxApiFactory factory) : IClassFixture<MailboxApiFactory>
{
    private const string Tenant = "demo-school";
    private const string Path = $"/t/{Tenant}/graphql";
    private const string Convert = "mutation($id: ID!, $p: ID!, $r: RiskLevel) { convertMailboxThreadToConcern(id: $id, personId: $p, riskLevel: $r) { id caseId contactMe } }";
    private readonly GraphQLClient _client = factory.GraphQL();

    /// <summary>The demo school's counsellor: a member of the counselling centre, which serves the whole school (R-4.3).</summary>
    private string InScope() => factory.TokenFor("counsellor@demo-school", Tenant, Roles.Counsellor);

    private async Task<(WorryMailboxClient Writer, string Code, string ThreadId)> PostAsync(string address, string text)
    {
        var writer = new WorryMailboxClient(factory.CreateClient(), address);
        var posted = await writer.PostAsync(Tenant, text);
        Assert.Equal(HttpStatusCode.Created, posted.Status);
        var code = posted.Body!["claimCode"]!.GetValue<string>();
        return (writer, code, ClaimCodes.Parse(code)!.ThreadId);
    }

    private async Task<JsonNode?> CaseIdAsync(string threadId) =>
        (await _client.PostAsync(Path, "query($id: ID!) { mailboxThread(id: $id) { caseId } }", new { id = threadId }, InScope())).EnsureNoErrors().Data!["mailboxThread"]!["caseId"];

    [Fact]
    public async Task Refuse_until_the_writer_identifies_themself_then_open_one_case_linked_to_the_thread()
    {
        var student = await DemoStudents.NewAsync(_client, InScope());
        var (writer, code, threadId) = await PostAsync("192.0.2.41", "My parents fight every night and I cannot sleep");

        var refused = await _client.PostAsync(Path, Convert, new { id = threadId, p = student }, InScope());
        Assert.Equal("MAILBOX_WRITER_NOT_IDENTIFIED", refused.FirstCode);
        Assert.Contains("contactMe", refused.Errors![0]!["message"]!.GetValue<string>());
        Assert.Null(await CaseIdAsync(threadId));
        var before = await writer.ReadAsync(Tenant, code);
        Assert.Single(before.Body!["messages"]!.AsArray());

        Assert.Equal(HttpStatusCode.OK, (await writer.ReplyAsync(Tenant, code, "I want to talk.", "Li Hua, class 8-1")).Status);
        var converted = await _client.PostAsync(Path, Convert, new { id = threadId, p = student, r = "MODERATE" }, InScope());
        var caseId = converted.EnsureNoErrors().Data!["convertMailboxThreadToConcern"]!["caseId"]!.GetValue<string>();
        Assert.Equal(caseId, (await CaseIdAsync(threadId))!.GetValue<string>());

        var opened = await _client.PostAsync(Path, "query($id: ID!) { case(id: $id) { personId riskLevel summary } }", new { id = caseId }, InScope());
        var @case = opened.EnsureNoErrors().Data!["case"]!;
        Assert.Equal((student, "MODERATE"), (@case["personId"]!.GetValue<string>(), @case["riskLevel"]!.GetValue<string>()));
        var summary = @case["summary"]!.GetValue<string>();
        Assert.Contains(threadId, summary);
        Assert.Contains("Li Hua, class 8-1", summary);
        Assert.DoesNotContain("parents", summary);

        var again = await _client.PostAsync(Path, Convert, new { id = threadId, p = student, r = "HIGH" }, InScope());
        Assert.Equal(caseId, again.EnsureNoErrors().Data!["convertMailboxThreadToConcern"]!["caseId"]!.GetValue<string>());
        var cases = await _client.PostAsync(Path, $"{{ cases(filter: {{ person: \"{student}\" }}) {{ nodes {{ id riskLevel }} }} }}", token: InScope());
        var only = Assert.Single(cases.EnsureNoErrors().Data!["cases"]!["nodes"]!.AsArray());
        Assert.Equal("MODERATE", only!["riskLevel"]!.GetValue<string>());

        // About another pupil: refused, not answered with the first case as if reported (round-34 red team F3).
        var other = await _client.PostAsync(Path, Convert, new { id = threadId, p = await DemoStudents.NewAsync(_client, InScope()), r = "HIGH" }, InScope());
        Assert.Equal(("ALREADY_EXISTS", "personId"), (other.FirstCode, other.Errors![0]!["extensions"]!["field"]!.GetValue<string>()));

        var read = await writer.ReadAsync(Tenant, code);
        Assert.Equal(["messages", "status"], read.Body!.AsObject().Select(p => p.Key).Order().ToArray());
        var last = read.Body!["messages"]!.AsArray()[^1]!;
        Assert.Equal(("COUNSELLOR", MailboxConversion.WriterNotice), (last["from"]!.GetValue<string>(), last["text"]!.GetValue<string>()));
        Assert.Contains("心理老师会按你的要求联系你", last["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refuse_a_person_outside_the_counsellors_units_and_change_nothing()
    {
        var student = await DemoStudents.NewAsync(_client, InScope());
        var (writer, code, threadId) = await PostAsync("192.0.2.42", "I feel alone at school");
        await writer.ReplyAsync(Tenant, code, "Please contact me.", "Zhang Wei, class 8-1");
        var unassigned = factory.TokenFor("counsellor-nounit@demo-school", Tenant, Roles.Counsellor);

        var refused = await _client.PostAsync(Path, Convert, new { id = threadId, p = student }, unassigned);

        Assert.Equal("FORBIDDEN", refused.FirstCode);
        Assert.Equal("need-to-know", refused.Errors![0]!["extensions"]!["rule"]!.GetValue<string>());
        Assert.Null(await CaseIdAsync(threadId));
        var cases = await _client.PostAsync(Path, $"{{ cases(filter: {{ person: \"{student}\" }}) {{ nodes {{ id }} }} }}", token: InScope());
        Assert.Empty(cases.EnsureNoErrors().Data!["cases"]!["nodes"]!.AsArray());
    }

    /// <summary>
    /// The F3 oracle through the mailbox (round 17): a counsellor whose units cover the person but who is not on the case's
    /// need-to-know list (a colleague took it below level 3) is answered with a receipt, as reportConcern answers them — the
    /// thread shows them the receipt's id, the case's id only to who may open the case, and nothing to another counsellor.
    /// </summary>
    [Fact]
    public async Task Show_the_case_id_on_a_thread_only_to_whom_the_case_opens_and_the_converter_their_receipt()
    {
        var taker = $"psych-taker-{Guid.NewGuid():N}@demo-school";
        await StaffMembers.AddAsync(factory, _client, Tenant, taker, "counselling-centre", "PsychologyTeacher", "RelevantDegree", "CounsellingCertificate");
        var takerToken = factory.TokenFor(taker, Tenant, Roles.Counsellor);
        var student = await DemoStudents.NewAsync(_client, InScope());
        var caseId = (await _client.PostAsync(Path, "mutation($p: ID!) { reportConcern(input: { personId: $p, summary: \"Sleeps in class, withdrawn\", riskLevel: LOW }) { id } }",
            new { p = student }, takerToken)).EnsureNoErrors().Data!["reportConcern"]!["id"]!.GetValue<string>();
        (await _client.PostAsync(Path, "mutation($id: ID!) { takeCase(caseId: $id) { assigneeId } }", new { id = caseId }, takerToken)).EnsureNoErrors();
        var (writer, code, threadId) = await PostAsync("192.0.2.43", "Nobody talks to me");
        await writer.ReplyAsync(Tenant, code, "Please contact me.", "Wang Fang, class 8-1");

        var converted = (await _client.PostAsync(Path, Convert, new { id = threadId, p = student, r = "LOW" }, InScope())).EnsureNoErrors().Data!["convertMailboxThreadToConcern"]!;

        var receipt = converted["caseId"]!.GetValue<string>();
        Assert.StartsWith("rcpt-", receipt, StringComparison.Ordinal);
        Assert.Equal(receipt, (await CaseIdAsync(threadId))!.GetValue<string>());
        var byTaker = await _client.PostAsync(Path, "query($id: ID!) { mailboxThread(id: $id) { caseId } }", new { id = threadId }, takerToken);
        Assert.Equal(caseId, byTaker.EnsureNoErrors().Data!["mailboxThread"]!["caseId"]!.GetValue<string>());
        var other = factory.TokenFor($"psych-other-{Guid.NewGuid():N}@demo-school", Tenant, Roles.Counsellor);
        var byOther = await _client.PostAsync(Path, "query($id: ID!) { mailboxThread(id: $id) { caseId } }", new { id = threadId }, other);
        Assert.Null(byOther.EnsureNoErrors().Data!["mailboxThread"]!["caseId"]);
    }
}
