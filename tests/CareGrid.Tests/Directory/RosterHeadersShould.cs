using CareGrid.Grains.Errors;
using CareGrid.Grains.Imports;
using CareGrid.Grains.People;

namespace CareGrid.Tests.PeopleDirectory;

/// <summary>Roster headers in English and Chinese (docs/rosters.md): every synonym of the one table, normalization, repeated and unknown columns.</summary>
[Trait("tier", "domain")]
public sealed class RosterHeadersShould
{
    private static RosterParse Parse(string csv, RosterKind kind = RosterKind.People) =>
        RosterCsv.Parse(csv, kind, "class-1", 2026, _ => null, Units);

    /// <summary>The units under the import's unit (<c>class-1</c>) that a 班级 or 年级 cell may name.</summary>
    private static readonly RosterUnits Units = RosterUnits.Under(
    [
        new("t", "class-1", "实验中学", CareGrid.Grains.Organizations.OrganizationKind.School, null, null, CareGrid.Grains.Organizations.OrganizationStatus.Active),
        new("t", "g-7", "初一", CareGrid.Grains.Organizations.OrganizationKind.Grade, "class-1", null, CareGrid.Grains.Organizations.OrganizationStatus.Active),
        new("t", "c-7-1", "初一（1）班", CareGrid.Grains.Organizations.OrganizationKind.Class, "g-7", null, CareGrid.Grains.Organizations.OrganizationStatus.Active),
    ], "class-1")!;

    /// <summary>
    /// Per column: the other columns a row needs (English names), their cells, the cell under test and what it must become.
    /// Contact columns bring their contact's name; staff columns bring a role.
    /// </summary>
    private static readonly Dictionary<string, (string Header, string Cells, string Value, Func<RosterRow, object?> Read, object Expected)> Cases = new()
    {
        ["externalId"] = ("displayName", "林小雨", "S-77", r => r.Person.Profile.ExternalId, "S-77"),
        ["displayName"] = ("externalId", "S1", "林小雨", r => r.Person.Profile.DisplayName, "林小雨"),
        ["sex"] = ("externalId,displayName", "S1,林小雨", "女", r => r.Person.Profile.Sex, Sex.Female),
        ["birthYear"] = ("externalId,displayName", "S1,林小雨", "2013", r => r.Person.Profile.BirthYear, 2013),
        ["dateOfBirth"] = ("externalId,displayName", "S1,林小雨", "2013-05-09", r => r.Person.Profile.DateOfBirth, new DateOnly(2013, 5, 9)),
        ["unit"] = ("externalId,displayName", "S1,林小雨", "初一(1)班", r => r.Person.Profile.OrganizationId, "c-7-1"),
        ["grade"] = ("externalId,displayName", "S1,林小雨", "初一", r => r.Person.Profile.OrganizationId, "g-7"),
        ["targetGroups"] = ("externalId,displayName", "S1,林小雨", "LeftBehindChild", r => string.Join(";", r.Person.TargetGroups), "LeftBehindChild"),
        ["guardianName"] = ("externalId,displayName", "S1,林小雨", "林奶奶", r => Contact(r, ContactKind.Guardian).Name, "林奶奶"),
        ["guardianRelationship"] = ("externalId,displayName,guardianName", "S1,林小雨,林奶奶", "祖母", r => Contact(r, ContactKind.Guardian).Relationship!, "祖母"),
        ["guardianPhone"] = ("externalId,displayName,guardianName", "S1,林小雨,林奶奶", "13900000101", r => Contact(r, ContactKind.Guardian).Phone!, "13900000101"),
        ["guardian2Name"] = ("externalId,displayName", "S1,林小雨", "林建国", r => Contact(r, ContactKind.Guardian).Name, "林建国"),
        ["guardian2Relationship"] = ("externalId,displayName,guardian2Name", "S1,林小雨,林建国", "父亲", r => Contact(r, ContactKind.Guardian).Relationship!, "父亲"),
        ["guardian2Phone"] = ("externalId,displayName,guardian2Name", "S1,林小雨,林建国", "13900000107", r => Contact(r, ContactKind.Guardian).Phone!, "13900000107"),
        ["parentName"] = ("externalId,displayName", "S1,林小雨", "林建国", r => Contact(r, ContactKind.Parent).Name, "林建国"),
        ["parentWorkplace"] = ("externalId,displayName,parentName", "S1,林小雨,林建国", "广东省深圳市", r => Contact(r, ContactKind.Parent).Workplace!, "广东省深圳市"),
        ["parentPhone"] = ("externalId,displayName,parentName", "S1,林小雨,林建国", "13900000102", r => Contact(r, ContactKind.Parent).Phone!, "13900000102"),
        ["ownPhone"] = ("externalId,displayName", "S1,林小雨", "13900000103", r => Contact(r, ContactKind.Self).Phone!, "13900000103"),
        ["fatherName"] = ("externalId,displayName", "S1,林小雨", "林建国", r => Contact(r, ContactKind.Guardian).Name, "林建国"),
        ["fatherPhone"] = ("externalId,displayName,fatherName", "S1,林小雨,林建国", "13900000104", r => Contact(r, ContactKind.Guardian).Phone!, "13900000104"),
        ["motherName"] = ("externalId,displayName", "S1,林小雨", "王秀英", r => Contact(r, ContactKind.Guardian).Name, "王秀英"),
        ["motherPhone"] = ("externalId,displayName,motherName", "S1,林小雨,王秀英", "13900000105", r => Contact(r, ContactKind.Guardian).Phone!, "13900000105"),
        ["emergencyContactName"] = ("externalId,displayName", "S1,林小雨", "林小舅", r => Contact(r, ContactKind.EmergencyContact).Name, "林小舅"),
        ["emergencyContactPhone"] = ("externalId,displayName,emergencyContactName", "S1,林小雨,林小舅", "13900000106", r => Contact(r, ContactKind.EmergencyContact).Phone!, "13900000106"),
        ["emergencyContactRelationship"] = ("externalId,displayName,emergencyContactName", "S1,林小雨,林小舅", "舅舅", r => Contact(r, ContactKind.EmergencyContact).Relationship!, "舅舅"),
        ["roles"] = ("externalId,displayName", "T1,吴老师", "PsychologyTeacher", r => string.Join(";", r.Roles), "PsychologyTeacher"),
        ["qualifications"] = ("externalId,displayName,roles", "T1,吴老师,PsychologyTeacher", "Cert:2027-06-30", r => r.Person.Qualifications.Single().ValidUntil!, new DateOnly(2027, 6, 30)),
        ["subject"] = ("externalId,displayName,roles", "T1,吴老师,PsychologyTeacher", "wu@school", r => r.Person.StaffSubject, "wu@school"),
    };

    private static PersonContact Contact(RosterRow row, ContactKind kind) => row.Person.Contacts.Single(c => c.Kind == kind);

    /// <summary>Every header name of the table (English name and each synonym) with every roster kind that has the column.</summary>
    public static TheoryData<string, string, RosterKind> Names()
    {
        var data = new TheoryData<string, string, RosterKind>();
        foreach (var column in RosterColumns.All)
        {
            foreach (var kind in new[] { RosterKind.People, RosterKind.Staff }.Where(column.In))
            {
                foreach (var name in column.Synonyms.Prepend(column.Name))
                {
                    data.Add(column.Name, name, kind);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Read_each_header_name_of_the_table_into_its_column(string column, string name, RosterKind kind)
    {
        var (header, cells, value, read, expected) = Cases[column];
        if (kind == RosterKind.Staff && !header.Contains("roles", StringComparison.Ordinal) && column != "roles")
        {
            (header, cells) = (header + ",roles", cells + ",PsychologyTeacher");
        }

        var parse = Parse($"{name},{header}\n{value},{cells}\n", kind);
        Assert.Empty(parse.Errors);
        Assert.Equal(expected, read(Assert.Single(parse.Rows)));
    }

    [Fact]
    public void Give_every_column_of_the_specification_a_case_and_every_name_one_meaning()
    {
        Assert.Equal(RosterColumns.All.Select(c => c.Name).Order(), Cases.Keys.Order());
        foreach (var kind in new[] { RosterKind.People, RosterKind.Staff })
        {
            var names = RosterColumns.Of(kind).SelectMany(c => c.Synonyms.Prepend(c.Name)).Select(RosterColumns.Normalize).ToList();
            Assert.Equal(names.Count, names.Distinct().Count());
            Assert.DoesNotContain(names, n => RosterColumns.IsIgnored(n));
            // a column's name is read as the column: only a people roster's class and grade names also carry the hint a
            // staff roster gives them
            Assert.Equal(kind == RosterKind.People ? ["班级", "班级名称", "所属村(社区)", "村(社区)", "所属村", "所属社区", "村/社区", "村居", "网格", "年级"] : [],
                names.Where(n => RosterColumns.HintFor(n) is not null));
        }
    }

    [Theory]
    [InlineData(" 学号 ")]
    [InlineData("\uFEFF学号")]
    [InlineData("*学号")]
    [InlineData("★学号")]
    [InlineData("学 号")]
    [InlineData("ＥｘｔｅｒｎａｌＩＤ")]
    [InlineData("EXTERNAL_ID")]
    [InlineData("External Id")]
    [InlineData("external-id")]
    public void Match_a_header_after_trimming_a_BOM_required_marks_NFKC_and_case(string header)
    {
        var row = Assert.Single(Parse($"\"{header}\",姓名\nS1,林小雨\n").Rows);
        Assert.Equal("S1", row.Person.Profile.ExternalId);
    }

    [Fact]
    public void Accept_a_running_number_column_without_reading_it()
    {
        var row = Assert.Single(Parse("序号,学号,姓名\n1,S1,林小雨\n").Rows);
        Assert.Equal(("S1", "林小雨"), (row.Person.Profile.ExternalId, row.Person.Profile.DisplayName));
    }

    [Fact]
    public void Accept_a_homeroom_teacher_column_without_storing_anything_of_it()
    {
        // round-33 trial: the school's Excel class list (学号, 姓名, …, 班主任) was refused whole for its 班主任 column
        var parse = Parse("学号,姓名,性别,班主任,班主任电话\nS1,林小雨,女,王丽,13800138000\n");
        Assert.Empty(parse.Errors);
        var row = Assert.Single(parse.Rows);
        Assert.Equal(("S1", "林小雨"), (row.Person.Profile.ExternalId, row.Person.Profile.DisplayName));
        Assert.Empty(row.Person.Contacts);
        Assert.DoesNotContain("王丽", System.Text.Json.JsonSerializer.Serialize(row), StringComparison.Ordinal);
        Assert.DoesNotContain("13800138000", System.Text.Json.JsonSerializer.Serialize(row), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("备注")]
    [InlineData(" 备注信息 ")]
    [InlineData("说明")]
    [InlineData("Remarks")]
    [InlineData("notes")]
    public void Accept_a_notes_column_without_reading_it_and_name_it_in_the_notice(string header)
    {
        // round-40 new-user trial: a class list's 备注 column refused the whole file as an unknown column
        var parse = Parse($"学号,姓名,性别,{header}\nS1,林小雨,女,父母离异，跟随奶奶生活\nS2,王强,男,\n");

        Assert.Empty(parse.Errors);
        Assert.Equal(["S1", "S2"], parse.Rows.Select(r => r.Person.Profile.ExternalId));
        Assert.DoesNotContain("奶奶", System.Text.Json.JsonSerializer.Serialize(parse.Rows), StringComparison.Ordinal);
        var (english, chinese) = parse.NotesNotice!.Value;
        Assert.Contains($"column 4 ('{header.Trim()}') was not read", english, StringComparison.Ordinal);
        Assert.Contains($"第 4 列“{header.Trim()}”未读取", chinese, StringComparison.Ordinal);
        Assert.Null(RosterCsv.CheckHeader($"学号,姓名,{header}\n", RosterKind.People));
    }

    [Fact]
    public void Give_no_notes_notice_for_a_roster_without_a_notes_column() =>
        Assert.Null(Parse("学号,姓名\nS1,林小雨\n").NotesNotice);

    [Theory]
    [InlineData("学号,姓名,externalId", 1, 3)]
    [InlineData("学籍号,姓名,学号", 1, 3)]
    [InlineData("姓名,ExternalID,学号", 2, 3)]
    public void Refuse_two_header_names_of_one_column_naming_both(string header, int first, int second)
    {
        var e = Assert.Throws<CareGridException>(() => Parse($"{header}\nS1,林小雨,S1\n"));
        Assert.Equal((ErrorCodes.ValidationFailed, "csv"), (e.Code, e.Details["field"]));
        Assert.StartsWith($"The columns {first} and {second} (", e.Message, StringComparison.Ordinal);
        Assert.Contains("both mean externalId: keep one of them.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuse_an_unknown_column_listing_the_accepted_names_in_both_languages()
    {
        var e = Assert.Throws<CareGridException>(() => Parse("学号,姓名,鞋码\nS1,林小雨,38\n"));
        Assert.Equal((ErrorCodes.ValidationFailed, "csv", "鞋码", "3"), (e.Code, e.Details["field"], e.Details["column"], e.Details["columnNumber"]));
        Assert.StartsWith("Unknown column '鞋码' (column 3). Columns of a people roster, by English or Chinese name: externalId (学号, 学籍号,", e.Message, StringComparison.Ordinal);
        var accepted = e.Details["acceptedColumns"];
        Assert.All(RosterColumns.Of(RosterKind.People).SelectMany(c => c.Synonyms.Prepend(c.Name)), n => Assert.Contains(n, accepted, StringComparison.Ordinal));
        Assert.DoesNotContain("roles", accepted, StringComparison.Ordinal);
        Assert.Contains(accepted, e.Message, StringComparison.Ordinal);

        var problem = RosterCsv.CheckHeader("学号,姓名,鞋码\n", RosterKind.People)!;
        Assert.StartsWith("无法识别第 3 列“鞋码”。人员名单可用的列名（英文名或中文名）：externalId (学号, 学籍号,", problem.Chinese, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("身份证号", "does not store identity-card numbers", "不保存身份证号")]
    [InlineData("身份证件号", "does not store identity-card numbers", "不保存身份证号")]
    [InlineData("学校", "with a 班级 (unit) column, in that class under it: import the file into the school", "请把文件导入到学校，并删除该列")]
    [InlineData("联系电话", "Say whose phone it is", "请写明是谁的电话")]
    public void Refuse_columns_schools_export_that_the_import_does_not_store_saying_why(string header, string english, string chinese)
    {
        var e = Assert.Throws<CareGridException>(() => Parse($"学号,姓名,{header}\nS1,林小雨,x\n"));
        Assert.Equal((ErrorCodes.ValidationFailed, header), (e.Code, e.Details["column"]));
        Assert.Contains(english, e.Message, StringComparison.Ordinal);
        Assert.Contains(chinese, RosterCsv.CheckHeader($"学号,姓名,{header}\n", RosterKind.People)!.Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuse_a_people_column_in_a_staff_roster_and_name_a_missing_required_column_in_both_languages()
    {
        var e = Assert.Throws<CareGridException>(() => Parse("工号,姓名,角色,监护人\nT1,吴老师,PsychologyTeacher,x\n", RosterKind.Staff));
        Assert.Equal("监护人", e.Details["column"]);
        Assert.Contains("roles (角色, 岗位角色)", e.Details["acceptedColumns"], StringComparison.Ordinal);

        var missing = Assert.Throws<CareGridException>(() => Parse("姓名,性别\n林小雨,女\n"));
        Assert.StartsWith("The required column externalId (学号, 学籍号, 全国学籍号, 学籍辅号, 校内学号, 学生编号, 编号, 居民编号, 档案编号, 人员编号, 工号, 教职工号, 职工号, studentId) is missing. Required: externalId, displayName. / 缺少必填列 externalId", missing.Message, StringComparison.Ordinal);

        // a staff roster lands in the import's unit: its class column says why and what to do, in both languages, with its
        // hint (round-26 trial); a people roster places rows by it (RosterUnitsShould)
        var unit = Assert.Throws<CareGridException>(() => Parse("工号,姓名,角色,班级\nT1,吴老师,HomeroomTeacher,初一（1）班\n", RosterKind.Staff));
        Assert.Equal(("班级", "UNIT"), (unit.Details["column"], unit.Details["hint"]));
        Assert.Contains("import one file per unit and delete the column", unit.Message, StringComparison.Ordinal);
        Assert.Contains("请每个单位分别导入一个文件，并删除该列", unit.Message, StringComparison.Ordinal);
        Assert.Null(RosterCsv.CheckHeader("学号,姓名,班级,年级\n", RosterKind.People));
    }
}
