using CareGrid.Grains.Errors;
using CareGrid.Grains.Security;

namespace CareGrid.Grains.Census;

/// <summary>
/// Who may write a person's census answer or open a case from their flag (R-3.5 "每班摸排", R-4.3, R-7.4; docs/access.md
/// "Census rounds"): case staff whose <see cref="StaffScope"/> covers the person's unit — the homeroom teacher their own
/// class, the counselling centre the whole school — as for visits (<c>NeedToKnow.Unit</c>). A census answer changes the
/// person's monitoring level and a flag opens a case, so a teacher of another class may do neither.
/// </summary>
public static class CensusAccess
{
    /// <summary>Refuses <paramref name="scope"/> when it does not cover <paramref name="personUnit"/>, the unit of person <paramref name="personId"/>.</summary>
    /// <exception cref="CareGridException"><see cref="PersonUnitRefusal"/>: <c>FORBIDDEN</c> with <c>rule</c> <c>need-to-know</c>,
    /// <c>entity</c> <c>Person</c>, <c>id</c> (and <c>scope</c> <c>unassigned</c> for a member of no unit), in English and Chinese.</exception>
    public static void EnsureCovers(StaffScope scope, string? personUnit, string personId)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.Covers(personUnit))
        {
            return;
        }

        throw PersonUnitRefusal.Of(personId, "personId", scope);
    }
}
