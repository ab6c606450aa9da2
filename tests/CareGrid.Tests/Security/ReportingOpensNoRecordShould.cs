using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using CareGrid.Tests.PeopleDirectory;

namespace CareGrid.Tests.Security;

/// <summary>
/// Filing a concern opens the caller's own report, never the record of the person (docs/access.md "Receipts for reporters",
/// <c>NeedToKnowPolicy.ForPersonThroughCase</c>): a grid worker of community A who reports a resident of community B opens
/// the case they reported, not the resident's birth data or consents; a path other than reporting (here a grant on the case) still opens it.
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
        var gridA = _api.Factory.TokenFor("grid-a", tenant, Roles.Caseworker);
        Assert.Equal("FORBIDDEN", (await _api.PostAsync(tenant, Record, token: gridA)).FirstCode);

        var report = (await _api.OkAsync(tenant, "mutation { reportConcern(input: { personId: \"res-b3\", summary: \"Seen wandering at night\", riskLevel: LOW }) { id reportOutcome } }",
            token: gridA))["reportConcern"]!;
        Assert.Equal("OPENED_NEW_CASE", report["reportOutcome"]!.GetValue<string>());
        var caseId = report["id"]!.GetValue<string>();

        // The case they reported opens to them; the person's record does not.
        (await _api.PostAsync(tenant, $"{{ case(id: \"{caseId}\") {{ id }} }}", token: gridA)).EnsureNoErrors();
        var refused = await _api.PostAsync(tenant, Record, token: gridA);
        Assert.Equal("FORBIDDEN", refused.FirstCode);
        Assert.Equal("Person", refused.Errors![0]!["extensions"]!["entity"]!.GetValue<string>());
        Assert.DoesNotContain("1961", refused.Body!.ToJsonString(), StringComparison.Ordinal);

        // Another path of the case still opens the person through it: a break-the-glass grant on the case (audited).
        await _api.OkAsync(tenant, $"mutation {{ breakTheGlass(entity: CASE, id: \"{caseId}\", reason: \"night duty: the family called the hotline\") {{ until }} }}", token: gridA);
        var opened = (await _api.OkAsync(tenant, Record, token: gridA))["person"]!;
        Assert.Equal("1961-07-15", opened["dateOfBirth"]!.GetValue<string>());
    }
}
