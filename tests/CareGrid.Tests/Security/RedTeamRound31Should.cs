using System.Security.Claims;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Security;
using CareGrid.GraphApi.Auth;
using CareGrid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CareGrid.Tests.Security;

/// <summary>
/// Round 31 red team: a sign-in subject equal to a work queue's name (<c>queue:level-3</c>) was taken for the named owner of
/// every case and task that queue holds, in every unit — a Caseworker of no unit listed 9 crisis tasks, read an IMMINENT case's
/// summary and the guardian's phone, and completed its family-notification task, so the overdue escalation would never fire.
/// Reserved subjects (<see cref="ReservedSubjects"/>) are now refused when a token is issued or validated, at every request,
/// on a staff record, and the need-to-know rule never lets a queue's name open what the queue owns by name.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class RedTeamRound31Should(CareGridApiFactory factory)
{
    private const string School = "/t/demo-school/graphql";

    private readonly GraphQLClient _client = factory.GraphQL();

    /// <summary>A token signed with the development key, as one signed before this fix or by anyone holding the key file.</summary>
    private string SignedWithTheKey(string subject, string role)
    {
        var dev = factory.Services.GetRequiredService<DevelopmentTokens>();
        var options = factory.Services.GetRequiredService<AuthOptions>();
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim(ClaimNames.Subject, subject), new Claim(ClaimNames.Tenant, "demo-school"), new Claim(ClaimNames.Role, role)]),
            Issuer = options.DevelopmentIssuer,
            Audience = options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            SigningCredentials = new SigningCredentials(dev.Key, SecurityAlgorithms.HmacSha256),
        });
    }

    [Theory]
    [InlineData("queue:level-3", Roles.Caseworker)]
    [InlineData("Queue:Level-3", Roles.Coordinator)]
    [InlineData("queue:supervisor", Roles.Counsellor)]
    [InlineData(" queue:level-1", Roles.Caseworker)]
    [InlineData("system", Roles.TenantAdmin)]
    [InlineData("anonymous", Roles.Counsellor)]
    [InlineData("queue\uFF1Alevel-3", Roles.Caseworker)]
    [InlineData(" ", Roles.Counsellor)]
    public async Task Refuse_a_token_whose_subject_is_a_queue_name_or_the_service_at_every_request(string subject, string role)
    {
        var token = SignedWithTheKey(subject, role);

        var read = await _client.PostAsync(School, "{ myTasks(first: 50) { nodes { caseId } } case(id: \"case-school-1\") { summary } }", token: token);
        Assert.Null(read.Data?["myTasks"]);
        Assert.Null(read.Data?["case"]);
        Assert.Contains(read.FirstCode, new[] { "UNAUTHENTICATED", null });
        Assert.DoesNotContain("case-school", read.Body?.ToJsonString() ?? string.Empty, StringComparison.Ordinal);

        var psych = factory.TokenFor("psych-rt31@demo-school", "demo-school", Roles.Counsellor);
        await StaffMembers.DemoSchoolPsychologistAsync(factory, _client, "psych-rt31@demo-school");
        var before = (await _client.PostAsync(School, "{ case(id: \"case-school-1\") { tasks { id status } } }", token: psych)).EnsureNoErrors().Data!.ToJsonString();
        var write = await _client.PostAsync(School, "mutation { completeTask(id: \"case-school-1\", taskId: \"t1\", note: \"family called\") { id } }", token: token);
        Assert.Null(write.Data?["completeTask"]);
        Assert.Equal(before, (await _client.PostAsync(School, "{ case(id: \"case-school-1\") { tasks { id status } } }", token: psych)).EnsureNoErrors().Data!.ToJsonString());
    }

    [Theory]
    [InlineData("queue:level-3")]
    [InlineData("QUEUE:level-2")]
    [InlineData("system")]
    public async Task Refuse_a_reserved_subject_at_development_sign_in_and_when_issuing_a_token(string subject)
    {
        var answer = await _client.PostAsync(School, "mutation($s: String!) { developmentSignIn(role: \"Caseworker\", sub: $s, tenant: \"demo-school\") { token } }", new { s = subject });
        Assert.Equal("VALIDATION_FAILED", answer.FirstCode);
        Assert.Equal("sub", answer.Errors![0]!["extensions"]!["field"]!.GetValue<string>());
        Assert.Contains("reserved", answer.Errors[0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("保留", answer.Errors[0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        Assert.Throws<ArgumentException>(() => factory.TokenFor(subject, "demo-school", Roles.Caseworker));
    }

    [Theory]
    [InlineData("queue:level-3")]
    [InlineData("queue\uFF1Alevel-3")] // a full-width colon (round-31 re-check: it landed, and owned a case as "queue：level-3")
    public async Task Refuse_a_reserved_subject_on_a_staff_record_and_leave_the_record_unchanged(string reserved)
    {
        var admin = factory.TokenFor("admin@demo-school", "demo-school", Roles.TenantAdmin);
        var personId = await StaffMembers.AddAsync(factory, _client, "demo-school", "grid-rt31@demo-school", "class-8-1", "HomeroomTeacher");

        var refused = await _client.PostAsync(School, "mutation($p: ID!, $s: String) { setQualifications(personId: $p, qualifications: [], staffSubject: $s) { id } }",
            new { p = personId, s = reserved }, admin);

        Assert.Equal("VALIDATION_FAILED", refused.FirstCode);
        Assert.Equal("subject", refused.Errors![0]!["extensions"]!["field"]!.GetValue<string>());
        var staff = (await _client.PostAsync(School, "query($p: ID!) { person(id: $p) { staffSubject } }", new { p = personId }, admin)).EnsureNoErrors().Data!;
        Assert.Equal("grid-rt31@demo-school", staff["person"]!["staffSubject"]!.GetValue<string>());
    }
}

/// <summary>
/// Round-31 new-user trial, through GraphQL: a psychology teacher graded a case Imminent and closed it six minutes later, and
/// a grade leader cancelled the crisis-intervention task of a High case.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class NewUserTrial31Should(CareGridApiFactory factory)
{
    private const string School = "/t/demo-school/graphql";

    private readonly GraphQLClient _client = factory.GraphQL();

    private async Task<(string Case, string Psych)> HighCaseAsync(string person, int? birthYear = null, string risk = "HIGH")
    {
        var admin = factory.TokenFor("admin@demo-school", "demo-school", Roles.TenantAdmin);
        (await _client.PostAsync(School, "mutation($in: RegisterPersonInput!) { registerPerson(input: $in) { id } }",
            new { @in = new { id = person, displayName = "学生 " + person, organizationId = "class-8-1", birthYear } }, admin)).EnsureNoErrors();
        await StaffMembers.DemoSchoolPsychologistAsync(factory, _client, "psych-nu31@demo-school");
        var psych = factory.TokenFor("psych-nu31@demo-school", "demo-school", Roles.Counsellor);
        var id = (await _client.PostAsync(School, "mutation($p: ID!, $r: RiskLevel) { reportConcern(input: { personId: $p, summary: \"说想结束生命\", riskLevel: $r }) { id } }",
            new { p = person, r = risk }, psych)).EnsureNoErrors().Data!["reportConcern"]!["id"]!.GetValue<string>();
        return (id, psych);
    }

    [Fact]
    public async Task Refuse_to_close_an_Imminent_case_on_the_grading_that_raised_it_and_close_it_after_a_reassessment()
    {
        var (id, psych) = await HighCaseAsync("nu31-close");
        (await _client.PostAsync(School, "mutation($id: ID!) { triageCase(id: $id) { id } }", new { id }, psych)).EnsureNoErrors();
        (await _client.PostAsync(School, "mutation($id: ID!) { activateCase(id: $id, assigneeId: \"psych-nu31@demo-school\") { id } }", new { id }, psych)).EnsureNoErrors();
        (await _client.PostAsync(School, "mutation($id: ID!) { assessRisk(id: $id, riskLevel: IMMINENT, reason: \"有具体计划\") { id } }", new { id }, psych)).EnsureNoErrors();

        var refused = await _client.PostAsync(School, "mutation($id: ID!) { closeCase(id: $id, reason: \"已转介\") { status } }", new { id }, psych);
        Assert.Equal("REASSESSMENT_REQUIRED", refused.FirstCode);
        var c = (await _client.PostAsync(School, "query($id: ID!) { case(id: $id) { status notifications { message } nextActions { action allowed } } }", new { id }, psych)).EnsureNoErrors().Data!["case"]!;
        Assert.NotEqual("CLOSED", c["status"]!.GetValue<string>());
        Assert.Contains(c["nextActions"]!.AsArray(), a => a!["action"]!.GetValue<string>() == "closeCase" && !a["allowed"]!.GetValue<bool>());
        Assert.Contains(c["notifications"]!.AsArray(), n => n!["message"]!.GetValue<string>() == "Risk raised from High to Imminent (R-1.10).");

        (await _client.PostAsync(School, "mutation($id: ID!) { assessRisk(id: $id, riskLevel: IMMINENT, reason: \"已住院，完成交接\") { id } }", new { id }, psych)).EnsureNoErrors();
        // reassessed, and still Imminent: it closes once the crisis was worked (round-31 re-check F1)
        var unworked = await _client.PostAsync(School, "mutation($id: ID!) { closeCase(id: $id, reason: \"已由精神卫生中心接手\") { status } }", new { id }, psych);
        Assert.Equal(("REASSESSMENT_REQUIRED", "crisis-unworked"), (unworked.FirstCode, unworked.Errors![0]!["extensions"]!["rule"]!.GetValue<string>()));
        await Protocol.HighRiskCaseApi.GuidedToHospitalAsync(_client, School, id, psych);
        Assert.Equal("CLOSED", (await _client.PostAsync(School, "mutation($id: ID!) { closeCase(id: $id, reason: \"已由精神卫生中心接手\") { status } }", new { id }, psych))
            .EnsureNoErrors().Data!["closeCase"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Mark_a_sent_referral_when_the_consent_to_share_is_withdrawn_afterwards()
    {
        var (id, psych) = await HighCaseAsync("nu31-share", birthYear: 2000); // an adult decides for themself
        async Task Ok(string mutation) => (await _client.PostAsync(School, mutation, new { id, p = "nu31-share" }, psych)).EnsureNoErrors();
        await Ok("mutation($id: ID!) { triageCase(id: $id) { id } }");
        await Ok("mutation($id: ID!) { activateCase(id: $id, assigneeId: \"psych-nu31@demo-school\") { id } }");
        await Ok("mutation($p: ID!) { recordConsent(personId: $p, purpose: PROFESSIONAL_INTERVENTION, decision: GRANTED, givenBy: SELF) { id } }");
        await Ok("mutation($p: ID!) { recordConsent(personId: $p, purpose: INFORMATION_SHARING, decision: GRANTED, givenBy: SELF) { id } }");
        await Ok("mutation($id: ID!) { proposeReferral(id: $id, institution: \"市精神卫生中心\", reason: \"需要住院评估\") { id } }");
        await Ok("mutation($id: ID!) { sendReferral(id: $id) { id } }");

        await Ok("mutation($p: ID!) { recordConsent(personId: $p, purpose: INFORMATION_SHARING, decision: WITHDRAWN, givenBy: SELF) { id } }");

        var c = (await _client.PostAsync(School, "query($id: ID!) { case(id: $id) { referrals { status consentWithdrawnAt } timeline { action reason } } }", new { id }, psych))
            .EnsureNoErrors().Data!["case"]!;
        var referral = Assert.Single(c["referrals"]!.AsArray())!;
        Assert.Equal("SENT", referral["status"]!.GetValue<string>());
        Assert.NotNull(referral["consentWithdrawnAt"]);
        Assert.Contains(c["timeline"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "ReferralSharedBeforeWithdrawal"
            && e["reason"]!.GetValue<string>().StartsWith("r", StringComparison.Ordinal) && e["reason"]!.GetValue<string>().Contains("市精神卫生中心", StringComparison.Ordinal));
    }

    /// <summary>Round-31 re-check: a Volunteer, who lists neither cases nor people, read pupils' names and risk through TaskSummary.case.</summary>
    [Fact]
    public async Task Name_the_case_of_a_task_to_case_staff_but_not_to_a_volunteer()
    {
        var (id, psych) = await HighCaseAsync("nu31-volunteer", risk: "LOW");
        async Task Ok(string mutation) => (await _client.PostAsync(School, mutation, new { id }, psych)).EnsureNoErrors();
        await Ok("mutation($id: ID!) { triageCase(id: $id) { id } }");
        await Ok("mutation($id: ID!) { activateCase(id: $id, assigneeId: \"queue:level-1\", reason: \"班主任随访\") { id } }");
        await Ok("mutation($id: ID!) { scheduleFollowUp(id: $id) { id } }");
        await StaffMembers.AddAsync(factory, _client, "demo-school", "volunteer-nu31@demo-school", "class-8-1", "HomeroomTeacher");

        string? PersonOf(GraphQLResponse r) => r.EnsureNoErrors().Data!["myTasks"]!["nodes"]!.AsArray()
            .Where(n => n!["caseId"]!.GetValue<string>() == id).Select(n => n!["case"]?["person"]?["displayName"]?.GetValue<string>()).FirstOrDefault();
        const string Query = "{ myTasks(first: 100) { nodes { caseId case { riskLevel person { displayName } } } } }";
        var asVolunteer = await _client.PostAsync(School, Query, token: factory.TokenFor("volunteer-nu31@demo-school", "demo-school", Roles.Volunteer));
        Assert.Contains(asVolunteer.Data!["myTasks"]!["nodes"]!.AsArray(), n => n!["caseId"]!.GetValue<string>() == id); // the task is theirs to do
        Assert.Null(PersonOf(asVolunteer));
        Assert.All(asVolunteer.Data!["myTasks"]!["nodes"]!.AsArray(), n => Assert.Null(n!["case"]));
        Assert.Equal("学生 nu31-volunteer", PersonOf(await _client.PostAsync(School, Query, token: factory.TokenFor("volunteer-nu31@demo-school", "demo-school", Roles.Caseworker))));
    }

    [Fact]
    public async Task Refuse_a_grade_leader_cancelling_the_crisis_intervention_task()
    {
        var (id, psych) = await HighCaseAsync("nu31-cancel");
        await StaffMembers.AddAsync(factory, _client, "demo-school", "grade-nu31@demo-school", "grade-8", "GradeLeader");
        var coordinator = factory.TokenFor("grade-nu31@demo-school", "demo-school", Roles.Coordinator);
        var tasks = (await _client.PostAsync(School, "query($id: ID!) { case(id: $id) { tasks { id kind status } } }", new { id }, psych)).EnsureNoErrors().Data!["case"]!["tasks"]!.AsArray();
        var crisis = tasks.Single(t => t!["kind"]!.GetValue<string>() == "PROFESSIONAL_CRISIS_INTERVENTION")!["id"]!.GetValue<string>();

        var refused = await _client.PostAsync(School, "mutation($id: ID!, $t: ID!) { cancelTask(id: $id, taskId: $t, reason: \"年级组长认为不需要\") { id } }", new { id, t = crisis }, coordinator);

        Assert.Equal("FORBIDDEN", refused.FirstCode);
        Assert.Equal("task-role", refused.Errors![0]!["extensions"]!["rule"]!.GetValue<string>());
        var after = (await _client.PostAsync(School, "query($id: ID!) { case(id: $id) { tasks { id status } } }", new { id }, psych)).EnsureNoErrors().Data!["case"]!["tasks"]!.AsArray();
        Assert.Equal("OPEN", after.Single(t => t!["id"]!.GetValue<string>() == crisis)!["status"]!.GetValue<string>());
    }
}

/// <summary>The need-to-know rule itself: a queue's name as a viewer's subject never opens a case by name (round-31 red team).</summary>
[Trait("tier", "domain")]
public sealed class ReservedSubjectsShould
{
    [Theory]
    [InlineData("queue:level-3", true)]
    [InlineData("QUEUE:SUPERVISOR", true)]
    [InlineData("  queue:x", true)]
    [InlineData("system", true)]
    [InlineData("System ", true)]
    [InlineData("anonymous", true)]
    [InlineData("counsellor@demo-school", false)]
    [InlineData("queue", false)]
    [InlineData("systems", false)]
    [InlineData("my-queue:level-3", false)]
    [InlineData("queue\uFF1Alevel-3", true)]
    [InlineData("\uFF51\uFF55\uFF45\uFF55\uFF45:level-3", true)]
    [InlineData("\u3000system", true)]
    [InlineData("queue\u2236level-3", true)]
    [InlineData(" ", true)]
    [InlineData("王老师@school", false)]
    [InlineData("心理教师：李", false)]
    public void Know_which_subjects_are_reserved(string subject, bool reserved) => Assert.Equal(reserved, ReservedSubjects.IsReserved(subject));

    [Fact]
    public void Never_open_a_case_owned_by_a_queue_to_a_viewer_named_like_the_queue()
    {
        var facts = new CaseAccessFacts("teacher@school", CaseQueues.Level3, 3, [CaseQueues.Level3]) { OrganizationId = "class-8-1", ViewerScope = StaffScope.Unassigned };
        Assert.Equal(NeedToKnowPath.None, NeedToKnowPolicy.ForCase(new Actor(CaseQueues.Level3, [Roles.Caseworker]), facts));
        // a real person named as owner still opens it, whatever their scope
        Assert.Equal(NeedToKnowPath.Assignee, NeedToKnowPolicy.ForCase(new Actor("psych@school", [Roles.Caseworker]), facts with { AssigneeId = "psych@school" }));
        Assert.Equal(NeedToKnowPath.TaskOwner, NeedToKnowPolicy.ForCase(new Actor("psych@school", [Roles.Caseworker]), facts with { OpenTaskOwners = ["psych@school"] }));
    }
}
