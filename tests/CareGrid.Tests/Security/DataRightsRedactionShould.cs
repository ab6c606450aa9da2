using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Security;

/// <summary>exportPerson by purpose: a data-subject copy names no reporter and no staff (PIPL art. 45, R-7.5; docs/access.md "Data-rights export").</summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class DataRightsRedactionShould(CareGridApiFactory factory)
{
    private const string Path = "/t/demo-school/graphql";
    private readonly GraphQLClient _client = factory.GraphQL();

    [Fact]
    public async Task Name_neither_the_reporting_classmate_nor_staff_in_a_data_subject_copy()
    {
        await StaffMembers.AddAsync(factory, _client, "demo-school", "psych-redact@demo-school", "counselling-centre", "PsychologyTeacher",
            "RelevantDegree", "CounsellingCertificate");
        var psych = factory.TokenFor("psych-redact@demo-school", "demo-school", Roles.Counsellor);
        var reporterSub = $"committee-{Guid.NewGuid():N}@demo-school";
        await StaffMembers.AddAsync(factory, _client, "demo-school", reporterSub, "class-8-1", "PsychologyCommitteeMember"); // reports classmates (docs/access.md)
        var committee = factory.TokenFor(reporterSub, "demo-school", Roles.Reporter);
        var student = await DemoStudents.NewAsync(_client, psych);
        (await _client.PostAsync(Path, "mutation($p: ID!) { reportConcern(input: { personId: $p, summary: \"Cries in class every day\", riskLevel: HIGH, idempotencyKey: \"redact-1\" }) { id } }",
            new { p = student }, committee)).EnsureNoErrors();
        var admin = factory.TokenFor("admin@demo-school", "demo-school", Roles.TenantAdmin);

        var copy = await ExportAsync(admin, student, "DATA_SUBJECT_REQUEST");
        Assert.DoesNotContain(reporterSub, copy, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("committee-", copy, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@demo-school", copy, StringComparison.OrdinalIgnoreCase);
        foreach (var viewerField in new[] { "\"availableActions\"", "\"nextActions\"", "\"isReceipt\"" })
        {
            Assert.DoesNotContain(viewerField, copy, StringComparison.Ordinal);
        }

        var json = JsonNode.Parse(copy)!;
        var theCase = Assert.Single(json["cases"]!.AsArray());
        Assert.Equal("reporter", theCase!["reportedBy"]!.GetValue<string>());
        Assert.Contains("\"HIGH\"", copy, StringComparison.Ordinal);

        var transfer = await ExportAsync(admin, student, "TRANSFER");
        Assert.DoesNotContain(reporterSub, transfer, StringComparison.OrdinalIgnoreCase);
        var legal = await ExportAsync(admin, student, "LEGAL");
        Assert.Contains(reporterSub, legal, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Name_no_login_inside_the_texts_the_system_wrote()
    {
        // A level-3 professional who reports a HIGH concern becomes its owner (R-1.10): the timeline's reason reads
        // "owner <login> (high-risk protocol, R-1.10)" and task notes name the owner. Found by the round-16 red team: the
        // data-subject copy replaced logins only as whole values, so the reporter's login stayed inside those texts.
        var login = $"psych-text-{Guid.NewGuid():N}"[..24] + "@demo-school";
        await StaffMembers.AddAsync(factory, _client, "demo-school", login, "counselling-centre", "PsychologyTeacher",
            "RelevantDegree", "CounsellingCertificate");
        var psych = factory.TokenFor(login, "demo-school", Roles.Counsellor);
        var student = await DemoStudents.NewAsync(_client, psych);
        (await _client.PostAsync(Path, "mutation($p: ID!) { reportConcern(input: { personId: $p, summary: \"Told a classmate she wants to die\", riskLevel: HIGH }) { id } }",
            new { p = student }, psych)).EnsureNoErrors();
        var admin = factory.TokenFor("admin@demo-school", "demo-school", Roles.TenantAdmin);

        var legal = await ExportAsync(admin, student, "LEGAL");
        Assert.Contains($"owner {login}", legal, StringComparison.Ordinal); // the text this test is about is there

        var copy = await ExportAsync(admin, student, "DATA_SUBJECT_REQUEST");
        Assert.DoesNotContain(login, copy, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("owner reporter", copy, StringComparison.Ordinal); // a reporter who is also staff is named only as the reporter
        var transfer = await ExportAsync(admin, student, "TRANSFER");
        Assert.DoesNotContain(login, transfer, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<string> ExportAsync(string token, string person, string purpose) =>
        (await _client.PostAsync(Path, $"{{ exportPerson(id: \"{person}\", purpose: {purpose}) }}", token: token)).EnsureNoErrors().Data!["exportPerson"]!.GetValue<string>();
}
