using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Imports;

namespace CareGrid.Grains.Security;

/// <summary>
/// The one check of a staff login (<c>sub</c>) that a mutation names as who will do the work: the counsellor of an
/// appointment (<c>scheduleAppointment(counsellorSubject)</c>), the owner of an activity or of a hazard's fix
/// (<c>addActivity</c>, <c>createActivityPlanFromTemplate</c>, <c>recordHazard</c>). Work given to a login that is no staff
/// member of the tenant who may see the record — a typo, another tenant's login, someone taken off every unit — is work
/// nobody does (a child's appointment nobody attends), so it is refused before anything changes (docs/access.md
/// "Naming a staff member"). The rule is the need-to-know by organization the rest of the API uses: the login's own
/// <see cref="StaffScope"/> (the units where a person carrying it is a member, widened as the template says) must cover the
/// record's unit, as <c>reassignWork</c> asks of a receiver (docs/staff-changes.md).
/// </summary>
public static class StaffAssignee
{
    /// <summary>The <c>extensions.rule</c> of the refusal: <c>staff-member</c>.</summary>
    public const string Rule = "staff-member";

    /// <summary>Longest login sub accepted, in characters: 200 (as a person's <c>staffSubject</c>).</summary>
    public const int MaxLength = 200;

    /// <summary>
    /// The refusal of <paramref name="subject"/> as the one who does work on a record of unit <paramref name="organizationId"/>
    /// (null: a record without a unit), given the login's own <paramref name="scope"/>; null when they may. Pure: the caller
    /// resolves the scope (<see cref="EnsureAsync"/>). Refused: an empty or over-long sub, a sub that is a member of no unit
    /// of this tenant (<see cref="StaffScope.IsUnassigned"/>: unknown, another tenant's, or taken off every unit), and a
    /// member whose scope does not cover the unit. <c>VALIDATION_FAILED</c> with <c>field</c> <paramref name="field"/>,
    /// <c>rule</c> <see cref="Rule"/>, <c>subject</c> and <c>organizationId</c>; the message in English then Simplified
    /// Chinese (<see cref="Bilingual.Join"/>).
    /// </summary>
    /// <param name="subject">The login sub named (trimmed by the caller).</param>
    /// <param name="field">The argument or input field that named it (<c>counsellorSubject</c>, <c>input.owner</c>, <c>owner</c>).</param>
    /// <param name="organizationId">The local id of the record's unit (the person's unit, the plan's unit), or null.</param>
    /// <param name="scope">The named login's own scope, or null when the sub was not looked up (empty or too long).</param>
    public static CareGridException? Refusal(string subject, string field, string? organizationId, StaffScope? scope)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject.Length == 0 || subject.Length > MaxLength)
        {
            return Refuse(subject, field, organizationId,
                $"{field} is a staff member's login (sub), 1–{MaxLength} characters.",
                $"{field} 应为工作人员的登录标识（sub），1–{MaxLength} 个字符。");
        }

        if (scope is null || scope.IsUnassigned)
        {
            return Refuse(subject, field, organizationId,
                $"'{subject}' is not a staff member of this tenant (no unit has them as a member): check the login for a typo, "
                + "or ask the TenantAdmin to add them to their unit (addOrganizationMember). Nothing was changed.",
                $"“{subject}”不是本机构的工作人员（不是任何单位的成员）：请检查登录标识是否有误，或请机构管理员将其加入所在单位（addOrganizationMember）。未作任何更改。");
        }

        if (!scope.Covers(organizationId))
        {
            return Refuse(subject, field, organizationId,
                $"'{subject}' is a staff member whose units do not cover unit '{organizationId}' (need-to-know by organization): they could not "
                + "open this record. Name a member of that unit or of a unit serving it. Nothing was changed.",
                $"“{subject}”所属单位不覆盖单位“{organizationId}”（按单位知情），无法查看此记录。请指定该单位或服务该单位的单位的成员。未作任何更改。");
        }

        return null;
    }

    /// <summary>
    /// The access roles that may own a case when named by <c>activateCase(assigneeId)</c>: the case staff of the three-level
    /// chain (Caseworker, Coordinator, Counsellor, Clinician; R-4.3, R-1.6), their supervisors, and a Volunteer — the part-time
    /// counsellor or emergency volunteer a psychology teacher gives a case to (plan 6, R-5.3, R-6.3). A Reporter (a class
    /// psychology committee member is a pupil, R-7.5) or an Auditor never owns another person's case.
    /// </summary>
    public static readonly IReadOnlySet<string> CaseOwnerRoles = new HashSet<string>(StringComparer.Ordinal)
    {
        Roles.TenantAdmin, Roles.Supervisor, Roles.Coordinator, Roles.Counsellor, Roles.Clinician, Roles.Caseworker, Roles.Volunteer,
    };

    /// <summary>
    /// The refusal of <paramref name="subject"/> as the new owner of a case of unit <paramref name="organizationId"/>, named by
    /// someone else through <c>activateCase(assigneeId)</c> (docs/access.md "Naming a staff member"); null when they may own it.
    /// Pure. <see cref="Refusal"/> with <paramref name="workScope"/> (the login's <see cref="IStaffScopeGrain.ResolveForWork"/>:
    /// a Volunteer counts as far as their team serves, plan 6), then a staff member none of whose <paramref name="roles"/>
    /// (access roles through the tenant's template) is in <see cref="CaseOwnerRoles"/>: <c>VALIDATION_FAILED</c> with the same
    /// details and <c>roles</c>. A case owned by a typo or by someone who cannot open it is a case nobody works.
    /// </summary>
    /// <param name="subject">The login sub named (trimmed).</param>
    /// <param name="field">The argument that named it (<c>assigneeId</c>).</param>
    /// <param name="organizationId">The case's unit, or null.</param>
    /// <param name="workScope">The login's scope for named work, or null when not looked up.</param>
    /// <param name="roles">The login's access roles, as their staff records and the template give them.</param>
    public static CareGridException? OwnerRefusal(string subject, string field, string? organizationId, StaffScope? workScope, IReadOnlyCollection<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        if (Refusal(subject, field, organizationId, workScope) is { } refused)
        {
            return refused;
        }

        if (roles.Any(CaseOwnerRoles.Contains))
        {
            return null;
        }

        var held = roles.Count == 0 ? "none" : string.Join(", ", roles.Order(StringComparer.Ordinal));
        var refusal = Refuse(subject, field, organizationId,
            $"'{subject}' holds no role that works a case (their roles: {held}): a case is owned by a caseworker, coordinator, counsellor, "
            + "clinician, supervisor or volunteer of the case's units. Name one of them. Nothing was changed.",
            $"“{subject}”没有可负责个案的角色（现有角色：{(roles.Count == 0 ? "无" : held)}）：个案须由所在单位的个案工作者、协调人、心理教师或医生、主管或志愿者负责。请指定其中一人。未作任何更改。");
        refusal.Details["roles"] = held;
        return refusal;
    }

    /// <summary>
    /// Throws <see cref="Refusal"/> for <paramref name="subject"/> (trimmed) in tenant <paramref name="tenantId"/>, resolving
    /// the login's scope through its <see cref="IStaffScopeGrain"/> (one call, no scan). Returns the trimmed sub.
    /// </summary>
    /// <param name="grains">The grain factory.</param>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="subject">The login sub named.</param>
    /// <param name="field">The argument or input field that named it.</param>
    /// <param name="organizationId">The record's unit, or null.</param>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c>, rule <see cref="Rule"/>.</exception>
    public static async Task<string> EnsureAsync(IGrainFactory grains, string tenantId, string subject, string field, string? organizationId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var trimmed = (subject ?? "").Trim();
        var scope = trimmed.Length is 0 or > MaxLength
            ? null
            : await grains.GetRef<IStaffScopeGrain>(IStaffScopeGrain.KeyOf(tenantId, trimmed)).Resolve();
        if (Refusal(trimmed, field, organizationId, scope) is { } refused)
        {
            throw refused;
        }

        return trimmed;
    }

    private static CareGridException Refuse(string subject, string field, string? organizationId, string english, string chinese) =>
        new(ErrorCodes.ValidationFailed, Bilingual.Join(english, chinese), new Dictionary<string, string>
        {
            ["field"] = field, ["rule"] = Rule, ["subject"] = subject.Length > MaxLength ? subject[..MaxLength] : subject,
            ["organizationId"] = organizationId ?? "",
        });
}
