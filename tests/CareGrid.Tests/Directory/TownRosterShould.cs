using CareGrid.Grains.Errors;
using CareGrid.Grains.Imports;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.Statistics;

namespace CareGrid.Tests.PeopleDirectory;

/// <summary>
/// A town's resident roster as a town director exports it from Excel (docs/rosters.md "A town's roster"): a merged title
/// above the header, 编号 as the id, 所属村（社区） as the unit, 人群类别 in Chinese names. New-user trial 2026-12-06: the file
/// was refused five times, one header problem at a time, and its target groups as "not codes".
/// </summary>
[Trait("tier", "domain")]
public sealed class TownRosterShould
{
    private static readonly RosterUnits Town = RosterUnits.Under(
    [
        new("t", "social-affairs-office", "镇社会事务办公室", OrganizationKind.SocialAffairsOffice, null, null, OrganizationStatus.Active),
        new("t", "east-village", "东村", OrganizationKind.Village, "social-affairs-office", null, OrganizationStatus.Active),
        new("t", "south-lake", "南湖社区", OrganizationKind.Community, "social-affairs-office", null, OrganizationStatus.Active),
    ], "social-affairs-office")!;

    private static RosterParse Parse(string csv) => RosterCsv.Parse(csv, RosterKind.People, "social-affairs-office", 2026, _ => null, Town);

    [Theory]
    [InlineData("编号")]
    [InlineData("居民编号")]
    [InlineData("档案编号")]
    [InlineData("人员编号")]
    public void Read_a_resident_or_archive_number_as_the_id_and_never_the_running_number(string header)
    {
        var row = Assert.Single(Parse($"序号,{header},姓名\n7,SQ-001,张小明\n").Rows);
        Assert.Equal("SQ-001", row.Person.Profile.ExternalId);
        var missing = Assert.Throws<CareGridException>(() => Parse("序号,姓名\n7,张小明\n"));
        Assert.Contains("The required column externalId", missing.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("所属村（社区）")]
    [InlineData("所属村(社区)")]
    [InlineData("所属村 （社区） ")]
    [InlineData("村（社区）")]
    [InlineData("所属村")]
    [InlineData("所属社区")]
    [InlineData("村/社区")]
    [InlineData("村／社区")]
    [InlineData("村居")]
    [InlineData("网格")]
    public void Place_each_resident_in_the_village_or_community_a_unit_column_names(string header)
    {
        var parse = Parse($"编号,姓名,{header}\nSQ-1,张小明,东村\nSQ-2,李桂英,南湖社区\n");
        Assert.Empty(parse.Errors);
        Assert.Equal(["east-village", "south-lake"], parse.Rows.Select(r => r.Person.Profile.OrganizationId));
    }

    [Fact]
    public void Skip_a_merged_title_above_the_header_keeping_the_rows_numbers_in_the_file()
    {
        var parse = Parse("石桥镇居民心理关爱名册（2026年12月）,,,\n编号,姓名,所属村（社区）,性别\nSQ-1,张小明,东村,男\nSQ-2,李桂英,东村,X\n");
        Assert.Equal("石桥镇居民心理关爱名册（2026年12月）", parse.Title);
        Assert.Equal(("SQ-1", 3), (Assert.Single(parse.Rows).Person.Profile.ExternalId, parse.Rows[0].Row));
        Assert.Equal((4, "sex"), (Assert.Single(parse.Errors).Row, parse.Errors[0].Column));
        Assert.Null(RosterCsv.CheckHeader("石桥镇居民心理关爱名册,,\n编号,姓名,所属村\n", RosterKind.People));
        var (english, chinese) = RosterCsv.TitleSkipped("石桥镇居民心理关爱名册");
        Assert.Contains("was read as the roster's title and skipped", english, StringComparison.Ordinal);
        Assert.Contains("被视为名单标题，已跳过", chinese, StringComparison.Ordinal);

        // a single cell followed by data is no title: the file is refused for its header as before
        Assert.Throws<CareGridException>(() => Parse("石桥镇居民名册\nSQ-1,张小明\n"));
        Assert.Null(Parse("编号,姓名\nSQ-1,张小明\n").Title);
    }

    [Fact]
    public void Refuse_every_header_problem_of_the_file_at_once_in_both_languages()
    {
        var e = Assert.Throws<CareGridException>(() => Parse("序号,居民代码,姓名,鞋码,联系电话,姓名\n1,A,B,38,139,B\n"));
        Assert.Equal((ErrorCodes.ValidationFailed, "居民代码", "2"), (e.Code, e.Details["column"], e.Details["columnNumber"]));
        Assert.StartsWith("The header row has 5 problems: (1) Unknown column '居民代码' (column 2). Rename or delete the column. (2) Unknown column '鞋码' (column 4).", e.Message, StringComparison.Ordinal);
        Assert.Contains("(3) Unknown column '联系电话' (column 5). Say whose phone it is", e.Message, StringComparison.Ordinal);
        Assert.Contains("(4) The columns 3 and 6 ('姓名') both mean displayName: keep one of them.", e.Message, StringComparison.Ordinal);
        Assert.Contains("(5) The required column externalId (学号,", e.Message, StringComparison.Ordinal);
        Assert.Contains(" / 表头有 5 处问题：（1）无法识别第 2 列“居民代码”。请改名或删除该列。（2）无法识别第 4 列“鞋码”。", e.Message, StringComparison.Ordinal);
        Assert.Contains("（5）缺少必填列 externalId", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, CountOf(e.Message, "Columns of a people roster, by English or Chinese name"));
        var problem = RosterCsv.CheckHeader("序号,居民代码,姓名,鞋码,联系电话,姓名\n", RosterKind.People)!;
        Assert.Equal(5, problem.All.Count);
        Assert.StartsWith("表头有 5 处问题", problem.Chinese, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("留守儿童", "LeftBehindChild")]
    [InlineData(" 留守儿童 ", "LeftBehindChild")]
    [InlineData("低保户、康复人员", "LowIncomeHousehold;RecoveredPatient")]
    [InlineData("低收入家庭；残疾人", "LowIncomeHousehold;Disability")]
    [InlineData("留守儿童，低保户", "LeftBehindChild;LowIncomeHousehold")]
    [InlineData("留守儿童/残疾人员", "LeftBehindChild;Disability")]
    [InlineData("留守儿童 低保户", "LeftBehindChild;LowIncomeHousehold")]
    [InlineData("Left-behind child; leftbehindchild", "LeftBehindChild")]
    [InlineData("LeftBehindChild;MigrantChild", "LeftBehindChild;MigrantChild")]
    [InlineData("独居老人", "ElderlyInSpecialDifficulty")]
    [InlineData("空巢老人、失能老人；高龄老人", "ElderlyInSpecialDifficulty")]
    [InlineData("留守老人", "ElderlyInSpecialDifficulty")]
    [InlineData("特殊困难老人/特殊困难老年人", "ElderlyInSpecialDifficulty")]
    [InlineData("困境儿童", "ChildInDifficulty")]
    [InlineData("特困人员", "ExtremePoverty")]
    [InlineData("特困供养人员，残疾人", "ExtremePoverty;Disability")]
    [InlineData("特困户 独居老人", "ExtremePoverty;ElderlyInSpecialDifficulty")]
    [InlineData("Child in difficulty; Person in extreme poverty; elderlyinspecialdifficulty", "ChildInDifficulty;ExtremePoverty;ElderlyInSpecialDifficulty")]
    public void Read_target_groups_given_by_their_chinese_or_english_names(string cell, string codes)
    {
        var row = Assert.Single(Parse($"编号,姓名,人群类别\nSQ-1,张小明,\"{cell}\"\n").Rows);
        Assert.Equal(codes, string.Join(";", row.Person.TargetGroups));
    }

    [Theory]
    [InlineData("退役军人")]
    [InlineData("留守儿童、退役军人")]
    [InlineData("left behind")]
    public void Refuse_a_group_that_is_neither_a_code_nor_a_known_name_listing_the_codes_and_names(string cell)
    {
        var parse = Parse($"编号,姓名,人群类别\nSQ-1,张小明,{cell}\n");
        var error = Assert.Single(parse.Errors);
        Assert.Equal("targetGroups", error.Column);
        Assert.Contains("Codes and names: ", error.Reason, StringComparison.Ordinal);
        Assert.Contains("代码及名称：", error.Reason, StringComparison.Ordinal);
        Assert.Contains("LeftBehindChild (留守儿童, 农村留守儿童, Left-behind child)", error.Reason, StringComparison.Ordinal);
        Assert.Contains("LowIncomeHousehold (低收入家庭, 低保户, 低保家庭, 低收入户, Low-income household)", error.Reason, StringComparison.Ordinal);
        Assert.Contains("ElderlyInSpecialDifficulty (特殊困难老年人, 特殊困难老人, 独居老人, 空巢老人, 留守老人, 失能老人, 高龄老人, Elderly person with special difficulties)", error.Reason, StringComparison.Ordinal);
        Assert.Contains(TargetGroupCatalog.Accepted(), error.Reason, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
