using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.PeopleDirectory;

/// <summary>Roster import through GraphQL → import grain → person grains → storage and read side.</summary>
[Trait("tier", "api")]
[Collection(LargeRosterCollection.Name)]
public sealed class RosterImportShould(LargeRosterApiFactory factory)
{
    private readonly DirectoryApi _api = new(factory);

    [Fact]
    public async Task Land_4963_of_5000_rows_report_the_37_bad_ones_and_change_nothing_on_a_second_import()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school");
        await _api.CreateOrganizationAsync(tenant, "grade-7", "GRADE", "school", 2);
        await _api.CreateOrganizationAsync(tenant, "class-7-1", "CLASS", "grade-7", 1);
        var csv = RosterFixture.Build();

        var first = await _api.ImportAsync(tenant, "class-7-1", csv);
        Assert.Equal("COMPLETED", first["state"]!.GetValue<string>());
        Assert.Equal((5000, 5000, 4963, 4963, 0, 0, 37), Counts(first));
        Assert.Equal(RosterFixture.BadRowNumbers, first["errors"]!.AsArray().Select(e => e!["row"]!.GetValue<int>()).Distinct());

        var (ids, _) = await _api.AllPeopleAsync(tenant, new { organization = "class-7-1" });
        Assert.Equal(4963, ids.Count);
        Assert.DoesNotContain("ext-S00135", ids);
        await _api.GlassAsync(tenant, "ext-S00005");
        var guardianRow = await _api.OkAsync(tenant, "{ person(id: \"ext-S00005\") { externalId displayName sex birthYear contacts { kind name relationship phone } targetGroups } }");
        Assert.Equal("Guardian 5", guardianRow["person"]!["contacts"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("S00005", guardianRow["person"]!["externalId"]!.GetValue<string>());

        var second = await _api.ImportAsync(tenant, "class-7-1", csv);
        Assert.Equal((5000, 5000, 4963, 0, 0, 4963, 37), Counts(second));
        var (again, _) = await _api.AllPeopleAsync(tenant, new { organization = "class-7-1" });
        Assert.Equal(ids, again);
        var unchanged = await _api.OkAsync(tenant, "{ person(id: \"ext-S00005\") { externalId displayName sex birthYear contacts { kind name relationship phone } targetGroups } }");
        Assert.Equal(guardianRow.ToJsonString(), unchanged.ToJsonString());
    }

    private static (int, int, int, int, int, int, int) Counts(System.Text.Json.Nodes.JsonNode s) => (
        s["total"]!.GetValue<int>(), s["processed"]!.GetValue<int>(), s["landed"]!.GetValue<int>(), s["created"]!.GetValue<int>(),
        s["updated"]!.GetValue<int>(), s["unchanged"]!.GetValue<int>(), s["invalid"]!.GetValue<int>());

    [Fact]
    public async Task Update_a_changed_row_and_keep_the_rest()
    {
        var tenant = await _api.OnboardAsync("TOWN", "town");
        await _api.CreateOrganizationAsync(tenant, "east-village", "VILLAGE", "social-affairs-office", 1);
        const string header = "externalId,displayName,sex,birthYear,targetGroups";
        await _api.ImportAsync(tenant, "east-village", DirectoryApi.Csv(header, ["R1,Mr Chen,M,1961,RecoveredPatient", "R2,Ms Huang,F,1985,"]));
        // the same number and name (a name that differs is another person's number, EXTERNAL_ID_CONFLICT: RosterSilentDamageShould)
        var second = await _api.ImportAsync(tenant, "east-village", DirectoryApi.Csv(header, ["R1,Mr Chen,M,1961,RecoveredPatient", "R2,Ms Huang,F,1985,LowIncomeHousehold"]));
        Assert.Equal((2, 2, 2, 0, 1, 1, 0), Counts(second));
        var p = await _api.PersonAsync(tenant, "ext-R2", "displayName targetGroups targetGroupPeriods { code from until }");
        Assert.Equal("Ms Huang", p["person"]!["displayName"]!.GetValue<string>());
        Assert.Equal(["LowIncomeHousehold"], DirectoryApi.Strings(p["person"]!["targetGroups"]));
        Assert.Equal("2026-11-30", p["person"]!["targetGroupPeriods"]![0]!["from"]!.GetValue<string>());
    }

    [Fact]
    public async Task Import_staff_with_roles_and_qualifications_into_the_unit()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school");
        var status = await _api.ImportAsync(tenant, "counselling-centre", DirectoryApi.Csv("externalId,displayName,sex,roles,qualifications,subject",
            ["T-01,Teacher Wu,F,PsychologyTeacher,RelevantDegree;CounsellingCertificate:2027-06-30,wu@school", "T-02,Teacher Ma,M,GradeLeader,,"]), "STAFF");
        Assert.Equal(1, status["created"]!.GetValue<int>());
        Assert.Equal([3], status["errors"]!.AsArray().Select(e => e!["row"]!.GetValue<int>()));
        Assert.Equal("roles", status["errors"]![0]!["column"]!.GetValue<string>());

        await _api.GlassAsync(tenant, "ext-T-01");
        var data = await _api.OkAsync(tenant, "{ organization(id: \"counselling-centre\") { members { personId role } } person(id: \"ext-T-01\") { staffSubject roles { organizationId role staff } qualifications { code validUntil } } }");
        Assert.Equal("ext-T-01", data["organization"]!["members"]![0]!["personId"]!.GetValue<string>());
        Assert.Equal("PsychologyTeacher", data["person"]!["roles"]![0]!["role"]!.GetValue<string>());
        Assert.Equal("wu@school", data["person"]!["staffSubject"]!.GetValue<string>());
        Assert.Equal("2027-06-30", data["person"]!["qualifications"]![1]!["validUntil"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refuse_a_bad_file_or_unit_at_once_with_the_field_and_write_nothing()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school");
        const string mutation = "mutation($org: ID!, $csv: String!) { importRoster(organizationId: $org, csv: $csv) { id } }";
        var unknownColumn = await _api.PostAsync(tenant, mutation, new { org = "school", csv = "externalId,displayName,shoeSize\nA,B,42\n" });
        Assert.Equal(("VALIDATION_FAILED", "csv"), (unknownColumn.FirstCode, unknownColumn.Errors![0]!["extensions"]!["field"]!.GetValue<string>()));
        var unknownUnit = await _api.PostAsync(tenant, mutation, new { org = "nowhere", csv = "externalId,displayName\nA,B\n" });
        Assert.Equal("NOT_FOUND", unknownUnit.FirstCode);
        await _api.OkAsync(tenant, "mutation { closeOrganization(id: \"leadership\") { status } }");
        var closed = await _api.PostAsync(tenant, mutation, new { org = "leadership", csv = "externalId,displayName\nA,B\n" });
        Assert.Equal(("VALIDATION_FAILED", "organizationId"), (closed.FirstCode, closed.Errors![0]!["extensions"]!["field"]!.GetValue<string>()));
        var (ids, _) = await _api.AllPeopleAsync(tenant, null);
        Assert.Empty(ids);

        var caseworker = await _api.PostAsync(tenant, mutation, new { org = "school", csv = "externalId,displayName\nA,B\n" }, _api.As(tenant, Roles.Caseworker));
        Assert.Equal("FORBIDDEN", caseworker.FirstCode);
        var missing = await _api.OkAsync(tenant, "{ importStatus(id: \"import-nope\") { id } }");
        Assert.Null(missing["importStatus"]);
        var badWait = await _api.PostAsync(tenant, "{ importStatus(id: \"x\", waitSeconds: 99) { id } }");
        Assert.Equal("waitSeconds", badWait.Errors![0]!["extensions"]!["field"]!.GetValue<string>());
    }
}
