using System.Globalization;
using CareGrid.Grains.Audit;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Tests.Consents;

/// <summary>
/// <c>recordGuardianAgreement</c> through the real GraphQL path (docs/consent.md "The guardian's view"): a homeroom teacher
/// notes a parent's view beside a 15-year-old pupil's own grant; the grant counts as before, a refusal leaves nothing
/// changed and both are audited (new-user trial, round 24).
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class GuardianViewApiShould(CareGridApiFactory factory)
{
    private readonly GraphQLClient _client = factory.GraphQL();

    private const string Note = "mutation($p: ID!, $a: Boolean!, $g: String) { recordGuardianAgreement(personId: $p, purpose: PROFESSIONAL_INTERVENTION, agreed: $a, guardianName: $g) "
        + "{ consents { purpose status effectiveStatus givenBy guardianAgreement { agreed guardianName recordedBy } } } }";

    private static string? Ext(GraphQLResponse response, string name) => response.Errors?[0]?["extensions"]?[name]?.GetValue<string>();

    [Fact]
    public async Task Note_a_parents_view_beside_a_fifteen_year_olds_own_grant_and_audit_it()
    {
        var tenant = Seeds.NewTenantId("gview");
        var path = $"/t/{tenant}/graphql";
        (await _client.PostAsync("/graphql", $"mutation {{ onboardTenant(input: {{ id: \"{tenant}\", name: \"第一中学\", kind: SCHOOL, timeZone: \"Asia/Shanghai\", firstAdminSubject: \"admin\" }}) {{ id }} }}",
            token: factory.Token(null, Roles.PlatformAdmin))).EnsureNoErrors();
        var admin = factory.TokenFor("admin", tenant, Roles.TenantAdmin);
        var teacher = factory.TokenFor("teacher", tenant, Roles.Caseworker);
        (await _client.PostAsync(path, "mutation { createOrganization(input: { id: \"c1\", name: \"初三（1）班\", kind: CLASS, escalationLevel: 1 }) { id } }", token: admin)).EnsureNoErrors();
        await StaffMembers.AddAsync(factory, _client, tenant, "teacher", "c1", "HomeroomTeacher");
        var born = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime).AddYears(-15).AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        (await _client.PostAsync(path, $"mutation {{ registerPerson(input: {{ id: \"s1\", displayName: \"李明\", organizationId: \"c1\", dateOfBirth: \"{born}\" }}) {{ id }} }}", token: teacher)).EnsureNoErrors();
        var caseId = (await _client.PostAsync(path, "mutation { reportConcern(input: { personId: \"s1\", summary: \"最近情绪低落\" }) { id } }", token: teacher))
            .EnsureNoErrors().Data!["reportConcern"]!["id"]!.GetValue<string>();
        (await _client.PostAsync(path, "mutation { breakTheGlass(entity: PERSON, id: \"s1\", reason: \"记录本人同意和家长意见\") { until } }", token: teacher)).EnsureNoErrors();

        // Before the pupil decides, and with no guardian on file: refused, nothing written.
        var early = await _client.PostAsync(path, Note, new { p = "s1", a = true }, teacher);
        Assert.Equal(("VALIDATION_FAILED", "purpose", "own-decision-first"), (early.FirstCode, Ext(early, "field"), Ext(early, "rule")));
        (await _client.PostAsync(path, "mutation { recordConsent(personId: \"s1\", purpose: PROFESSIONAL_INTERVENTION, decision: GRANTED, givenBy: SELF) { id } }", token: teacher)).EnsureNoErrors();
        var noGuardian = await _client.PostAsync(path, Note, new { p = "s1", a = true }, teacher);
        Assert.Equal(("VALIDATION_FAILED", "guardianName", "guardian-required"), (noGuardian.FirstCode, Ext(noGuardian, "field"), Ext(noGuardian, "rule")));

        (await _client.PostAsync(path, "mutation { setPersonContacts(personId: \"s1\", contacts: [{ kind: GUARDIAN, name: \"李父\", relationship: \"父亲\", phone: \"13800000000\" }]) { id } }", token: teacher)).EnsureNoErrors();
        var noted = (await _client.PostAsync(path, Note, new { p = "s1", a = true }, teacher)).EnsureNoErrors().Data!["recordGuardianAgreement"]!["consents"]![0]!;

        Assert.Equal(("GRANTED", "GRANTED", "SELF"), (noted["status"]!.GetValue<string>(), noted["effectiveStatus"]!.GetValue<string>(), noted["givenBy"]!.GetValue<string>()));
        var view = noted["guardianAgreement"]!;
        Assert.Equal((true, "李父", "teacher"), (view["agreed"]!.GetValue<bool>(), view["guardianName"]!.GetValue<string>(), view["recordedBy"]!.GetValue<string>()));

        // The open case's timeline says so too, without the guardian's name (round-25 trial: it had no entry).
        var timeline = (await _client.PostAsync(path, "query($id: ID!) { case(id: $id) { timeline { action actor reason } } }", new { id = caseId }, teacher))
            .EnsureNoErrors().Data!["case"]!["timeline"]!.AsArray();
        var entry = Assert.Single(timeline, e => e!["action"]!.GetValue<string>() == "GuardianView")!;
        Assert.Equal(("teacher", "PROFESSIONAL_INTERVENTION: the guardian agrees with the person's own decision (GRANTED); noted by teacher; for the record only, it changes nothing the decision allows"),
            (entry["actor"]!.GetValue<string>(), entry["reason"]!.GetValue<string>()));

        // A name that is not on the contacts is refused; the view noted stays.
        var stranger = await _client.PostAsync(path, Note, new { p = "s1", a = false, g = "张三" }, teacher);
        Assert.Equal(("VALIDATION_FAILED", "guardianName"), (stranger.FirstCode, Ext(stranger, "field")));
        var read = (await _client.PostAsync(path, "{ person(id: \"s1\") { consents { guardianAgreement { agreed guardianName } } } }", token: teacher)).EnsureNoErrors();
        Assert.True(read.Data!["person"]!["consents"]![0]!["guardianAgreement"]!["agreed"]!.GetValue<bool>());

        var audited = new List<string>();
        await foreach (var record in factory.Services.GetRequiredService<IAuditStore>().ReadAllAsync(tenant))
        {
            if (record.Purpose == "recordGuardianAgreement")
            {
                audited.Add($"{record.Action}:{string.Join(",", record.Fields.Order(StringComparer.Ordinal))}");
            }
        }

        // the write with its flag's value; each refusal audited too (docs/api.md "Access and audit")
        Assert.Contains("WRITE:agreed=true,personId,purpose=PROFESSIONAL_INTERVENTION", audited);
        Assert.Equal(4, audited.Count);
    }
}
