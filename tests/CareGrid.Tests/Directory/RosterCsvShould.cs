using CareGrid.Grains.Errors;
using CareGrid.Grains.Imports;
using CareGrid.Grains.People;

namespace CareGrid.Tests.PeopleDirectory;

/// <summary>The roster CSV parser: row numbers, row-level report, file-level refusals, idempotent person ids.</summary>
[Trait("tier", "domain")]
public sealed class RosterCsvShould
{
    private static RosterParse Parse(string csv, RosterKind kind = RosterKind.People, Func<string, string?>? roles = null) =>
        RosterCsv.Parse(csv, kind, "class-1", 2026, roles ?? (_ => null));

    [Fact]
    public void Report_exactly_the_37_bad_rows_of_the_fixture_with_their_row_numbers()
    {
        var parse = Parse(RosterFixture.Build());
        Assert.Equal(RosterFixture.Rows, parse.Total);
        Assert.Equal(RosterFixture.GoodRows, parse.Rows.Count);
        Assert.Equal(RosterFixture.BadRowNumbers, parse.Errors.Select(e => e.Row).Distinct().Order());
        Assert.Equal(37, parse.InvalidRows);
        var byRow = parse.Errors.ToDictionary(e => e.Row);
        Assert.Equal("displayName", byRow[136].Column);
        Assert.Equal("birthYear", byRow[271].Column);
        Assert.Equal("sex", byRow[406].Column);
        Assert.Equal("targetGroups", byRow[541].Column);
        Assert.Equal("guardianPhone", byRow[676].Column);
        Assert.Equal("externalId", byRow[811].Column);
        Assert.Contains("row 2", byRow[811].Reason);
        Assert.Null(byRow[946].Column);
        Assert.Null(byRow[1081].Column);
        Assert.Equal("birthYear", byRow[1216].Column);
        Assert.Equal("guardianName", byRow[1351].Column);
        Assert.DoesNotContain(parse.Errors, e => e.Reason.Contains("call me", StringComparison.Ordinal));
    }

    [Fact]
    public void Map_columns_case_insensitively_and_build_contacts_for_left_behind_children()
    {
        var parse = Parse("EXTERNALID,DisplayName,Sex,parentName,parentWorkplace,parentPhone\nA-1,Liu,f,Father Liu,Shenzhen electronics plant,13900001111\n");
        var row = Assert.Single(parse.Rows);
        Assert.Equal("ext-A-1", row.PersonId);
        Assert.Equal(Sex.Female, row.Person.Profile.Sex);
        var parent = Assert.Single(row.Person.Contacts);
        Assert.Equal((ContactKind.Parent, "Shenzhen electronics plant", "13900001111"), (parent.Kind, parent.Workplace, parent.Phone));
    }

    [Fact]
    public void Read_a_guardian_or_parent_cell_that_says_nobody_as_empty()
    {
        // round 24: a contact's name needs a letter or digit; an export's "/" or 无 in an empty column makes up nobody
        var parse = Parse("学号,姓名,监护人,监护人电话,外出务工家长,务工地点\nA1,李一,/,,无,\nA2,李二,—,,N/A,\nA3,李三,/,13900001111,,\nA4,李四,李父,13900002222,／,\n");

        Assert.Equal(["ext-A1", "ext-A2", "ext-A4"], parse.Rows.Select(r => r.PersonId));
        Assert.Empty(parse.Rows[0].Person.Contacts);
        Assert.Empty(parse.Rows[1].Person.Contacts);
        Assert.Equal("李父", Assert.Single(parse.Rows[2].Person.Contacts).Name);
        Assert.Equal((4, "guardianName"), (Assert.Single(parse.Errors).Row, Assert.Single(parse.Errors).Column)); // a phone with nobody named
    }

    [Theory]
    [InlineData("", "csv")]
    [InlineData("externalId,displayName\n", "csv")]
    [InlineData("externalId,displayName,shoeSize\nA,B,42\n", "csv")]
    [InlineData("displayName\nB\n", "csv")]
    [InlineData("externalId,displayName,displayName\nA,B,C\n", "csv")]
    public void Refuse_a_file_without_header_data_or_with_unknown_or_missing_columns(string csv, string field)
    {
        var e = Assert.Throws<CareGridException>(() => Parse(csv));
        Assert.Equal((ErrorCodes.ValidationFailed, field), (e.Code, e.Details["field"]));
    }

    [Fact]
    public void Check_staff_roles_and_qualifications()
    {
        var parse = Parse("externalId,displayName,roles,qualifications\nT1,Teacher Wu,PsychologyTeacher,RelevantDegree;CounsellingCertificate:2027-06-30\nT2,Teacher Ma,Janitor,\nT3,Teacher Qi,PsychologyTeacher,Cert:30/06/2027\nT4,Teacher He,,\n",
            RosterKind.Staff, role => role == "PsychologyTeacher" ? null : "unknown role");
        var row = Assert.Single(parse.Rows);
        Assert.Equal(["PsychologyTeacher"], row.Roles);
        Assert.Equal(new DateOnly(2027, 6, 30), row.Person.Qualifications.Single(q => q.Code == "CounsellingCertificate").ValidUntil);
        Assert.Equal([(3, "roles"), (4, "qualifications"), (5, "roles")], parse.Errors.Select(e => (e.Row, e.Column!)));
    }

    [Fact]
    public void Accept_year_first_dates_as_Excel_and_users_write_them_and_refuse_everything_else_naming_the_forms()
    {
        // full-width digits and separators as an input method in full-width mode types them (new-user trial 2026-12-04)
        string[] good = ["2013-05-09", "2013-5-9", "2013/5/10", "2013/05/10", "2013.5.9", "2013年5月9日", "2013年05月09日", "20130509",
            "２０１３-5-9", "２０１３－０５－０９", "２０１３／５／１０", "２０１３年５月９日", "２０１３０５０９", "２０１３．５．９"];
        var parse = Parse(DirectoryApi.Csv("externalId,displayName,dateOfBirth", good.Select((d, i) => $"G{i},Name {i},{d}")));
        Assert.Empty(parse.Errors);
        Assert.Equal([new(2013, 5, 9), new(2013, 5, 9), new(2013, 5, 10), new(2013, 5, 10), new(2013, 5, 9), new(2013, 5, 9), new(2013, 5, 9), new DateOnly(2013, 5, 9),
            new(2013, 5, 9), new(2013, 5, 9), new(2013, 5, 10), new(2013, 5, 9), new(2013, 5, 9), new DateOnly(2013, 5, 9)],
            parse.Rows.Select(r => r.Person.Profile.DateOfBirth!.Value));
        Assert.Equal(2013, Assert.Single(Parse("externalId,displayName,birthYear,dateOfBirth\nW,Wang,２０１３,２０１３年５月\n").Rows).Person.Profile.BirthYear);

        // Day or month first (also as eight digits, also full-width), two-digit years, mixed separators, times, impossible dates and spaces stay refused.
        string[] bad = ["10/5/2013", "5/10/2013", "13-5-9", "2013-5/9", "2013/5/10 0:00", "2013-2-30", "2013 5 9", "１０／５／２０１３", "２０１３　５　９", "2013年5月9", "2013-005-09", "09052013", "05092013", "130509", "2013059", "May 9 2013"];
        var refused = Parse(DirectoryApi.Csv("externalId,displayName,dateOfBirth", bad.Select((d, i) => $"B{i},Name {i},\"{d}\"")));
        Assert.Empty(refused.Rows);
        Assert.Equal(bad.Length, refused.InvalidRows);
        Assert.All(refused.Errors, e =>
        {
            Assert.Equal("dateOfBirth", e.Column);
            Assert.StartsWith("dateOfBirth is a date from 1900 to 2026 written year first as yyyy-MM-dd, yyyy-M-d, yyyy/M/d, yyyy.M.d, yyyy年M月d日 or yyyyMMdd (e.g. 2013-05-09, 2013/5/9, 2013年5月9日, 20130509), "
                + "a year and month as yyyy-M, yyyy/M, yyyy.M, yyyy年M月 or yyyyMM (e.g. 2013-05, 2013.5, 2013年5月, 201305), or empty. / 出生日期应为 1900 至 2026 年之间的日期", e.Reason, StringComparison.Ordinal);
        });

        var disagree = Assert.Single(Parse("externalId,displayName,birthYear,dateOfBirth\nY,Yan,2012,2013/5/10\n").Errors);
        Assert.Equal(("dateOfBirth", "The year of dateOfBirth must equal birthYear when both columns are filled: correct one of them, or leave birthYear empty. / 出生日期的年份与出生年份不一致：请改正其中一个，或将出生年份留空。"),
            (disagree.Column!, disagree.Reason));
        Assert.Equal(new DateOnly(2013, 5, 10), Assert.Single(Parse("externalId,displayName,birthYear,dateOfBirth\nY,Yan,2013,2013/5/10\n").Rows).Person.Profile.DateOfBirth);
    }

    [Fact]
    public void Accept_the_same_date_forms_for_a_qualifications_expiry()
    {
        var parse = Parse("externalId,displayName,roles,qualifications\nT1,Teacher Wu,PsychologyTeacher,A:2027/6/30;B:2027年6月30日;C:2027.6.30\nT2,Teacher Qi,PsychologyTeacher,Cert:30/06/2027\n",
            RosterKind.Staff, _ => null);
        var row = Assert.Single(parse.Rows);
        Assert.All(row.Person.Qualifications, q => Assert.Equal(new DateOnly(2027, 6, 30), q.ValidUntil));
        Assert.Equal(3, row.Person.Qualifications.Count);
        var error = Assert.Single(parse.Errors);
        Assert.Equal((3, "qualifications"), (error.Row, error.Column!));
        Assert.Contains("yyyy/M/d", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Derive_the_same_safe_person_id_from_an_external_id_every_time()
    {
        Assert.Equal("ext-S2024-0101", RosterCsv.PersonIdFor("S2024-0101"));
        var hashed = RosterCsv.PersonIdFor("学号 2024/0101");
        Assert.Equal(hashed, RosterCsv.PersonIdFor("学号 2024/0101"));
        Assert.Matches("^exth-[0-9a-f]{32}$", hashed);
        Assert.NotEqual(RosterCsv.PersonIdFor("a.b"), RosterCsv.PersonIdFor("a-b"));
    }
}
