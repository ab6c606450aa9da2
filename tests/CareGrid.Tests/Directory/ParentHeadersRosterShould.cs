using CareGrid.Grains.Errors;
using CareGrid.Grains.Imports;
using CareGrid.Grains.People;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Tests.PeopleDirectory;

/// <summary>
/// The parents' columns of Chinese class lists (docs/rosters.md): 父亲…/母亲… (each a guardian contact), 紧急联系人…, numbered
/// columns (家长电话1, 监护人3电话) and a bracket naming the same person (监护人电话（家长）). Each was refused as an unknown
/// column before, with no hint of what to rename it.
/// </summary>
[Trait("tier", "domain")]
public sealed class ParentHeadersRosterShould
{
    private static RosterParse Parse(string csv, TenantKind tenant = TenantKind.School) =>
        RosterCsv.Parse(csv, RosterKind.People, "class-1", 2026, _ => null, barePhoneIsOwn: RosterColumns.BarePhoneIsOwnIn(tenant));

    private static List<(ContactKind, string, string?, string?)> Contacts(RosterParse parse) =>
        [.. Assert.Single(parse.Rows).Person.Contacts.Select(c => (c.Kind, c.Name, c.Relationship, c.Phone))];

    [Theory]
    [InlineData("父亲姓名,父亲电话,母亲姓名,母亲电话")]
    [InlineData("父亲,父亲手机,母亲,母亲联系电话")]
    [InlineData("爸爸姓名,爸爸电话,妈妈姓名,妈妈电话")]
    [InlineData("父亲姓名,父亲手机号码,妈妈,妈妈手机")]
    public void Keep_both_parents_as_two_guardian_contacts_each_with_their_own_phone(string header)
    {
        var parse = Parse($"学号,姓名,{header}\nS1,林小雨,林建国,13900000104,王秀英,13900000105\n");

        Assert.Empty(parse.Errors);
        Assert.Equal([(ContactKind.Guardian, "林建国", "父亲", "13900000104"), (ContactKind.Guardian, "王秀英", "母亲", "13900000105")], Contacts(parse));
    }

    [Fact]
    public void Keep_a_parent_beside_the_guardian_and_only_the_parent_a_row_names()
    {
        var parse = Parse("学号,姓名,监护人,监护人电话,父亲姓名,父亲电话,母亲姓名,母亲电话\nS1,林小雨,林奶奶,13900000101,林建国,13900000104,,\n");

        Assert.Equal([(ContactKind.Guardian, "林奶奶", null, "13900000101"), (ContactKind.Guardian, "林建国", "父亲", "13900000104")], Contacts(parse));
    }

    [Theory]
    [InlineData("紧急联系人,紧急联系人电话")]
    [InlineData("紧急联系人姓名,紧急联系电话")]
    [InlineData("紧急联系人,紧急联系人手机号")]
    public void Read_the_emergency_contact_as_an_emergency_contact(string header)
    {
        var parse = Parse($"学号,姓名,{header}\nS1,林小雨,林小舅,13900000106\n");

        Assert.Equal([(ContactKind.EmergencyContact, "林小舅", null, "13900000106")], Contacts(parse));
    }

    [Theory]
    [InlineData("父亲电话", "fatherName (父亲姓名")]
    [InlineData("妈妈手机", "motherName (母亲姓名")]
    [InlineData("紧急联系电话", "emergencyContactName (紧急联系人")]
    public void Refuse_once_a_parents_or_emergency_phone_without_its_name_column(string header, string missing)
    {
        var e = Assert.Throws<CareGridException>(() => Parse($"学号,姓名,{header}\nS1,林小雨,13900000104\n"));

        Assert.Equal((header, "3"), (e.Details["column"], e.Details["columnNumber"]));
        Assert.Contains($"add {missing}", e.Message, StringComparison.Ordinal);
        Assert.Contains("但名单中没有写明是谁的电话的姓名列", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuse_a_row_with_a_fathers_phone_and_no_fathers_name_in_both_languages()
    {
        var parse = Parse("学号,姓名,父亲姓名,父亲电话\nS1,林小雨,,13900000104\n");

        var error = Assert.Single(parse.Errors);
        Assert.Equal("fatherName", error.Column);
        Assert.Equal("fatherName is required when other father columns are filled. / 填写了父亲的其他信息时，父亲姓名为必填项。", error.Reason);
    }

    [Theory]
    [InlineData("家长姓名,家长电话1", TenantKind.School, ContactKind.Guardian)]
    [InlineData("家长姓名,家长电话１", TenantKind.School, ContactKind.Guardian)]   // full-width digit
    [InlineData("家长姓名,家长电话(1)", TenantKind.School, ContactKind.Guardian)]
    [InlineData("监护人1姓名,监护人1电话", TenantKind.School, ContactKind.Guardian)]
    [InlineData("父亲姓名,父亲电话1", TenantKind.School, ContactKind.Guardian)]
    [InlineData("居民姓名1,联系电话1", TenantKind.Town, ContactKind.Self)]
    public void Read_a_column_numbered_1_as_the_column(string header, TenantKind tenant, ContactKind kind)
    {
        var parse = Parse($"学号,{(tenant == TenantKind.Town ? "" : "姓名,")}{header}\nS1,{(tenant == TenantKind.Town ? "" : "林小雨,")}林奶奶,13900000101\n", tenant);

        Assert.Empty(parse.Errors);
        var contact = Assert.Single(Assert.Single(parse.Rows).Person.Contacts);
        Assert.Equal((kind, "13900000101"), (contact.Kind, contact.Phone));
    }

    [Theory]
    [InlineData("家长姓名,家长电话1,家长电话3", "家长电话3", 5)]   // a guardian's numbered 2 is the second guardian (SecondGuardianRosterShould)
    [InlineData("家长姓名,家长电话１,家长电话３", "家长电话３", 5)]
    [InlineData("监护人1姓名,监护人1电话,监护人3电话", "监护人3电话", 5)]
    [InlineData("监护人1姓名,监护人1电话,监护人三姓名", "监护人三姓名", 5)]
    [InlineData("父亲姓名,父亲电话,父亲电话2", "父亲电话2", 5)]
    [InlineData("父亲姓名,父亲电话,父亲二电话", "父亲二电话", 5)]
    [InlineData("紧急联系人,紧急联系人电话,紧急联系人电话2", "紧急联系人电话2", 5)]
    public void Refuse_a_second_numbered_column_naming_what_to_rename(string header, string refused, int number)
    {
        var e = Assert.Throws<CareGridException>(() => Parse($"学号,姓名,{header}\nS1,林小雨,林奶奶,13900000101,13900000102\n"));

        Assert.Equal((ErrorCodes.ValidationFailed, refused, $"{number}", "NUMBERED"), (e.Code, e.Details["column"], e.Details["columnNumber"], e.Details["hint"]));
        Assert.Contains("Only a column numbered 1 is read", e.Message, StringComparison.Ordinal);
        Assert.Contains("父亲姓名 and 父亲电话, 母亲姓名 and 母亲电话, or 紧急联系人 and 紧急联系人电话", e.Message, StringComparison.Ordinal);
        Assert.Contains("带编号的列只读取编号为 1 的一列", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("The header row has", e.Message, StringComparison.Ordinal); // the first column is read, only the second refused
    }

    [Theory]
    [InlineData("联系电话1", TenantKind.School, "WHOSE_PHONE")]
    [InlineData("联系电话2", TenantKind.School, "WHOSE_PHONE")]
    [InlineData("联系电话2", TenantKind.Town, "NUMBERED")]
    public void Refuse_a_numbered_phone_that_cannot_be_read_with_its_hint(string header, TenantKind tenant, string hint)
    {
        var e = Assert.Throws<CareGridException>(() => Parse($"学号,姓名,{header}\nS1,林小雨,13900000101\n", tenant));

        Assert.Equal((header, hint), (e.Details["column"], e.Details["hint"]));
    }

    [Theory]
    [InlineData("家长姓名,监护人电话（家长）")]
    [InlineData("家长姓名,家长电话（监护人）")]
    [InlineData("监护人姓名(家长),监护人电话")]
    [InlineData("监护人姓名【家长】,家长手机(家长)")]
    public void Read_a_bracket_naming_the_same_person_as_the_column(string header)
    {
        var parse = Parse($"学号,姓名,{header}\nS1,林小雨,林奶奶,13900000101\n");

        Assert.Equal([(ContactKind.Guardian, "林奶奶", null, "13900000101")], Contacts(parse));
    }

    [Fact]
    public void Read_the_guardians_column_with_its_bracket_beside_a_working_away_parent()
    {
        // 监护人电话（家长）: the guardian's, explained as the 家长 — whose it is, as 家长（监护人）电话 is
        var parse = Parse("学号,姓名,监护人姓名（家长）,监护人电话（家长）,外出务工家长\nS1,林小雨,林奶奶,13900000101,林建国\n");

        Assert.Equal([(ContactKind.Guardian, "林奶奶", null, "13900000101"), (ContactKind.Parent, "林建国", null, null)], Contacts(parse));
        var e = Assert.Throws<CareGridException>(() => Parse("学号,姓名,监护人,家长电话(家长),外出务工家长\nS1,林小雨,林奶奶,13900000101,林建国\n"));
        Assert.Equal(("家长电话(家长)", "WHICH_PARENT"), (e.Details["column"], e.Details["hint"]));
    }

    [Theory]
    [InlineData("监护人电话（邻居）")]
    [InlineData("父亲电话（母亲）")]
    public void Keep_refusing_a_bracket_naming_someone_else(string header) =>
        Assert.Throws<CareGridException>(() => Parse($"学号,姓名,监护人,父亲姓名,{header}\nS1,林小雨,林奶奶,林建国,13900000101\n"));
}
