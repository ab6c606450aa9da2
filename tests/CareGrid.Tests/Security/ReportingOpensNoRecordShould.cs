using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using CareGrid.Tests.PeopleDirectory;

namespace CareGrid.Tests.Security;

/// <summary>
/// Filing a concern opens the caller's own report, never the record of the person (docs/access.md "Receipts for reporters",
/// <c>NeedToKnowPolicy.ForPersonThroughCase</c>): a grid worker of community B who reports a resident of community B opens
/// the case they reported, not the resident's birth data or consents; a grid worker of community A who reports them opens
/// neither (a receipt, round 17 red team RT17-7); a path other than reporting (here a grant on the case) still opens the record.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class ReportingOpensNoRecordShould(CareGridApiFactory factory)
{
    private const string Record = "{ person(id: \"res-b3\") { dateOfBirth consents { purpose status } } }";

    private readonly DirectoryApi _api = new(factory);

    [Fact]
    public async Task Keep_another_units_person_record_closed_to_a_grid_worker_after_they_report_a_concern()
    {
        var tenant = await _api.OnboardAsync("DISTRICT", "district", "rpt");
        foreach (var x in new[] { "a", "b" })
        {
            await _api.CreateOrganizationAsync(tenant, $"subdistrict-{x}", "SUBDISTRICT", null, 2);
            await _api.CreateOrganizationAsync(tenant, $"community-{x}", "COMMUNITY", $"subdistrict-{x}", 1);
            await StaffMembers.AddAsync(_api.Factory, _api.Client, tenant, $"grid-{x}", $"community-{x}", "GridWorker");
        }

        await _api.OkAsync(tenant, "mutation { registerPerson(input: { id: \"res-b3\", displayName: \"Resident B3\", dateOfBirth: \"1961-07-15\", organizationId: \"community-b\" }) { id } }");
        await _api.OkAsync(tenant, "mutation { registerPerson(input: { id: \"res-b4\", displayName: \"Resident B4\", organizationId: \"community-b\" }) { id } }");
        var gridA = _api.Factory.TokenFor("grid-a", tenant, Roles.Caseworker);
        var gridB = _api.Factory.TokenFor("grid-b", tenant, Roles.Caseworker);
        Assert.Equal("FORBIDDEN", (await _api.PostAsync(tenant, Record, token: gridB)).FirstCode);

        const string Report = "mutation($p: ID!) { reportConcern(input: { personId: $p, summary: \"Seen wandering at night\", riskLevel: LOW }) { id reportOutcome } }";
        var report = (await _api.OkAsync(tenant, Report, new { p = "res-b3" }, gridB))["reportConcern"]!;
        Assert.Equal("OPENED_NEW_CASE", report["reportOutcome"]!.GetValue<string>());
        var caseId = report["id"]!.GetValue<string>();

        // The case reported by the grid worker of the resident's own community opens to them; the person's record does not.
        (await _api.PostAsync(tenant, $"{{ case(id: \"{caseId}\") {{ id }} }}", token: gridB)).EnsureNoErrors();
        var refused = await _api.PostAsync(tenant, Record, token: gridB);
        Assert.Equal("FORBIDDEN", refused.FirstCode);
        Assert.Equal("Person", refused.Errors![0]!["extensions"]!["entity"]!.GetValue<string>());
        Assert.DoesNotContain("1961", refused.Body!.ToJsonString(), StringComparison.Ordinal);

        // The grid worker of community A is answered with a receipt whether their report joins that case or opens one
        // (round 17 red team RT17-7): it opens them neither the case nor the record.
        foreach (var person in new[] { "res-b3", "res-b4" })
        {
            var receipt = (await _api.OkAsync(tenant, Report, new { p = person }, gridA))["reportConcern"]!;
            Assert.Equal("RECEIVED", receipt["reportOutcome"]!.GetValue<string>());
            Assert.StartsWith("rcpt-", receipt["id"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Equal("FORBIDDEN", (await _api.PostAsync(tenant, $"{{ case(id: \"{caseId}\") {{ id }} }}", token: gridA)).FirstCode);
        Assert.Equal("FORBIDDEN", (await _api.PostAsync(tenant, Record, token: gridA)).FirstCode);

        // Another path of the case still opens the person through it: a break-the-glass grant on the case (audited).
        await _api.OkAsync(tenant, $"mutation {{ breakTheGlass(entity: CASE, id: \"{caseId}\", reason: \"night duty: the family called the hotline\") {{ until }} }}", token: gridB);
        var opened = (await _api.OkAsync(tenant, Record, token: gridB))["person"]!;
        Assert.Equal("1961-07-15", opened["dateOfBirth"]!.GetValue<string>());
    }
}
