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

    /// <summary>
    /// Refuses moving a person from unit <paramref name="from"/> to <paramref name="to"/> unless <paramref name="scope"/> covers
    /// both (round 23 red team: a grade leader of another grade, given a minute of break-the-glass on a pupil, moved them into
    /// their own grade with <c>updatePerson</c> — and the pupil's open case followed, turning the minute into lasting access,
    /// while the pupil's own class and grade lost it). <c>FORBIDDEN</c>, field <c>organizationId</c>, rule
    /// <c>need-to-know</c>, English and Chinese. Nothing to check when the unit does not change or the person had none.
    /// </summary>
    public static void EnsureMoveInScope(StaffScope scope, string? from, string to)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (from is null || from == to || (scope.Covers(from) && scope.Covers(to)))
        {
            return;
        }

        throw new CareGridException(ErrorCodes.Forbidden,
            Bilingual.Join(
                $"You may move a person only between units you serve; '{(scope.Covers(from) ? to : from)}' is not one of them. Leave organizationId as it is, "
                + "or ask the tenant's administrator to move the person (a roster import with moves allowed, or the person's record). Nothing was recorded.",
                $"您只能在自己负责的单位之间调动人员，“{(scope.Covers(from) ? to : from)}”不在其中。请保持所属单位不变，或请本租户管理员调动此人（允许调入的名册导入，或修改此人档案）。未记录任何内容。"),
            new Dictionary<string, string> { ["field"] = "organizationId", ["rule"] = "need-to-know" });
    }
}
