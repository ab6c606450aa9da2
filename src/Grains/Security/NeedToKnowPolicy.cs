using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;

namespace CareGrid.Grains.Security;

/// <summary>
/// The one need-to-know rule (docs/architecture.md "Security and privacy"; ): a case and the sensitive fields of
/// its person open only to the case's reporter, its owner, the holders of the queue that owns it or one of its open tasks,
/// and its escalation chain; anyone else may break the glass with a stated reason, which is audited. Pure: the grains gather
/// the facts (<see cref="CaseAccessFacts"/>, <see cref="PersonAccessFacts"/>) and ask here.
/// </summary>
public static class NeedToKnowPolicy
{
    /// <summary>
    /// The rule that opens a case to <paramref name="viewer"/>, first match wins: <see cref="NeedToKnowPath.System"/>,
    /// <see cref="NeedToKnowPath.Reporter"/>, <see cref="NeedToKnowPath.Assignee"/>, <see cref="NeedToKnowPath.OwnerQueue"/>,
    /// <see cref="NeedToKnowPath.TaskOwner"/>, <see cref="NeedToKnowPath.EscalationChain"/> (Coordinator from level 2,
    /// Counsellor or Clinician at level 3, R-4.3), <see cref="NeedToKnowPath.BreakTheGlass"/>; else <see cref="NeedToKnowPath.None"/>.
    /// </summary>
    public static NeedToKnowPath ForCase(Actor viewer, CaseAccessFacts facts)
    {
        if (viewer.IsSystem)
        {
            return NeedToKnowPath.System;
        }

        if (viewer.Subject == facts.ReportedBy)
        {
            return NeedToKnowPath.Reporter;
        }

        if (viewer.Subject == facts.AssigneeId)
        {
            return NeedToKnowPath.Assignee;
        }

        var queues = CaseQueues.ServedBy(viewer.Roles);
        if (facts.AssigneeId is { } owner && queues.Contains(owner))
        {
            return NeedToKnowPath.OwnerQueue;
        }

        if (facts.OpenTaskOwners.Any(o => o == viewer.Subject || queues.Contains(o)))
        {
            return NeedToKnowPath.TaskOwner;
        }

        if ((facts.EscalationLevel >= 2 && viewer.HasAny([Roles.Coordinator])) || (facts.EscalationLevel >= 3 && viewer.HasAny(Roles.Level3)))
        {
            return NeedToKnowPath.EscalationChain;
        }

        return facts.HoldsGrant ? NeedToKnowPath.BreakTheGlass : NeedToKnowPath.None;
    }

    /// <summary>
    /// The rule that opens a person's sensitive fields (birth data, consents, contacts) to <paramref name="viewer"/>:
    /// <see cref="NeedToKnowPath.System"/>, <see cref="NeedToKnowPath.BreakTheGlass"/> on the person, or
    /// <see cref="NeedToKnowPath.OpenCase"/> (need-to-know on one of the person's open cases); else <see cref="NeedToKnowPath.None"/>.
    /// </summary>
    public static NeedToKnowPath ForPerson(Actor viewer, PersonAccessFacts facts) =>
        viewer.IsSystem ? NeedToKnowPath.System
        : facts.HoldsGrant ? NeedToKnowPath.BreakTheGlass
        : facts.OnAnOpenCase ? NeedToKnowPath.OpenCase
        : NeedToKnowPath.None;

    /// <summary>The refusal of a case: <c>FORBIDDEN</c> with <c>rule</c> <c>need-to-know</c>, <c>entity</c> <c>Case</c> and <c>id</c>.</summary>
    public static CareGridException CaseRefused(string caseId) =>
        new(ErrorCodes.Forbidden,
            "You are not on this case's need-to-know list (assignee, reporter, escalation chain). State a reason with breakTheGlass to open it; that is audited.",
            new Dictionary<string, string> { ["rule"] = "need-to-know", ["entity"] = "Case", ["id"] = caseId });

    /// <summary>The refusal of a person's record: <c>FORBIDDEN</c> with <c>rule</c> <c>need-to-know</c>, <c>entity</c> <c>Person</c> and <c>id</c>.</summary>
    public static CareGridException PersonRefused(string personId) =>
        new(ErrorCodes.Forbidden,
            "You are not on the need-to-know list of this person (no open case of theirs that you work on). State a reason with breakTheGlass to open the record; that is audited.",
            new Dictionary<string, string> { ["rule"] = "need-to-know", ["entity"] = "Person", ["id"] = personId });
}
