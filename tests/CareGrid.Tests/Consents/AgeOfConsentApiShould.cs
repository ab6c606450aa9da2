using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Consents;

/// <summary>
/// Below the tenant's age of consent only a named guardian decides (PIPL art. 31), counted on the tenant's local date —
/// through the real GraphQL path, with its own service and fake clock (2026-11-30 01:00 UTC = 09:00 in Shanghai).
/// </summary>
[Trait("tier", "api")]
public sealed class AgeOfConsentApiShould : IAsyncLifetime
{
    private readonly CareGridApiFactory _factory = new UnseededFactory();
    private GraphQLClient _client = null!;
    private string _tenant = "";

    private string Path => $"/t/{_tenant}/graphql";

    private string Homeroom => _factory.TokenFor("homeroom@" + _tenant, _tenant, Roles.Caseworker);

    public async Task InitializeAsync()
    {
        _client = _factory.GraphQL();
        _tenant = Seeds.NewTenantId("age");
        (await _client.PostAsync("/graphql", "mutation($in: OnboardTenantInput!) { onboardTenant(input: $in) { id } }",
            new { @in = new { id = _tenant, name = "Age school", kind = "SCHOOL", timeZone = "Asia/Shanghai", firstAdminSubject = "head@" + _tenant } },
            _factory.Token(null, Roles.PlatformAdmin))).EnsureNoErrors();
        foreach (var (id, kind, parent, level) in new[] { ("school", "SCHOOL", (string?)null, (int?)null), ("class-1", "CLASS", "school", 1) })
        {
            (await _client.PostAsync(Path, "mutation($in: CreateOrganizationInput!) { createOrganization(input: $in) { id } }",
                new { @in = new { id, name = id, kind, parentId = parent, escalationLevel = level } }, Admin())).EnsureNoErrors();
        }

        // the class's homeroom teacher: break-the-glass opens a record to change only within the caller's units (round 24)
        await StaffMembers.AddAsync(_factory, _client, _tenant, "homeroom@" + _tenant, "class-1", "HomeroomTeacher");
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private string Admin() => _factory.TokenFor("head@" + _tenant, _tenant, Roles.TenantAdmin);

    /// <summary>Registers a person, reports a concern about them and opens their record by break-the-glass, so the homeroom teacher may record their consent.</summary>
    private async Task RegisterAsync(string id, string birth)
    {
        (await _client.PostAsync(Path, $"mutation {{ registerPerson(input: {{ id: \"{id}\", displayName: \"{id}\", organizationId: \"class-1\", {birth} }}) {{ id }} }}", token: Admin())).EnsureNoErrors();
        (await _client.PostAsync(Path, $"mutation {{ reportConcern(input: {{ personId: \"{id}\", summary: \"Withdrawn\" }}) {{ id }} }}", token: Homeroom)).EnsureNoErrors();
        // Reporting does not open the person's record (docs/access.md); the teacher states why they need it (audited).
        (await _client.PostAsync(Path, $"mutation {{ breakTheGlass(entity: PERSON, id: \"{id}\", reason: \"record the guardian's consent\") {{ until }} }}", token: Homeroom)).EnsureNoErrors();
    }

    /// <summary>Records a consent as the homeroom teacher, breaking the glass first (a grant lasts hours; these tests move the clock by months).</summary>
    private async Task<GraphQLResponse> ConsentAsync(string person, string givenBy, string decision = "GRANTED")
    {
        (await _client.PostAsync(Path, $"mutation {{ breakTheGlass(entity: PERSON, id: \"{person}\", reason: \"record the guardian's consent\") {{ until }} }}", token: Homeroom)).EnsureNoErrors();
        return await _client.PostAsync(Path, $"mutation {{ recordConsent(personId: \"{person}\", purpose: PROFESSIONAL_INTERVENTION, decision: {decision}, givenBy: {givenBy}) {{ consents {{ status givenBy }} }} }}", token: Homeroom);
    }

    /// <summary>The service without the demo seed (this class starts one per test, for its own clock).</summary>
    private sealed class UnseededFactory : CareGridApiFactory
    {
        protected override bool SeedDemo => false;
    }

    private static void AssertRefused(GraphQLResponse response, string field)
    {
        Assert.Equal("VALIDATION_FAILED", response.FirstCode);
        Assert.Equal(field, response.Errors![0]!["extensions"]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refuse_a_child_born_in_2016_consenting_for_themself_and_accept_a_named_guardian()
    {
        await RegisterAsync("kid", "dateOfBirth: \"2016-05-01\"");
        var self = await ConsentAsync("kid", "SELF");
        AssertRefused(self, "givenBy");
        Assert.Equal("age-of-consent", self.Errors![0]!["extensions"]!["rule"]!.GetValue<string>());
        Assert.Contains("2030-05-01", self.Errors[0]!["message"]!.GetValue<string>());

        AssertRefused(await ConsentAsync("kid", "GUARDIAN"), "contacts");
        (await _client.PostAsync(Path, "mutation { setPersonContacts(personId: \"kid\", contacts: [{ kind: GUARDIAN, name: \"Grandmother Wu\", relationship: \"grandmother\" }]) { id } }", token: Homeroom)).EnsureNoErrors();
        var person = (await _client.PostAsync(Path, "{ person(id: \"kid\") { dateOfBirth birthYear consents { status } } }", token: Homeroom)).EnsureNoErrors().Data!["person"]!;
        Assert.Equal("2016-05-01", person["dateOfBirth"]!.GetValue<string>());
        Assert.Equal(2016, person["birthYear"]!.GetValue<int>());
        Assert.Empty(person["consents"]!.AsArray());

        var granted = (await ConsentAsync("kid", "GUARDIAN")).EnsureNoErrors().Data!["recordConsent"]!["consents"]![0]!;
        Assert.Equal("GUARDIAN", granted["givenBy"]!.GetValue<string>());
        AssertRefused(await ConsentAsync("kid", "SELF", "WITHDRAWN"), "givenBy");
        (await ConsentAsync("kid", "GUARDIAN", "WITHDRAWN")).EnsureNoErrors();
    }

    [Fact]
    public async Task Accept_self_consent_from_the_14th_birthday_on_the_tenants_local_date()
    {
        await RegisterAsync("teen", "dateOfBirth: \"2012-12-01\"");
        AssertRefused(await ConsentAsync("teen", "SELF"), "givenBy");

        _factory.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 15, 59, 59, TimeSpan.Zero)); // 23:59:59 on 30 November in Shanghai
        AssertRefused(await ConsentAsync("teen", "SELF"), "givenBy");

        _factory.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero)); // midnight, 1 December in Shanghai; still 30 November in UTC
        var granted = (await ConsentAsync("teen", "SELF")).EnsureNoErrors().Data!["recordConsent"]!["consents"]![0]!;
        Assert.Equal("SELF", granted["givenBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task Count_a_birth_year_alone_from_31_December_follow_the_tenants_age_and_refuse_an_unknown_age()
    {
        await RegisterAsync("year-only", "birthYear: 2012");
        AssertRefused(await ConsentAsync("year-only", "SELF"), "givenBy"); // 14 only on 2026-12-31

        AssertRefused(await _client.PostAsync(Path, "mutation { setAgeOfConsent(years: 9) { ageOfConsent } }", token: Admin()), "years");
        AssertRefused(await _client.PostAsync(Path, "mutation { setAgeOfConsent(years: 22) { ageOfConsent } }", token: Admin()), "years");
        Assert.Equal("FORBIDDEN", (await _client.PostAsync(Path, "mutation { setAgeOfConsent(years: 13) { ageOfConsent } }", token: Homeroom)).FirstCode);
        var set = (await _client.PostAsync(Path, "mutation { setAgeOfConsent(years: 13) { ageOfConsent } }", token: Admin())).EnsureNoErrors();
        Assert.Equal(13, set.Data!["setAgeOfConsent"]!["ageOfConsent"]!.GetValue<int>());
        Assert.Equal(13, (await _client.PostAsync(Path, "{ protocolSettings { ageOfConsent } }", token: Admin())).EnsureNoErrors().Data!["protocolSettings"]!["ageOfConsent"]!.GetValue<int>());
        (await ConsentAsync("year-only", "SELF")).EnsureNoErrors();

        await RegisterAsync("unknown", "sex: FEMALE");
        AssertRefused(await ConsentAsync("unknown", "SELF"), "dateOfBirth");
    }

    [Fact]
    public async Task Refuse_a_date_of_birth_that_disagrees_with_the_birth_year_or_lies_ahead()
    {
        AssertRefused(await _client.PostAsync(Path, "mutation { registerPerson(input: { displayName: \"X\", organizationId: \"class-1\", birthYear: 2011, dateOfBirth: \"2012-01-01\" }) { id } }", token: Admin()), "dateOfBirth");
        AssertRefused(await _client.PostAsync(Path, "mutation { registerPerson(input: { displayName: \"X\", organizationId: \"class-1\", dateOfBirth: \"2026-12-25\" }) { id } }", token: Admin()), "dateOfBirth");
        var people = (await _client.PostAsync(Path, "{ people(filter: { staff: false }) { nodes { id } } }", token: Admin())).EnsureNoErrors().Data!["people"]!["nodes"]!.AsArray();
        Assert.Empty(people);
    }
}
