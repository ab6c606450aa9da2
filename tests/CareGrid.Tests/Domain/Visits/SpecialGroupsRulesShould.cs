using CareGrid.Grains.Errors;
using CareGrid.Grains.People;
using CareGrid.Grains.Visits;

namespace CareGrid.Tests.Domain.Visits;

/// <summary>
/// The special-groups ledger and the three knows of a left-behind child without a silo (docs/visits.md).
/// </summary>
[Trait("tier", "domain")]
public sealed class SpecialGroupsRulesShould
{
    private static readonly DateOnly Today = new(2026, 11, 30);
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 1, 0, 0, TimeSpan.Zero);

    private static PersonInfo Child(string[] groups, params PersonContact[] contacts) =>
        new("school", "p-1", "王小明", "class-1", Sex.Male, 2015, null, groups, [], Now) { Contacts = contacts };

    private static SpecialGroupsEntry? Entry(PersonInfo child, SetSpecialGroups input) => SpecialGroupsRules.Entry(child, input, Today, "teacher@school", Now);

    [Fact]
    public void Make_an_entry_with_groups_in_order_and_a_review_day_and_none_for_no_groups()
    {
        var entry = Entry(Child([]), new SetSpecialGroups([SpecialGroup.MigrantChild, SpecialGroup.LeftBehind], " weekly tutoring ", "lives with grandmother", Today.AddDays(30)));
        Assert.NotNull(entry);
        Assert.Equal([SpecialGroup.LeftBehind, SpecialGroup.MigrantChild], entry.Groups);
        Assert.Equal(("weekly tutoring", "class-1", "王小明"), (entry.HelpNote, entry.OrganizationId, entry.DisplayName));
        Assert.False(entry.IsOverdueOn(Today.AddDays(30)));
        Assert.True(entry.IsOverdueOn(Today.AddDays(31)));
        Assert.Null(Entry(Child([]), new SetSpecialGroups([], null, null, null)));
    }

    [Theory]
    [InlineData(null, "input.reviewOn")]
    [InlineData(-1, "input.reviewOn")]
    [InlineData(732, "input.reviewOn")]
    public void Refuse_an_entry_without_a_review_day_from_today_to_two_years(int? days, string field)
    {
        var error = Assert.Throws<CareGridException>(() => Entry(Child([]), new SetSpecialGroups([SpecialGroup.BlendedFamily], null, null, days is { } d ? Today.AddDays(d) : null)));
        Assert.Equal((ErrorCodes.ValidationFailed, field), (error.Code, error.Details["field"]));
    }

    [Fact]
    public void Refuse_repeated_groups_and_long_notes()
    {
        Assert.Equal("input.groups", Assert.Throws<CareGridException>(() => Entry(Child([]), new SetSpecialGroups([SpecialGroup.LeftBehind, SpecialGroup.LeftBehind], null, null, Today))).Details["field"]);
        Assert.Equal("input.helpNote", Assert.Throws<CareGridException>(() => Entry(Child([]), new SetSpecialGroups([SpecialGroup.LeftBehind], new string('x', 1001), null, Today))).Details["field"]);
        Assert.Equal("input.basicSituation", Assert.Throws<CareGridException>(() => Entry(Child([]), new SetSpecialGroups([SpecialGroup.LeftBehind], null, new string('x', 1001), Today))).Details["field"]);
    }

    [Fact]
    public void Name_each_missing_know_until_all_three_are_recorded()
    {
        var guardian = new PersonContact(ContactKind.Guardian, "王奶奶", "grandmother", "13800000000", null);
        var parentNoWorkplace = new PersonContact(ContactKind.Parent, "王父", "father", "13900000000", null);
        var parent = parentNoWorkplace with { Workplace = "广东省东莞市某电子厂" };
        var situation = Entry(Child([]), new SetSpecialGroups([SpecialGroup.LeftBehind], null, "lives with grandmother; healthy", Today));

        Assert.Equal([ThreeKnow.BasicSituation, ThreeKnow.Guardian, ThreeKnow.ParentsWorkplaceAndContact], SpecialGroupsRules.MissingKnows(Child(["LeftBehindChild"]), null));
        Assert.Equal([ThreeKnow.Guardian, ThreeKnow.ParentsWorkplaceAndContact], SpecialGroupsRules.MissingKnows(Child([], parentNoWorkplace), situation));
        Assert.Equal([ThreeKnow.ParentsWorkplaceAndContact], SpecialGroupsRules.MissingKnows(Child([], guardian with { Phone = null }, guardian, parentNoWorkplace), situation));
        Assert.Empty(SpecialGroupsRules.MissingKnows(Child([], guardian, parent), situation));
        Assert.Equal([ThreeKnow.Guardian], SpecialGroupsRules.MissingKnows(Child([], guardian with { Phone = null }, parent), situation));
    }

    [Fact]
    public void Count_a_child_left_behind_by_the_target_group_or_the_ledger_group()
    {
        Assert.True(SpecialGroupsRules.IsLeftBehind(Child(["LeftBehindChild"]), null));
        Assert.True(SpecialGroupsRules.IsLeftBehind(Child([]), Entry(Child([]), new SetSpecialGroups([SpecialGroup.LeftBehind], null, null, Today))));
        Assert.False(SpecialGroupsRules.IsLeftBehind(Child(["Hardship"]), Entry(Child([]), new SetSpecialGroups([SpecialGroup.MigrantChild], null, null, Today))));
    }
}
