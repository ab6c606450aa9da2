using CareGrid.Grains.Errors;
using CareGrid.Grains.Imports;
using CareGrid.Grains.Security;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// The checks <c>registerPerson</c> makes before the person grain is asked (round 22 red team): a homeroom teacher of one
/// class registered people into another class (changing its counts and visit coverage) and took the ids roster imports
/// give (<c>ext-{externalId}</c>), so the real pupil's row was refused on the next import of that class.
/// </summary>
public static class PersonRegistration
{
    /// <summary>
    /// Refuses an id a roster import gives (<c>ext-</c> or <c>exth-</c>, <see cref="RosterCsv.PersonIdFor"/>):
    /// <c>VALIDATION_FAILED</c>, field <c>id</c>, rule <c>roster-id</c>, English and Chinese. A null id (one is made) passes.
    /// </summary>
    public static void EnsureNotRosterId(string? id)
    {
        if (id is not null && (id.StartsWith("ext-", StringComparison.OrdinalIgnoreCase) || id.StartsWith("exth-", StringComparison.OrdinalIgnoreCase)))
        {
            throw new CareGridException(ErrorCodes.ValidationFailed,
                Bilingual.Join(
                    $"The id '{id}' starts with ext- or exth-, which roster imports give to the people they register (ext- and the student or resident number). Leave id out and send the number as externalId, or choose another id. Nothing was recorded.",
                    $"编号“{id}”以 ext- 或 exth- 开头，这类编号由名册导入自动分配（ext- 加学号或居民编号）。请不填编号、把学号填在 externalId 中，或换一个编号。未记录任何内容。"),
                new Dictionary<string, string> { ["field"] = "id", ["rule"] = "roster-id" });
        }
    }

    /// <summary>
    /// Refuses a unit outside <paramref name="scope"/> (need-to-know by organization, docs/access.md): <c>FORBIDDEN</c>,
    /// field <c>organizationId</c>, rule <c>need-to-know</c>, English and Chinese. The whole tenant's scope (TenantAdmin, a
    /// school's counselling centre) covers every unit.
    /// </summary>
    public static void EnsureUnitInScope(StaffScope scope, string organizationId)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (!scope.Covers(organizationId))
        {
            throw new CareGridException(ErrorCodes.Forbidden,
                Bilingual.Join(
                    $"You may register people only in the units you serve; '{organizationId}' is not one of them. Ask that unit's staff or the tenant's administrator to register the person. Nothing was recorded.",
                    $"您只能在自己负责的单位登记人员，“{organizationId}”不在其中。请由该单位的工作人员或本租户管理员登记。未记录任何内容。"),
                new Dictionary<string, string> { ["field"] = "organizationId", ["rule"] = "need-to-know" });
        }
    }
}
