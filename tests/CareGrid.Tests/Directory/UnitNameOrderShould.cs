using CareGrid.Grains.Organizations;
using CareGrid.Grains.ReadModel;
using CareGrid.GraphApi.Schema;

namespace CareGrid.Tests.PeopleDirectory;

/// <summary>
/// Sibling units in the tree as a school counts them (round-30 trial: classes created without an id got generated ids, and
/// siblings ordered by id listed 初二（6）班 between （2） and （3））.
/// </summary>
[Trait("tier", "domain")]
public sealed class UnitNameOrderShould
{
    private static OrganizationRow Unit(string id, string name, OrganizationKind kind, string? parent) =>
        new("t", id, name, kind, parent, null, OrganizationStatus.Active);

    [Fact]
    public void List_grades_and_classes_by_their_numbers_not_by_their_ids()
    {
        List<OrganizationRow> rows =
        [
            Unit("school", "实验中学", OrganizationKind.School, null),
            Unit("g-c", "初三", OrganizationKind.Grade, "school"), Unit("g-a", "初二", OrganizationKind.Grade, "school"), Unit("g-b", "初一", OrganizationKind.Grade, "school"),
            Unit("org-k9f", "初二（6）班", OrganizationKind.Class, "g-a"), Unit("org-k0a", "初二（10）班", OrganizationKind.Class, "g-a"),
            Unit("class-8-2", "初二（2）班", OrganizationKind.Class, "g-a"), Unit("class-8-1", "初二（1）班", OrganizationKind.Class, "g-a"),
            Unit("org-k5c", "初二（３）班", OrganizationKind.Class, "g-a"),
        ];

        var names = OrganizationTree.Tree(rows, null, tree: true, kind: null).Select(r => r.Row.Name);

        Assert.Equal(["实验中学", "初一", "初二", "初二（1）班", "初二（2）班", "初二（３）班", "初二（6）班", "初二（10）班", "初三"], names);
    }

    [Theory]
    [InlineData("七年级", "八年级", -1)] // 七 is 7, 八 is 8: by value, as for 初一 < 初二 < 初三
    [InlineData("3班", "12班", -1)]
    [InlineData("A班", "B班", -1)]
    [InlineData("初二（1）班", "初二（1）班", 0)]
    public void Compare_names_by_their_numbers(string x, string y, int sign)
    {
        Assert.Equal(sign, Math.Sign(UnitNameOrder.Instance.Compare(x, y)));
    }
}
