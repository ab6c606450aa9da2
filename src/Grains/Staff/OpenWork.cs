using System.Globalization;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.People;
using CareGrid.Grains.Security;

namespace CareGrid.Grains.Staff;

/// <summary>
/// A staff member's open work, counted when they are taken off a unit (docs/staff-changes.md): a case or task whose owner
/// left is an escalation nobody sees, so <c>removeOrganizationMember</c> refuses while the member owns any.
/// </summary>
/// <param name="Cases">Open cases they own.</param>
/// <param name="HighRiskCases">Of those, at High or Imminent risk.</param>
/// <param name="Tasks">Open tasks they own.</param>
/// <param name="AtLeast">True when the count stopped at its bound (<see cref="StaffWork.ScanLimit"/>).</param>
public sealed record OpenWork(int Cases, int HighRiskCases, int Tasks, bool AtLeast)
{
    /// <summary>True when there is any.</summary>
    public bool Any => Cases > 0 || Tasks > 0;

    /// <summary>
    /// Of <see cref="Cases"/>, those nobody has graded yet (reported as unsure; their stored Low is a placeholder, docs/protocol.md
    /// "Ungraded reports"): counted apart, never as not high-risk.
    /// </summary>
    public int UngradedCases { get; init; }

    /// <summary>
    /// True when taking <paramref name="role"/> in <paramref name="organizationId"/> away from <paramref name="person"/> can
    /// orphan their work: it is not a reporting role (template <c>accessRole</c> Reporter) and they hold no other staff role
    /// with the same access role (a member who keeps the same kind of role elsewhere, e.g. moved between units, still works
    /// their cases). A role code no template names counts as a staff role that only the same code elsewhere replaces.
    /// </summary>
    public static bool RemovalLeavesWork(PersonInfo person, string organizationId, string role, JurisdictionTemplate? template)
    {
        ArgumentNullException.ThrowIfNull(person);
        var access = AccessRole(role, template);
        if (access == Roles.Reporter)
        {
            return false;
        }

        // A role whose access role is unknown (no template names it) counts as staff: when in doubt, refuse.
        return !person.Roles.Any(r => r.Staff && !(r.OrganizationId == organizationId && r.Role == role)
            && (access is null ? r.Role == role : AccessRole(r.Role, template) == access));
    }

    private static string? AccessRole(string role, JurisdictionTemplate? template) => template?.Role(role)?.AccessRole ?? Roles.Normalize(role);

    /// <summary>
    /// The refusal of taking a member off while they own open work: <c>MEMBER_HAS_OPEN_WORK</c> with <c>personId</c>,
    /// <c>subject</c>, <c>openCases</c>, <c>openHighRiskCases</c>, <c>openUngradedCases</c> (not yet graded, apart from the
    /// high-risk ones), <c>openTasks</c>, <c>atLeast</c> and <c>next</c> (<c>reassignWork</c>).
    /// </summary>
    /// <param name="personId">The member's person id.</param>
    /// <param name="subject">Their login sub (the owner of the work).</param>
    /// <param name="change">What was refused, for the message (default: taking them off); e.g. changing their staffSubject.</param>
    public CareGridException Refusal(string personId, string subject, string change = "taking them off")
    {
        var plus = AtLeast ? "+" : "";
        return new CareGridException(ErrorCodes.MemberHasOpenWork,
            Imports.Bilingual.Join(
                $"Person '{personId}' (login '{subject}') still owns {Cases}{plus} open cases ({HighRiskCases}{plus} at HIGH or IMMINENT risk, {UngradedCases}{plus} not yet graded) and {Tasks}{plus} open tasks; "
                + $"{change} would leave that work without an owner. Move it first with reassignWork(fromPersonId: \"{personId}\", toPersonId: …, reason: …), "
                + "then try again. Nothing was changed.",
                $"人员“{personId}”（登录账号“{subject}”）仍负责 {Cases}{plus} 个在案个案（其中 {HighRiskCases}{plus} 个为高或紧急风险，{UngradedCases}{plus} 个尚未评估风险）和 {Tasks}{plus} 项未完成任务，"
                + "此操作会使这些工作无人负责。请先用 reassignWork 移交这些工作，再重试。未作任何更改。"),
            new Dictionary<string, string>
            {
                ["personId"] = personId, ["subject"] = subject,
                ["openCases"] = Cases.ToString(CultureInfo.InvariantCulture),
                ["openHighRiskCases"] = HighRiskCases.ToString(CultureInfo.InvariantCulture),
                ["openUngradedCases"] = UngradedCases.ToString(CultureInfo.InvariantCulture),
                ["openTasks"] = Tasks.ToString(CultureInfo.InvariantCulture),
                ["atLeast"] = AtLeast ? "true" : "false",
                ["next"] = "reassignWork",
            });
    }
}
