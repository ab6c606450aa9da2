using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using CareGrid.Tests.PeopleDirectory;

namespace CareGrid.Tests.Idempotency;

/// <summary>
/// One open case per person (docs/idempotency.md, R-1.5): concurrent reports about one person end in one open case
/// holding both concerns; a separate case needs separateCase and a reason, recorded on both timelines.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class OneOpenCaseShould(CareGridApiFactory factory)
{
    private const string Report = "mutation($in: ReportConcernInput!) { reportConcern(input: $in) { id reportOutcome } }";
    private const int Rounds = 12;

    private readonly DirectoryApi _api = new(factory);

    [Fact]
    public async Task Join_two_concurrent_reports_about_one_person_into_one_open_case_with_the_higher_risk()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "open");
        await _api.CreateOrganizationAsync(tenant, "class-1", "CLASS", "school", 1);
        await ScopedStaffAsync(tenant);
        // Both teachers teach class 1: their scope covers its pupils, so the opener stays on the case it reported (RT17-7).
        await StaffMembers.AddAsync(_api.Factory, _api.Client, tenant, "teacher-a@" + tenant, "class-1", "HomeroomTeacher");
        await StaffMembers.AddAsync(_api.Factory, _api.Client, tenant, "teacher-b@" + tenant, "class-1", "HomeroomTeacher");
        var teacherA = _api.Factory.TokenFor("teacher-a@" + tenant, tenant, Roles.Caseworker);
        var teacherB = _api.Factory.TokenFor("teacher-b@" + tenant, tenant, Roles.Caseworker);
        for (var round = 0; round < Rounds; round++)
        {
            var person = $"stu-{round}";
            await _api.OkAsync(tenant, $"mutation {{ registerPerson(input: {{ id: \"{person}\", displayName: \"S{round}\", organizationId: \"class-1\" }}) {{ id }} }}");
            var answers = await Task.WhenAll(
                _api.PostAsync(tenant, Report, new { @in = new { personId = person, summary = "Cried in class", riskLevel = "LOW" } }, teacherA),
                _api.PostAsync(tenant, Report, new { @in = new { personId = person, summary = "Wrote a farewell note", riskLevel = "HIGH" } }, teacherB));
            var cases = answers.Select(a => a.EnsureNoErrors().Data!["reportConcern"]!).ToList();
            // The teacher whose report joined is not on the case's need-to-know list: told RECEIVED, never JOINED_OPEN_CASE (F15).
            Assert.Equal(["OPENED_NEW_CASE", "RECEIVED"], cases.Select(c => c["reportOutcome"]!.GetValue<string>()).Order());

            var open = await OpenCasesAsync(tenant, person);
            var caseId = Assert.Single(open);
            // The opener is answered with the case; the joiner with a receipt under its own id, never the case's (round 16 F3).
            var ids = cases.OrderBy(c => c["reportOutcome"]!.GetValue<string>()).Select(c => c["id"]!.GetValue<string>()).ToList();
            Assert.Equal(caseId, ids[0]);
            Assert.StartsWith("rcpt-", ids[1], StringComparison.Ordinal);
            var opener = cases[0]["reportOutcome"]!.GetValue<string>() == "OPENED_NEW_CASE" ? teacherA : teacherB;
            var joiner = opener == teacherA ? teacherB : teacherA;
            var psych = _api.As(tenant, Roles.Counsellor);
            foreach (var reader in new[] { opener, psych })
            {
                var read = (await _api.OkAsync(tenant, $"{{ case(id: \"{caseId}\") {{ riskLevel escalationLevel timeline {{ action actor }} tasks {{ kind }} }} }}", token: reader))["case"]!;
                Assert.Equal(("HIGH", 3), (read["riskLevel"]!.GetValue<string>(), read["escalationLevel"]!.GetValue<int>()));
                var concerns = read["timeline"]!.AsArray().Where(e => e!["action"]!.GetValue<string>() is "Report" or "ConcernAdded")
                    .Select(e => e!["actor"]!.GetValue<string>()).Order().ToList();
                Assert.Equal(["teacher-a@" + tenant, "teacher-b@" + tenant], concerns);
                Assert.Contains(read["tasks"]!.AsArray(), t => t!["kind"]!.GetValue<string>() == "PROFESSIONAL_CRISIS_INTERVENTION");
            }

            // The teacher whose concern joined got a receipt, and adding a concern opened nothing to them.
            var refused = await _api.PostAsync(tenant, $"{{ case(id: \"{caseId}\") {{ summary }} }}", token: joiner);
            Assert.Equal("FORBIDDEN", refused.FirstCode);
        }
    }

    [Fact]
    public async Task Answer_a_concern_that_joins_someone_elses_case_with_a_receipt_that_opens_nothing()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "rcpt");
        await _api.CreateOrganizationAsync(tenant, "class-1", "CLASS", "school", 1);
        await ScopedStaffAsync(tenant);
        await _api.OkAsync(tenant, "mutation { registerPerson(input: { id: \"stu-1\", displayName: \"S\", organizationId: \"class-1\" }) { id } }");
        var psych = _api.As(tenant, Roles.Counsellor);
        var opened = (await _api.OkAsync(tenant, Report, new { @in = new { personId = "stu-1", summary = "Self-harm marks seen in PE", riskLevel = "MODERATE" } }, psych))["reportConcern"]!["id"]!.GetValue<string>();
        foreach (var role in new[] { Roles.Caseworker, Roles.Reporter })
        {
            var other = _api.Factory.TokenFor($"other-{role}@" + tenant, tenant, role);
            if (role == Roles.Reporter)
            {
                // A committee member of the class: a caller without a case-staff role reports people of their units (docs/access.md).
                await StaffMembers.AddAsync(_api.Factory, _api.Client, tenant, $"other-{role}@" + tenant, "class-1", "PsychologyCommitteeMember");
            }

            var receipt = (await _api.OkAsync(tenant, "mutation($in: ReportConcernInput!) { reportConcern(input: $in) { id personId reportOutcome reportedBy } }",
                new { @in = new { personId = "stu-1", summary = "Seemed sad" } }, other))["reportConcern"]!;
            // Neither a report-only caller nor case staff outside the case's list is told that the person already had an open
            // case (docs/access.md "Receipts for reporters"; round 16 red team F15).
            // Nor does the receipt carry the case's id: it has its own (round 16 red team F3).
            Assert.Equal("RECEIVED", receipt["reportOutcome"]!.GetValue<string>());
            Assert.NotEqual(opened, receipt["id"]!.GetValue<string>());
            Assert.StartsWith("rcpt-", receipt["id"]!.GetValue<string>(), StringComparison.Ordinal);

            var leak = await _api.PostAsync(tenant, "mutation($in: ReportConcernInput!) { reportConcern(input: $in) { id summary timeline { reason } } }",
                new { @in = new { personId = "stu-1", summary = "Seemed sad again" } }, other);
            Assert.Equal("FORBIDDEN", leak.FirstCode);
            Assert.DoesNotContain("Self-harm", leak.Body!.ToJsonString());
            Assert.Equal("FORBIDDEN", (await _api.PostAsync(tenant, $"{{ case(id: \"{opened}\") {{ summary }} }}", token: other)).FirstCode);
            Assert.Equal("FORBIDDEN", (await _api.PostAsync(tenant, "mutation { recordConsent(personId: \"stu-1\", purpose: PROFESSIONAL_INTERVENTION, decision: REFUSED, givenBy: GUARDIAN) { id } }", token: other)).FirstCode);
        }

        var timeline = (await _api.OkAsync(tenant, $"{{ case(id: \"{opened}\") {{ timeline {{ action }} }} }}", token: psych))["case"]!["timeline"]!.AsArray();
        Assert.Equal(4, timeline.Count(e => e!["action"]!.GetValue<string>() == "ConcernAdded"));
    }

    [Fact]
    public async Task Open_a_separate_case_only_with_a_reason_and_note_it_on_both_timelines()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "sep");
        await _api.CreateOrganizationAsync(tenant, "class-1", "CLASS", "school", 1);
        await ScopedStaffAsync(tenant);
        await _api.OkAsync(tenant, "mutation { registerPerson(input: { id: \"stu-1\", displayName: \"S\", organizationId: \"class-1\" }) { id } }");
        var psych = _api.As(tenant, Roles.Counsellor);
        var first = (await _api.OkAsync(tenant, Report, new { @in = new { personId = "stu-1", summary = "Anxious" } }, psych))["reportConcern"]!["id"]!.GetValue<string>();

        var noReason = await _api.PostAsync(tenant, Report, new { @in = new { personId = "stu-1", summary = "Bullied", separateCase = true } }, psych);
        Assert.Equal(("VALIDATION_FAILED", "separateCaseReason"), (noReason.FirstCode, noReason.Errors![0]!["extensions"]!["field"]!.GetValue<string>()));
        var garbled = await _api.PostAsync(tenant, Report, new { @in = new { personId = "stu-1", summary = "Bullied \uFFFD" } }, psych);
        Assert.Equal(("VALIDATION_FAILED", "summary"), (garbled.FirstCode, garbled.Errors![0]!["extensions"]!["field"]!.GetValue<string>()));
        Assert.Equal(["Report", "Intake", "TaskCreated"], await ActionsAsync(tenant, first, psych)); // reported ungraded: its GRADE_RISK task

        var separate = (await _api.OkAsync(tenant, Report, new { @in = new { personId = "stu-1", summary = "Bullied by an adult", separateCase = true,
            separateCaseReason = "Safeguarding matter handled by another team" } }, psych))["reportConcern"]!;
        Assert.Equal("OPENED_NEW_CASE", separate["reportOutcome"]!.GetValue<string>());
        var second = separate["id"]!.GetValue<string>();
        Assert.NotEqual(first, second);
        Assert.Equal([first, second], (await OpenCasesAsync(tenant, "stu-1")).Order());
        Assert.Contains("SeparateCaseOpened", await ActionsAsync(tenant, first, psych));
        Assert.Contains("SeparateCase", await ActionsAsync(tenant, second, psych));

        // A later concern joins the first open case; once it closes, the separate one.
        var joined = (await _api.OkAsync(tenant, Report, new { @in = new { personId = "stu-1", summary = "Skipped lunch" } }, psych))["reportConcern"]!;
        Assert.Equal((first, "JOINED_OPEN_CASE"), (joined["id"]!.GetValue<string>(), joined["reportOutcome"]!.GetValue<string>()));
        await _api.OkAsync(tenant, $"mutation {{ triageCase(id: \"{first}\") {{ id }} }}", token: psych);
        await _api.OkAsync(tenant, $"mutation {{ assessRisk(id: \"{first}\", riskLevel: LOW, reason: \"talked it through\") {{ id }} }}", token: psych); // reported ungraded: graded before it closes (RT17-5)
        await _api.OkAsync(tenant, $"mutation {{ closeCase(id: \"{first}\", reason: \"resolved\") {{ id }} }}", token: psych);
        var after = (await _api.OkAsync(tenant, Report, new { @in = new { personId = "stu-1", summary = "Sad again" } }, psych))["reportConcern"]!;
        Assert.Equal((second, "JOINED_OPEN_CASE"), (after["id"]!.GetValue<string>(), after["reportOutcome"]!.GetValue<string>()));
    }

    /// <summary>
    /// The supervisor (leadership group) and the psychology teacher (counselling centre) are members of units that serve the
    /// whole school, so their queue and level reach the school's cases (docs/access.md, need-to-know by organization).
    /// </summary>
    private async Task ScopedStaffAsync(string tenant)
    {
        await StaffMembers.AddAsync(_api.Factory, _api.Client, tenant, "supervisor@" + tenant, "leadership", "LeadershipGroupLeader");
        await StaffMembers.AddAsync(_api.Factory, _api.Client, tenant, "counsellor@" + tenant, "counselling-centre", "PsychologyTeacher", "RelevantDegree", "CounsellingCertificate");
    }

    private async Task<List<string>> OpenCasesAsync(string tenant, string person)
    {
        var list = await _api.OkAsync(tenant, $"{{ cases(filter: {{ person: \"{person}\", open: true }}) {{ nodes {{ id }} }} }}", token: _api.As(tenant, Roles.Supervisor));
        return list["cases"]!["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).ToList();
    }

    private async Task<List<string>> ActionsAsync(string tenant, string caseId, string token) =>
        (await _api.OkAsync(tenant, $"{{ case(id: \"{caseId}\") {{ timeline {{ action }} }} }}", token: token))["case"]!["timeline"]!.AsArray()
            .Select(e => e!["action"]!.GetValue<string>()).ToList();
}
