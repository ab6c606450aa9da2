using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.PeopleDirectory;

/// <summary>Census rounds (R-3.5, R-7.4): records, flags to Tracking, a case opened from a flag, completion per unit.</summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class CensusRoundShould(CareGridApiFactory factory)
{
    private readonly DirectoryApi _api = new(factory);

    [Fact]
    public async Task Record_a_class_census_move_flagged_students_to_tracking_and_open_a_case_from_a_flag()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "census");
        await _api.CreateOrganizationAsync(tenant, "grade-8", "GRADE", "school", 2);
        await _api.CreateOrganizationAsync(tenant, "class-8-1", "CLASS", "grade-8", 1);
        await _api.CreateOrganizationAsync(tenant, "class-8-2", "CLASS", "grade-8", 1);
        await _api.ImportAsync(tenant, "class-8-1", DirectoryApi.Csv("externalId,displayName", ["A1,Ann", "A2,Bo", "A3,Cai"]));
        await _api.ImportAsync(tenant, "class-8-2", DirectoryApi.Csv("externalId,displayName", ["B1,Dan"]));
        // Census answers need the person's unit in the caller's scope (R-4.3, docs/access.md "Census rounds"): grade 8's leader covers both classes.
        await StaffMembers.AddAsync(factory, _api.Client, tenant, $"caseworker@{tenant}", "grade-8", "GradeLeader");
        var homeroom = _api.As(tenant, "Caseworker");

        var started = await _api.OkAsync(tenant, "mutation { startCensusRound(input: { id: \"week-1\", name: \"Return-to-school census\", organizationIds: [\"class-8-1\", \"class-8-2\"] }) { roundId expected recorded } }",
            token: _api.As(tenant, "Counsellor"));
        Assert.Equal(4, started["startCensusRound"]!["expected"]!.GetValue<int>());

        const string record = "mutation($in: RecordCensusInput!) { recordCensus(input: $in) { recorded } }";
        await _api.OkAsync(tenant, record, new { @in = new { roundId = "week-1", personId = "ext-A1", mood = "STABLE" } }, homeroom);
        await _api.OkAsync(tenant, record, new { @in = new { roundId = "week-1", personId = "ext-A2", mood = "FLUCTUATING", flags = new[] { "EXCESSIVE_ANXIETY", "CLOSE_CONTACT" } } }, homeroom);
        await _api.OkAsync(tenant, record, new { @in = new { roundId = "week-1", personId = "ext-B1", mood = "DISTRESSED" } }, homeroom);

        var progress = await _api.OkAsync(tenant, "{ censusProgress(roundId: \"week-1\") { status expected recorded flaggedPersonIds units { organizationId expected recorded flagged casesOpened completion } } }", token: homeroom);
        var p = progress["censusProgress"]!;
        Assert.Equal(["ext-A2", "ext-B1"], DirectoryApi.Strings(p["flaggedPersonIds"]));
        Assert.Equal(["class-8-1:3:2:1:0", "class-8-2:1:1:1:0"], p["units"]!.AsArray().Select(u => $"{u!["organizationId"]}:{u["expected"]}:{u["recorded"]}:{u["flagged"]}:{u["casesOpened"]}"));

        var a2 = await _api.PersonAsync(tenant, "ext-A2", "monitoringLevel censusRecords { roundId mood flags flagged } monitoringHistory { from to }", homeroom);
        Assert.Equal("TRACKING", a2["person"]!["monitoringLevel"]!.GetValue<string>());
        Assert.Equal(["CLOSE_CONTACT", "EXCESSIVE_ANXIETY"], DirectoryApi.Strings(a2["person"]!["censusRecords"]![0]!["flags"]));
        Assert.Equal(["NONE>CENSUS", "CENSUS>TRACKING"], a2["person"]!["monitoringHistory"]!.AsArray().Select(h => $"{h!["from"]}>{h["to"]}"));
        var a1 = await _api.PersonAsync(tenant, "ext-A1", "monitoringLevel");
        Assert.Equal("CENSUS", a1["person"]!["monitoringLevel"]!.GetValue<string>());
        Assert.Equal(["ext-A2", "ext-B1"], (await _api.AllPeopleAsync(tenant, new { monitoringLevel = "TRACKING" })).Ids);

        var opened = await _api.OkAsync(tenant, "mutation { openCaseFromCensus(roundId: \"week-1\", personId: \"ext-A2\", summary: \"Anxious and cannot sleep since a close contact (R-4.4)\", riskLevel: MODERATE) { id personId status organizationId } }", token: homeroom);
        var caseId = opened["openCaseFromCensus"]!["id"]!.GetValue<string>();
        Assert.Equal(("ext-A2", "REPORTED", "class-8-1"), (opened["openCaseFromCensus"]!["personId"]!.GetValue<string>(), opened["openCaseFromCensus"]!["status"]!.GetValue<string>(), opened["openCaseFromCensus"]!["organizationId"]!.GetValue<string>()));
        var again = await _api.PostAsync(tenant, "mutation { openCaseFromCensus(roundId: \"week-1\", personId: \"ext-A2\", summary: \"again\") { id } }", token: homeroom);
        Assert.Equal(("ALREADY_EXISTS", caseId), (again.FirstCode, again.Errors![0]!["extensions"]!["caseId"]!.GetValue<string>()));
        var notFlagged = await _api.PostAsync(tenant, "mutation { openCaseFromCensus(roundId: \"week-1\", personId: \"ext-A1\", summary: \"x\") { id } }", token: homeroom);
        Assert.Equal(("VALIDATION_FAILED", "personId"), (notFlagged.FirstCode, notFlagged.Errors![0]!["extensions"]!["field"]!.GetValue<string>()));
        var level = await _api.OkAsync(tenant, "{ person(id: \"ext-A2\") { monitoringLevel } }", token: homeroom);
        Assert.Equal("INDIVIDUAL_CASE", level["person"]!["monitoringLevel"]!.GetValue<string>());

        await _api.ImportAsync(tenant, "school", DirectoryApi.Csv("externalId,displayName", ["X1,Outsider"]));
        var outsider = await _api.PostAsync(tenant, record, new { @in = new { roundId = "week-1", personId = "ext-X1", mood = "STABLE" } });
        Assert.Equal(("VALIDATION_FAILED", "personId"), (outsider.FirstCode, outsider.Errors![0]!["extensions"]!["field"]!.GetValue<string>()));
        var outOfScope = await _api.PostAsync(tenant, record, new { @in = new { roundId = "week-1", personId = "ext-X1", mood = "STABLE" } }, homeroom);
        Assert.Equal(("FORBIDDEN", "need-to-know"), (outOfScope.FirstCode, outOfScope.Errors![0]!["extensions"]!["rule"]!.GetValue<string>()));

        await _api.OkAsync(tenant, "mutation { closeCensusRound(id: \"week-1\") { status } }");
        var late = await _api.PostAsync(tenant, record, new { @in = new { roundId = "week-1", personId = "ext-A3", mood = "STABLE" } }, homeroom);
        Assert.Equal("INVALID_TRANSITION", late.FirstCode);
        var final = await _api.OkAsync(tenant, "{ censusProgress(roundId: \"week-1\") { status recorded units { casesOpened } } }");
        Assert.Equal(("CLOSED", 3, 1), (final["censusProgress"]!["status"]!.GetValue<string>(), final["censusProgress"]!["recorded"]!.GetValue<int>(), final["censusProgress"]!["units"]![0]!["casesOpened"]!.GetValue<int>()));
    }
}
