using CareGrid.Grains.Cases;
using CareGrid.Grains.Cases.Domain;
using static CareGrid.Tests.Domain.CaseDomain;

namespace CareGrid.Tests.Domain;

/// <summary>
/// An open case follows its person to their new unit (<see cref="CaseAggregate.FollowPersonToUnit"/>; docs/access.md "A case
/// follows its person"): need-to-know reaches a case through its unit, so a case left under the old class hid a pupil's HIGH
/// case from the new homeroom teacher (new-user trial, 2026-12-04). A closed case keeps the unit it was worked in.
/// </summary>
[Trait("tier", "domain")]
public sealed class CaseFollowsPersonShould
{
    [Fact]
    public void Move_an_open_case_to_the_persons_new_unit_and_say_so_on_the_timeline()
    {
        var c = Reported(RiskLevel.High);

        Assert.True(c.Then(Friday.AddDays(3)).FollowPersonToUnit("class-2", "admin@t"));

        Assert.Equal("class-2", c.State.OrganizationId);
        var entry = c.State.Timeline[^1];
        Assert.Equal((CaseAggregate.UnitChangedAction, "admin@t", "Unit class-1 → class-2: the person moved", Friday.AddDays(3)),
            (entry.Action, entry.Actor, entry.Reason, entry.At));
        Assert.Equal((RiskLevel.High, CaseStatus.Reported), (c.State.RiskLevel, c.State.Status)); // nothing else of the case changes
    }

    [Fact]
    public void Leave_a_case_already_in_that_unit_or_closed_unchanged()
    {
        var open = Reported();
        var entries = open.State.Timeline.Count;
        Assert.False(open.Then().FollowPersonToUnit("class-1", "admin@t"));
        Assert.Equal(entries, open.State.Timeline.Count);

        var closed = Reported();
        closed.Then().Fire(CaseTrigger.Triage, new CaseCommand(null), Homeroom);
        closed.Then().Fire(CaseTrigger.Close, new CaseCommand("resolved"), Homeroom);
        var before = Snapshot(closed.State);
        Assert.False(closed.Then(Friday.AddDays(30)).FollowPersonToUnit("class-2", "admin@t"));
        Assert.Equal(("class-1", before), (closed.State.OrganizationId, Snapshot(closed.State)));
    }
}
