using CareGrid.Grains.Cases;
using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.Errors;
using static CareGrid.Tests.Domain.CaseDomain;

namespace CareGrid.Tests.Domain;

/// <summary>
/// Round 17 red team RT17-8 (second part) in the case aggregate, without a silo: <c>nextActions</c> refuses <c>reopenCase</c>
/// on a case whose unit is closed (<see cref="CaseAggregate.UnitClosed"/>) exactly as the mutation does (RT17-2), instead of
/// offering it as allowed.
/// </summary>
[Trait("tier", "domain")]
public sealed class ReopenInNextActionsShould
{
    [Fact]
    public void Refuse_reopenCase_in_nextActions_with_the_mutations_own_refusal_when_the_unit_is_closed()
    {
        var c = Reported();
        c.State.Status = CaseStatus.Closed;
        Assert.True(CaseActions.Next(c.Then(), Psych, CaseConsent.None).Single(a => a.Action == "reopenCase").Allowed);

        var closedUnit = c.Then();
        closedUnit.UnitClosed = true;
        var next = CaseActions.Next(closedUnit, Psych, CaseConsent.None).Single(a => a.Action == "reopenCase");
        var refused = Assert.Throws<CareGridException>(() => closedUnit.PrepareTransition(CaseTrigger.Reopen, new CaseCommand("Marks seen again"), Psych));

        Assert.Equal((false, ErrorCodes.InvalidTransition, "unit-closed", refused.Message), (next.Allowed, next.Code, next.Rule, next.Reason));
        Assert.Equal(("unit-closed", "class-1"), (refused.Details["rule"], refused.Details["organizationId"]));
        Assert.DoesNotContain("reopenCase", CaseActions.For(closedUnit, Psych, CaseConsent.None));
    }
}
