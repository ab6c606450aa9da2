using CareGrid.Grains.Errors;
using CareGrid.Grains.Imports;
using CareGrid.Grains.People;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Tests.PeopleDirectory;

/// <summary>
/// Round-40 leftovers of roster headers (docs/rosters.md): columns numbered in Chinese (家长一电话, 家长二姓名), a second guardian
/// (家长2…, 家长二…, 第二监护人…: refused before, as an unknown column or with NUMBERED), the emergency contact's relationship
/// (紧急联系人关系: an unknown column before), and a phone column that names the pupil's record, not whose phone it is
/// (学生电话, 联系电话（学生）: read as the pupil's own before, where it is often the family's).
/// </summary>
[Trait("tier", "domain")]
public sealed class SecondGuardianRosterShould
{
    private static RosterParse Parse(string csv, TenantKind tenant = TenantKind.School) =>
        RosterCsv.Parse(csv, RosterKind.People, "class-1", 2026, _ => null, barePhoneIsOwn: RosterColumns.BarePhoneIsOwnIn(tenant));

    private static List<(ContactKind, string, string?, string?)> Contacts(RosterParse parse) =>
        [.. Assert.Single(parse.Rows).Person.Contacts.Select(c => (c.Kind, c.Name, c.Relationship, c.Phone))];

    [Theory]
    [InlineData("家长一姓名,家长一电话")]
    [InlineData("家长姓名,家长一电话")]
    [InlineData("家长１姓名,家长１电话")]
    [InlineData("家长（一）姓名,家长（一）电话")]
    [InlineData("第一监护人,第一监护人电话")]
    public void Read_a_column_numbered_one_in_chinese_as_the_column(string header)
    {
        var parse = Parse($"学号,姓名,{header}\nS1,林小雨,林奶奶,13900000101\n");

        Assert.Empty(parse.Errors);
        Assert.Equal([(ContactKind.Guardian, "林奶奶", null, "13900000101")], Contacts(parse));
    }

    [Theory]
    [InlineData("家长1姓名,家长1电话,家长2姓名,家长2电话")]
    [InlineData("家长一姓名,家长一电话,家长二姓名,家长二电话")]
    [InlineData("家长姓名,家长电话,家长姓名2,家长电话2")]
    [InlineData("家长姓名,家长电话1,家长２姓名,家长电话２")]
    [InlineData("监护人,监护人电话,第二监护人,第二监护人电话")]
    [InlineData("监护人1,监护人1手机,监护人2,监护人2手机")]
    [InlineData("家长姓名,联系电话（家长）,家长二,联系电话2（家长）")]
    public void Keep_a_second_guardian_as_a_second_guardian_contact_with_its_own_phone(string header)
    {
        var parse = Parse($"学号,姓名,{header}\nS1,林小雨,林建国,13900000104,王秀英,13900000105\n");

        Assert.Empty(parse.Errors);
        Assert.Equal([(ContactKind.Guardian, "林建国", null, "13900000104"), (ContactKind.Guardian, "王秀英", null, "13900000105")], Contacts(parse));
    }

    [Fact]
    public void Keep_the_second_guardians_relationship()
    {
        var parse = Parse("学号,姓名,家长1姓名,家长1关系,家长1电话,家长2姓名,家长2关系,家长2电话\nS1,林小雨,林建国,父亲,13900000104,王秀英,母亲,13900000105\n");

        Assert.Equal([(ContactKind.Guardian, "林建国", "父亲", "13900000104"), (ContactKind.Guardian, "王秀英", "母亲", "13900000105")], Contacts(parse));
    }

    [Fact]
    public void Refuse_once_a_second_guardians_phone_without_its_name_column()
    {
        var e = Assert.Throws<CareGridException>(() => Parse("学号,姓名,家长姓名,家长电话1,家长电话2\nS1,林小雨,林建国,13900000104,13900000105\n"));

        Assert.Equal(("家长电话2", "5"), (e.Details["column"], e.Details["columnNumber"]));
        Assert.Contains("add guardian2Name (监护人2姓名", e.Message, StringComparison.Ordinal);
        Assert.Contains("但名单中没有写明是谁的电话的姓名列", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuse_a_row_with_a_second_guardians_phone_and_no_name_in_both_languages()
    {
        var parse = Parse("学号,姓名,家长1姓名,家长1电话,家长2姓名,家长2电话\nS1,林小雨,林建国,13900000104,,13900000105\n");

        var error = Assert.Single(parse.Errors);
        Assert.Equal("guardian2Name", error.Column);
        Assert.Equal("guardian2Name is required when other guardian2 columns are filled. / 填写了第二位监护人的其他信息时，监护人2姓名为必填项。", error.Reason);
    }

    [Theory]
    [InlineData("家长2姓名,家长2电话")]
    [InlineData("家长二姓名,家长二电话")]
    public void Refuse_a_second_parent_column_beside_a_working_away_parent_as_which_parent(string header)
    {
        var e = Assert.Throws<CareGridException>(() => Parse($"学号,姓名,监护人,监护人电话,外出务工家长,{header}\nS1,林小雨,林奶奶,13900000101,林建国,王秀英,13900000105\n"));

        Assert.Equal((header.Split(',')[0], "WHICH_PARENT"), (e.Details["column"], e.Details["hint"]));
    }

    [Theory]
    [InlineData("紧急联系人,紧急联系人关系,紧急联系人电话")]
    [InlineData("紧急联系人姓名,紧急联系人与学生关系,紧急联系电话")]
    public void Keep_the_emergency_contacts_relationship(string header)
    {
        var parse = Parse($"学号,姓名,{header}\nS1,林小雨,林小舅,舅舅,13900000106\n");

        Assert.Equal([(ContactKind.EmergencyContact, "林小舅", "舅舅", "13900000106")], Contacts(parse));
    }

    [Fact]
    public void Refuse_an_emergency_contacts_relationship_without_a_name_rather_than_drop_it()
    {
        var parse = Parse("学号,姓名,紧急联系人,紧急联系人关系\nS1,林小雨,,舅舅\n");

        Assert.Equal("emergencyContactName", Assert.Single(parse.Errors).Column);
        Assert.Empty(parse.Rows);
    }

    [Theory]
    [InlineData("学生电话", TenantKind.School)]
    [InlineData("学生联系电话", TenantKind.School)]
    [InlineData("学生手机号", TenantKind.Town)]
    [InlineData("联系电话（学生）", TenantKind.School)]
    [InlineData("手机(学生)", TenantKind.School)]
    [InlineData("手机号码【学生】", TenantKind.District)]
    public void Refuse_a_phone_naming_the_pupils_record_not_whose_phone(string header, TenantKind tenant)
    {
        var e = Assert.Throws<CareGridException>(() => Parse($"学号,姓名,{header}\nS1,林小雨,13900000101\n", tenant));

        Assert.Equal((ErrorCodes.ValidationFailed, header, "WHOSE_PHONE"), (e.Code, e.Details["column"], e.Details["hint"]));
        Assert.Contains("the pupil's own is 学生本人电话", e.Message, StringComparison.Ordinal);
        Assert.Contains("学生本人的电话请写“学生本人电话”", e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Red team, round 40: a one-parent family's second guardian (or emergency contact) filled with "/" or 无 in every column was
    /// refused as a relationship or phone without a name, and the pupil's whole row with it (the first guardian's phone too).
    /// </summary>
    [Theory]
    [InlineData("/,/,/,/")]
    [InlineData("无,无,无,无")]
    [InlineData(",—,-,")]
    public void Read_placeholder_cells_of_a_second_guardian_and_emergency_contact_as_empty(string cells)
    {
        var parse = Parse($"学号,姓名,家长姓名,家长电话,家长2姓名,家长2关系,家长2电话,紧急联系人关系\nS1,林小雨,林奶奶,13900000101,{cells}\n");

        Assert.Empty(parse.Errors);
        Assert.Equal([(ContactKind.Guardian, "林奶奶", null, "13900000101")], Contacts(parse));
    }
}
