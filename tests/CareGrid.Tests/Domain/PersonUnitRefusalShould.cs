using CareGrid.Grains.Errors;
using CareGrid.Grains.Imports;
using CareGrid.Grains.Security;

namespace CareGrid.Tests.Domain;

/// <summary>
/// The one refusal of a person outside the caller's units (docs/access.md, red team RT17-3) without a silo: the same code,
/// rule and message whatever the id (so an id naming nobody and one naming a person of another unit answer alike), the id
/// and argument named, both languages, and the "member of no unit" hint only for a caller of no unit.
/// </summary>
[Trait("tier", "domain")]
public sealed class PersonUnitRefusalShould
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Say_the_same_whatever_the_id_and_name_only_the_id_sent(bool report)
    {
        CareGridException Of(string id) => report ? PersonUnitRefusal.OfReport(id, "personId", unassigned: false) : PersonUnitRefusal.Of(id, "personId", unassigned: false);

        var existing = Of("S2024011");
        var nobody = Of("S9999999");

        Assert.Equal((ErrorCodes.Forbidden, existing.Message), (nobody.Code, nobody.Message));
        Assert.Equal(("need-to-know", "Person", "S9999999", "personId"), (nobody.Details["rule"], nobody.Details["entity"], nobody.Details["id"], nobody.Details["field"]));
        Assert.DoesNotContain("S9999999", nobody.Message, StringComparison.Ordinal);
        Assert.False(nobody.Details.ContainsKey("scope"));
        var (english, chinese) = Bilingual.Split(nobody.Message);
        Assert.NotNull(chinese);
        Assert.Contains(report ? "NOT taken" : "names no person in your units", english, StringComparison.Ordinal);
    }

    [Fact]
    public void Tell_a_caller_of_no_unit_how_to_join_one()
    {
        var refusal = PersonUnitRefusal.Of("S2024011", "callerPersonId", StaffScope.Unassigned);

        Assert.Equal("unassigned", refusal.Details["scope"]);
        Assert.Contains("addOrganizationMember", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("您不属于任何单位", refusal.Message, StringComparison.Ordinal);
        Assert.False(PersonUnitRefusal.Of("S2024011", "callerPersonId", StaffScope.Tenant).Details.ContainsKey("scope"));
    }

    [Fact]
    public void Recognise_a_need_to_know_refusal_of_a_person_only()
    {
        Assert.True(PersonUnitRefusal.IsPersonNeedToKnow(PersonUnitRefusal.Of("S1", "personId", unassigned: true)));
        Assert.True(PersonUnitRefusal.IsPersonNeedToKnow(NeedToKnowPolicy.PersonRefused("S1")));
        Assert.False(PersonUnitRefusal.IsPersonNeedToKnow(NeedToKnowPolicy.CaseRefused("case-1")));
        Assert.False(PersonUnitRefusal.IsPersonNeedToKnow(CareGridException.NotFound("Person", "S1")));
    }
}
