using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Consents;

/// <summary>
/// A withdrawal of PROFESSIONAL_INTERVENTION consent takes effect at once on every open case of the person (R-1.7,
/// docs/architecture.md "Security and privacy"), through the real GraphQL path.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class ConsentWithdrawalShould(CareGridApiFactory factory)
{
    private const string CaseFields = "status riskLevel availableActions contacts { by channel } screenings { id } referrals { status } tasks { id kind status } timeline { at actor action reason }";
    private readonly GraphQLClient _client = factory.GraphQL();

    private sealed record Setup(string Path, string Person, string Homeroom, string Psych, string Referred, string Plain);

    [Fact]
    public async Task Refuse_every_professional_action_after_a_withdrawal_and_record_it_on_each_open_case()
    {
        var s = await SetUpAsync();
        var withdrawn = await Ok(s, s.Psych, $"mutation {{ recordConsent(personId: \"{s.Person}\", purpose: PROFESSIONAL_INTERVENTION, decision: WITHDRAWN) {{ consents {{ purpose status }} }} }}");
        Assert.Contains(withdrawn["recordConsent"]!["consents"]!.AsArray(), c => c!["status"]!.GetValue<string>() == "WITHDRAWN");

        foreach (var id in new[] { s.Referred, s.Plain })
        {
            var c = await CaseAsync(s, s.Psych, id);
            var entry = Assert.Single(c["timeline"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "ConsentWithdrawn")!;
            Assert.StartsWith("psych@", entry["actor"]!.GetValue<string>(), StringComparison.Ordinal); // whoever recorded it
            Assert.Contains("PROFESSIONAL_INTERVENTION", entry["reason"]!.GetValue<string>());
            Assert.Contains("recorded by psych@", entry["reason"]!.GetValue<string>());
            var offered = Strings(c["availableActions"]);
            Assert.DoesNotContain("logContact", offered);
            Assert.DoesNotContain("recordScreening", offered);
            Assert.DoesNotContain("scheduleFollowUp", offered);
            Assert.DoesNotContain("proposeReferral", offered);
            Assert.DoesNotContain("sendReferral", offered);
            Assert.DoesNotContain("startIntervention", offered);
            Assert.Contains("assessRisk", offered);
        }

        await RefusedAsync(s, s.Referred, $"logContact(id: \"{s.Referred}\", channel: PHONE, durationMinutes: 10)");
        await RefusedAsync(s, s.Referred, $"recordScreening(id: \"{s.Referred}\", instrument: PHQ9, answers: [1,1,1,1,1,1,1,1,1])");
        await RefusedAsync(s, s.Referred, $"scheduleFollowUp(id: \"{s.Referred}\")");
        await RefusedAsync(s, s.Referred, $"sendReferral(id: \"{s.Referred}\")");
        await RefusedAsync(s, s.Plain, $"proposeReferral(id: \"{s.Plain}\", institution: \"City Psychiatric Hospital\", reason: \"assessment\")");
        await RefusedAsync(s, s.Plain, $"logContact(id: \"{s.Plain}\", channel: ONLINE, durationMinutes: 5, consentOverrideReason: \"not imminent, ignored\")");

        // Each refusal is on the audit log as one DENIED record naming the guard, so an Auditor sees the attempts.
        var auditor = factory.TokenFor("auditor@" + Tenant(s), Tenant(s), Roles.Auditor);
        var denied = (await Ok(s, auditor, $"{{ auditLog(filter: {{ actor: \"psych@{Tenant(s)}\", action: \"DENIED\" }}, first: 50) {{ nodes {{ purpose refusal {{ code }} }} }} }}"))["auditLog"]!["nodes"]!.AsArray();
        Assert.Equal(6, denied.Count(n => n!["refusal"]!["code"]!.GetValue<string>() == "CONSENT_REQUIRED"));
        Assert.Contains(denied, n => n!["purpose"]!.GetValue<string>() == "sendReferral");

        // What happened before stays: the Counsellor's earlier contact and the proposed referral.
        var after = await CaseAsync(s, s.Psych, s.Referred);
        Assert.Equal(["psych@" + Tenant(s)], after["contacts"]!.AsArray().Select(c => c!["by"]!.GetValue<string>()));
        Assert.Equal(["PROPOSED"], Strings(new JsonArray(after["referrals"]!.AsArray().Select(r => (JsonNode?)JsonValue.Create(r!["status"]!.GetValue<string>())).ToArray())));
    }

    [Fact]
    public async Task Let_the_homeroom_teacher_contact_and_screen_and_the_protocol_run_and_pass_a_written_override_at_Imminent()
    {
        var s = await SetUpAsync();
        await Ok(s, s.Psych, $"mutation {{ recordConsent(personId: \"{s.Person}\", purpose: PROFESSIONAL_INTERVENTION, decision: WITHDRAWN) {{ id }} }}");

        // Level 1's own contact and screening are not professional intervention; assessRisk and the protocol are never blocked.
        Assert.Contains("logContact", Strings((await CaseAsync(s, s.Homeroom, s.Referred))["availableActions"]));
        await Ok(s, s.Homeroom, $"mutation {{ logContact(id: \"{s.Referred}\", channel: HOME_VISIT, durationMinutes: 30) {{ id }} }}");
        await Ok(s, s.Homeroom, $"mutation {{ recordScreening(id: \"{s.Referred}\", instrument: GAD7, answers: [1,1,1,1,1,1,1]) {{ id }} }}");
        var imminent = (await Ok(s, s.Homeroom, $"mutation {{ assessRisk(id: \"{s.Referred}\", riskLevel: IMMINENT, reason: \"plan and means\") {{ {CaseFields} }} }}"))["assessRisk"]!;
        Assert.Equal("IMMINENT", imminent["riskLevel"]!.GetValue<string>());
        // The five protocol tasks, and the grading the report's "Self-harm" called for (docs/protocol.md "Crisis words"), now done.
        Assert.Equal(6, imminent["tasks"]!.AsArray().Count);
        Assert.Contains(imminent["tasks"]!.AsArray(), t => t!["kind"]!.GetValue<string>() == "GRADE_RISK" && t["status"]!.GetValue<string>() == "DONE");

        // At Imminent the action needs a written reason: not in availableActions (called as is, it is refused), but nextActions
        // says the override lets it go ahead; the override is on the timeline.
        var atImminent = (await Ok(s, s.Psych, $"{{ case(id: \"{s.Referred}\") {{ availableActions nextActions {{ action allowed code purpose allowedWithConsentOverride }} }} }}"))["case"]!;
        Assert.DoesNotContain("logContact", Strings(atImminent["availableActions"]));
        var log = Assert.Single(atImminent["nextActions"]!.AsArray(), a => a!["action"]!.GetValue<string>() == "logContact")!;
        Assert.Equal((false, "CONSENT_REQUIRED", "PROFESSIONAL_INTERVENTION", true),
            (log["allowed"]!.GetValue<bool>(), log["code"]!.GetValue<string>(), log["purpose"]!.GetValue<string>(), log["allowedWithConsentOverride"]!.GetValue<bool>()));
        await RefusedAsync(s, s.Referred, $"logContact(id: \"{s.Referred}\", channel: PHONE, durationMinutes: 15)");
        var passed = (await Ok(s, s.Psych,
            $"mutation {{ logContact(id: \"{s.Referred}\", channel: PHONE, durationMinutes: 15, consentOverrideReason: \"on the roof edge; guardian unreachable\") {{ {CaseFields} }} }}"))["logContact"]!;
        Assert.Equal(3, passed["contacts"]!.AsArray().Count);
        var entry = Assert.Single(passed["timeline"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "DutyOfCareOverride")!;
        Assert.Equal("psych@" + Tenant(s), entry["actor"]!.GetValue<string>());
        Assert.Contains("logContact without PROFESSIONAL_INTERVENTION consent (WITHDRAWN)", entry["reason"]!.GetValue<string>());
        Assert.Contains("guardian unreachable", entry["reason"]!.GetValue<string>());

        var sent = (await Ok(s, s.Psych, $"mutation {{ sendReferral(id: \"{s.Referred}\", consentOverrideReason: \"emergency admission\") {{ status referrals {{ status consentOverrideReason }} }} }}"))["sendReferral"]!;
        Assert.Equal("REFERRED", sent["status"]!.GetValue<string>());
        Assert.Equal("emergency admission", sent["referrals"]![0]!["consentOverrideReason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Take_effect_again_when_consent_is_granted_again()
    {
        var s = await SetUpAsync();
        await Ok(s, s.Psych, $"mutation {{ recordConsent(personId: \"{s.Person}\", purpose: PROFESSIONAL_INTERVENTION, decision: WITHDRAWN) {{ id }} }}");
        await RefusedAsync(s, s.Plain, $"logContact(id: \"{s.Plain}\", channel: PHONE, durationMinutes: 10)");
        await Ok(s, s.Psych, $"mutation {{ recordConsent(personId: \"{s.Person}\", purpose: PROFESSIONAL_INTERVENTION, decision: GRANTED) {{ id }} }}");
        var c = (await Ok(s, s.Psych, $"mutation {{ logContact(id: \"{s.Plain}\", channel: PHONE, durationMinutes: 10) {{ {CaseFields} }} }}"))["logContact"]!;
        Assert.Contains("proposeReferral", Strings(c["availableActions"]));
        var consentEntries = c["timeline"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()).Where(a => a.StartsWith("Consent", StringComparison.Ordinal)).ToList();
        Assert.Equal(["ConsentGranted", "ConsentGranted", "ConsentWithdrawn", "ConsentGranted"], consentEntries); // the setup's two grants, then ours
    }

    /// <summary>
    /// A school with a 16-year-old who consented for themself (PROFESSIONAL_INTERVENTION, INFORMATION_SHARING) and two
    /// ACTIVE cases (the second opened as a separate case on purpose): one where the Counsellor intervened, logged a contact and proposed a referral; one activated by the
    /// homeroom teacher.
    /// </summary>
    private async Task<Setup> SetUpAsync()
    {
        var tenant = Seeds.NewTenantId("consent");
        (await _client.PostAsync("/graphql", "mutation($in: OnboardTenantInput!) { onboardTenant(input: $in) { id } }",
            new { @in = new { id = tenant, name = "Consent school", kind = "SCHOOL", firstAdminSubject = "head@" + tenant } },
            factory.Token(null, Roles.PlatformAdmin))).EnsureNoErrors();
        var path = $"/t/{tenant}/graphql";
        var admin = factory.TokenFor("head@" + tenant, tenant, Roles.TenantAdmin);
        foreach (var (id, kind, parent, level) in new[] { ("school", "SCHOOL", (string?)null, (int?)null), ("grade-10", "GRADE", "school", 2), ("class-10-1", "CLASS", "grade-10", 1), ("counselling-centre", "COUNSELLING_CENTRE", "school", 3) })
        {
            (await _client.PostAsync(path, "mutation($in: CreateOrganizationInput!) { createOrganization(input: $in) { id } }",
                new { @in = new { id, name = id, kind, parentId = parent, escalationLevel = level } }, admin)).EnsureNoErrors();
        }

        // The psychology teacher is a member of the counselling centre (need-to-know by organization; a level-3 owner, R-4.3).
        await StaffMembers.AddAsync(factory, _client, tenant, "psych@" + tenant, "counselling-centre", "PsychologyTeacher", "RelevantDegree", "CounsellingCertificate");
        (await _client.PostAsync(path, "mutation { registerPerson(input: { id: \"stu-16\", displayName: \"Student Sixteen\", organizationId: \"class-10-1\", sex: MALE, dateOfBirth: \"2010-03-01\" }) { id } }", token: admin)).EnsureNoErrors();
        await StaffMembers.AddAsync(factory, _client, tenant, "homeroom@" + tenant, "class-10-1", "HomeroomTeacher"); // reports about their class (RT17-7)
        var s = new Setup(path, "stu-16", factory.TokenFor("homeroom@" + tenant, tenant, Roles.Caseworker), factory.TokenFor("psych@" + tenant, tenant, Roles.Counsellor), "", "");
        var referred = (await Ok(s, s.Homeroom, "mutation { reportConcern(input: { personId: \"stu-16\", summary: \"Self-harm marks\", riskLevel: MODERATE }) { id } }"))["reportConcern"]!["id"]!.GetValue<string>();
        var plain = (await Ok(s, s.Homeroom, "mutation { reportConcern(input: { personId: \"stu-16\", summary: \"Skipping meals\", separateCase: true, separateCaseReason: \"Eating is a separate matter for the school nurse\" }) { id } }"))["reportConcern"]!["id"]!.GetValue<string>();
        foreach (var id in new[] { referred, plain })
        {
            await Ok(s, s.Homeroom, $"mutation {{ triageCase(id: \"{id}\") {{ id }} }}");
            await Ok(s, s.Homeroom, $"mutation {{ activateCase(id: \"{id}\", assigneeId: \"psych@{tenant}\") {{ id }} }}");
        }

        await Ok(s, s.Psych, "mutation { recordConsent(personId: \"stu-16\", purpose: PROFESSIONAL_INTERVENTION, decision: GRANTED, givenBy: SELF) { id } }");
        await Ok(s, s.Psych, "mutation { recordConsent(personId: \"stu-16\", purpose: INFORMATION_SHARING, decision: GRANTED) { id } }");
        await Ok(s, s.Psych, $"mutation {{ startIntervention(id: \"{referred}\", reason: \"first session\") {{ id }} }}");
        await Ok(s, s.Psych, $"mutation {{ logContact(id: \"{referred}\", channel: IN_PERSON, durationMinutes: 50) {{ id }} }}");
        var proposed = (await Ok(s, s.Psych, $"mutation {{ proposeReferral(id: \"{referred}\", institution: \"City Psychiatric Hospital\", reason: \"medication review\") {{ {CaseFields} }} }}"))["proposeReferral"]!;
        Assert.Equal("ACTIVE", proposed["status"]!.GetValue<string>());
        Assert.Contains("sendReferral", Strings(proposed["availableActions"]));
        return s with { Referred = referred, Plain = plain };
    }

    /// <summary>The mutation is refused with CONSENT_REQUIRED (purpose PROFESSIONAL_INTERVENTION) and the case does not change.</summary>
    private async Task RefusedAsync(Setup s, string caseId, string mutation)
    {
        var before = await CaseAsync(s, s.Psych, caseId);
        var response = await _client.PostAsync(s.Path, $"mutation {{ {mutation} {{ status }} }}", token: s.Psych);
        Assert.Equal("CONSENT_REQUIRED", response.FirstCode);
        var extensions = response.Errors![0]!["extensions"]!;
        Assert.Equal("PROFESSIONAL_INTERVENTION", extensions["purpose"]!.GetValue<string>());
        Assert.Equal("recordConsent", extensions["grantedBy"]!.GetValue<string>());
        Assert.Contains("recordConsent", response.Errors[0]!["message"]!.GetValue<string>());
        var after = await CaseAsync(s, s.Psych, caseId);
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
    }

    private async Task<JsonNode> CaseAsync(Setup s, string token, string caseId) =>
        (await Ok(s, token, $"{{ case(id: \"{caseId}\") {{ {CaseFields} }} }}"))["case"]!;

    private async Task<JsonNode> Ok(Setup s, string token, string query) =>
        (await _client.PostAsync(s.Path, query, token: token)).EnsureNoErrors().Data!;

    private static string Tenant(Setup s) => s.Path.Split('/')[2];

    private static List<string> Strings(JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>()).ToList();
}
