using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Aid;

/// <summary>
/// Material-aid requests through GraphQL over HTTP in the demo town (R-1.8, R-2.2; docs/aid.md): proposed, refused without
/// INFORMATION_SHARING consent, sent, provided, counted per provider; need-to-know of the case; audited.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class AidRequestsApiShould(CareGridApiFactory factory)
{
    private const string Path = "/t/demo-town/graphql";
    private const string Fields = "id caseId providerOrganizationId need status sentAt answeredAt note";
    private readonly GraphQLClient _client = factory.GraphQL();
    private readonly string _officer = factory.TokenFor("coordinator@demo-town", "demo-town", Roles.Coordinator);

    private async Task<JsonNode> OkAsync(string query, string? token = null) => (await _client.PostAsync(Path, query, token: token ?? _officer)).EnsureNoErrors().Data!;

    private async Task<(string Person, string Case)> NewCaseAsync()
    {
        var person = "res-" + Guid.NewGuid().ToString("N")[..10];
        await OkAsync($"mutation {{ registerPerson(input: {{ id: \"{person}\", displayName: \"Resident {person}\", organizationId: \"north-village\", dateOfBirth: \"1970-03-04\" }}) {{ id }} }}");
        var caseId = (await OkAsync($"mutation {{ reportConcern(input: {{ personId: \"{person}\", summary: \"Lost his job, no heating this winter\" }}) {{ id }} }}"))["reportConcern"]!["id"]!.GetValue<string>();
        return (person, caseId);
    }

    private async Task<int> ProvidedCountAsync()
    {
        var supervisor = factory.TokenFor("supervisor@demo-town", "demo-town", Roles.Supervisor);
        var rows = (await OkAsync("{ aidByProvider { providerOrganizationId proposed sent provided declined } }", supervisor))["aidByProvider"]!.AsArray();
        return rows.FirstOrDefault(r => r!["providerOrganizationId"]!.GetValue<string>() == "social-affairs-office")?["provided"]?.GetValue<int>() ?? 0;
    }

    [Fact]
    public async Task Propose_refuse_to_send_without_consent_then_send_provide_and_count_per_provider()
    {
        var (person, caseId) = await NewCaseAsync();
        var providedBefore = await ProvidedCountAsync();
        var proposed = (await OkAsync($"mutation {{ proposeAidRequest(caseId: \"{caseId}\", providerOrganizationId: \"social-affairs-office\", need: \"Temporary assistance for heating\") {{ {Fields} }} }}"))["proposeAidRequest"]!;
        Assert.Equal(("aid-1", "PROPOSED", caseId), (proposed["id"]!.GetValue<string>(), proposed["status"]!.GetValue<string>(), proposed["caseId"]!.GetValue<string>()));

        var refused = await _client.PostAsync(Path, $"mutation {{ sendAidRequest(caseId: \"{caseId}\", aidId: \"aid-1\") {{ status }} }}", token: _officer);
        Assert.Equal("CONSENT_REQUIRED", refused.FirstCode);
        Assert.Equal("INFORMATION_SHARING", refused.Errors![0]!["extensions"]!["purpose"]!.GetValue<string>());
        Assert.Equal("PROPOSED", (await OkAsync($"{{ aidRequests(caseId: \"{caseId}\") {{ status }} }}"))["aidRequests"]![0]!["status"]!.GetValue<string>());

        await OkAsync($"mutation {{ recordConsent(personId: \"{person}\", purpose: INFORMATION_SHARING, decision: GRANTED) {{ id }} }}");
        Assert.Equal("SENT", (await OkAsync($"mutation {{ sendAidRequest(caseId: \"{caseId}\", aidId: \"aid-1\") {{ status }} }}"))["sendAidRequest"]!["status"]!.GetValue<string>());
        var early = await _client.PostAsync(Path, $"mutation {{ sendAidRequest(caseId: \"{caseId}\", aidId: \"aid-1\") {{ status }} }}", token: _officer);
        Assert.Equal("INVALID_TRANSITION", early.FirstCode);
        var provided = (await OkAsync($"mutation {{ recordAidProvided(caseId: \"{caseId}\", aidId: \"aid-1\", note: \"800 yuan granted\") {{ {Fields} }} }}"))["recordAidProvided"]!;
        Assert.Equal(("PROVIDED", "800 yuan granted"), (provided["status"]!.GetValue<string>(), provided["note"]!.GetValue<string>()));
        Assert.Equal(providedBefore + 1, await ProvidedCountAsync());
    }

    [Fact]
    public async Task Refuse_an_unknown_provider_and_staff_without_need_to_know_and_audit_the_refusal()
    {
        var (_, caseId) = await NewCaseAsync();
        var unknown = await _client.PostAsync(Path, $"mutation {{ proposeAidRequest(caseId: \"{caseId}\", providerOrganizationId: \"no-such-unit\", need: \"Food\") {{ id }} }}", token: _officer);
        Assert.Equal("NOT_FOUND", unknown.FirstCode);
        Assert.Equal("providerOrganizationId", unknown.Errors![0]!["extensions"]!["field"]!.GetValue<string>());

        var outsider = factory.TokenFor("nobody-here@demo-town", "demo-town", Roles.Caseworker);
        var refused = await _client.PostAsync(Path, $"{{ aidRequests(caseId: \"{caseId}\") {{ id need }} }}", token: outsider);
        Assert.Equal("FORBIDDEN", refused.FirstCode);
        Assert.Equal("need-to-know", refused.Errors![0]!["extensions"]!["rule"]!.GetValue<string>());
        Assert.Empty((await OkAsync($"{{ aidRequests(caseId: \"{caseId}\") {{ id }} }}"))["aidRequests"]!.AsArray());

        var auditor = factory.TokenFor("auditor@demo-town", "demo-town", Roles.Auditor);
        var log = (await OkAsync($"{{ auditLog(filter: {{ entityId: \"{caseId}\" }}, first: 50) {{ nodes {{ action actor purpose }} }} }}", auditor))["auditLog"]!["nodes"]!.AsArray();
        Assert.Contains(log, n => n!["action"]!.GetValue<string>() == "DENIED" && n["actor"]!.GetValue<string>() == "nobody-here@demo-town");
        Assert.Contains(log, n => n!["action"]!.GetValue<string>() == "READ" && n["purpose"]!.GetValue<string>() == "aidRequests");
    }
}
