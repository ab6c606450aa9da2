using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Consents;

/// <summary>
/// Through the API: a guardian's PROFESSIONAL_INTERVENTION grant given while the person was 13 stops counting on their 14th
/// birthday (the tenant's age of consent, on the domain clock; nothing is edited): <c>startIntervention</c> answers
/// <c>CONSENT_REQUIRED</c> naming <c>givenBy: SELF</c>, <c>nextActions</c> agrees (even on a case activation that read the
/// consent before the birthday), and the person's <c>consents</c> show the stored grant with <c>effectiveStatus: PENDING</c>
/// and a bilingual <c>lapsedReason</c> (R-1.7, PIPL art. 31, docs/consent.md "Who decides").
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class GuardianConsentLapsesWithTimeApiShould(CareGridApiFactory factory)
{
    private const string Tenant = "demo-school";
    private const string Path = "/t/demo-school/graphql";
    private const string Start = "mutation($id: ID!) { startIntervention(id: $id, reason: \"first session\") { status } }";

    private readonly GraphQLClient _client = factory.GraphQL();

    [Fact]
    public async Task Refuse_intervention_on_a_guardians_grant_once_the_minor_turns_the_age_of_consent()
    {
        await StaffMembers.AddAsync(factory, _client, Tenant, "lapse-psych@demo-school", "counselling-centre", "PsychologyTeacher",
            "RelevantDegree", "CounsellingCertificate");
        var psych = factory.TokenFor("lapse-psych@demo-school", Tenant, Roles.Counsellor);
        var shanghaiToday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(factory.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        var born = shanghaiToday.AddDays(2).AddYears(-14); // 13 today, 14 in two days
        var person = "lapse-" + Guid.NewGuid().ToString("N")[..12];
        (await _client.PostAsync(Path, "mutation($in: RegisterPersonInput!) { registerPerson(input: $in) { id } }",
            new { @in = new { id = person, displayName = "Student " + person, organizationId = "class-8-2", dateOfBirth = born.ToString("yyyy-MM-dd") } }, psych)).EnsureNoErrors();
        var caseId = (await _client.PostAsync(Path, "mutation($p: ID!) { reportConcern(input: { personId: $p, summary: \"Withdrawn, not eating\" }) { id } }",
            new { p = person }, psych)).EnsureNoErrors().Data!["reportConcern"]!["id"]!.GetValue<string>();
        (await _client.PostAsync(Path, "mutation($p: ID!) { setPersonContacts(personId: $p, contacts: [{ kind: GUARDIAN, name: \"Uncle Wang\" }]) { id } }",
            new { p = person }, psych)).EnsureNoErrors();
        (await _client.PostAsync(Path, "mutation($p: ID!) { recordConsent(personId: $p, purpose: PROFESSIONAL_INTERVENTION, decision: GRANTED, givenBy: GUARDIAN) { id } }",
            new { p = person }, psych)).EnsureNoErrors();
        Assert.True((await StartActionAsync(caseId, psych))["allowed"]!.GetValue<bool>()); // 13: the guardian's grant counts

        factory.Clock.Advance(TimeSpan.FromDays(4)); // past the 14th birthday on the tenant's local date

        var next = await StartActionAsync(caseId, psych);
        Assert.Equal((false, "CONSENT_REQUIRED"), (next["allowed"]!.GetValue<bool>(), next["code"]!.GetValue<string>()));
        Assert.Contains("givenBy: SELF", next["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        var started = await _client.PostAsync(Path, Start, new { id = caseId }, psych);
        Assert.Equal("CONSENT_REQUIRED", started.FirstCode);
        Assert.Contains("givenBy: SELF", started.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("decides themself", started.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        var consent = (await _client.PostAsync(Path, "query($p: ID!) { person(id: $p) { consents { status effectiveStatus givenBy lapsedReason } } }", new { p = person }, psych))
            .EnsureNoErrors().Data!["person"]!["consents"]!.AsArray().Single()!;
        Assert.Equal(("GRANTED", "PENDING", "GUARDIAN"),
            (consent["status"]!.GetValue<string>(), consent["effectiveStatus"]!.GetValue<string>(), consent["givenBy"]!.GetValue<string>()));
        Assert.Contains($"of the age of consent since {born.AddYears(14):yyyy-MM-dd}", consent["lapsedReason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("已达同意年龄", consent["lapsedReason"]!.GetValue<string>(), StringComparison.Ordinal);

        // The person's own decision lets the intervention start.
        (await _client.PostAsync(Path, "mutation($p: ID!) { recordConsent(personId: $p, purpose: PROFESSIONAL_INTERVENTION, decision: GRANTED, givenBy: SELF) { id } }",
            new { p = person }, psych)).EnsureNoErrors();
        Assert.Equal("ACTIVE", (await _client.PostAsync(Path, Start, new { id = caseId }, psych)).EnsureNoErrors().Data!["startIntervention"]!["status"]!.GetValue<string>());
    }

    private async Task<System.Text.Json.Nodes.JsonNode> StartActionAsync(string caseId, string token) =>
        (await _client.PostAsync(Path, "query($id: ID!) { case(id: $id) { nextActions { action allowed code reason } } }", new { id = caseId }, token))
            .EnsureNoErrors().Data!["case"]!["nextActions"]!.AsArray().Single(a => a!["action"]!.GetValue<string>() == "startIntervention")!;
}
