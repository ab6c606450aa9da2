using CareGrid.Grains.Errors;
using CareGrid.Grains.Imports;

namespace CareGrid.Grains.Cases.Domain;

public sealed partial class CaseAggregate
{
    /// <summary>
    /// True when the case's unit has been closed (<c>closeOrganization</c>), as the grain read it before the command or the
    /// view (<see cref="CaseGrain"/> asks the unit for a closed case only); false when not known. <c>reopenCase</c> is then
    /// refused by <see cref="PrepareTransition"/> — and so <c>nextActions</c> lists it as not allowed with the same refusal
    /// (round 17 red team RT17-2, RT17-8; docs/teams.md "Closing a unit").
    /// </summary>
    public bool UnitClosed { get; set; }

    /// <summary>
    /// The refusal of <c>reopenCase</c> on a case whose unit has been closed since (RT17-2: reopening put an open case under a
    /// closed unit, the state <c>UNIT_HAS_OPEN_CASES</c> exists to prevent): <c>INVALID_TRANSITION</c>, rule
    /// <c>unit-closed</c>, <c>organizationId</c>, English and Chinese, saying to report a new concern (filed under the nearest
    /// open unit above) or reactivate the unit. A closed case never moves unit (an open one follows its person,
    /// <see cref="FollowPersonToUnit"/>).
    /// </summary>
    /// <param name="unit">The case's unit's local id.</param>
    public static CareGridException UnitClosedForReopen(string unit) =>
        new(ErrorCodes.InvalidTransition,
            Bilingual.Join(
                $"This case's unit '{unit}' is closed, so the case cannot be reopened there: report a new concern about the person (reportConcern; it is filed under the nearest open unit above), or reactivate the unit first. Nothing was changed.",
                $"此个案所属单位“{unit}”已撤销，不能在该单位重新打开：请就此人重新上报关注（将归入最近的在用上级单位），或先恢复该单位。未作任何更改。"),
            new Dictionary<string, string> { ["rule"] = "unit-closed", ["organizationId"] = unit });

    /// <summary>The check of <c>reopenCase</c> after its own (<see cref="UnitClosed"/>): throws <see cref="UnitClosedForReopen"/>.</summary>
    private void EnsureUnitTakesReopen(CaseTrigger trigger)
    {
        if (trigger == CaseTrigger.Reopen && UnitClosed && State.OrganizationId is { } unit)
        {
            throw UnitClosedForReopen(unit);
        }
    }
}
