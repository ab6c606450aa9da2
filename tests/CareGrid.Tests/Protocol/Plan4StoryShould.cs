using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Protocol;

/// <summary>
/// Plan 4's three-level warning story end to end through GraphQL (R-4.3, R-4.4, R-1.7, R-1.10): a homeroom
/// teacher reports, a PHQ-9 with item 9 = 1 makes the case High, the protocol runs in that same response,
/// the psychology teacher needs consent to intervene, refers, follows up and closes after reassessment.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class Plan4StoryShould(CareGridApiFactory factory)
{
    private readonly GraphQLClient _client = factory.GraphQL();
    private const string CaseFields = "id status riskLevel escalationLevel assigneeId availableActions notifications { to message } tasks { id kind ownerId status dueAt overdue } timeline { action actor reason }";

    private async Task<(string Tenant, string Student)> SchoolAsync()
    {
        var tenant = Seeds.NewTenantId("plan4");
        (await _client.PostAsync("/graphql", "mutation($in: OnboardTenantInput!) { onboardTenant(input: $in) { id } }",
            new { @in = new { id = tenant, name = "Plan 4 school", kind = "SCHOOL", firstAdminSubject = "head@" + tenant } },
            factory.Token(null, Roles.PlatformAdmin))).EnsureNoErrors();
        var admin = factory.TokenFor("head@" + tenant, tenant, Roles.TenantAdmin);
        foreach (var (id, kind, parent, level) in new[] { ("school", "SCHOOL", (string?)null, (int?)null), ("grade-9", "GRADE", "school", 2), ("class-9-1", "CLASS", "grade-9", 1),
            ("counselling-centre", "COUNSELLING_CENTRE", "school", 3) })
        {
            (await _client.PostAsync($"/t/{tenant}/graphql", "mutation($in: CreateOrganizationInput!) { createOrganization(input: $in) { id } }",
                new { @in = new { id, name = id, kind, parentId = parent, escalationLevel = level } }, admin)).EnsureNoErrors();
        }

        // The psychology teacher belongs to the counselling centre, which serves the whole school (R-4.3, docs/access.md).
        await StaffMembers.AddAsync(factory, _client, tenant, "psych@" + tenant, "counselling-centre", "PsychologyTeacher", "RelevantDegree", "CounsellingCertificate");
        // The homeroom teacher of class 9-1 reports about their class and stays on the case (RT17-7).
        await StaffMembers.AddAsync(factory, _client, tenant, "homeroom@" + tenant, "class-9-1", "HomeroomTeacher");

        // Thirteen this year on the shared clock (other tests move it forward): her guardian consents for her (age of consent 14).
        (await _client.PostAsync($"/t/{tenant}/graphql", $"mutation {{ registerPerson(input: {{ id: \"stu-9\", displayName: \"Student Nine\", organizationId: \"class-9-1\", sex: FEMALE, birthYear: {factory.Clock.GetUtcNow().Year - 13} }}) {{ id }} }}", token: admin)).EnsureNoErrors();
        return (tenant, "stu-9");
    }

    private async Task<JsonNode> Ok(string tenant, string token, string query, object? variables = null)
    {
        var response = await _client.PostAsync($"/t/{tenant}/graphql", query, variables, token);
        return response.EnsureNoErrors().Data!;
    }

    private static List<string> Strings(JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>()).ToList();

    [Fact]
    public async Task Run_the_high_risk_protocol_in_the_same_response_and_walk_to_closed_after_reassessment()
    {
        var (tenant, student) = await SchoolAsync();
        var homeroom = factory.TokenFor("homeroom@" + tenant, tenant, Roles.Caseworker);
        var psych = factory.TokenFor("psych@" + tenant, tenant, Roles.Counsellor);
        var start = factory.Clock.GetUtcNow();

        // Level 1: the homeroom teacher reports insomnia and anxiety (R-4.4).
        var reported = (await Ok(tenant, homeroom, $"mutation {{ reportConcern(input: {{ personId: \"{student}\", summary: \"Insomnia and anxiety for two weeks\", riskLevel: MODERATE }}) {{ {CaseFields} }} }}"))["reportConcern"]!;
        var caseId = reported["id"]!.GetValue<string>();
        Assert.Equal(1, reported["escalationLevel"]!.GetValue<int>());
        Assert.Empty(reported["tasks"]!.AsArray());

        // A PHQ-9 with item 9 = 1 (total 6, "mild") flags suicidal ideation: High, level 3, protocol tasks — in this response.
        var screened = (await Ok(tenant, homeroom, $"mutation {{ recordScreening(id: \"{caseId}\", instrument: PHQ9, answers: [1,1,1,1,0,0,0,1,1]) {{ {CaseFields} screenings {{ result {{ totalScore band suicidalIdeationFlag suggestedRiskLevel }} }} }} }}"))["recordScreening"]!;
        Assert.Equal("HIGH", screened["riskLevel"]!.GetValue<string>());
        Assert.Equal(3, screened["escalationLevel"]!.GetValue<int>());
        Assert.True(screened["screenings"]![0]!["result"]!["suicidalIdeationFlag"]!.GetValue<bool>());
        Assert.Equal(6, screened["screenings"]![0]!["result"]!["totalScore"]!.GetValue<int>());
        var tasks = screened["tasks"]!.AsArray();
        Assert.Equal(["NOTIFY_FAMILY_EMERGENCY_CONTACT", "PROFESSIONAL_CRISIS_INTERVENTION", "RAISE_VISIT_FREQUENCY", "GUIDE_TO_PSYCHIATRIC_INSTITUTION"],
            tasks.Select(t => t!["kind"]!.GetValue<string>()));
        Assert.DoesNotContain(tasks, t => t!["kind"]!.GetValue<string>() == "POLICE_TRANSPORT_ASSISTANCE");
        Assert.All(tasks, t => Assert.Equal("OPEN", t!["status"]!.GetValue<string>()));
        Assert.Equal(start.AddHours(2), tasks[0]!["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(start.AddHours(24), tasks[1]!["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal("queue:level-3", screened["assigneeId"]!.GetValue<string>());
        Assert.Equal("queue:level-2", screened["notifications"]![0]!["to"]!.GetValue<string>());
        Assert.Contains("Escalate", Strings(new JsonArray(screened["timeline"]!.AsArray().Select(e => (JsonNode?)JsonValue.Create(e!["action"]!.GetValue<string>())).ToArray())));

        // The psychology teacher (level 3) sees the tasks in myTasks through the level-3 queue.
        var mine = (await Ok(tenant, psych, "{ myTasks { nodes { caseId kind ownerId } } }"))["myTasks"]!["nodes"]!.AsArray();
        Assert.Equal(4, mine.Count(n => n!["caseId"]!.GetValue<string>() == caseId));

        // Intervention without consent → CONSENT_REQUIRED, nothing changes (R-1.7).
        var refused = await _client.PostAsync($"/t/{tenant}/graphql", $"mutation {{ startIntervention(id: \"{caseId}\") {{ status }} }}", token: psych);
        Assert.Equal("CONSENT_REQUIRED", refused.FirstCode);
        Assert.Equal("PROFESSIONAL_INTERVENTION", refused.Errors![0]!["extensions"]!["purpose"]!.GetValue<string>());
        var unchanged = (await Ok(tenant, psych, $"{{ case(id: \"{caseId}\") {{ status interventionStartedAt timeline {{ action }} }} }}"))["case"]!;
        Assert.Equal("REPORTED", unchanged["status"]!.GetValue<string>());
        Assert.Null(unchanged["interventionStartedAt"]);

        // With the guardian's consent it works (the guardian is named first); the crisis-intervention task is done.
        await Ok(tenant, psych, $"mutation {{ setPersonContacts(personId: \"{student}\", contacts: [{{ kind: GUARDIAN, name: \"Mother Nine\", relationship: \"mother\" }}]) {{ id }} }}");
        await Ok(tenant, psych, $"mutation {{ recordConsent(personId: \"{student}\", purpose: PROFESSIONAL_INTERVENTION, decision: GRANTED, givenBy: GUARDIAN) {{ id }} }}");
        var intervening = (await Ok(tenant, psych, $"mutation {{ startIntervention(id: \"{caseId}\", reason: \"crisis session\") {{ {CaseFields} }} }}"))["startIntervention"]!;
        Assert.Equal("ACTIVE", intervening["status"]!.GetValue<string>());
        Assert.Equal("psych@" + tenant, intervening["assigneeId"]!.GetValue<string>());
        Assert.Equal("DONE", intervening["tasks"]!.AsArray().Single(t => t!["kind"]!.GetValue<string>() == "PROFESSIONAL_CRISIS_INTERVENTION")!["status"]!.GetValue<string>());

        // Referral: refused without InformationSharing consent, then sent with it, accepted, completed.
        await Ok(tenant, psych, $"mutation {{ proposeReferral(id: \"{caseId}\", institution: \"City Psychiatric Hospital\", reason: \"assessment for medication\") {{ id }} }}");
        var noSharing = await _client.PostAsync($"/t/{tenant}/graphql", $"mutation {{ sendReferral(id: \"{caseId}\") {{ status }} }}", token: psych);
        Assert.Equal("CONSENT_REQUIRED", noSharing.FirstCode);
        await Ok(tenant, psych, $"mutation {{ recordConsent(personId: \"{student}\", purpose: INFORMATION_SHARING, decision: GRANTED, givenBy: GUARDIAN) {{ id }} }}");
        var sent = (await Ok(tenant, psych, $"mutation {{ sendReferral(id: \"{caseId}\") {{ status referrals {{ status sharedFields }} tasks {{ kind status }} }} }}"))["sendReferral"]!;
        Assert.Equal("REFERRED", sent["status"]!.GetValue<string>());
        Assert.Equal(["caseId", "riskLevel", "reason", "personDisplayName"], Strings(sent["referrals"]![0]!["sharedFields"]));
        Assert.Equal("DONE", sent["tasks"]!.AsArray().Single(t => t!["kind"]!.GetValue<string>() == "GUIDE_TO_PSYCHIATRIC_INSTITUTION")!["status"]!.GetValue<string>());
        await Ok(tenant, psych, $"mutation {{ acceptReferral(id: \"{caseId}\", note: \"admitted as outpatient\") {{ id }} }}");
        var followUp = (await Ok(tenant, psych, $"mutation {{ completeReferral(id: \"{caseId}\") {{ status referrals {{ status }} }} }}"))["completeReferral"]!;
        Assert.Equal("FOLLOW_UP", followUp["status"]!.GetValue<string>());
        Assert.Equal("COMPLETED", followUp["referrals"]![0]!["status"]!.GetValue<string>());

        // Follow-ups (R-3.6): contacts, at the raised frequency.
        var contact = (await Ok(tenant, homeroom, $"mutation {{ logContact(id: \"{caseId}\", channel: HOME_VISIT, durationMinutes: 45, notes: \"sleeping better\") {{ visitEveryHours contacts {{ channel durationMinutes }} }} }}"))["logContact"]!;
        Assert.Equal(48, contact["visitEveryHours"]!.GetValue<int>());
        await Ok(tenant, psych, $"mutation {{ logContact(id: \"{caseId}\", channel: PHONE, durationMinutes: 20) {{ id }} }}");

        // Close: refused before a level-3 reassessment, allowed after; nothing stays open.
        var early = await _client.PostAsync($"/t/{tenant}/graphql", $"mutation {{ closeCase(id: \"{caseId}\", reason: \"better\") {{ status }} }}", token: psych);
        Assert.Equal("REASSESSMENT_REQUIRED", early.FirstCode);
        await Ok(tenant, psych, $"mutation {{ assessRisk(id: \"{caseId}\", riskLevel: LOW, reason: \"reassessed: no ideation for three weeks\") {{ riskLevel }} }}");
        var closed = (await Ok(tenant, psych, $"mutation {{ closeCase(id: \"{caseId}\", reason: \"recovered, referral completed\") {{ status tasks {{ status }} }} }}"))["closeCase"]!;
        Assert.Equal("CLOSED", closed["status"]!.GetValue<string>());
        Assert.DoesNotContain(closed["tasks"]!.AsArray(), t => t!["status"]!.GetValue<string>() == "OPEN");
        var after = (await Ok(tenant, psych, "{ myTasks { nodes { caseId } } }"))["myTasks"]!["nodes"]!.AsArray();
        Assert.DoesNotContain(after, n => n!["caseId"]!.GetValue<string>() == caseId);
    }

    [Fact]
    public async Task Bring_the_homeroom_teachers_concern_to_the_psychology_teacher_without_a_manual_escalation()
    {
        // R-4.3: the psychology teacher is who receives concerns; the school's intake rule gives a new concern to the
        // level-3 queue at level 1 (docs/protocol.md "How a concern travels"), so no escalateCase is needed.
        var (tenant, student) = await SchoolAsync();
        var homeroom = factory.TokenFor("homeroom@" + tenant, tenant, Roles.Caseworker);
        var psych = factory.TokenFor("psych@" + tenant, tenant, Roles.Counsellor);
        var reported = (await Ok(tenant, homeroom, $"mutation {{ reportConcern(input: {{ personId: \"{student}\", summary: \"Cries in class, stopped eating lunch\", riskLevel: MODERATE }}) {{ {CaseFields} }} }}"))["reportConcern"]!;
        var caseId = reported["id"]!.GetValue<string>();
        Assert.Equal(("queue:level-3", 1), (reported["assigneeId"]!.GetValue<string>(), reported["escalationLevel"]!.GetValue<int>()));
        Assert.Contains("requestProfessionalReview", Strings(reported["availableActions"]));

        // The psychology teacher opens it and screens, with nobody escalating it first.
        var opened = (await Ok(tenant, psych, $"{{ case(id: \"{caseId}\") {{ {CaseFields} }} }}"))["case"]!;
        Assert.Contains("takeCase", Strings(opened["availableActions"]));
        Assert.Contains("recordScreening", Strings(opened["availableActions"]));
        var screened = (await Ok(tenant, psych, $"mutation {{ recordScreening(id: \"{caseId}\", instrument: GAD7, answers: [2,2,1,1,1,1,1]) {{ {CaseFields} }} }}"))["recordScreening"]!;
        Assert.Equal(1, screened["escalationLevel"]!.GetValue<int>());
        Assert.DoesNotContain(screened["timeline"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "Escalate");

        // One action makes it hers; another homeroom teacher still may not open it (need-to-know).
        var taken = (await Ok(tenant, psych, $"mutation {{ takeCase(caseId: \"{caseId}\") {{ {CaseFields} }} }}"))["takeCase"]!;
        Assert.Equal("psych@" + tenant, taken["assigneeId"]!.GetValue<string>());
        var other = await _client.PostAsync($"/t/{tenant}/graphql", $"{{ case(id: \"{caseId}\") {{ id }} }}", token: factory.TokenFor("homeroom2@" + tenant, tenant, Roles.Caseworker));
        Assert.Equal("FORBIDDEN", other.FirstCode);

        // The homeroom teacher still sees the case she reported and may ask for professional review in one action (R-4.4).
        var reviewed = (await Ok(tenant, homeroom, $"mutation {{ requestProfessionalReview(caseId: \"{caseId}\", reason: \"not better after a week\") {{ {CaseFields} }} }}"))["requestProfessionalReview"]!;
        Assert.Equal((3, "psych@" + tenant), (reviewed["escalationLevel"]!.GetValue<int>(), reviewed["assigneeId"]!.GetValue<string>()));
        Assert.Contains(reviewed["timeline"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "RequestProfessionalReview" && e["reason"]!.GetValue<string>().EndsWith("not better after a week", StringComparison.Ordinal));
        Assert.DoesNotContain("requestProfessionalReview", Strings(reviewed["availableActions"]));
    }

    [Fact]
    public async Task Add_police_transport_at_Imminent_and_allow_a_recorded_duty_of_care_override()
    {
        var (tenant, student) = await SchoolAsync();
        var homeroom = factory.TokenFor("homeroom@" + tenant, tenant, Roles.Caseworker);
        var psych = factory.TokenFor("psych@" + tenant, tenant, Roles.Counsellor);
        var caseId = (await Ok(tenant, homeroom, $"mutation {{ reportConcern(input: {{ personId: \"{student}\", summary: \"On the roof edge, says goodbye\", riskLevel: IMMINENT }}) {{ id }} }}"))["reportConcern"]!["id"]!.GetValue<string>();
        var c = (await Ok(tenant, psych, $"{{ case(id: \"{caseId}\") {{ {CaseFields} }} }}"))["case"]!;
        Assert.Equal(5, c["tasks"]!.AsArray().Count);
        var police = c["tasks"]!.AsArray().Single(t => t!["kind"]!.GetValue<string>() == "POLICE_TRANSPORT_ASSISTANCE")!;
        Assert.Equal(factory.Clock.GetUtcNow().AddHours(1), police["dueAt"]!.GetValue<DateTimeOffset>());

        var noReason = await _client.PostAsync($"/t/{tenant}/graphql", $"mutation {{ startIntervention(id: \"{caseId}\") {{ status }} }}", token: psych);
        Assert.Equal("CONSENT_REQUIRED", noReason.FirstCode);
        var overridden = (await Ok(tenant, psych, $"mutation {{ startIntervention(id: \"{caseId}\", consentOverrideReason: \"imminent danger to life; guardian unreachable\") {{ status timeline {{ action reason }} }} }}"))["startIntervention"]!;
        Assert.Equal("ACTIVE", overridden["status"]!.GetValue<string>());
        Assert.Contains(overridden["timeline"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "DutyOfCareOverride" && e["reason"]!.GetValue<string>().Contains("guardian unreachable"));
    }

    [Fact]
    public async Task Refuse_a_level_1_role_starting_intervention_with_FORBIDDEN()
    {
        var (tenant, student) = await SchoolAsync();
        var homeroom = factory.TokenFor("homeroom@" + tenant, tenant, Roles.Caseworker);
        var caseId = (await Ok(tenant, homeroom, $"mutation {{ reportConcern(input: {{ personId: \"{student}\", summary: \"Crying in class\" }}) {{ id }} }}"))["reportConcern"]!["id"]!.GetValue<string>();
        var response = await _client.PostAsync($"/t/{tenant}/graphql", $"mutation {{ startIntervention(id: \"{caseId}\") {{ status }} }}", token: homeroom);
        Assert.Equal("FORBIDDEN", response.FirstCode);
    }
}

[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class RecordScreeningShould(CareGridApiFactory factory)
{
    private readonly GraphQLClient _client = factory.GraphQL();

    [Theory]
    [InlineData("PHQ9", "[1,1,1]", "answers")]
    [InlineData("PHQ9", "[0,0,0,0,0,0,0,0,4]", "answers[8]")]
    [InlineData("GAD7", "[0,0,0,0,0,0,-1]", "answers[6]")]
    [InlineData("K10", "[1,1,1,1,1,1,1,1,null,null]", "answers")]
    public async Task Refuse_invalid_answers_with_the_field_and_change_nothing(string instrument, string answers, string field)
    {
        var token = factory.TokenFor("homeroom-8-1@demo-school", "demo-school", Roles.Caseworker);
        var before = (await _client.PostAsync("/t/demo-school/graphql", "{ case(id: \"case-school-1\") { riskLevel screenings { id } timeline { action } } }", token: token)).EnsureNoErrors().Data!["case"]!;
        var response = await _client.PostAsync("/t/demo-school/graphql", $"mutation {{ recordScreening(id: \"case-school-1\", instrument: {instrument}, answers: {answers}) {{ riskLevel }} }}", token: token);
        Assert.Equal("VALIDATION_FAILED", response.FirstCode);
        Assert.Equal(field, response.Errors![0]!["extensions"]!["field"]!.GetValue<string>());
        var after = (await _client.PostAsync("/t/demo-school/graphql", "{ case(id: \"case-school-1\") { riskLevel screenings { id } timeline { action } } }", token: token)).EnsureNoErrors().Data!["case"]!;
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
    }

    [Fact]
    public async Task Never_lower_risk_from_a_low_score()
    {
        await StaffMembers.DemoSchoolPsychologistAsync(factory, _client, "psych@demo-school"); // stays on the case they report (RT17-7)
        var token = factory.TokenFor("psych@demo-school", "demo-school", Roles.Counsellor);
        var student = await DemoStudents.NewAsync(_client, token);
        var id = (await _client.PostAsync("/t/demo-school/graphql", $"mutation {{ reportConcern(input: {{ personId: \"{student}\", summary: \"Panic attacks\", riskLevel: MODERATE }}) {{ id }} }}", token: token))
            .EnsureNoErrors().Data!["reportConcern"]!["id"]!.GetValue<string>();
        var screened = await _client.PostAsync("/t/demo-school/graphql", $"mutation {{ recordScreening(id: \"{id}\", instrument: GAD7, answers: [0,0,0,0,0,0,0]) {{ riskLevel screenings {{ result {{ band suggestedRiskLevel }} }} }} }}", token: token);
        var c = screened.EnsureNoErrors().Data!["recordScreening"]!;
        Assert.Equal("MODERATE", c["riskLevel"]!.GetValue<string>());
        Assert.Equal("LOW", c["screenings"]![0]!["result"]!["suggestedRiskLevel"]!.GetValue<string>());
    }
}
