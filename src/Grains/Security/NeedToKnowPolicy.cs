using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;

namespace CareGrid.Grains.Security;

/// <summary>
/// The one need-to-know rule (docs/architecture.md "Security and privacy"; ): a case and the sensitive fields of
/// its person open only to the case's reporter, its owner, the holders of the queue that owns it or one of its open tasks,
/// and its escalation chain — the reporter, queue and level paths only when the viewer's <see cref="StaffScope"/> covers the
/// case's unit (docs/access.md, need-to-know by organization; the reporter path since round 17 red team RT17-7); anyone else
/// may break the glass with a stated reason, which is audited. Pure: the grains gather
/// the facts (<see cref="CaseAccessFacts"/>, <see cref="PersonAccessFacts"/>) and ask here.
/// </summary>
public static class NeedToKnowPolicy
{
    /// <summary>
    /// The rule that opens a case to <paramref name="viewer"/>, first match wins: <see cref="NeedToKnowPath.System"/>,
    /// <see cref="NeedToKnowPath.Reporter"/>, <see cref="NeedToKnowPath.Assignee"/>, <see cref="NeedToKnowPath.OwnerQueue"/>,
    /// <see cref="NeedToKnowPath.TaskOwner"/> (by name, or through a queue), <see cref="NeedToKnowPath.EscalationChain"/>
    /// (Coordinator from level 2, Counsellor or Clinician at level 3, R-4.3), <see cref="NeedToKnowPath.BreakTheGlass"/>; else
    /// <see cref="NeedToKnowPath.None"/>. The queue and level paths (owner queue, a task owned by a queue, escalation chain)
    /// open the case only when <see cref="CaseAccessFacts.ViewerScope"/> covers <see cref="CaseAccessFacts.OrganizationId"/>
    /// (need-to-know by organization, docs/access.md). The reporter path opens it only when that scope covers the case's unit
    /// too (<see cref="ReporterCovered"/>; a case without a unit is covered by every scope, <see cref="StaffScope.Covers"/>):
    /// case staff or a volunteer reporting a person of a unit outside their scope are answered with a receipt and
    /// <c>RECEIVED</c> like a report-only caller, whether their report opened the case or joined it, and cannot read it
    /// afterwards — else the answer would tell them whether the person already had an open case (round 17 red team RT17-7;
    /// docs/access.md "Receipts for reporters"). The named assignee, named task owner and break-the-glass do not depend on the scope.
    /// </summary>
    public static NeedToKnowPath ForCase(Actor viewer, CaseAccessFacts facts) => Decide(viewer, facts, reporterOpens: true);

    /// <summary><see cref="ForCase"/>; <paramref name="reporterOpens"/> false leaves the reporter path out (<see cref="ForPersonThroughCase"/>).</summary>
    private static NeedToKnowPath Decide(Actor viewer, CaseAccessFacts facts, bool reporterOpens)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(facts);
        if (viewer.IsSystem)
        {
            return NeedToKnowPath.System;
        }

        if (reporterOpens && viewer.Subject == facts.ReportedBy && ReporterCovered(facts))
        {
            return NeedToKnowPath.Reporter;
        }

        // A named owner is a person: a subject that is a queue's name never opens what the queue owns by name (round-31
        // red team); the queue path below opens it to the queue's holders within their scope.
        var named = !ReservedSubjects.IsReserved(viewer.Subject);
        if (named && viewer.Subject == facts.AssigneeId)
        {
            return NeedToKnowPath.Assignee;
        }

        var inScope = facts.ViewerScope?.Covers(facts.OrganizationId) == true;
        var byQueue = inScope ? ByQueueOrLevel(viewer, facts) : NeedToKnowPath.None;
        if (byQueue == NeedToKnowPath.OwnerQueue)
        {
            return byQueue;
        }

        if (named && facts.OpenTaskOwners.Contains(viewer.Subject))
        {
            return NeedToKnowPath.TaskOwner;
        }

        if (byQueue != NeedToKnowPath.None)
        {
            return byQueue;
        }

        return facts.HoldsGrant ? NeedToKnowPath.BreakTheGlass : NeedToKnowPath.None;
    }

    /// <summary>
    /// The rule by which a case opens its person's sensitive fields (birth data, target groups, contacts, consents) to
    /// <paramref name="viewer"/>: <see cref="ForCase"/> without the <see cref="NeedToKnowPath.Reporter"/> path. Reporting a
    /// concern opens the reporter's own report, never the person's record (docs/access.md "Receipts for reporters"), so a
    /// report cannot be used to read the record of a person in another unit; a reporter who is also the case's assignee, a
    /// holder of its owner queue or of an open task, on its escalation chain or holding a grant on the case still opens it.
    /// </summary>
    public static NeedToKnowPath ForPersonThroughCase(Actor viewer, CaseAccessFacts facts) => Decide(viewer, facts, reporterOpens: false);

    /// <summary>
    /// True when the reporter path may open the case as far as the unit goes (RT17-7): the case has no unit (every scope
    /// covers it, <see cref="StaffScope.Covers"/>), or <see cref="CaseAccessFacts.ViewerScope"/> covers its unit. A scope not
    /// looked up (null) covers no unit.
    /// </summary>
    private static bool ReporterCovered(CaseAccessFacts facts) =>
        facts.OrganizationId is null || facts.ViewerScope?.Covers(facts.OrganizationId) == true;

    /// <summary>
    /// True when only the viewer's scope is missing to decide: the reporter, a queue or a level path would open the case if
    /// <see cref="CaseAccessFacts.ViewerScope"/> covered its unit (the grain then looks the scope up, one grain call).
    /// </summary>
    public static bool NeedsScope(Actor viewer, CaseAccessFacts facts)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(facts);
        return facts.ViewerScope is null && !viewer.IsSystem
            && ((viewer.Subject == facts.ReportedBy && facts.OrganizationId is not null) || ByQueueOrLevel(viewer, facts) != NeedToKnowPath.None);
    }

    /// <summary>The queue or level path that would open the case to <paramref name="viewer"/>, regardless of the scope.</summary>
    private static NeedToKnowPath ByQueueOrLevel(Actor viewer, CaseAccessFacts facts)
    {
        var queues = CaseQueues.ServedBy(viewer.Roles);
        if (facts.AssigneeId is { } owner && queues.Contains(owner))
        {
            return NeedToKnowPath.OwnerQueue;
        }

        if (facts.OpenTaskOwners.Any(queues.Contains))
        {
            return NeedToKnowPath.TaskOwner;
        }

        return (facts.EscalationLevel >= 2 && viewer.HasAny([Roles.Coordinator])) || (facts.EscalationLevel >= 3 && viewer.HasAny(Roles.Level3))
            ? NeedToKnowPath.EscalationChain
            : NeedToKnowPath.None;
    }

    /// <summary>
    /// The rule that opens a person's sensitive fields (birth data, consents, contacts) to <paramref name="viewer"/>:
    /// <see cref="NeedToKnowPath.System"/>, <see cref="NeedToKnowPath.BreakTheGlass"/> on the person, or
    /// <see cref="NeedToKnowPath.OpenCase"/> (one of the person's open cases opens to the viewer by <see cref="ForPersonThroughCase"/>:
    /// having reported the case is not enough); else <see cref="NeedToKnowPath.None"/>.
    /// </summary>
    public static NeedToKnowPath ForPerson(Actor viewer, PersonAccessFacts facts) =>
        viewer.IsSystem ? NeedToKnowPath.System
        : facts.HoldsGrant ? NeedToKnowPath.BreakTheGlass
        : facts.OnAnOpenCase ? NeedToKnowPath.OpenCase
        : NeedToKnowPath.None;

    /// <summary>
    /// Whether <paramref name="viewer"/> may change a person's record (contacts, consent, profile, target groups, monitoring,
    /// qualifications), not only read it: <see cref="ForPerson"/> must open it, and a break-the-glass grant alone opens it for
    /// a change only when <paramref name="scopeCoversUnit"/> (the viewer's units cover the person's unit; docs/access.md
    /// "Break the glass reads, it does not rewrite"). Round-24 red team: a homeroom teacher of another class, given five minutes
    /// of break-the-glass, replaced a pupil's guardian with one of their own and then recorded "the guardian's" consent.
    /// The glass is broken to read an emergency contact now; the record is changed by those who work on the person's case or
    /// serve the person's unit.
    /// </summary>
    /// <param name="viewer">The caller.</param>
    /// <param name="facts">The gathered facts (<see cref="PersonAccessFacts.OnAnOpenCase"/> must have been asked when the grant is held).</param>
    /// <param name="scopeCoversUnit">True when the viewer's <see cref="StaffScope"/> covers the person's unit (or the person has none).</param>
    public static bool MayChangePerson(Actor viewer, PersonAccessFacts facts, bool scopeCoversUnit)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(facts);
        return viewer.IsSystem || facts.OnAnOpenCase || (facts.HoldsGrant && scopeCoversUnit);
    }

    /// <summary>
    /// The refusal of a change made through a break-the-glass grant alone (<see cref="MayChangePerson"/>): <c>FORBIDDEN</c>,
    /// <c>rule</c> <c>break-the-glass-read-only</c>, <c>entity</c> <c>Person</c>, <c>id</c>; English and Chinese.
    /// </summary>
    public static CareGridException PersonChangeRefused(string personId) =>
        new(ErrorCodes.Forbidden,
            Imports.Bilingual.Join(
                "Break-the-glass opened this person's record for you to read, not to change: you do not work on an open case of theirs and the person's unit is not one you serve. "
                + "Ask the case's owner or the person's unit (the homeroom teacher, the psychology teacher) to make the change. Nothing was changed.",
                "紧急调阅只允许您查看此人的档案，不允许修改：您没有负责此人的未结个案，此人所在单位也不是您负责的单位。请由个案负责人或此人所在单位（班主任、心理教师）修改。未作任何更改。"),
            new Dictionary<string, string> { ["rule"] = "break-the-glass-read-only", ["entity"] = "Person", ["id"] = personId });

    /// <summary>
    /// Whether a break-the-glass grant that alone opened a case (or, through the case, its person) lets <paramref name="viewerScope"/>
    /// change it, not only read it: only when the viewer's units cover the case's unit <paramref name="caseUnit"/> (a case without
    /// a unit is covered by every scope) — the rule of <see cref="MayChangePerson"/> for cases (docs/access.md "Break the glass
    /// reads, it does not rewrite"). Round-26 red team: a homeroom teacher of another class broke the glass on a pupil's case for a
    /// minute, then closed the case, rewrote the guardian and recorded "the guardian's" consent through it.
    /// </summary>
    public static bool GrantMayChangeCase(StaffScope viewerScope, string? caseUnit)
    {
        ArgumentNullException.ThrowIfNull(viewerScope);
        return viewerScope.Covers(caseUnit);
    }

    /// <summary>
    /// The refusal of a case command made through a break-the-glass grant alone (<see cref="GrantMayChangeCase"/>):
    /// <c>FORBIDDEN</c>, <c>rule</c> <c>break-the-glass-read-only</c>, <c>entity</c> <c>Case</c>, <c>id</c>; English and Chinese.
    /// </summary>
    public static CareGridException CaseChangeRefused(string caseId) =>
        new(ErrorCodes.Forbidden,
            Imports.Bilingual.Join(
                "Break-the-glass opened this case for you to read, not to act on: you are not on its need-to-know list and its unit is not one you serve. "
                + "If the person is at risk, report a concern (reportConcern) so it reaches the case's staff, or ask the case's owner or the counselling centre to act. Nothing was changed.",
                "紧急调阅只允许您查看此个案，不允许在个案上操作：您不在此个案的知情范围内，个案所在单位也不是您负责的单位。如此人有风险，请上报关注，由个案工作人员处理；或请个案负责人、心理辅导中心处理。未作任何更改。"),
            new Dictionary<string, string> { ["rule"] = "break-the-glass-read-only", ["entity"] = "Case", ["id"] = caseId });

    /// <summary>The refusal of a case: <c>FORBIDDEN</c> with <c>rule</c> <c>need-to-know</c>, <c>entity</c> <c>Case</c> and <c>id</c>.</summary>
    public static CareGridException CaseRefused(string caseId) => CaseRefused(caseId, viewerScope: null);

    /// <summary>
    /// The refusal of a case, as <see cref="CaseRefused(string)"/>; when <paramref name="viewerScope"/> is
    /// <see cref="StaffScope.IsUnassigned"/> the message also says that the caller is a member of no unit and how to become
    /// one, and <c>scope</c> is <c>unassigned</c> (docs/access.md, need-to-know by organization).
    /// </summary>
    public static CareGridException CaseRefused(string caseId, StaffScope? viewerScope)
    {
        var details = new Dictionary<string, string> { ["rule"] = "need-to-know", ["entity"] = "Case", ["id"] = caseId };
        var message = "You are not on this case's need-to-know list (assignee, reporter, escalation chain of the case's unit). State a reason with breakTheGlass to open it; that is audited.";
        if (viewerScope is { IsUnassigned: true })
        {
            details["scope"] = "unassigned";
            message += " You are a member of no organization unit, so your queue and level reach no unit's cases: ask your TenantAdmin to add you to your unit (addOrganizationMember).";
        }

        return new(ErrorCodes.Forbidden, message, details);
    }

    /// <summary>The refusal of a person's record: <c>FORBIDDEN</c> with <c>rule</c> <c>need-to-know</c>, <c>entity</c> <c>Person</c> and <c>id</c>.</summary>
    public static CareGridException PersonRefused(string personId) =>
        new(ErrorCodes.Forbidden,
            "You are not on the need-to-know list of this person (no open case of theirs that you work on). State a reason with breakTheGlass to open the record; that is audited.",
            new Dictionary<string, string> { ["rule"] = "need-to-know", ["entity"] = "Person", ["id"] = personId });
}
