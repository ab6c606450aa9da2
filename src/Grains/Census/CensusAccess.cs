using CareGrid.Grains.Errors;
using CareGrid.Grains.Imports;
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
    /// <exception cref="CareGridException"><c>FORBIDDEN</c> with <c>rule</c> <c>need-to-know</c>, <c>entity</c> <c>Person</c>,
    /// <c>id</c> (and <c>scope</c> <c>unassigned</c> for a member of no unit); the message in English, then Simplified Chinese.</exception>
    public static void EnsureCovers(StaffScope scope, string? personUnit, string personId)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.Covers(personUnit))
        {
            return;
        }

        var details = new Dictionary<string, string> { ["rule"] = "need-to-know", ["entity"] = "Person", ["id"] = personId };
        string english = "Only staff whose units cover the person's unit may record their census answer or open a case from their flag (R-4.3, docs/access.md). Nothing was recorded. To raise a worry about this person, use reportConcern.";
        string chinese = "只有所属单位覆盖该人员所在单位的工作人员才能录入其摸排结果或据其标记开立个案（R-4.3）。未作任何记录。如对该人员有担忧，请使用“报告关注”（reportConcern）。";
        if (scope.IsUnassigned)
        {
            details["scope"] = "unassigned";
            english += " You are a member of no organization unit: ask your TenantAdmin to add you to your unit (addOrganizationMember).";
            chinese += "您不属于任何单位：请联系本机构管理员将您加入所在单位（addOrganizationMember）。";
        }

        throw new CareGridException(ErrorCodes.Forbidden, Bilingual.Join(english, chinese), details);
    }
}
