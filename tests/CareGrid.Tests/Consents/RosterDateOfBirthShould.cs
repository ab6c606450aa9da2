using CareGrid.Grains.Imports;
using CareGrid.Tests.Infrastructure;
using CareGrid.Tests.PeopleDirectory;

namespace CareGrid.Tests.Consents;

/// <summary>The roster's <c>dateOfBirth</c> column: parsed and checked per row, landed on the person, kept by a year-only row.</summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class RosterDateOfBirthShould(CareGridApiFactory factory)
{
    private readonly DirectoryApi _api = new(factory);

    [Fact]
    public void Parse_the_column_and_refuse_bad_dates_or_a_year_that_disagrees_with_the_row()
    {
        var parse = RosterCsv.Parse(DirectoryApi.Csv("externalId,displayName,birthYear,dateOfBirth",
            ["A,Ann,2012,2012-09-14", "B,Bo,,2016-05-01", "C,Cai,2011,2012-01-01", "D,Dan,,14/09/2012", "E,Eva,2012,"]), RosterKind.People, "class-1", 2026, _ => null);
        Assert.Equal([new DateOnly(2012, 9, 14), new DateOnly(2016, 5, 1), null], parse.Rows.Select(r => r.Person.Profile.DateOfBirth));
        Assert.Equal([4, 5], parse.Errors.Select(e => e.Row));
        Assert.All(parse.Errors, e => Assert.Equal("dateOfBirth", e.Column));
    }

    [Fact]
    public async Task Land_dates_as_Excel_on_Chinese_Windows_saves_them_and_report_other_forms_with_the_accepted_ones()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "dobx");
        await _api.CreateOrganizationAsync(tenant, "grade-7", "GRADE", "school", 2);
        await _api.CreateOrganizationAsync(tenant, "class-1", "CLASS", "grade-7", 1);
        var status = await _api.ImportAsync(tenant, "class-1", DirectoryApi.Csv("externalId,displayName,birthYear,dateOfBirth",
            ["X1,Student Xu,,2013/5/10", "X2,Student Ye,2013,2013-5-9", "X3,Student Zhou,,2013年5月8日", "X4,Student Qin,,10/5/2013", "X5,Student Lu,2012,2013/5/10"]));
        Assert.Equal((3, 2), (status["created"]!.GetValue<int>(), status["invalid"]!.GetValue<int>()));
        var errors = status["errors"]!.AsArray().Select(e => (e!["row"]!.GetValue<int>(), e["column"]!.GetValue<string>(), e["reason"]!.GetValue<string>())).ToList();
        Assert.Equal([(5, "dateOfBirth"), (6, "dateOfBirth")], errors.Select(e => (e.Item1, e.Item2)));
        Assert.Contains("yyyy/M/d", errors[0].Item3, StringComparison.Ordinal);
        Assert.Contains("must equal birthYear when both columns are filled", errors[1].Item3, StringComparison.Ordinal);
        foreach (var (id, date) in new[] { ("ext-X1", "2013-05-10"), ("ext-X2", "2013-05-09"), ("ext-X3", "2013-05-08") })
        {
            var person = (await _api.PersonAsync(tenant, id, "birthYear dateOfBirth"))["person"]!;
            Assert.Equal((2013, date), (person["birthYear"]!.GetValue<int>(), person["dateOfBirth"]!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task Land_the_date_and_keep_it_when_a_later_row_gives_only_the_same_year()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "dob");
        await _api.CreateOrganizationAsync(tenant, "grade-7", "GRADE", "school", 2);
        await _api.CreateOrganizationAsync(tenant, "class-1", "CLASS", "grade-7", 1);
        var first = await _api.ImportAsync(tenant, "class-1", DirectoryApi.Csv("externalId,displayName,dateOfBirth", ["S1,Student Liu,2012-09-14"]));
        Assert.Equal(1, first["created"]!.GetValue<int>());
        var again = await _api.ImportAsync(tenant, "class-1", DirectoryApi.Csv("externalId,displayName,birthYear", ["S1,Student Liu,2012"]));
        Assert.Equal(1, again["unchanged"]!.GetValue<int>());
        var person = (await _api.PersonAsync(tenant, "ext-S1", "birthYear dateOfBirth"))["person"]!;
        Assert.Equal(2012, person["birthYear"]!.GetValue<int>());
        Assert.Equal("2012-09-14", person["dateOfBirth"]!.GetValue<string>());
    }
}
