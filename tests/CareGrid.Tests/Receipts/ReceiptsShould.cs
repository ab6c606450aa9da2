using System.Text.Json.Nodes;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Tests.Receipts;

/// <summary>
/// Receipts for reporters (docs/access.md "Receipts for reporters", R-7.5): a class psychology committee member (role
/// Reporter) reports and then sees only a receipt — case id, when, RECEIVED until CLOSED, the date of the last change — as
/// staff work the case; never the case itself, nor whether their concern opened a case or joined one already open. Staff
/// who report see OPENED_NEW_CASE / JOINED_OPEN_CASE and RECEIVED → BEING_HANDLED → CLOSED.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class ReceiptsShould(CareGridApiFactory factory)
{
    private const string Path = "/t/demo-school/graphql";
    private const string MyReports = "{ myReports { nodes { caseId reportedAt outcome status updatedOn } pageInfo { hasNextPage endCursor } } }";
    private readonly GraphQLClient _client = factory.GraphQL();

    /// <summary>The school's psychology teacher: a member of the counselling centre, which serves the whole school (R-4.3).</summary>
    private async Task<string> PsychologyTeacherAsync()
    {
        await StaffMembers.AddAsync(factory, _client, "demo-school", "psych-receipts@demo-school", "counselling-centre", "PsychologyTeacher",
            "RelevantDegree", "CounsellingCertificate");
        return factory.TokenFor("psych-receipts@demo-school", "demo-school", Roles.Counsellor);
    }

    /// <summary>
    /// A class psychology committee member of class 8-1 (role Reporter, R-7.5), where DemoStudents registers students: a caller
    /// without a case-staff role reports by number only people of their units (docs/access.md "Receipts for reporters").
    /// </summary>
    private async Task<string> CommitteeMemberAsync()
    {
        var subject = $"committee-{Guid.NewGuid():N}@demo-school";
        await StaffMembers.AddAsync(factory, _client, "demo-school", subject, "class-8-1", "PsychologyCommitteeMember");
        return factory.TokenFor(subject, "demo-school", Roles.Reporter);
    }

    [Fact]
    public async Task Show_a_reporter_a_receipt_that_stays_received_until_closed_and_staff_the_progress()
    {
        var psych = await PsychologyTeacherAsync();
        var committee = await CommitteeMemberAsync();
        var student = await DemoStudents.NewAsync(_client, psych);
        var receiptId = await ReportAsync(committee, student, "HIGH");
        var caseId = await OpenCaseOfAsync(psych, student);

        var received = await ReceiptsAsync(committee);
        var receipt = Assert.Single(received);
        Assert.Equal(receiptId, receipt["caseId"]!.GetValue<string>());
        Assert.Equal("RECEIVED", receipt["status"]!.GetValue<string>());
        Assert.Equal("RECEIVED", receipt["outcome"]!.GetValue<string>());
        Assert.Equal(factory.Clock.GetUtcNow(), receipt["reportedAt"]!.GetValue<DateTimeOffset>());
        // The date of the last change in the tenant's time zone (demo-school: Asia/Shanghai).
        var local = TimeZoneInfo.ConvertTime(factory.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        Assert.Equal(local.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), receipt["updatedOn"]!.GetValue<string>());

        // The case itself stays closed to a Reporter: a role refusal, not data.
        foreach (var id in new[] { caseId, receiptId })
        {
            var refused = await _client.PostAsync(Path, $"{{ case(id: \"{id}\") {{ summary }} }}", token: committee);
            Assert.Equal("FORBIDDEN", refused.FirstCode);
            Assert.Null(refused.Data?["case"]);
        }

        // A day later the case is worked: the Reporter's receipt keeps the day of the report, or the date would tell that
        // (round-33 red team F4); the staff who work it see the day of the change.
        factory.Clock.Advance(TimeSpan.FromDays(2));
        await StaffAsync(psych, $"mutation {{ triageCase(id: \"{caseId}\", reason: \"psychology teacher saw the student\") {{ status }} }}");
        // Being handled would tell a later joining reporter that the person had an open case: a Reporter sees RECEIVED; staff see the progress.
        var held = Assert.Single(await ReceiptsAsync(committee));
        Assert.Equal(("RECEIVED", local.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), (held["status"]!.GetValue<string>(), held["updatedOn"]!.GetValue<string>()));
        Assert.Equal(caseId, await ReportAsync(psych, student, "LOW")); // the psychology teacher is on the case's need-to-know list
        var staffReceipt = Assert.Single(await ReceiptsAsync(psych), r => r!["caseId"]!.GetValue<string>() == caseId);
        Assert.Equal(("JOINED_OPEN_CASE", "BEING_HANDLED"), (staffReceipt["outcome"]!.GetValue<string>(), staffReceipt["status"]!.GetValue<string>()));
        var worked = TimeZoneInfo.ConvertTime(factory.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        Assert.Equal(worked.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), staffReceipt["updatedOn"]!.GetValue<string>());

        await StaffAsync(psych, $"mutation {{ assessRisk(id: \"{caseId}\", riskLevel: LOW, reason: \"talked with the student and the guardian, safe plan in place\") {{ riskLevel }} }}");
        await StaffAsync(psych, $"mutation {{ closeCase(id: \"{caseId}\", reason: \"resolved after counselling\") {{ status }} }}");
        var closed = Assert.Single(await ReceiptsAsync(committee));
        Assert.Equal(("CLOSED", worked.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), (closed["status"]!.GetValue<string>(), closed["updatedOn"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Give_a_reporter_whose_concern_joined_an_open_case_a_receipt_of_that_case()
    {
        var psych = await PsychologyTeacherAsync();
        var first = await CommitteeMemberAsync();
        var second = await CommitteeMemberAsync();
        var student = await DemoStudents.NewAsync(_client, psych);
        var firstId = await ReportAsync(first, student, "HIGH");

        var joined = await _client.PostAsync(Path,
            $"mutation {{ reportConcern(input: {{ personId: \"{student}\", summary: \"Also crying in class\", riskLevel: MODERATE }}) {{ id reportOutcome }} }}", token: second);
        Assert.Equal("RECEIVED", joined.EnsureNoErrors().Data!["reportConcern"]!["reportOutcome"]!.GetValue<string>());
        var secondId = joined.Data!["reportConcern"]!["id"]!.GetValue<string>();

        var receipt = Assert.Single(await ReceiptsAsync(second));
        Assert.Equal(secondId, receipt["caseId"]!.GetValue<string>());
        Assert.Equal("RECEIVED", receipt["outcome"]!.GetValue<string>());
        Assert.Equal("RECEIVED", receipt["status"]!.GetValue<string>());
        Assert.Equal("RECEIVED", Assert.Single(await ReceiptsAsync(first))["outcome"]!.GetValue<string>());

        // Each reporter sees only their own receipts.
        Assert.Equal(firstId, Assert.Single(await ReceiptsAsync(first))["caseId"]!.GetValue<string>());
        Assert.Empty(await ReceiptsAsync(factory.TokenFor($"committee-{Guid.NewGuid():N}@demo-school", "demo-school", Roles.Reporter)));
    }

    [Fact]
    public async Task Tell_case_staff_outside_the_need_to_know_list_received_never_joined_open_case()
    {
        // Round 16 red team F15: a homeroom teacher of another class (Caseworker, not on the case's list) reports about a
        // student whose case is open; JOINED_OPEN_CASE or BEING_HANDLED would tell them the student already had a case.
        var psych = await PsychologyTeacherAsync();
        var student = await DemoStudents.NewAsync(_client, psych);
        var caseId = await ReportAsync(psych, student, "HIGH");
        await StaffAsync(psych, $"mutation {{ triageCase(id: \"{caseId}\", reason: \"psychology teacher saw the student\") {{ status }} }}");
        var teacher = factory.TokenFor($"homeroom-{Guid.NewGuid():N}@demo-school", "demo-school", Roles.Caseworker);
        const string report = "mutation($p: ID!) { reportConcern(input: { personId: $p, summary: \"Cries in the corridor\", riskLevel: LOW, idempotencyKey: \"homeroom-1\" }) { id reportOutcome } }";

        var first = (await _client.PostAsync(Path, report, new { p = student }, teacher)).EnsureNoErrors().Data!["reportConcern"]!;
        var retry = (await _client.PostAsync(Path, report, new { p = student }, teacher)).EnsureNoErrors().Data!["reportConcern"]!;

        Assert.Equal(("RECEIVED", "RECEIVED"), (first["reportOutcome"]!.GetValue<string>(), retry["reportOutcome"]!.GetValue<string>()));
        // Its own id, not the case's (round 16 F3), the same on a retry, and shown by myReports.
        var receiptId = first["id"]!.GetValue<string>();
        Assert.NotEqual(caseId, receiptId);
        Assert.Equal(receiptId, retry["id"]!.GetValue<string>());
        var receipt = Assert.Single(await ReceiptsAsync(teacher));
        Assert.Equal(receiptId, receipt["caseId"]!.GetValue<string>());
        Assert.Equal(("RECEIVED", "RECEIVED"), (receipt["outcome"]!.GetValue<string>(), receipt["status"]!.GetValue<string>()));
        var staffReceipt = Assert.Single(await ReceiptsAsync(psych), r => r!["caseId"]!.GetValue<string>() == caseId);
        Assert.Equal(("OPENED_NEW_CASE", "BEING_HANDLED"), (staffReceipt["outcome"]!.GetValue<string>(), staffReceipt["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Give_each_report_its_own_receipt_id_so_reporters_cannot_compare_case_ids()
    {
        // Round 16 red team F3: a receipt's id was the case's, so two reports on one person gave the same id.
        var psych = await PsychologyTeacherAsync();
        var first = await CommitteeMemberAsync();
        var second = await CommitteeMemberAsync();
        var student = await DemoStudents.NewAsync(_client, psych);

        var one = await ReportAsync(first, student, "HIGH");
        var two = await ReportAsync(second, student, "LOW"); // joins the case the first report opened
        var again = await ReportAsync(first, student, "LOW"); // the same reporter again

        Assert.NotEqual(one, two);
        Assert.NotEqual(one, again);
        Assert.NotEqual(one, Assert.Single(await ReceiptsAsync(second))["caseId"]!.GetValue<string>());
        Assert.Equal(two, Assert.Single(await ReceiptsAsync(second))["caseId"]!.GetValue<string>());
        Assert.Equal([again, one], (await ReceiptsAsync(first)).Select(r => r["caseId"]!.GetValue<string>()));
        var caseId = await OpenCaseOfAsync(psych, student);
        Assert.All(new[] { one, two, again }, id => Assert.StartsWith("rcpt-", id, StringComparison.Ordinal));
        Assert.DoesNotContain(caseId, new[] { one, two, again });

        // The school finds the case from the receipt a caller quotes: the case's timeline notes each receipt, by its reporter.
        var timeline = (await _client.PostAsync(Path, $"{{ case(id: \"{caseId}\") {{ timeline {{ actor action reason }} }} }}", token: psych))
            .EnsureNoErrors().Data!["case"]!["timeline"]!.AsArray().Where(e => e!["action"]!.GetValue<string>() == "ReceiptGiven")
            .Select(e => e!["reason"]!.GetValue<string>()).ToList();
        Assert.Equal([$"receipt {one}", $"receipt {two}", $"receipt {again}"], timeline);
    }

    [Fact]
    public async Task Refuse_a_separate_case_to_a_report_only_caller_and_open_nothing()
    {
        var psych = await PsychologyTeacherAsync();
        var committee = await CommitteeMemberAsync();
        var student = await DemoStudents.NewAsync(_client, psych);
        var caseId = await ReportAsync(psych, student, "MODERATE");
        const string separate = "mutation($p: ID!) { reportConcern(input: { personId: $p, summary: \"Fight after school\", separateCase: true, separateCaseReason: \"a different matter\" }) { id reportOutcome } }";

        var refused = await _client.PostAsync(Path, separate, new { p = student }, committee);
        Assert.Equal("FORBIDDEN", refused.FirstCode);
        Assert.Equal("separateCase", refused.Errors![0]!["extensions"]!["field"]!.GetValue<string>());
        Assert.Contains("separateCase", refused.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(refused.Data?["reportConcern"]);
        Assert.Empty(await ReceiptsAsync(committee));

        // Staff still decide on separate cases.
        var opened = (await _client.PostAsync(Path, separate, new { p = student }, psych)).EnsureNoErrors().Data!["reportConcern"]!;
        Assert.NotEqual(caseId, opened["id"]!.GetValue<string>());
        Assert.Equal("OPENED_NEW_CASE", opened["reportOutcome"]!.GetValue<string>());
    }

    /// <summary>
    /// Round 22 red team: a homeroom teacher of another class, answered with a receipt, still opened a separate case about a
    /// pupil and wrote a note on the pupil's open case. Now <c>separateCase</c> needs a scope that covers the pupil's unit,
    /// and the refusal is the same whether the pupil has an open case or not (it must not tell which).
    /// </summary>
    [Fact]
    public async Task Refuse_a_separate_case_to_staff_of_another_class_whether_or_not_the_person_has_an_open_case()
    {
        var psych = await PsychologyTeacherAsync();
        var other = $"homeroom-8-2-{Guid.NewGuid():N}@demo-school";
        await StaffMembers.AddAsync(factory, _client, "demo-school", other, "class-8-2", "HomeroomTeacher");
        var otherClass = factory.TokenFor(other, "demo-school", Roles.Caseworker);
        var own = $"homeroom-8-1-{Guid.NewGuid():N}@demo-school";
        await StaffMembers.AddAsync(factory, _client, "demo-school", own, "class-8-1", "HomeroomTeacher");
        var ownClass = factory.TokenFor(own, "demo-school", Roles.Caseworker);
        var withCase = await DemoStudents.NewAsync(_client, psych); // class 8-1
        var withoutCase = await DemoStudents.NewAsync(_client, psych);
        var caseId = await ReportAsync(psych, withCase, "MODERATE");
        const string separate = "mutation($p: ID!) { reportConcern(input: { personId: $p, summary: \"Fight after school\", riskLevel: HIGH, separateCase: true, separateCaseReason: \"a different matter\" }) { id reportOutcome } }";

        var refusedWith = await _client.PostAsync(Path, separate, new { p = withCase }, otherClass);
        var refusedWithout = await _client.PostAsync(Path, separate, new { p = withoutCase }, otherClass);
        foreach (var refused in new[] { refusedWith, refusedWithout })
        {
            Assert.Equal("FORBIDDEN", refused.FirstCode);
            Assert.Equal("separateCase", refused.Errors![0]!["extensions"]!["field"]!.GetValue<string>());
            Assert.Contains("另立个案", refused.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Null(refused.Data?["reportConcern"]);
        }

        Assert.Equal(refusedWith.Errors![0]!.ToJsonString(), refusedWithout.Errors![0]!.ToJsonString());
        Assert.Equal(caseId, await OpenCaseOfAsync(psych, withCase)); // still one open case, and no note on it
        var timeline = (await _client.PostAsync(Path, $"{{ case(id: \"{caseId}\") {{ timeline {{ action }} }} }}", token: psych)).EnsureNoErrors()
            .Data!["case"]!["timeline"]!.AsArray().Select(e => e!["action"]!.GetValue<string>());
        Assert.DoesNotContain("SeparateCaseOpened", timeline);
        Assert.Empty((await _client.PostAsync(Path, $"{{ cases(filter: {{ person: \"{withoutCase}\" }}) {{ nodes {{ id }} }} }}", token: psych))
            .EnsureNoErrors().Data!["cases"]!["nodes"]!.AsArray());
        Assert.Empty(await ReceiptsAsync(otherClass));
        var denied = (await _client.PostAsync(Path, $"{{ auditLog(filter: {{ actor: \"{other}\", action: \"DENIED\" }}, first: 10) {{ nodes {{ action }} }} }}",
            token: factory.TokenFor("auditor@demo-school", "demo-school", Roles.Auditor))).EnsureNoErrors().Data!["auditLog"]!["nodes"]!.AsArray();
        Assert.Equal(2, denied.Count);

        // The concern itself is still taken from them (a receipt), and the pupil's own homeroom teacher still decides.
        var taken = (await _client.PostAsync(Path, "mutation($p: ID!) { reportConcern(input: { personId: $p, summary: \"Fight after school\" }) { id reportOutcome } }",
            new { p = withCase }, otherClass)).EnsureNoErrors().Data!["reportConcern"]!;
        Assert.Equal("RECEIVED", taken["reportOutcome"]!.GetValue<string>());
        var separated = (await _client.PostAsync(Path, separate, new { p = withCase }, ownClass)).EnsureNoErrors().Data!["reportConcern"]!;
        Assert.Equal("OPENED_NEW_CASE", separated["reportOutcome"]!.GetValue<string>());
        Assert.NotEqual(caseId, separated["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Keep_one_receipt_per_report_page_them_newest_first_and_add_none_for_a_retry()
    {
        var psych = await PsychologyTeacherAsync();
        var teacher = factory.TokenFor($"homeroom-{Guid.NewGuid():N}@demo-school", "demo-school", Roles.Caseworker);
        var a = await ReportAsync(teacher, await DemoStudents.NewAsync(_client, psych), "HIGH");
        const string keyed = "mutation($p: ID!) { reportConcern(input: { personId: $p, summary: \"Skipped meals all week\", riskLevel: HIGH, idempotencyKey: \"receipt-retry-1\" }) { id } }";
        var studentB = await DemoStudents.NewAsync(_client, psych);
        var b = (await _client.PostAsync(Path, keyed, new { p = studentB }, teacher)).EnsureNoErrors().Data!["reportConcern"]!["id"]!.GetValue<string>();
        (await _client.PostAsync(Path, keyed, new { p = studentB }, teacher)).EnsureNoErrors();

        var page1 = (await _client.PostAsync(Path, "{ myReports(first: 1) { nodes { caseId } pageInfo { hasNextPage endCursor } } }", token: teacher)).EnsureNoErrors().Data!["myReports"]!;
        Assert.Equal(b, Assert.Single(page1["nodes"]!.AsArray())!["caseId"]!.GetValue<string>());
        Assert.True(page1["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        var after = page1["pageInfo"]!["endCursor"]!.GetValue<string>();
        var page2 = (await _client.PostAsync(Path, $"{{ myReports(first: 5, after: \"{after}\") {{ nodes {{ caseId }} pageInfo {{ hasNextPage }} }} }}", token: teacher)).EnsureNoErrors().Data!["myReports"]!;
        Assert.Equal(a, Assert.Single(page2["nodes"]!.AsArray())!["caseId"]!.GetValue<string>());
        Assert.False(page2["pageInfo"]!["hasNextPage"]!.GetValue<bool>());

        Assert.Equal("VALIDATION_FAILED", (await _client.PostAsync(Path, "{ myReports(after: \"bm90LWEtbnVtYmVy\") { nodes { caseId } } }", token: teacher)).FirstCode);
        Assert.Equal("VALIDATION_FAILED", (await _client.PostAsync(Path, "{ myReports(first: 0) { nodes { caseId } } }", token: teacher)).FirstCode);
    }

    [Fact]
    public async Task Keep_the_newest_receipts_only()
    {
        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        TenantContext.Set("demo-school");
        try
        {
            var index = grains.GetGrain<IReportReceiptsGrain>(IReportReceiptsGrain.KeyOf("demo-school", $"busy-{Guid.NewGuid():N}@demo-school"));
            for (var i = 1; i <= ReportReceiptsGrain.MaxEntries + 5; i++)
            {
                await index.Add($"case-{i}", ReportOutcome.OpenedNewCase, null, null);
            }

            var page = await index.Page(100, null);
            Assert.Equal(ReportReceiptsGrain.MaxEntries, page.Entries.Count);
            Assert.Equal($"case-{ReportReceiptsGrain.MaxEntries + 5}", page.Entries[0].CaseId);
            Assert.Equal("case-6", page.Entries[^1].CaseId);
            Assert.False(page.HasNextPage);
        }
        finally
        {
            TenantContext.Clear();
        }
    }

    [Fact]
    public async Task Answer_a_report_only_caller_with_a_receipt_never_the_case_also_on_a_later_retry()
    {
        var psych = await PsychologyTeacherAsync();
        var committee = await CommitteeMemberAsync();
        var student = await DemoStudents.NewAsync(_client, psych);
        const string report = "mutation($p: ID!) { reportConcern(input: { personId: $p, summary: \"Hides in the toilets at lunch\", riskLevel: HIGH, idempotencyKey: \"committee-1\" }) { id reportOutcome reportedBy } }";
        var answer = (await _client.PostAsync(Path, report, new { p = student }, committee)).EnsureNoErrors().Data!["reportConcern"]!;
        Assert.Equal("RECEIVED", answer["reportOutcome"]!.GetValue<string>());
        var receiptId = answer["id"]!.GetValue<string>();
        var caseId = await OpenCaseOfAsync(psych, student);
        Assert.NotEqual(caseId, receiptId);

        await StaffAsync(psych, $"mutation {{ logContact(id: \"{caseId}\", channel: PHONE, durationMinutes: 10, notes: \"Spoke with the grandmother\") {{ id }} }}");
        const string retry = "mutation($p: ID!) { reportConcern(input: { personId: $p, summary: \"Hides in the toilets at lunch\", riskLevel: HIGH, idempotencyKey: \"committee-1\" }) { id contacts { notes } tasks { kind } } }";
        var replay = await _client.PostAsync(Path, retry, new { p = student }, committee);
        Assert.Null(replay.Data?["reportConcern"]);
        Assert.NotEmpty(replay.Errors!);
        Assert.All(replay.Errors!, e => Assert.Equal(("FORBIDDEN", "receipt-only"), (e!["extensions"]!["code"]!.GetValue<string>(), e["extensions"]!["rule"]!.GetValue<string>())));
        Assert.All(replay.Errors!, e => Assert.Contains("concern WAS recorded", e!["message"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.All(replay.Errors!, e => Assert.Contains("myReports", e!["message"]!.GetValue<string>(), StringComparison.Ordinal));
        // The committee member (a pupil or a teacher) reads the Chinese: recorded, do not report again, where to look.
        Assert.All(replay.Errors!, e => Assert.Contains(" / 您报告的情况已经记录，请不要重复报告。", e!["message"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.DoesNotContain("grandmother", replay.Body!.ToJsonString());
        var again = (await _client.PostAsync(Path, report, new { p = student }, committee)).EnsureNoErrors().Data!["reportConcern"]!;
        Assert.Equal(receiptId, again["id"]!.GetValue<string>());
        Assert.Equal(receiptId, Assert.Single(await ReceiptsAsync(committee))["caseId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Offer_no_field_for_the_cases_content_risk_names_or_person_and_refuse_roles_that_do_not_report()
    {
        var committee = factory.TokenFor("committee-fields@demo-school", "demo-school", Roles.Reporter);
        var type = (await _client.PostAsync(Path, "{ __type(name: \"ReportReceipt\") { fields { name } } }", token: committee)).EnsureNoErrors();
        var fields = type.Data!["__type"]!["fields"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).Order().ToArray();
        Assert.Equal(["caseId", "outcome", "reportedAt", "status", "updatedOn"], fields);
        foreach (var field in new[] { "summary", "riskLevel", "personId", "reportedBy", "assigneeId" })
        {
            Assert.Equal("GRAPHQL_VALIDATION_FAILED", (await _client.PostAsync(Path, $"{{ myReports {{ nodes {{ {field} }} }} }}", token: committee)).FirstCode);
        }

        var auditor = await _client.PostAsync(Path, MyReports, token: factory.TokenFor("auditor@demo-school", "demo-school", Roles.Auditor));
        Assert.Equal("FORBIDDEN", auditor.FirstCode);
        Assert.Null(auditor.Data?["myReports"]);
        Assert.Equal("UNAUTHENTICATED", (await _client.PostAsync(Path, MyReports)).FirstCode);
    }

    private async Task<string> ReportAsync(string token, string student, string risk) =>
        (await _client.PostAsync(Path, $"mutation {{ reportConcern(input: {{ personId: \"{student}\", summary: \"Said she wants to disappear\", riskLevel: {risk} }}) {{ id }} }}", token: token))
            .EnsureNoErrors().Data!["reportConcern"]!["id"]!.GetValue<string>();

    /// <summary>The id of <paramref name="student"/>'s open case, as the school's staff find it.</summary>
    private async Task<string> OpenCaseOfAsync(string staff, string student) =>
        Assert.Single((await _client.PostAsync(Path, $"{{ cases(filter: {{ person: \"{student}\", open: true }}) {{ nodes {{ id }} }} }}", token: staff))
            .EnsureNoErrors().Data!["cases"]!["nodes"]!.AsArray())!["id"]!.GetValue<string>();

    private async Task<List<JsonNode>> ReceiptsAsync(string token) =>
        [.. (await _client.PostAsync(Path, MyReports, token: token)).EnsureNoErrors().Data!["myReports"]!["nodes"]!.AsArray().Select(n => n!)];

    private async Task StaffAsync(string token, string mutation) => (await _client.PostAsync(Path, mutation, token: token)).EnsureNoErrors();
}
