using CareGrid.Grains.Errors;
using CareGrid.Grains.Imports;

namespace CareGrid.Grains.Security;

/// <summary>
/// The one refusal of a person outside the caller's units (need-to-know by organization, docs/access.md: visits, the
/// ledger, the three knows' family contacts, census answers and flags, appointment requests, a known caller, a mailbox
/// thread's conversion). The grains' own checks throw it (<c>VisitAccess</c>, <c>IntakePersonScope</c>,
/// <c>CensusAccess</c>, the mailbox conversion), and the API answers it, naming the value sent, for an id that names
/// nobody too (<c>PersonIdArguments</c>, red team RT17-3, as F12 for need-to-know by case): one answer, so a caller
/// cannot tell which 学号 or resident id numbers exist. The message says the id names no person in the caller's units —
/// true of both — and never which.
/// </summary>
public static class PersonUnitRefusal
{
    /// <summary>
    /// <c>FORBIDDEN</c> with <c>rule</c> <c>need-to-know</c>, <c>entity</c> <c>Person</c>, <c>id</c>
    /// <paramref name="id"/>, <c>field</c> <paramref name="field"/>, and <c>scope</c> <c>unassigned</c> when
    /// <paramref name="unassigned"/> (a member of no unit: the message then says how to become one); the message in
    /// English, then Simplified Chinese (<see cref="Bilingual.Join"/>), the same whatever the id.
    /// </summary>
    /// <param name="id">What the refusal names: the value the caller sent (the API), or the person id (a grain).</param>
    /// <param name="field">The argument or input field that named the person (<c>personId</c>, <c>callerPersonId</c>).</param>
    /// <param name="unassigned">True when the caller is a member of no unit (<see cref="StaffScope.IsUnassigned"/>).</param>
    public static CareGridException Of(string id, string field, bool unassigned)
    {
        var details = new Dictionary<string, string> { ["rule"] = "need-to-know", ["entity"] = "Person", ["id"] = id, ["field"] = field };
        var english = $"{field} names no person in your units: only staff whose units cover a person's unit may read or record this about them "
            + "(need-to-know by organization, docs/access.md). Nothing was read or changed. Check the id; to raise a worry about someone outside your units, use reportConcern.";
        var chinese = $"{field} 未指向您所属单位内的任何人员：只有所属单位覆盖该人员所在单位的工作人员才能查看或记录其此项信息（按单位知情）。"
            + "未读取或更改任何内容。请核对编号；如对您单位以外的人员有担忧，请使用“报告关注”（reportConcern）。";
        if (unassigned)
        {
            details["scope"] = "unassigned";
            english += " You are a member of no organization unit: ask your TenantAdmin to add you to your unit (addOrganizationMember).";
            chinese += "您不属于任何单位：请联系本机构管理员将您加入所在单位（addOrganizationMember）。";
        }

        return new CareGridException(ErrorCodes.Forbidden, Bilingual.Join(english, chinese), details);
    }

    /// <summary><see cref="Of(string, string, bool)"/> for a caller of <paramref name="scope"/>.</summary>
    public static CareGridException Of(string id, string field, StaffScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return Of(id, field, scope.IsUnassigned);
    }

    /// <summary>
    /// The refusal of a concern reported by a report-only caller (no case-staff role and not a Volunteer: a class psychology
    /// committee member, R-7.5) about <paramref name="id"/> when it names nobody or a person outside their units — one answer
    /// for both, so a report tells nothing of which numbers exist (docs/access.md "Receipts for reporters"). The report is not taken,
    /// and the message, in English then Simplified Chinese, says so and to check the number with the school or
    /// organization office, and what to do if someone is in danger now: a typo is never lost silently. Details as
    /// <see cref="Of(string, string, bool)"/>.
    /// </summary>
    public static CareGridException OfReport(string id, string field, bool unassigned)
    {
        var details = new Dictionary<string, string> { ["rule"] = "need-to-know", ["entity"] = "Person", ["id"] = id, ["field"] = field };
        var english = "Your report was NOT taken: the number you gave names no one you may report by number (a person of your units). Nothing was recorded. "
            + "Check the number with the school or organization office (or your homeroom teacher) and report again, or tell them your worry. "
            + "If someone may be in danger now, tell a teacher at once or call 110 or 120.";
        var chinese = "您的报告未被受理：您填写的编号不是您可按编号报告的人员（您所属单位的人员）。未作任何记录。"
            + "请向学校或单位办公室（或班主任）核对编号后重新报告，或直接告诉他们您的担忧。如有人可能正处于危险之中，请立即告诉老师，或拨打110、120。";
        if (unassigned)
        {
            details["scope"] = "unassigned";
            english += " You are a member of no organization unit: ask your TenantAdmin to add you to your unit (addOrganizationMember).";
            chinese += "您不属于任何单位：请联系本机构管理员将您加入所在单位（addOrganizationMember）。";
        }

        return new CareGridException(ErrorCodes.Forbidden, Bilingual.Join(english, chinese), details);
    }

    /// <summary>True when <paramref name="refused"/> is this refusal (or any need-to-know refusal of a person), to be answered anew naming what was sent.</summary>
    public static bool IsPersonNeedToKnow(CareGridException refused)
    {
        ArgumentNullException.ThrowIfNull(refused);
        return refused.Code == ErrorCodes.Forbidden && refused.Details.TryGetValue("rule", out var rule) && rule == "need-to-know"
            && refused.Details.TryGetValue("entity", out var entity) && entity == "Person";
    }
}
