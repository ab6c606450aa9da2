using CareGrid.Grains.Errors;
using CareGrid.Grains.Security;

namespace CareGrid.Grains.Cases.Domain;

/// <summary>How a case reaches the professional (docs/protocol.md "How a concern travels"): taking it, and asking for review.</summary>
public sealed partial class CaseAggregate
{
    /// <summary>The timeline action of <see cref="Take"/>.</summary>
    public const string TakeAction = "TakeCase";

    /// <summary>The timeline action of <see cref="RequestProfessionalReview"/>.</summary>
    public const string ReviewAction = "RequestProfessionalReview";

    /// <summary>The roles that take a case (<c>takeCase</c>): the level-2 coordinator and the level-3 professionals (R-4.3, R-1.6).</summary>
    public static readonly IReadOnlyList<string> TakeRoles = [Roles.Coordinator, Roles.Counsellor, Roles.Clinician];

    /// <summary>
    /// The roles that ask for professional review (<c>requestProfessionalReview</c>): case staff and volunteers — whoever works
    /// the case at level 1 (R-4.3, R-4.4, R-1.5).
    /// </summary>
    public static readonly IReadOnlyList<string> ReviewRoles = [.. Roles.CaseStaff, Roles.Volunteer];

    /// <summary>
    /// The organization scope of the actor of <see cref="Take"/>, and of a report's grading that runs the high-risk protocol
    /// (a level-3 reporter whose scope does not cover the case's unit does not become its owner, so owning it cannot open
    /// the case to them where their report was answered with a receipt: round 17 red team RT17-7)
    /// (<see cref="StaffScopes.ResolveAsync"/>, need-to-know by organization, docs/access.md), set by the grain; null when not
    /// looked up, in which case <see cref="RouteFor"/> and the protocol count the whole tenant (the domain tests; and an
    /// offer in <c>nextActions</c> the mutation then checks with the real scope).
    /// </summary>
    public StaffScope? ViewerScope { get; set; }

    /// <summary>
    /// How the case reaches <paramref name="actor"/> through its routing alone — its owner, its owner queue, an open task or
    /// its escalation chain — as the one need-to-know rule decides (<see cref="NeedToKnowPolicy.ForCase"/>), leaving out
    /// being its reporter and any break-the-glass grant: <see cref="NeedToKnowPath.None"/> when routing does not reach them.
    /// </summary>
    public NeedToKnowPath RouteFor(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);

        // A sub is never empty, so an empty reporter matches nobody: only the routing paths are asked.
        var facts = new CaseAccessFacts("", State.AssigneeId, State.EscalationLevel,
            [.. State.Tasks.Where(t => t.Status == CaseTaskStatus.Open).Select(t => t.OwnerId)])
        { OrganizationId = State.OrganizationId, ViewerScope = ViewerScope ?? StaffScope.Tenant };
        return actor.IsSystem ? NeedToKnowPath.None : NeedToKnowPolicy.ForCase(actor, facts);
    }

    /// <summary>True when <paramref name="actor"/> may call <c>takeCase</c> now (<see cref="Take"/> would change the owner).</summary>
    public bool MayTake(Actor actor) =>
        State.Status != CaseStatus.Closed && actor.HasAny(TakeRoles) && State.AssigneeId != actor.Subject
        && RouteFor(actor) is NeedToKnowPath.OwnerQueue or NeedToKnowPath.EscalationChain
        && (State.EscalationLevel < 3 || actor.HasAny(Roles.Level3));

    /// <summary>
    /// True when <c>requestProfessionalReview</c> is offered to <paramref name="actor"/> (<c>availableActions</c>): an open case
    /// below level 3, and a caller in <see cref="ReviewRoles"/> who is not a level-3 professional (one takes the case instead,
    /// <see cref="MayTake"/>; the mutation itself accepts them too).
    /// </summary>
    public bool MayRequestReview(Actor actor) =>
        State.Status != CaseStatus.Closed && State.EscalationLevel < 3 && actor.HasAny(ReviewRoles) && !actor.HasAny(Roles.Level3);

    /// <summary>
    /// <c>takeCase</c>: the caller becomes the case's owner in one action (R-4.3, R-1.6). Refused, changing nothing, in this
    /// order: a closed case (<c>INVALID_TRANSITION</c>, reopen it first); roles other than Coordinator, Counsellor, Clinician
    /// (<c>FORBIDDEN</c>, detail <c>requiredRoles</c>); a caller who is the owner already changes nothing (no error); a caller
    /// the case reaches neither through its owner queue nor its escalation chain — e.g. only as its reporter or by breaking the
    /// glass (<c>FORBIDDEN</c>, detail <c>rule</c> <c>take-case</c>); a Coordinator on a case at level 3, where a level-3
    /// professional takes it (<c>FORBIDDEN</c>, detail <c>rule</c> <c>level-3</c>). The escalation level and the status stay;
    /// the timeline records the previous owner, and a previous owner by name is notified. When a queue owned the case, its
    /// open tasks still owned by that queue move to the caller too (<c>TaskReassigned</c>), so they reach 我的任务 / "My tasks".
    /// </summary>
    /// <param name="actor">Who takes the case.</param>
    /// <returns><see cref="Change"/> (empty when the caller owned the case already).</returns>
    public CaseChange Take(Actor actor)
    {
        if (!CheckTake(actor))
        {
            return Change;
        }

        var previous = State.AssigneeId;
        State.AssigneeId = actor.Subject;
        State.AssigneeRoles = [.. actor.Roles];
        State.UpdatedAt = Now;
        Record(actor.Subject, TakeAction, $"owner {previous ?? "none"} → {actor.Subject}");
        if (previous is not null && !previous.StartsWith("queue:", StringComparison.Ordinal))
        {
            Notify(previous, $"Case taken over by {actor.Subject}.");
        }
        else if (previous is not null)
        {
            // The open tasks the queue held with the case go with it to whoever took it (new-user trial 2026-12-04: the
            // psychology teacher owned the case, its four protocol tasks stayed with the queue, and 我的任务 was empty).
            foreach (var task in State.Tasks.Where(t => t.Status == CaseTaskStatus.Open && t.OwnerId == previous).ToList())
            {
                ReassignTask(task.Id, previous, actor.Subject, "taken with the case (takeCase)", actor);
            }
        }

        return Change;
    }

    /// <summary>
    /// The checks of <see cref="Take"/>, changing nothing: the same refusals in the same order. Returns false when the caller
    /// owns the case already (taking it again changes nothing), true when <see cref="Take"/> would make them its owner.
    /// </summary>
    public bool CheckTake(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        EnsureOpen("takeCase");
        RequireAny(actor, TakeRoles, "use takeCase");
        if (State.AssigneeId == actor.Subject)
        {
            return false;
        }

        if (RouteFor(actor) is not (NeedToKnowPath.OwnerQueue or NeedToKnowPath.EscalationChain))
        {
            throw new CareGridException(ErrorCodes.Forbidden,
                $"takeCase is for staff whose queue owns the case or who are on its escalation chain; the case is owned by {State.AssigneeId ?? "nobody"} at level {State.EscalationLevel}. Escalate it (escalateCase) or ask for professional review (requestProfessionalReview).",
                new Dictionary<string, string> { ["rule"] = "take-case", ["assigneeId"] = State.AssigneeId ?? "", ["escalationLevel"] = State.EscalationLevel.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        if (State.EscalationLevel >= 3 && !actor.HasAny(Roles.Level3))
        {
            throw new CareGridException(ErrorCodes.Forbidden,
                "The case is at level 3: a level-3 professional (Counsellor or Clinician) takes it (R-4.3).",
                new Dictionary<string, string> { ["rule"] = "level-3", ["requiredRoles"] = string.Join(",", Roles.Level3) });
        }

        return true;
    }

    /// <summary>
    /// <c>requestProfessionalReview</c>: whoever works the case at level 1 asks the level-3 professionals to review it in one
    /// action (R-4.3, R-4.4): the case escalates to level 3 with the reason on the timeline, a case owned by nobody or by the
    /// level-1/2 queue moves to <c>queue:level-3</c> (a named owner keeps it), and the level-3 queue is notified. A case at
    /// level 3 already is left as it is (no error, nothing written). Refused, changing nothing: a closed case
    /// (<c>INVALID_TRANSITION</c>); roles other than case staff and Volunteer (<c>FORBIDDEN</c>); a blank or over-long reason
    /// (<c>VALIDATION_FAILED</c> on <c>reason</c>).
    /// </summary>
    /// <param name="reason">Why professional review is needed; 1–4000 characters.</param>
    /// <param name="actor">Who asks.</param>
    /// <returns><see cref="Change"/> (empty when the case was at level 3).</returns>
    public CaseChange RequestProfessionalReview(string? reason, Actor actor)
    {
        var why = CheckReview(reason, actor);
        if (State.EscalationLevel >= 3)
        {
            return Change;
        }

        Record(actor.Subject, ReviewAction, $"level {State.EscalationLevel} → 3: {why}");
        State.EscalationLevel = 3;
        State.UpdatedAt = Now;
        if (State.AssigneeId is null or CaseQueues.Level1 or CaseQueues.Level2)
        {
            State.AssigneeId = CaseQueues.Level3;
        }

        PassStrandedOwnerToLevel3(actor, "professional review requested");
        Notify(CaseQueues.Level3, $"Professional review requested by {actor.Subject}: {why}");
        return Change;
    }

    /// <summary>The checks of <see cref="RequestProfessionalReview"/>, changing nothing (same refusals, same order); returns the trimmed reason.</summary>
    public string CheckReview(string? reason, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        EnsureOpen("requestProfessionalReview");
        RequireAny(actor, ReviewRoles, "use requestProfessionalReview");
        return OptionalText(reason, "reason") ?? throw CareGridException.Validation("reason", "requestProfessionalReview needs a reason (what the level-3 professional should look at).");
    }
}
