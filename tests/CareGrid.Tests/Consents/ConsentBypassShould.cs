using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Consents;

/// <summary>
/// The bypasses of consent (R-1.7) and of the age of consent (PIPL art. 31) a security test found, each closed, through
/// the real GraphQL path (docs/consent.md). The shared service's clock stands at 2026-11-30.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class ConsentBypassShould(CareGridApiFactory factory)
{
    private const string CaseFields = "status riskLevel tasks { id kind status } timeline { actor action reason }";
    private readonly GraphQLClient _client = factory.GraphQL();

    private sealed record Setup(string Tenant, string Path, string Admin, string Homeroom, string Psych, string Person, string Case);

    [Fact]
    public async Task Refuse_a_made_up_guardian_overriding_an_adults_own_withdrawal()
    {
        var s = await SetUpAsync("dateOfBirth: \"1990-04-02\"");
        await Ok(s, s.Psych, Consent(s, "PROFESSIONAL_INTERVENTION", "GRANTED", "SELF"));
        await Ok(s, s.Psych, Consent(s, "PROFESSIONAL_INTERVENTION", "WITHDRAWN", "SELF"));
        await Ok(s, s.Psych, $"mutation {{ setPersonContacts(personId: \"{s.Person}\", contacts: [{{ kind: GUARDIAN, name: \"Made Up Guardian\" }}]) {{ id }} }}");

        var guardian = await _client.PostAsync(s.Path, Consent(s, "PROFESSIONAL_INTERVENTION", "GRANTED", "GUARDIAN"), token: s.Psych);
        AssertInvalid(guardian, "givenBy");
        Assert.Contains("givenBy: SELF", guardian.Errors![0]!["message"]!.GetValue<string>());
        AssertInvalid(await _client.PostAsync(s.Path, Consent(s, "INFORMATION_SHARING", "GRANTED", "GUARDIAN"), token: s.Psych), "givenBy");

        Assert.Equal("CONSENT_REQUIRED", (await _client.PostAsync(s.Path, $"mutation {{ startIntervention(id: \"{s.Case}\") {{ status }} }}", token: s.Psych)).FirstCode);
        var consents = (await Ok(s, s.Psych, $"{{ person(id: \"{s.Person}\") {{ consents {{ purpose status givenBy }} }} }}"))["person"]!["consents"]!.AsArray();
        var pi = Assert.Single(consents, c => c!["purpose"]!.GetValue<string>() == "PROFESSIONAL_INTERVENTION")!;
        Assert.Equal("WITHDRAWN", pi["status"]!.GetValue<string>());
        Assert.Equal("SELF", pi["givenBy"]!.GetValue<string>());

        // The person's own decision still counts.
        await Ok(s, s.Psych, Consent(s, "PROFESSIONAL_INTERVENTION", "GRANTED", "SELF"));
        await Ok(s, s.Psych, $"mutation {{ startIntervention(id: \"{s.Case}\") {{ status }} }}");
    }

    [Theory]
    [InlineData(".")]
    [InlineData("\\u200b")]
    [InlineData("\\u200b\\u200d-")]
    [InlineData("12345")]
    public async Task Refuse_a_guardian_name_without_a_letter(string name)
    {
        var s = await SetUpAsync("dateOfBirth: \"2015-06-01\"");
        var set = await _client.PostAsync(s.Path, $"mutation {{ setPersonContacts(personId: \"{s.Person}\", contacts: [{{ kind: GUARDIAN, name: \"{name}\" }}]) {{ id }} }}", token: s.Psych);
        AssertInvalid(set, "contacts[0].name");
        // Refused for having no letter, or earlier for an invisible character in a name (StoredText): either way named.
        Assert.Matches("letter|invisible", set.Errors![0]!["message"]!.GetValue<string>());

        // Nothing was stored, so no guardian is named and the guardian's decision is refused.
        AssertInvalid(await _client.PostAsync(s.Path, Consent(s, "PROFESSIONAL_INTERVENTION", "GRANTED", "GUARDIAN"), token: s.Psych), "contacts");
        await Ok(s, s.Psych, $"mutation {{ setPersonContacts(personId: \"{s.Person}\", contacts: [{{ kind: GUARDIAN, name: \"王芳\" }}, {{ kind: EMERGENCY_CONTACT, name: \"110\" }}]) {{ id }} }}");
        await Ok(s, s.Psych, Consent(s, "PROFESSIONAL_INTERVENTION", "GRANTED", "GUARDIAN"));
    }

    [Theory]
    [InlineData("EMERGENCY_CONTACT", "\\u2800")]
    [InlineData("PARENT", "\\u2800\\u2800")]
    [InlineData("EMERGENCY_CONTACT", "--")]
    public async Task Refuse_a_contact_named_only_by_blank_symbols(string kind, string name)
    {
        // round-24 red team: an emergency contact named only U+2800 (Braille blank) was stored; nobody can be called on it
        var s = await SetUpAsync("dateOfBirth: \"2015-06-01\"");
        AssertInvalid(await _client.PostAsync(s.Path, $"mutation {{ setPersonContacts(personId: \"{s.Person}\", contacts: [{{ kind: {kind}, name: \"{name}\" }}]) {{ id }} }}", token: s.Psych),
            "contacts[0].name");
    }

    [Fact]
    public async Task Refuse_a_meaningless_duty_of_care_reason_wherever_the_override_is_accepted()
    {
        var s = await SetUpAsync("dateOfBirth: \"1990-04-02\"");
        await Ok(s, s.Psych, Consent(s, "PROFESSIONAL_INTERVENTION", "REFUSED", "SELF"));
        await Ok(s, s.Psych, $"mutation {{ assessRisk(id: \"{s.Case}\", riskLevel: IMMINENT, reason: \"plan and means\") {{ id }} }}");
        var crisisTask = await TaskIdAsync(s, "PROFESSIONAL_CRISIS_INTERVENTION");

        var gated = new[]
        {
            $"startIntervention(id: \"{s.Case}\", consentOverrideReason: $r)",
            $"logContact(id: \"{s.Case}\", channel: PHONE, durationMinutes: 5, consentOverrideReason: $r)",
            $"recordScreening(id: \"{s.Case}\", instrument: GAD7, answers: [1,1,1,1,1,1,1], consentOverrideReason: $r)",
            $"scheduleFollowUp(id: \"{s.Case}\", consentOverrideReason: $r)",
            $"completeTask(id: \"{s.Case}\", taskId: \"{crisisTask}\", note: \"crisis session held\", consentOverrideReason: $r)",
        };
        var before = (await Ok(s, s.Psych, $"{{ case(id: \"{s.Case}\") {{ {CaseFields} }} }}"))["case"]!.ToJsonString();
        foreach (var mutation in gated)
        {
            foreach (var reason in new[] { "\u200b", ".", "..........", "too short", "\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200bab" })
            {
                var response = await _client.PostAsync(s.Path, $"mutation($r: String) {{ {mutation} {{ status }} }}", new { r = reason }, s.Psych);
                AssertInvalid(response, "consentOverrideReason");
            }
        }

        Assert.Equal(before, (await Ok(s, s.Psych, $"{{ case(id: \"{s.Case}\") {{ {CaseFields} }} }}"))["case"]!.ToJsonString());

        // breakTheGlass keeps the same rule (10–1000 characters with letters, format characters not counted).
        var other = factory.TokenFor("other@" + s.Tenant, s.Tenant, Roles.Counsellor);
        foreach (var reason in new[] { "..........", "\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b" })
        {
            AssertInvalid(await _client.PostAsync(s.Path, $"mutation($r: String!) {{ breakTheGlass(entity: CASE, id: \"{s.Case}\", reason: $r) {{ reason }} }}", new { r = reason }, other), "reason");
        }

        (await _client.PostAsync(s.Path, $"mutation($r: String!) {{ breakTheGlass(entity: CASE, id: \"{s.Case}\", reason: $r) {{ reason }} }}", new { r = "covering the night shift" }, other)).EnsureNoErrors();

        var passed = (await _client.PostAsync(s.Path, $"mutation($r: String) {{ startIntervention(id: \"{s.Case}\", consentOverrideReason: $r) {{ {CaseFields} }} }}",
            new { r = "\u200eon the roof edge, guardian unreachable" }, s.Psych)).EnsureNoErrors().Data!["startIntervention"]!;
        Assert.Contains(passed["timeline"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "DutyOfCareOverride" && e["reason"]!.GetValue<string>().Contains("guardian unreachable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Gate_completing_crisis_intervention_and_guidance_tasks_like_the_actions_they_stand_for()
    {
        var s = await SetUpAsync("dateOfBirth: \"1990-04-02\"");
        await Ok(s, s.Psych, Consent(s, "PROFESSIONAL_INTERVENTION", "REFUSED", "SELF"));
        await Ok(s, s.Psych, $"mutation {{ assessRisk(id: \"{s.Case}\", riskLevel: HIGH, reason: \"plan, no means\") {{ id }} }}");
        var crisis = await TaskIdAsync(s, "PROFESSIONAL_CRISIS_INTERVENTION");
        var guide = await TaskIdAsync(s, "GUIDE_TO_PSYCHIATRIC_INSTITUTION");
        var family = await TaskIdAsync(s, "NOTIFY_FAMILY_EMERGENCY_CONTACT");
        var visits = await TaskIdAsync(s, "RAISE_VISIT_FREQUENCY");

        foreach (var task in new[] { crisis, guide })
        {
            var response = await _client.PostAsync(s.Path, $"mutation {{ completeTask(id: \"{s.Case}\", taskId: \"{task}\", note: \"crisis session held\", consentOverrideReason: \"not imminent, ignored\") {{ status }} }}", token: s.Psych);
            Assert.Equal("CONSENT_REQUIRED", response.FirstCode);
            Assert.Equal("PROFESSIONAL_INTERVENTION", response.Errors![0]!["extensions"]!["purpose"]!.GetValue<string>());
            Assert.Equal("REFUSED", response.Errors[0]!["extensions"]!["status"]!.GetValue<string>());
            Assert.Contains("completeTask", response.Errors[0]!["message"]!.GetValue<string>());
        }

        // The family is still told and visits still rise (R-1.10); cancelling a gated task stays allowed.
        await Ok(s, s.Psych, $"mutation {{ completeTask(id: \"{s.Case}\", taskId: \"{family}\") {{ id }} }}");
        await Ok(s, s.Homeroom, $"mutation {{ completeTask(id: \"{s.Case}\", taskId: \"{visits}\") {{ id }} }}");
        await Ok(s, s.Psych, $"mutation {{ cancelTask(id: \"{s.Case}\", taskId: \"{guide}\", reason: \"person refused\") {{ id }} }}");
        Assert.Equal("OPEN", (await TaskAsync(s, crisis))["status"]!.GetValue<string>());

        // Guidance needs "not refused / withdrawn", crisis intervention needs GRANTED: pending is not enough for it.
        var s2 = await SetUpAsync("dateOfBirth: \"1990-04-02\"");
        await Ok(s2, s2.Psych, $"mutation {{ assessRisk(id: \"{s2.Case}\", riskLevel: HIGH, reason: \"plan, no means\") {{ id }} }}");
        await Ok(s2, s2.Psych, $"mutation {{ completeTask(id: \"{s2.Case}\", taskId: \"{await TaskIdAsync(s2, "GUIDE_TO_PSYCHIATRIC_INSTITUTION")}\", note: \"taken to the clinic\") {{ id }} }}");
        var pending = await _client.PostAsync(s2.Path, $"mutation {{ completeTask(id: \"{s2.Case}\", taskId: \"{await TaskIdAsync(s2, "PROFESSIONAL_CRISIS_INTERVENTION")}\", note: \"crisis session held\") {{ status }} }}", token: s2.Psych);
        Assert.Equal("CONSENT_REQUIRED", pending.FirstCode);
        Assert.Equal("PENDING", pending.Errors![0]!["extensions"]!["status"]!.GetValue<string>());

        // At IMMINENT a written reason lets it go ahead, recorded on the timeline.
        await Ok(s, s.Psych, $"mutation {{ assessRisk(id: \"{s.Case}\", riskLevel: IMMINENT, reason: \"means at hand\") {{ id }} }}");
        var done = (await Ok(s, s.Psych, $"mutation {{ completeTask(id: \"{s.Case}\", taskId: \"{crisis}\", note: \"crisis team took over\", consentOverrideReason: \"crisis team on site, person at risk of dying\") {{ {CaseFields} }} }}"))["completeTask"]!;
        Assert.Equal("DONE", done["tasks"]!.AsArray().Single(t => t!["id"]!.GetValue<string>() == crisis)!["status"]!.GetValue<string>());
        Assert.Contains(done["timeline"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "DutyOfCareOverride"
            && e["reason"]!.GetValue<string>().StartsWith("completeTask (PROFESSIONAL_CRISIS_INTERVENTION) without PROFESSIONAL_INTERVENTION consent (REFUSED)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Withdraw_a_self_given_consent_when_a_birth_date_edit_puts_the_person_below_the_age()
    {
        var s = await SetUpAsync("dateOfBirth: \"2015-06-01\"");
        AssertInvalid(await _client.PostAsync(s.Path, Consent(s, "PROFESSIONAL_INTERVENTION", "GRANTED", "SELF"), token: s.Psych), "givenBy");

        await Ok(s, s.Psych, UpdatePerson(s, "2000-06-01"));
        await Ok(s, s.Psych, Consent(s, "PROFESSIONAL_INTERVENTION", "GRANTED", "SELF"));
        await Ok(s, s.Psych, Consent(s, "INFORMATION_SHARING", "GRANTED", "SELF"));
        await Ok(s, s.Psych, UpdatePerson(s, "2015-06-01"));

        var consents = (await Ok(s, s.Psych, $"{{ person(id: \"{s.Person}\") {{ dateOfBirth consents {{ purpose status givenBy recordedBy reason }} }} }}"))["person"]!;
        Assert.Equal("2015-06-01", consents["dateOfBirth"]!.GetValue<string>());
        Assert.Equal(2, consents["consents"]!.AsArray().Count);
        foreach (var c in consents["consents"]!.AsArray())
        {
            Assert.Equal("WITHDRAWN", c!["status"]!.GetValue<string>());
            Assert.Equal("system", c["recordedBy"]!.GetValue<string>());
            Assert.Equal("birth date changed: below the age of consent; a guardian decides", c["reason"]!.GetValue<string>());
        }

        var c1 = (await Ok(s, s.Psych, $"{{ case(id: \"{s.Case}\") {{ {CaseFields} }} }}"))["case"]!;
        var withdrawn = c1["timeline"]!.AsArray().Where(e => e!["action"]!.GetValue<string>() == "ConsentWithdrawn").ToList();
        Assert.Equal(2, withdrawn.Count);
        Assert.All(withdrawn, e => Assert.Contains("below the age of consent", e!["reason"]!.GetValue<string>()));
        Assert.Equal("CONSENT_REQUIRED", (await _client.PostAsync(s.Path, $"mutation {{ startIntervention(id: \"{s.Case}\") {{ status }} }}", token: s.Psych)).FirstCode);

        // Removing the birth data (age unknown) withdraws too; an edit that keeps the person of age does not.
        var adult = await SetUpAsync("dateOfBirth: \"1990-04-02\"");
        await Ok(adult, adult.Psych, Consent(adult, "PROFESSIONAL_INTERVENTION", "GRANTED", "SELF"));
        await Ok(adult, adult.Psych, UpdatePerson(adult, "1991-04-02"));
        Assert.Equal("GRANTED", (await Ok(adult, adult.Psych, $"{{ person(id: \"{adult.Person}\") {{ consents {{ status }} }} }}"))["person"]!["consents"]![0]!["status"]!.GetValue<string>());
        // Left out, the birth data is kept (round-34 red team F5: a rename withdrew the consent); given as null, it is removed.
        await Ok(adult, adult.Psych, $"mutation {{ updatePerson(input: {{ id: \"{adult.Person}\", displayName: \"Renamed\", organizationId: \"class-1\" }}) {{ id }} }}");
        Assert.Equal("GRANTED", (await Ok(adult, adult.Psych, $"{{ person(id: \"{adult.Person}\") {{ consents {{ status }} }} }}"))["person"]!["consents"]![0]!["status"]!.GetValue<string>());
        await Ok(adult, adult.Psych, $"mutation {{ updatePerson(input: {{ id: \"{adult.Person}\", displayName: \"Person\", organizationId: \"class-1\", birthYear: null, dateOfBirth: null }}) {{ id }} }}");
        var unknown = (await Ok(adult, adult.Psych, $"{{ person(id: \"{adult.Person}\") {{ consents {{ status reason }} }} }}"))["person"]!["consents"]![0]!;
        Assert.Equal("WITHDRAWN", unknown["status"]!.GetValue<string>());
        Assert.Contains("age unknown", unknown["reason"]!.GetValue<string>());
    }

    /// <summary>A school tenant with one person (born as <paramref name="birth"/> says) and an ACTIVE case assigned to the Counsellor.</summary>
    private async Task<Setup> SetUpAsync(string birth)
    {
        var tenant = Seeds.NewTenantId("bypass");
        (await _client.PostAsync("/graphql", "mutation($in: OnboardTenantInput!) { onboardTenant(input: $in) { id } }",
            new { @in = new { id = tenant, name = "Bypass school", kind = "SCHOOL", timeZone = "Asia/Shanghai", firstAdminSubject = "head@" + tenant } },
            factory.Token(null, Roles.PlatformAdmin))).EnsureNoErrors();
        var path = $"/t/{tenant}/graphql";
        var admin = factory.TokenFor("head@" + tenant, tenant, Roles.TenantAdmin);
        foreach (var (id, kind, parent, level) in new[] { ("school", "SCHOOL", (string?)null, (int?)null), ("class-1", "CLASS", "school", 1), ("centre", "COUNSELLING_CENTRE", "school", 3) })
        {
            (await _client.PostAsync(path, "mutation($in: CreateOrganizationInput!) { createOrganization(input: $in) { id } }",
                new { @in = new { id, name = id, kind, parentId = parent, escalationLevel = level } }, admin)).EnsureNoErrors();
        }

        await StaffMembers.AddAsync(factory, _client, tenant, "homeroom@" + tenant, "class-1", "HomeroomTeacher"); // reports about their class (RT17-7)
        // The psychology teacher the case is activated to: a staff member whose units reach it (docs/access.md "Naming a staff member").
        await StaffMembers.AddAsync(factory, _client, tenant, "psych@" + tenant, "centre", "PsychologyTeacher", "RelevantDegree", "CounsellingCertificate");
        var s = new Setup(tenant, path, admin, factory.TokenFor("homeroom@" + tenant, tenant, Roles.Caseworker), factory.TokenFor("psych@" + tenant, tenant, Roles.Counsellor), "p1", "");
        await Ok(s, admin, $"mutation {{ registerPerson(input: {{ id: \"p1\", displayName: \"Person\", organizationId: \"class-1\", {birth} }}) {{ id }} }}");
        var caseId = (await Ok(s, s.Homeroom, "mutation { reportConcern(input: { personId: \"p1\", summary: \"Withdrawn and tearful\" }) { id } }"))["reportConcern"]!["id"]!.GetValue<string>();
        await Ok(s, s.Homeroom, $"mutation {{ triageCase(id: \"{caseId}\") {{ id }} }}");
        await Ok(s, s.Homeroom, $"mutation {{ activateCase(id: \"{caseId}\", assigneeId: \"psych@{tenant}\") {{ id }} }}");
        return s with { Case = caseId };
    }

    private static string Consent(Setup s, string purpose, string decision, string givenBy) =>
        $"mutation {{ recordConsent(personId: \"{s.Person}\", purpose: {purpose}, decision: {decision}, givenBy: {givenBy}) {{ id }} }}";

    private static string UpdatePerson(Setup s, string dateOfBirth) =>
        $"mutation {{ updatePerson(input: {{ id: \"{s.Person}\", displayName: \"Person\", organizationId: \"class-1\", dateOfBirth: \"{dateOfBirth}\" }}) {{ id }} }}";

    private async Task<JsonNode> TaskAsync(Setup s, string taskId) =>
        (await Ok(s, s.Psych, $"{{ case(id: \"{s.Case}\") {{ tasks {{ id kind status }} }} }}"))["case"]!["tasks"]!.AsArray().Single(t => t!["id"]!.GetValue<string>() == taskId)!;

    private async Task<string> TaskIdAsync(Setup s, string kind) =>
        (await Ok(s, s.Psych, $"{{ case(id: \"{s.Case}\") {{ tasks {{ id kind status }} }} }}"))["case"]!["tasks"]!.AsArray()
            .First(t => t!["kind"]!.GetValue<string>() == kind && t["status"]!.GetValue<string>() == "OPEN")!["id"]!.GetValue<string>();

    private static void AssertInvalid(GraphQLResponse response, string field)
    {
        Assert.Equal("VALIDATION_FAILED", response.FirstCode);
        Assert.Equal(field, response.Errors![0]!["extensions"]!["field"]!.GetValue<string>());
    }

    private async Task<JsonNode> Ok(Setup s, string token, string query) =>
        (await _client.PostAsync(s.Path, query, token: token)).EnsureNoErrors().Data!;
}
