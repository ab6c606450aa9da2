using CareGrid.Grains.Imports;
using CareGrid.Grains.People;

namespace CareGrid.Tests.PeopleDirectory;

/// <summary>Roster cell forms as schools write them (docs/rosters.md): sex, dates, a 出生年月 year and month.</summary>
[Trait("tier", "domain")]
public sealed class RosterValuesShould
{
    private static RosterParse Parse(string csv) => RosterCsv.Parse(csv, RosterKind.People, "class-1", 2026, _ => null);

    [Theory]
    [InlineData("男", Sex.Male)]
    [InlineData("女", Sex.Female)]
    [InlineData("男性", Sex.Male)]
    [InlineData("女性", Sex.Female)]
    [InlineData("男生", Sex.Male)]
    [InlineData("女生", Sex.Female)]
    [InlineData("M", Sex.Male)]
    [InlineData("F", Sex.Female)]
    [InlineData("m", Sex.Male)]
    [InlineData("f", Sex.Female)]
    [InlineData("Ｆ", Sex.Female)]
    [InlineData("male", Sex.Male)]
    [InlineData("Female", Sex.Female)]
    [InlineData("boy", Sex.Male)]
    [InlineData("girl", Sex.Female)]
    [InlineData("U", Sex.Unspecified)]
    [InlineData("unspecified", Sex.Unspecified)]
    [InlineData("未知", Sex.Unspecified)]
    [InlineData("未说明", Sex.Unspecified)]
    [InlineData("", Sex.Unspecified)]
    public void Read_each_sex_form(string cell, Sex expected)
    {
        var row = Assert.Single(Parse($"学号,姓名,性别\nS1,林小雨,{cell}\n").Rows);
        Assert.Equal(expected, row.Person.Profile.Sex);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    [InlineData("0")]
    [InlineData("男女")]
    [InlineData("x")]
    public void Refuse_a_numeric_code_or_any_other_sex_naming_the_forms(string cell)
    {
        var error = Assert.Single(Parse($"学号,姓名,性别\nS1,林小雨,{cell}\n").Errors);
        Assert.Equal("sex", error.Column);
        Assert.StartsWith("sex is 男 or 女 (also 男性/女性, 男生/女生), M or F, male or female, boy or girl; U, unspecified, 未知, 未说明 or empty when unspecified. / 性别请填“男”或“女”",
            error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2013-05-09")]
    [InlineData("2013-5-9")]
    [InlineData("2013/5/9")]
    [InlineData("2013/05/09")]
    [InlineData("2013.5.9")]
    [InlineData("2013.05.09")]
    [InlineData("2013年5月9日")]
    [InlineData("2013年05月09日")]
    [InlineData("20130509")]
    public void Read_each_date_form_under_a_Chinese_header(string cell)
    {
        var row = Assert.Single(Parse($"学号,姓名,出生日期\nS1,林小雨,{cell}\n").Rows);
        Assert.Equal(new DateOnly(2013, 5, 9), row.Person.Profile.DateOfBirth);
    }

    [Theory]
    [InlineData("2013-05")]
    [InlineData("2013-5")]
    [InlineData("2013/5")]
    [InlineData("2013.5")]
    [InlineData("2013.05")]
    [InlineData("2013年5月")]
    [InlineData("201305")]
    public void Read_a_year_and_month_as_the_birth_year_only(string cell)
    {
        var row = Assert.Single(Parse($"学号,姓名,出生年月\nS1,林小雨,{cell}\n").Rows);
        Assert.Equal((2013, (DateOnly?)null), (row.Person.Profile.BirthYear, row.Person.Profile.DateOfBirth));
    }

    [Theory]
    [InlineData("2013-13")]
    [InlineData("2013-0")]
    [InlineData("201313")]
    [InlineData("1899-5")]
    [InlineData("5/2013")]
    [InlineData("05.2013")]
    public void Refuse_a_month_out_of_range_a_year_out_of_range_or_a_month_first_form(string cell)
    {
        var error = Assert.Single(Parse($"学号,姓名,出生年月\nS1,林小雨,{cell}\n").Errors);
        Assert.Equal("dateOfBirth", error.Column);
    }

    [Fact]
    public void Refuse_a_year_and_month_that_disagrees_with_birthYear()
    {
        var error = Assert.Single(Parse("学号,姓名,出生年份,出生年月\nS1,林小雨,2012,2013.5\n").Errors);
        Assert.Equal("dateOfBirth", error.Column);
        Assert.Equal(2013, Assert.Single(Parse("学号,姓名,出生年份,出生年月\nS1,林小雨,2013,2013.5\n").Rows).Person.Profile.BirthYear);
    }

    [Fact]
    public void Import_the_example_roster_of_the_docs_cleanly()
    {
        var parse = Parse(File.ReadAllText(Path.Combine(DirectoryApi.RepoRoot, "seeds", "rosters", "class-roster-zh.csv")));
        Assert.Empty(parse.Errors);
        Assert.Equal(6, parse.Rows.Count);
        var first = parse.Rows[0].Person;
        Assert.Equal(("S2024-0211", "林小雨", Sex.Female, new DateOnly(2013, 5, 9)), (first.Profile.ExternalId, first.Profile.DisplayName, first.Profile.Sex, first.Profile.DateOfBirth!.Value));
        Assert.Equal([ContactKind.Guardian, ContactKind.Parent], first.Contacts.Select(c => c.Kind));
        Assert.Equal((2013, (DateOnly?)null), (parse.Rows[5].Person.Profile.BirthYear, parse.Rows[5].Person.Profile.DateOfBirth));
    }
}
