using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Consents;

/// <summary>
/// Through the API: a guardian's consent recorded while a person's age was unknown stops counting once <c>updatePerson</c>
/// shows an adult — professional intervention is refused <c>CONSENT_REQUIRED</c> until the adult decides, and the person's
/// <c>consents</c> show the system's withdrawal with its reason (R-1.7, PIPL art. 31, docs/consent.md; round 16 red team F11).
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class GuardianConsentOnComingOfAgeApiShould(CareGridApiFactory factory)
{
    private const string Tenant = "demo-school";
    private const string Path = "/t/demo-school/graphql";

    private readonly GraphQLClient _client = factory.GraphQL();

    [Fact]
    public async Task Not_start_intervention_on_an_adult_on_a_guardians_consent_given_while_the_age_was_unknown()
    {
        await StaffMembers.AddAsync(factory, _client, Tenant, "coming-of-age-psych@demo-school", "counselling-centre", "PsychologyTeacher",
            "RelevantDegree", "CounsellingCertificate");
        var psych = factory.TokenFor("coming-of-age-psych@demo-school", Tenant, Roles.Counsellor);
        var person = "coa-" + Guid.NewGuid().ToString("N")[..12];
        (await _client.PostAsync(Path, "mutation($in: RegisterPersonInput!) { registerPerson(input: $in) { id } }",
            new { @in = new { id = person, displayName = "Resident " + person, organizationId = "class-8-2" } }, psych)).EnsureNoErrors();
        var caseId = (await _client.PostAsync(Path, "mutation($p: ID!) { reportConcern(input: { personId: $p, summary: \"Withdrawn, not eating\" }) { id } }",
            new { p = person }, psych)).EnsureNoErrors().Data!["reportConcern"]!["id"]!.GetValue<string>();
        (await _client.PostAsync(Path, "mutation($p: ID!) { setPersonContacts(personId: $p, contacts: [{ kind: GUARDIAN, name: \"Uncle Wang\" }]) { id } }",
            new { p = person }, psych)).EnsureNoErrors();
        (await _client.PostAsync(Path, "mutation($p: ID!) { recordConsent(personId: $p, purpose: PROFESSIONAL_INTERVENTION, decision: GRANTED, givenBy: GUARDIAN) { id } }",
            new { p = person }, psych)).EnsureNoErrors();

        // The birth year turns out to be 1990: an adult, who alone decides (a guardian's decision is refused for them).
        (await _client.PostAsync(Path, "mutation($in: UpdatePersonInput!) { updatePerson(input: $in) { id } }",
            new { @in = new { id = person, displayName = "Resident " + person, organizationId = "class-8-2", birthYear = 1990 } }, psych)).EnsureNoErrors();
        var started = await _client.PostAsync(Path, "mutation($id: ID!) { startIntervention(id: $id, reason: \"first session\") { status } }", new { id = caseId }, psych);

        Assert.Equal("CONSENT_REQUIRED", started.FirstCode);
        var consent = (await _client.PostAsync(Path, "query($p: ID!) { person(id: $p) { consents { purpose status givenBy recordedBy reason } } }", new { p = person }, psych))
            .EnsureNoErrors().Data!["person"]!["consents"]!.AsArray().Single()!;
        Assert.Equal(("WITHDRAWN", "GUARDIAN", "system", "birth date changed: of the age of consent; only the person decides"),
            (consent["status"]!.GetValue<string>(), consent["givenBy"]!.GetValue<string>(), consent["recordedBy"]!.GetValue<string>(), consent["reason"]!.GetValue<string>()));

        // The adult's own decision lets the intervention start.
        (await _client.PostAsync(Path, "mutation($p: ID!) { recordConsent(personId: $p, purpose: PROFESSIONAL_INTERVENTION, decision: GRANTED, givenBy: SELF) { id } }",
            new { p = person }, psych)).EnsureNoErrors();
        var again = await _client.PostAsync(Path, "mutation($id: ID!) { startIntervention(id: $id, reason: \"first session\") { status } }", new { id = caseId }, psych);
        Assert.Equal("ACTIVE", again.EnsureNoErrors().Data!["startIntervention"]!["status"]!.GetValue<string>());
    }
}
