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
    public void Refuse_a_class_outside_the_school_closed_or_unknown_listing_the_schools_units(string unit)
    {
        var (id, reason) = School.Resolve(unit, null);
        Assert.Null(id);
        Assert.Contains($"No open unit named '{unit}' under 实验中学 (school)", reason, StringComparison.Ordinal);
        Assert.Contains("Units under it: 3班, 3班, 初一, 初一（1）班, 初二.", reason, StringComparison.Ordinal);
        Assert.Contains($"在“实验中学 (school)”下没有名为“{unit}”的在用单位", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuse_a_blank_class_and_a_grade_that_does_not_tell_the_class()
    {
        Assert.Contains("班级为空", School.Resolve(" ", "初一").Reason, StringComparison.Ordinal);
        Assert.Contains("names more than one unit", School.Resolve("3班", "初三").Reason, StringComparison.Ordinal);
        Assert.Null(RosterUnits.Under(Tenant, "no-such-unit"));
    }

    [Fact]
    public void Place_each_row_of_a_whole_school_file_in_its_class_and_refuse_only_the_rows_whose_class_is_wrong()
    {
        const string Csv = "学号,姓名,年级,班级\nS1,林小雨,初一,初一（1）班\nS2,钱多多,初二,3班\nS3,孙可欣,初一,3班\nS4,王芳,初三,5班\nS5,李雷,初一,\n";
        var parse = RosterCsv.Parse(Csv, RosterKind.People, "school", 2026, _ => null, School);

        Assert.Equal(["class-7-1", "class-8-3", "class-7-3"], parse.Rows.Select(r => r.Person.Profile.OrganizationId));
        Assert.Equal([(5, "unit"), (6, "unit")], parse.Errors.Select(e => (e.Row, e.Column!)));
        Assert.Contains("No open unit named '初三 5班'", parse.Errors[0].Reason, StringComparison.Ordinal);
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
