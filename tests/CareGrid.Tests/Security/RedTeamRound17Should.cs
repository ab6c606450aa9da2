using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using CareGrid.Tests.PeopleDirectory;

namespace CareGrid.Tests.Security;

/// <summary>
/// Round 17 red team, the findings fixed in the same round: a deadline bound dodged with working days (RT17-1), a minor's
/// own grant counting after the age of consent was raised (RT17-4), an ungraded case closed unassessed (RT17-5), a report
/// about a person of a closed unit refused at intake (RT17-6), a case reopened under a closed unit (RT17-2); and, fixed
/// after the round, a high-risk deadline stretched by a run of holidays (RT17-9), the unit-scoped person fields telling a
/// missing 学号 from a foreign one (RT17-3), nextActions disagreeing with the gate (RT17-8) and RECEIVED telling case staff
/// of another unit that a case exists (RT17-7, RedTeamRound17Should.ReportOracle.cs). Each test failed on the code before its fix.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed partial class RedTeamRound17Should(CareGridApiFactory factory)
{
    private readonly DirectoryApi _api = new(factory);
    private readonly GraphQLClient _client = factory.GraphQL();

    /// <summary>
    /// RT17-1 (F13 dodged by unit choice): NOTIFY_FAMILY_EMERGENCY_CONTACT ("at once", at most 24 h) accepts 1 WORKING_DAYS,
    /// whose nominal length is 24 h but which on the tenant's calendar runs over weekends and holidays (a Friday-evening
    /// escalation over Golden Week falls due 8+ days later); the same for 3 WORKING_DAYS of crisis intervention (72 h bound).
    /// The bound must refuse working days for the kinds bounded in hours (or measure working days by their longest stretch).
    /// </summary>
    [Theory]
    [InlineData("NOTIFY_FAMILY_EMERGENCY_CONTACT", 1)]
    [InlineData("POLICE_TRANSPORT_ASSISTANCE", 1)]
    [InlineData("PROFESSIONAL_CRISIS_INTERVENTION", 3)]
    public async Task Refuse_working_days_for_a_kind_bounded_in_hours_RT17_1(string kind, int days)
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "rt17-dl");
        var answer = await _api.PostAsync(tenant, $"mutation {{ setProtocolDeadline(kind: {kind}, amount: {days}, unit: WORKING_DAYS) {{ timeZone }} }}");

        Assert.Equal(("VALIDATION_FAILED", "deadline-bound"), (answer.FirstCode, answer.Errors?[0]?["extensions"]?["rule"]?.GetValue<string>()));
    }

    /// <summary>
    /// RT17-9 (F13 dodged by the calendar): the bound measures WORKING_DAYS by their nominal length and setWorkingCalendar
    /// takes any number of holidays, so a TenantAdmin who declared a month of holidays (or imported a calendar with a wrong
    /// range) turned "guide to a psychiatric institution at once" (R-1.5, R-1.10; default 3 working days, bound 5) into a
    /// deadline more than a month away on a HIGH case — no overdue escalation for weeks. Every protocol task's due time is now
    /// also capped in elapsed time per kind (ProtocolDeadlineBounds.CalendarCap: 14 days for the guidance task), and the
    /// API shows the capped due time with the cap noted on the timeline.
    /// </summary>
    [Fact]
    public async Task Keep_a_high_risk_guidance_deadline_within_two_weeks_whatever_the_holidays_RT17_9()
    {
        var tenant = await _api.SchoolWithStudentAsync("rt17-holidays");
        await StaffMembers.SchoolPsychologistAsync(factory, _client, tenant, $"psych@{tenant}"); // stays on the case they report (RT17-7)
        var psych = factory.TokenFor($"psych@{tenant}", tenant, Roles.Counsellor);
        var now = factory.Clock.GetUtcNow();
        var shanghaiToday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        var holidays = Enumerable.Range(0, 40).Select(d => shanghaiToday.AddDays(d).ToString("yyyy-MM-dd"));
        await _api.OkAsync(tenant, $"mutation {{ setWorkingCalendar(holidays: [{string.Join(", ", holidays.Select(h => $"\"{h}\""))}]) {{ timeZone }} }}");

        var reported = (await _api.OkAsync(tenant, "mutation { reportConcern(input: { personId: \"ext-S1\", summary: \"Said she wants to die\", riskLevel: HIGH }) { id tasks { kind dueAt } } }", token: psych))["reportConcern"]!;

        var guide = reported["tasks"]!.AsArray().Single(t => t!["kind"]!.GetValue<string>() == "GUIDE_TO_PSYCHIATRIC_INSTITUTION")!["dueAt"]!.GetValue<DateTimeOffset>();
        Assert.True(guide - now <= TimeSpan.FromDays(14), $"due {guide:O}, {(guide - now).TotalDays:F1} days after the HIGH report");
        var timeline = (await _api.OkAsync(tenant, $"{{ case(id: \"{reported["id"]!.GetValue<string>()}\") {{ timeline {{ action reason }} }} }}", token: psych))["case"]!["timeline"]!.AsArray();
        Assert.Contains(timeline, e => e!["action"]!.GetValue<string>() == "TaskCreated" && e["reason"]!.GetValue<string>().Contains("capped at 14 days", StringComparison.Ordinal));
    }

    /// <summary>
    /// RT17-4 (a minor's own grant still counts after setAgeOfConsent raises the age): a 15-year-old records their own
    /// PROFESSIONAL_INTERVENTION grant under the default age of 14; the TenantAdmin raises the age of consent to 16. The
    /// person is now a minor (only a guardian decides, docs/consent.md "Who decides"), yet their SELF grant still counts
    /// as GRANTED (effectiveStatus, and so the case gate) — the mirror of the guardian lapse, missed for a settings change.
    /// </summary>
    [Fact]
    public async Task Stop_counting_a_minors_own_grant_when_the_age_of_consent_is_raised_RT17_4()
    {
        var tenant = await _api.SchoolWithStudentAsync("rt17-aoc");
        var caseworker = _api.As(tenant, Roles.Caseworker);
        await StaffMembers.AddAsync(factory, _api.Client, tenant, "caseworker@" + tenant, "class-9-1", "HomeroomTeacher"); // the glass reads; the class's teacher changes
        await _api.GlassAsync(tenant, "ext-S1", caseworker);
        var shanghaiToday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(factory.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        var born = shanghaiToday.AddYears(-15).AddDays(-10); // 15 today
        await _api.OkAsync(tenant, "mutation($in: UpdatePersonInput!) { updatePerson(input: $in) { id } }",
            new { @in = new { id = "ext-S1", displayName = "Student Liu", organizationId = "class-9-1", sex = "FEMALE", externalId = "S1", birthYear = born.Year, dateOfBirth = born.ToString("yyyy-MM-dd") } }, caseworker);
        await _api.OkAsync(tenant, "mutation { recordConsent(personId: \"ext-S1\", purpose: PROFESSIONAL_INTERVENTION, decision: GRANTED, givenBy: SELF) { id } }", token: caseworker);

        await _api.OkAsync(tenant, "mutation { setAgeOfConsent(years: 16) { ageOfConsent } }");

        var consent = (await _api.OkAsync(tenant, "{ person(id: \"ext-S1\") { consents { purpose status effectiveStatus givenBy } } }", token: caseworker))["person"]!["consents"]!.AsArray()
            .Single(c => c!["purpose"]!.GetValue<string>() == "PROFESSIONAL_INTERVENTION")!;
        Assert.Equal("SELF", consent["givenBy"]!.GetValue<string>());
        Assert.NotEqual("GRANTED", consent["effectiveStatus"]!.GetValue<string>());
    }

    /// <summary>
    /// RT17-5 (ungraded still read as LOW by the close rule): a concern reported as "not sure" (no riskLevel) is not a
    /// low-risk case (docs/protocol.md "Ungraded reports"), yet EnsureMayClose reads its LOW placeholder, so a level-1
    /// caseworker closes it without anyone ever grading the risk — a possibly suicidal report closed unassessed. Closing
    /// an ungraded case must be refused until it is graded (assessRisk or a screening).
    /// </summary>
    [Fact]
    public async Task Refuse_to_close_a_case_nobody_has_graded_RT17_5()
    {
        var tenant = await _api.SchoolWithStudentAsync("rt17-ungraded");
        await StaffMembers.AddAsync(factory, _client, tenant, $"homeroom@{tenant}", "class-9-1", "HomeroomTeacher"); // reports about their class (RT17-7)
        var homeroom = factory.TokenFor($"homeroom@{tenant}", tenant, Roles.Caseworker);
        var reported = (await _api.OkAsync(tenant, "mutation { reportConcern(input: { personId: \"ext-S1\", summary: \"Said something worrying, not sure how serious\" }) { id riskGraded } }", token: homeroom))["reportConcern"]!;
        var caseId = reported["id"]!.GetValue<string>();
        Assert.False(reported["riskGraded"]!.GetValue<bool>());
        await _api.OkAsync(tenant, $"mutation {{ triageCase(id: \"{caseId}\") {{ id }} }}", token: homeroom);

        var closed = await _api.PostAsync(tenant, $"mutation {{ closeCase(id: \"{caseId}\", reason: \"Seems fine\") {{ status }} }}", token: homeroom);

        Assert.NotNull(closed.Errors);
    }


    /// <summary>
    /// RT17-6 (F16 left a closed unit's people unreportable): a HIGH report about a student still in a closed class (no
    /// organizationId: the person's unit) was refused "A closed organization takes no new cases" — a self-harm report lost
    /// at intake. It is now taken and filed under the nearest open unit above (the grade).
    /// </summary>
    [Fact]
    public async Task Take_a_high_risk_report_about_a_person_of_a_closed_unit_RT17_6()
    {
        var tenant = await _api.SchoolWithStudentAsync("rt17-closed-unit");
        await StaffMembers.SchoolPsychologistAsync(factory, _client, tenant, $"psych@{tenant}"); // the school's psychology teacher (RT17-7)
        var psych = factory.TokenFor($"psych@{tenant}", tenant, Roles.Counsellor);
        await _api.OkAsync(tenant, "mutation { closeOrganization(id: \"class-9-1\") { status } }");

        var report = await _api.PostAsync(tenant, "mutation { reportConcern(input: { personId: \"ext-S1\", summary: \"Cuts on her arms seen in PE\", riskLevel: HIGH }) { id organizationId riskLevel } }", token: psych);

        Assert.True(report.Errors is null, report.Errors?.ToJsonString());
        var taken = report.Data!["reportConcern"]!;
        Assert.Equal(("grade-9", "HIGH"), (taken["organizationId"]!.GetValue<string>(), taken["riskLevel"]!.GetValue<string>()));
    }

    /// <summary>
    /// RT17-2 (F16 dodged by reopening): close the unit's last case, close the unit, then reopenCase put the case open again
    /// under the CLOSED unit. Now refused (INVALID_TRANSITION, rule unit-closed), and a new concern is taken by the grade.
    /// </summary>
    [Fact]
    public async Task Refuse_to_reopen_a_case_of_a_closed_unit_and_take_a_new_concern_instead_RT17_2()
    {
        var tenant = await _api.SchoolWithStudentAsync("rt17-reopen");
        // In the leadership group (whole school): stays on the case they report (RT17-7), and class 9-1 keeps no member.
        await StaffMembers.SchoolLeadershipAsync(factory, _client, tenant, $"homeroom@{tenant}");
        var homeroom = factory.TokenFor($"homeroom@{tenant}", tenant, Roles.Caseworker);
        var caseId = (await _api.OkAsync(tenant, "mutation { reportConcern(input: { personId: \"ext-S1\", summary: \"Withdrawn for weeks\", riskLevel: LOW }) { id } }", token: homeroom))["reportConcern"]!["id"]!.GetValue<string>();
        await _api.OkAsync(tenant, $"mutation {{ triageCase(id: \"{caseId}\") {{ id }} }}", token: homeroom);
        await _api.OkAsync(tenant, $"mutation {{ closeCase(id: \"{caseId}\", reason: \"Resolved with the family\") {{ id }} }}", token: homeroom);
        await _api.OkAsync(tenant, "mutation { closeOrganization(id: \"class-9-1\") { status } }");

        var reopened = await _api.PostAsync(tenant, $"mutation {{ reopenCase(id: \"{caseId}\", reason: \"Marks seen again\") {{ status }} }}", token: homeroom);

        Assert.Equal(("INVALID_TRANSITION", "unit-closed"), (reopened.FirstCode, reopened.Errors![0]!["extensions"]!["rule"]!.GetValue<string>()));
        var open = (await _api.OkAsync(tenant, "{ cases(filter: { open: true }) { nodes { id organizationId } } }"))["cases"]!["nodes"]!.AsArray();
        Assert.DoesNotContain(open, n => n!["organizationId"]!.GetValue<string>() == "class-9-1");
    }

    /// <summary>
    /// RT17-3 (F12 existence probe left open on the unit-scoped person fields): every field whose person check is the
    /// person's unit (NeedToKnow.Unit) answered NOT_FOUND for a student number that names nobody but FORBIDDEN (need-to-know)
    /// for one naming a student outside the caller's units — so any case staff member could tell which 学号 exist — and the
    /// refusal named the resolved person id, not the value sent. Now the middleware answers both with the one refusal
    /// (PersonUnitRefusal) naming the value sent, before any other check of the field, and audits both as DENIED.
    /// </summary>
    [Theory]
    [InlineData(Roles.Caseworker, "{ visits(personId: \"PID\") { on } }")]
    [InlineData(Roles.Caseworker, "{ familyContacts(personId: \"PID\") { name } }")]
    [InlineData(Roles.Caseworker, "mutation { requestAppointment(input: { personId: \"PID\", reason: \"Cannot sleep before exams\" }) { id } }")]
    [InlineData(Roles.Caseworker, "mutation { logVisit(personId: \"PID\", input: { kind: HOME_VISIT, on: \"2026-11-30\" }) { on } }")]
    [InlineData(Roles.Caseworker, "mutation { setSpecialGroups(personId: \"PID\", input: { groups: [LEFT_BEHIND] }) { personId } }")]
    [InlineData(Roles.Caseworker, "mutation { setFamilyContacts(personId: \"PID\", contacts: [{ kind: GUARDIAN, name: \"Uncle Wang\" }]) { name } }")]
    [InlineData(Roles.Caseworker, "mutation { recordCensus(input: { roundId: \"census-rt17\", personId: \"PID\", mood: LOW }) { roundId } }")]
    [InlineData(Roles.Caseworker, "mutation { openCaseFromCensus(roundId: \"census-rt17\", personId: \"PID\", summary: \"Flagged in the census\") { id } }")]
    [InlineData(Roles.Caseworker, "mutation { logCall(input: { channel: HOTLINE, callerPersonId: \"PID\", summary: \"Sad all week\" }) { id } }")]
    [InlineData(Roles.Volunteer, "mutation { logCall(input: { channel: HOTLINE, callerPersonId: \"PID\", summary: \"Sad all week\" }) { id } }")]
    [InlineData(Roles.Reporter, "mutation { logCall(input: { channel: HOTLINE, callerPersonId: \"PID\", summary: \"Sad all week\" }) { id } }")]
    [InlineData(Roles.Counsellor, "mutation { convertMailboxThreadToConcern(id: \"wm-rt17probe0000\", personId: \"PID\") { id } }")]
    public async Task Answer_a_missing_and_a_foreign_person_alike_on_unit_scoped_fields_RT17_3(string role, string operation)
    {
        var tenant = await _api.SchoolWithStudentAsync("rt17-probe");
        var caller = factory.TokenFor($"probe-{role.ToLowerInvariant()}@{tenant}", tenant, role); // a member of no unit: no person is in their scope

        var answers = new List<string>();
        foreach (var sent in new[] { "S1", "ext-S1", "S404", "ext-S404" })
        {
            var answer = await _api.PostAsync(tenant, operation.Replace("PID", sent, StringComparison.Ordinal), token: caller);
            Assert.Equal("FORBIDDEN", answer.FirstCode);
            var extensions = answer.Errors![0]!["extensions"]!.AsObject();
            Assert.Equal(("need-to-know", "Person", sent), (extensions["rule"]!.GetValue<string>(), extensions["entity"]!.GetValue<string>(), extensions["id"]!.GetValue<string>()));
            Assert.DoesNotContain(sent == "S1" ? "ext-S1" : "class-9-1", answer.Body!.ToJsonString(), StringComparison.Ordinal); // neither the person id nor the unit
            extensions["id"] = "(sent)";
            answers.Add(answer.Errors![0]!["message"]!.GetValue<string>() + extensions.ToJsonString());
        }

        Assert.Single(answers.Distinct()); // one code, message and extensions for a student outside the units and for nobody
        var auditor = _api.As(tenant, Roles.Auditor);
        foreach (var id in new[] { "ext-S1", "S404" })
        {
            var log = await _api.OkAsync(tenant, $"{{ auditLog(filter: {{ action: \"DENIED\", entityId: \"{id}\" }}, first: 10) {{ nodes {{ actor }} }} }}", token: auditor);
            Assert.NotEmpty(log["auditLog"]!["nodes"]!.AsArray());
        }
    }

    /// <summary>
    /// RT17-3, the other side: a caller to whom every person of the tenant is in scope (a TenantAdmin; level-3 staff naming a
    /// known caller of the line) learns nothing from the true answer, so an id that names nobody stays NOT_FOUND for them,
    /// and a person in the caller's units is served as before.
    /// </summary>
    [Fact]
    public async Task Keep_the_true_not_found_for_a_caller_whose_scope_is_the_whole_tenant_RT17_3()
    {
        var tenant = await _api.SchoolWithStudentAsync("rt17-probe-all");
        var psych = factory.TokenFor($"psych@{tenant}", tenant, Roles.Counsellor); // level 3, a member of no unit

        Assert.Equal("NOT_FOUND", (await _api.PostAsync(tenant, "{ visits(personId: \"S404\") { on } }", token: _api.Admin(tenant))).FirstCode);
        Assert.Equal("NOT_FOUND", (await _api.PostAsync(tenant, "mutation { logCall(input: { channel: HOTLINE, callerPersonId: \"S404\", summary: \"Sad\" }) { id } }", token: psych)).FirstCode);
        await _api.OkAsync(tenant, "mutation { logCall(input: { channel: HOTLINE, callerPersonId: \"S1\", summary: \"Sad\" }) { id } }", token: psych);
        Assert.Empty((await _api.OkAsync(tenant, "{ visits(personId: \"S1\") { on } }", token: _api.Admin(tenant)))["visits"]!.AsArray());
    }

    /// <summary>
    /// RT17-8 (a case's cached consent not re-read when setAgeOfConsent lowers the age): a 15-year-old's guardian grants
    /// PROFESSIONAL_INTERVENTION under an age of consent of 16; the case activation reads it (RecheckOn = the 16th
    /// birthday). The TenantAdmin lowers the age to 14: the guardian's grant stops counting at once (the gate refuses), but
    /// nextActions keeps offering startIntervention as allowed until that far-off RecheckOn — the console offers an action
    /// the service then refuses (docs/consent.md promises nextActions agrees with the gate).
    /// </summary>
    [Theory]
    [InlineData(16, 14, "GUARDIAN")] // lowered: the guardian's grant stops counting
    [InlineData(14, 16, "SELF")] // raised: the now-minor's own grant stops counting (RT17-4's mirror, on nextActions)
    public async Task Agree_with_the_gate_in_nextActions_after_the_age_of_consent_is_lowered_RT17_8(int before, int after, string givenBy)
    {
        var tenant = await _api.SchoolWithStudentAsync($"rt17-aoc-{before}-{after}");
        var psych = await PsychAsync(tenant);
        await _api.GlassAsync(tenant, "ext-S1", psych);
        var shanghaiToday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(factory.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        var born = shanghaiToday.AddYears(-15).AddDays(-10); // 15 today
        await _api.OkAsync(tenant, $"mutation {{ setAgeOfConsent(years: {before}) {{ ageOfConsent }} }}");
        await _api.OkAsync(tenant, "mutation($in: UpdatePersonInput!) { updatePerson(input: $in) { id } }",
            new { @in = new { id = "ext-S1", displayName = "Student Liu", organizationId = "class-9-1", sex = "FEMALE", externalId = "S1", birthYear = born.Year, dateOfBirth = born.ToString("yyyy-MM-dd") } }, psych);
        await _api.OkAsync(tenant, "mutation { setPersonContacts(personId: \"ext-S1\", contacts: [{ kind: GUARDIAN, name: \"Grandma Liu\" }]) { id } }", token: psych);
        await _api.OkAsync(tenant, $"mutation {{ recordConsent(personId: \"ext-S1\", purpose: PROFESSIONAL_INTERVENTION, decision: GRANTED, givenBy: {givenBy}) {{ id }} }}", token: psych);
        var caseId = (await _api.OkAsync(tenant, "mutation { reportConcern(input: { personId: \"ext-S1\", summary: \"Withdrawn, not eating\" }) { id } }", token: psych))["reportConcern"]!["id"]!.GetValue<string>();
        Assert.True((await StartActionAsync(tenant, caseId, psych))["allowed"]!.GetValue<bool>()); // the grant counts under the age of before

        await _api.OkAsync(tenant, $"mutation {{ setAgeOfConsent(years: {after}) {{ ageOfConsent }} }}");

        var next = await StartActionAsync(tenant, caseId, psych);
        var started = await _api.PostAsync(tenant, $"mutation {{ startIntervention(id: \"{caseId}\", reason: \"first session\") {{ status }} }}", token: psych);
        Assert.Equal("CONSENT_REQUIRED", started.FirstCode); // the gate: the grant no longer counts
        Assert.False(next["allowed"]!.GetValue<bool>());
    }

    private async Task<System.Text.Json.Nodes.JsonNode> StartActionAsync(string tenant, string caseId, string token) =>
        (await _api.OkAsync(tenant, $"{{ case(id: \"{caseId}\") {{ nextActions {{ action allowed code reason }} }} }}", token: token))["case"]!["nextActions"]!.AsArray()
            .Single(a => a!["action"]!.GetValue<string>() == "startIntervention")!;

    /// <summary>
    /// RT17-8 (second part): <c>nextActions</c> offered <c>reopenCase</c> as allowed on a case whose unit has been closed, while
    /// <c>reopenCase</c> refuses it (RT17-2). It now lists it as not allowed with the mutation's own code, rule and message.
    /// </summary>
    [Fact]
    public async Task Refuse_reopenCase_in_nextActions_as_the_mutation_does_when_the_unit_is_closed_RT17_8()
    {
        var tenant = await _api.SchoolWithStudentAsync("rt17-reopen-next");
        var psych = await PsychAsync(tenant);
        var caseId = (await _api.OkAsync(tenant, "mutation { reportConcern(input: { personId: \"ext-S1\", summary: \"Withdrawn for weeks\", riskLevel: LOW }) { id } }", token: psych))["reportConcern"]!["id"]!.GetValue<string>();
        await _api.OkAsync(tenant, $"mutation {{ triageCase(id: \"{caseId}\") {{ id }} }}", token: psych);
        await _api.OkAsync(tenant, $"mutation {{ closeCase(id: \"{caseId}\", reason: \"Resolved with the family\") {{ id }} }}", token: psych);
        Assert.True((await ActionAsync(tenant, caseId, psych, "reopenCase"))["allowed"]!.GetValue<bool>());
        await _api.OkAsync(tenant, "mutation { closeOrganization(id: \"class-9-1\") { status } }");

        var next = await ActionAsync(tenant, caseId, psych, "reopenCase");
        var reopened = await _api.PostAsync(tenant, $"mutation {{ reopenCase(id: \"{caseId}\", reason: \"Marks seen again\") {{ status }} }}", token: psych);

        var error = reopened.Errors![0]!;
        Assert.Equal((false, "INVALID_TRANSITION", "unit-closed", error["message"]!.GetValue<string>()),
            (next["allowed"]!.GetValue<bool>(), next["code"]!.GetValue<string>(), next["rule"]!.GetValue<string>(), next["reason"]!.GetValue<string>()));
        Assert.Equal(("INVALID_TRANSITION", "unit-closed"), (reopened.FirstCode, error["extensions"]!["rule"]!.GetValue<string>()));
    }

    /// <summary>A psychology teacher of <paramref name="tenant"/>'s counselling centre, which serves the whole school (R-4.3).</summary>
    private async Task<string> PsychAsync(string tenant)
    {
        await StaffMembers.AddAsync(factory, _client, tenant, $"psych@{tenant}", "counselling-centre", "PsychologyTeacher", "RelevantDegree", "CounsellingCertificate");
        return factory.TokenFor($"psych@{tenant}", tenant, Roles.Counsellor);
    }

    private async Task<System.Text.Json.Nodes.JsonNode> ActionAsync(string tenant, string caseId, string token, string action) =>
        (await _api.OkAsync(tenant, $"{{ case(id: \"{caseId}\") {{ nextActions {{ action allowed code reason rule }} }} }}", token: token))["case"]!["nextActions"]!.AsArray()
            .Single(a => a!["action"]!.GetValue<string>() == action)!;
}
