using CareGrid.Grains.Imports;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.ReadModel;

namespace CareGrid.Tests.PeopleDirectory;

/// <summary>
/// A whole-school people roster with a 班级 (and 年级) column: each row's class cell names a unit under the one the import
/// names (<see cref="RosterUnits"/>), by id or by name as a school writes it; a cell that names none or two is the row's
/// error, never a guess.
/// </summary>
[Trait("tier", "domain")]
public sealed class RosterUnitsShould
{
    private static OrganizationRow Unit(string id, string name, OrganizationKind kind, string? parent, OrganizationStatus status = OrganizationStatus.Active) =>
        new("t", id, name, kind, parent, null, status);

    /// <summary>A school with grades 初一 and 初二, each with a class 3班 and a full-named class, a closed class, and another school.</summary>
    private static readonly IReadOnlyList<OrganizationRow> Tenant =
    [
        Unit("school", "实验中学", OrganizationKind.School, null),
        Unit("grade-7", "初一", OrganizationKind.Grade, "school"),
        Unit("grade-8", "初二", OrganizationKind.Grade, "school"),
        Unit("class-7-1", "初一（1）班", OrganizationKind.Class, "grade-7"),
        Unit("class-7-3", "3班", OrganizationKind.Class, "grade-7"),
        Unit("class-8-3", "3班", OrganizationKind.Class, "grade-8"),
        Unit("class-8-9", "初二（9）班", OrganizationKind.Class, "grade-8", OrganizationStatus.Closed),
        Unit("leadership", "领导小组", OrganizationKind.LeadershipGroup, "school"),
        Unit("other-school", "二中", OrganizationKind.School, null),
        Unit("other-7-2", "初一（2）班", OrganizationKind.Class, "other-school"),
    ];

    private static RosterUnits School => RosterUnits.Under(Tenant, "school")!;

    [Theory]
    [InlineData("初一（1）班", null, "class-7-1")]
    [InlineData("初一(1)班", null, "class-7-1")]
    [InlineData(" 初一 (1) 班 ", null, "class-7-1")]
    [InlineData("初一【1】班", null, "class-7-1")]
    [InlineData("class-7-1", null, "class-7-1")]
    [InlineData("3班", "初一", "class-7-3")]
    [InlineData("３班", "初二", "class-8-3")]
    [InlineData("(1)班", "初一", "class-7-1")]
    [InlineData("初二", null, "grade-8")]
    public void Find_the_class_a_school_writes_by_name_or_id(string unit, string? grade, string expected)
    {
        Assert.Equal((expected, (string?)null), School.Resolve(unit, grade));
    }

    [Fact]
    public void Refuse_a_class_that_two_grades_have_and_say_how_to_tell_them_apart()
    {
        var (id, reason) = School.Resolve("3班", null);
        Assert.Null(id);
        Assert.Contains("'3班' names more than one unit: 3班 (class-7-3), 3班 (class-8-3)", reason, StringComparison.Ordinal);
        Assert.Contains("增加“年级”列", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("初一（2）班")] // another school's class: never outside the unit the import names
    [InlineData("初二（9）班")] // closed: takes no new people
    [InlineData("other-7-2")]
    [InlineData("初一（4）班")]
    [InlineData("leadership")] // a staff unit under the school (round-30 red team): people are not placed there
    [InlineData("领导小组")]
    public void Refuse_a_class_outside_the_school_closed_unknown_or_a_staff_unit_listing_the_classes(string unit)
    {
        var (id, reason) = School.Resolve(unit, null);
        Assert.Null(id);
        Assert.Contains($"No unit '{unit}' under 实验中学 (school)", reason, StringComparison.Ordinal);
        Assert.Contains("Units to choose from: 3班, 3班, 初一（1）班.", reason, StringComparison.Ordinal);
        Assert.Contains($"在“实验中学 (school)”下没有单位“{unit}”", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2班", "初二")] // round-30 red team F1: 初二 has no 2班 — not 初一's 2班
    [InlineData("初一（1）班", "初二")] // F2: the grade contradicts the class
    [InlineData("class-7-1", "初二")] // F3: an id outside the grade
    [InlineData("3班", "初三")] // no such grade: no guess between the two 3班
    public void Refuse_a_class_the_named_grade_does_not_have(string unit, string grade)
    {
        var tree = Tenant.Append(Unit("class-7-2", "2班", OrganizationKind.Class, "grade-7")).ToList();
        var (id, reason) = RosterUnits.Under(tree, "school")!.Resolve(unit, grade);
        Assert.Null(id);
        Assert.Contains($"No unit '{unit}' in grade '{grade}' under 实验中学 (school)", reason, StringComparison.Ordinal);
        Assert.Contains($"的年级“{grade}”中没有单位“{unit}”", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Never_run_the_digits_of_a_grade_and_a_class_together()
    {
        // round-30 red team F5: grade "1" and class "1班" made "11班", another class, without a word
        List<OrganizationRow> tree = [Unit("school", "实验小学", OrganizationKind.School, null), Unit("g1", "一年级", OrganizationKind.Grade, "school"),
            Unit("g2", "二年级", OrganizationKind.Grade, "school"), Unit("g1-1", "1班", OrganizationKind.Class, "g1"),
            Unit("g1-11", "11班", OrganizationKind.Class, "g1"), Unit("g2-1", "1班", OrganizationKind.Class, "g2")];
        var units = RosterUnits.Under(tree, "school")!;
        Assert.Contains("names more than one unit", units.Resolve("1班", "1").Reason, StringComparison.Ordinal);
        Assert.Equal("g2-1", units.Resolve("1班", "二年级").Id);
        Assert.Equal("g1-11", units.Resolve("11班", "一年级").Id);
    }

    [Fact]
    public void Refuse_a_cell_that_is_one_units_id_and_another_units_name_and_skip_what_is_under_a_closed_unit()
    {
        // round-30 red team F4 and F6
        List<OrganizationRow> tree = [Unit("school", "实验中学", OrganizationKind.School, null), Unit("c1", "一班", OrganizationKind.Class, "school"),
            Unit("c2", "c1", OrganizationKind.Class, "school"), Unit("g9", "初三", OrganizationKind.Grade, "school", OrganizationStatus.Closed),
            Unit("c91", "初三（1）班", OrganizationKind.Class, "g9")];
        var units = RosterUnits.Under(tree, "school")!;
        Assert.Contains("'c1' names more than one unit: c1 (c2), 一班 (c1)", units.Resolve("c1", null).Reason, StringComparison.Ordinal);
        Assert.Null(units.Resolve("初三（1）班", null).Id);
    }

    [Fact]
    public void Suggest_the_class_a_look_alike_letter_meant_without_placing_the_row_there()
    {
        // round-30 new-user trial: 初二(l)班 with a lower-case L looks like 初二(1)班 on a phone
        var (id, reason) = School.Resolve("初一(l)班", "初一");
        Assert.Null(id);
        Assert.Contains("Did you mean 初一（1）班 (class-7-1)?", reason, StringComparison.Ordinal);
        Assert.Contains("是否指“初一（1）班 (class-7-1)”？", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Bound_a_refusal_however_many_units_share_a_name_and_decide_each_cell_once()
    {
        // round-30 red team F7: 300 schools' 初一（1）班 under one bureau made an 18,000-character reason per row
        var tree = new List<OrganizationRow> { Unit("bureau", "教育局", OrganizationKind.School, null) };
        for (var i = 0; i < 300; i++)
        {
            tree.Add(Unit($"s{i}", $"学校{i}", OrganizationKind.School, "bureau"));
            tree.Add(Unit($"s{i}-c1", "初一（1）班", OrganizationKind.Class, $"s{i}"));
        }

        var units = RosterUnits.Under(tree, "bureau")!;
        var (id, reason) = units.Resolve("初一（1）班", null);
        Assert.Null(id);
        Assert.Contains(", and 292 more.", reason, StringComparison.Ordinal);
        Assert.True(reason!.Length < 1000, reason);
        Assert.Same(reason, units.Resolve(" 初一（1）班 ", null).Reason);
    }

    [Fact]
    public void Refuse_a_blank_class_and_take_a_grade_named_with_or_without_its_年级()
    {
        Assert.Contains("班级为空", School.Resolve(" ", "初一").Reason, StringComparison.Ordinal);
        Assert.Equal("class-8-3", School.Resolve("3班", "初二年级").Id);
        Assert.Null(RosterUnits.Under(Tenant, "no-such-unit"));
    }

    [Fact]
    public void Land_a_blank_class_cell_in_the_class_the_import_names_and_only_there()
    {
        var classList = RosterCsv.Parse("学号,姓名,班级\nS1,林小雨,初一（1）班\nS2,钱多多,\nS3,孙可欣, \n", RosterKind.People, "class-7-1", 2026, _ => null,
            RosterUnits.Under(Tenant, "class-7-1"));
        Assert.Empty(classList.Errors);
        Assert.Equal(["class-7-1", "class-7-1", "class-7-1"], classList.Rows.Select(r => r.Person.Profile.OrganizationId));
        Assert.Equal(("grade-8", (string?)null), RosterUnits.Under(Tenant, "grade-8")!.Resolve("初二", null)); // a grade names itself
        Assert.Contains("合并的班级单元格", RosterUnits.Under(Tenant, "grade-8")!.Resolve("", null).Reason, StringComparison.Ordinal); // it has classes
    }

    /// <summary>
    /// Red team, round 40: a grade's list with merged 班级 cells (each class's name in its first row only) imported into one class
    /// put every other class's pupils but the first into that class. A blank below a cell naming another class is refused.
    /// </summary>
    [Fact]
    public void Refuse_a_blank_class_cell_below_a_cell_naming_another_class_in_a_class_import()
    {
        var grade = RosterCsv.Parse("学号,姓名,班级\nS1,林小雨,初一（1）班\nS2,钱多多,\nS3,孙可欣,3班\nS4,赵一鸣,\nS5,周子涵,\n", RosterKind.People,
            "class-7-1", 2026, _ => null, RosterUnits.Under(Tenant, "class-7-1"));

        Assert.Equal(["S1", "S2"], grade.Rows.Select(r => r.Person.Profile.ExternalId));
        Assert.Equal([4, 5, 6], grade.Errors.Select(e => e.Row).Distinct());
        Assert.All(grade.Errors.Where(e => e.Row > 4), e => Assert.Contains("“3班”", e.Reason, StringComparison.Ordinal));
    }

    /// <summary>
    /// A file sent in parts (the console and the <c>import</c> verb cut a file over 192 KiB): a part that starts inside a merged
    /// 班级 cell had nothing above it, so its first blank rows landed in the class the list is imported into, though the cell
    /// above the cut named another class. Read below what the part before left (<see cref="RosterUnits.ContinueBelow"/>),
    /// each row is decided as in the whole file; not knowing it, the blank rows at the top are refused, never guessed.
    /// </summary>
    [Fact]
    public void Decide_a_blank_class_cell_at_the_top_of_a_part_as_in_the_whole_file()
    {
        const string Header = "学号,姓名,班级\n";
        RosterParse Part(string rows, RosterUnits units) => RosterCsv.Parse(Header + rows, RosterKind.People, "class-7-1", 2026, _ => null, units);

        var whole = Part("S1,林小雨,初一（1）班\nS2,钱多多,\nS3,孙可欣,3班\nS4,赵一鸣,\nS5,周子涵,\n", RosterUnits.Under(Tenant, "class-7-1")!);
        var first = RosterUnits.Under(Tenant, "class-7-1")!;
        var firstPart = Part("S1,林小雨,初一（1）班\nS2,钱多多,\nS3,孙可欣,3班\nS4,赵一鸣,\n", first);
        var second = RosterUnits.Under(Tenant, "class-7-1")!;
        second.ContinueBelow(first.Above(5));
        var secondPart = Part("S5,周子涵,\n", second);

        Assert.Equal(new RosterUnitAbove(5, "3班", null), first.Above(5));
        Assert.Equal(["S1", "S2"], firstPart.Rows.Concat(secondPart.Rows).Select(r => r.Person.Profile.ExternalId));
        Assert.Equal(whole.Errors.Single(e => e.Row == 6).Reason, Assert.Single(secondPart.Errors).Reason);

        var ownClass = RosterUnits.Under(Tenant, "class-7-1")!;
        ownClass.ContinueBelow(new RosterUnitAbove(3, "初一（1）班", null));
        Assert.Equal("class-7-1", Assert.Single(Part("S3,孙可欣,\n", ownClass).Rows).Person.Profile.OrganizationId);

        var unknown = RosterUnits.Under(Tenant, "class-7-1")!;
        unknown.ContinueBelow(null);
        var cut = Part("S5,周子涵,\nS6,吴昊,初一（1）班\nS7,郑爽,\n", unknown);
        Assert.Equal(["S6", "S7"], cut.Rows.Select(r => r.Person.Profile.ExternalId));
        Assert.Contains("服务重新启动", Assert.Single(cut.Errors).Reason, StringComparison.Ordinal);
        Assert.Equal(new RosterUnitAbove(4, "初一（1）班", null), unknown.Above(4));
        var stillUnknown = RosterUnits.Under(Tenant, "class-7-1")!;
        stillUnknown.ContinueBelow(null);
        Part("S8,冯晨,\n", stillUnknown);
        Assert.Null(stillUnknown.Above(2));
    }

    [Fact]
    public void Place_each_row_of_a_whole_school_file_in_its_class_and_refuse_only_the_rows_whose_class_is_wrong()
    {
        const string Csv = "学号,姓名,年级,班级\nS1,林小雨,初一,初一（1）班\nS2,钱多多,初二,3班\nS3,孙可欣,初一,3班\nS4,王芳,初三,5班\nS5,李雷,初一,\n";
        var parse = RosterCsv.Parse(Csv, RosterKind.People, "school", 2026, _ => null, School);

        Assert.Equal(["class-7-1", "class-8-3", "class-7-3"], parse.Rows.Select(r => r.Person.Profile.OrganizationId));
        Assert.Equal([(5, "unit"), (6, "unit")], parse.Errors.Select(e => (e.Row, e.Column!)));
        Assert.Contains("No unit '5班' in grade '初三'", parse.Errors[0].Reason, StringComparison.Ordinal);
        Assert.Contains("班级为空", parse.Errors[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Keep_a_file_without_a_class_column_in_the_unit_the_import_names_and_refuse_class_rows_when_no_units_are_known()
    {
        var plain = RosterCsv.Parse("学号,姓名\nS1,林小雨\n", RosterKind.People, "class-7-1", 2026, _ => null, School);
        Assert.Equal("class-7-1", Assert.Single(plain.Rows).Person.Profile.OrganizationId);

        var unknown = RosterCsv.Parse("学号,姓名,班级\nS1,林小雨,初一（1）班\n", RosterKind.People, "school", 2026, _ => null);
        Assert.Empty(unknown.Rows);
        Assert.Equal("unit", Assert.Single(unknown.Errors).Column);
    }
}
