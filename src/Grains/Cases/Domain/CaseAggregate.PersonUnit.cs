namespace CareGrid.Grains.Cases.Domain;

public sealed partial class CaseAggregate
{
    /// <summary>The timeline action of an open case moved to the unit its person moved to (<see cref="FollowPersonToUnit"/>).</summary>
    public const string UnitChangedAction = "UnitChanged";

    /// <summary>
    /// Moves an open case to <paramref name="unit"/>, the unit its person now belongs to (a roster import with moves allowed, or
    /// <c>updatePerson</c>), and records it on the timeline (<see cref="UnitChangedAction"/>, reason
    /// <c>Unit {old} → {new}: the person moved</c>). Need-to-know reaches a case through its unit (docs/access.md), so a case left
    /// under the old class would hide a pupil's HIGH case from their new homeroom teacher and keep it before the old one (new-user
    /// trial, 2026-12-04). A closed case keeps the unit it was worked in (the record of who worked it); the grain moves it with
    /// this method right after reopening it when its person has moved since.
    /// </summary>
    /// <param name="unit">The person's new unit (local id), already walked up past closed units by the grain.</param>
    /// <param name="actor">The sub of who moved the person.</param>
    /// <returns>True when the case moved; false when it is closed or already under <paramref name="unit"/>.</returns>
    public bool FollowPersonToUnit(string unit, string actor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(unit);
        if (State.Status == CaseStatus.Closed || State.OrganizationId == unit)
        {
            return false;
        }

        var from = State.OrganizationId ?? "(none)";
        State.OrganizationId = unit;
        Record(actor, UnitChangedAction, $"Unit {from} → {unit}: the person moved");
        return true;
    }
}
