using CareGrid.Grains.Errors;
using CareGrid.Grains.Security;

namespace CareGrid.Grains.Cases.Domain;

public sealed partial class CaseAggregate
{
    /// <summary>The roles that may move a departing member's work (docs/staff-changes.md): the tenant's administrator and a coordinator within their scope.</summary>
    public static readonly IReadOnlyList<string> ReassignRoles = [Roles.TenantAdmin, Roles.Coordinator];

    private static readonly IReadOnlyList<string> Level1Workers = [Roles.Caseworker, Roles.Coordinator, Roles.Counsellor, Roles.Clinician];
    private static readonly IReadOnlyList<string> Level2Workers = [Roles.Coordinator, Roles.Counsellor, Roles.Clinician];

    /// <summary>
    /// The roles that may own a case (or its tasks) at escalation <paramref name="level"/> (R-4.3): level 3 only the
    /// professionals (Counsellor, Clinician; R-1.10), level 2 also the Coordinator, level 1 also the Caseworker. Supervisors,
    /// administrators, reporters and volunteers supervise, report or help but own no case (docs/staff-changes.md).
    /// </summary>
    public static IReadOnlyList<string> RolesToWork(int level) => level >= 3 ? Roles.Level3 : level == 2 ? Level2Workers : Level1Workers;

    /// <summary>True when a holder of <paramref name="roles"/> may own a case at escalation <paramref name="level"/> (<see cref="RolesToWork"/>).</summary>
    public static bool MayWork(IEnumerable<string> roles, int level) => roles.Any(RolesToWork(level).Contains);

    /// <summary>
    /// The refusal of a receiver who may not work case <paramref name="caseId"/> at <paramref name="level"/>:
    /// <c>RECEIVER_NOT_ELIGIBLE</c> with <c>field</c>, <c>caseId</c>, <c>escalationLevel</c>, <c>requiredRoles</c> and <c>personId</c>.
    /// </summary>
    /// <param name="caseId">The case.</param>
    /// <param name="level">Its escalation level.</param>
    /// <param name="receiver">Who was named (a person id, or a sub when no person is known).</param>
    /// <param name="roles">The receiver's access roles.</param>
    /// <param name="field">The argument that named the receiver (<c>toPersonId</c> or <c>toPersonIds</c>).</param>
    public static CareGridException ReceiverNotEligible(string caseId, int level, string receiver, IReadOnlyCollection<string> roles, string field)
    {
        var required = RolesToWork(level);
        var holds = roles.Count == 0 ? "no staff role" : "the roles " + string.Join(", ", roles);
        return new CareGridException(ErrorCodes.ReceiverNotEligible,
            $"Case '{caseId}' is at escalation level {level}: only a {string.Join(" or ", required)} may own it (R-4.3), and '{receiver}' holds {holds}. "
            + $"Nothing was moved: name another receiver in {field}, or escalate the case first.",
            new Dictionary<string, string>
            {
                ["field"] = field, ["caseId"] = caseId, ["escalationLevel"] = level.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["requiredRoles"] = string.Join(",", required), ["personId"] = receiver,
            });
    }

    /// <summary>What <c>reassignWork</c> needs of this case (<see cref="CaseWorkFacts"/>); reads only.</summary>
    public CaseWorkFacts WorkFacts(string caseId) => new(caseId, State.OrganizationId, State.EscalationLevel, State.RiskLevel,
        State.Status != CaseStatus.Closed, State.AssigneeId,
        [.. State.Tasks.Where(t => t.Status == CaseTaskStatus.Open).Select(t => new CaseWorkTask(t.Id, t.OwnerId))])
    {
        RiskUngraded = State.RiskUngraded,
    };

    /// <summary>
    /// Moves a departing member's work on this case to a receiver (docs/staff-changes.md): the case when it is still owned by
    /// <see cref="CaseWorkMove.FromSubject"/> and <see cref="CaseWorkMove.MoveCase"/> asks, and each named open task still
    /// owned by them. Each move is a timeline entry by <paramref name="actor"/> (<c>Reassign</c>, <c>TaskReassigned</c>) naming
    /// from whom to whom and why. Work that is already the receiver's counts as moved (a retry of a first attempt) without a
    /// new entry; work that someone else owns by now is left alone.
    /// </summary>
    /// <exception cref="CareGridException">Before anything changes: <c>FORBIDDEN</c> unless TenantAdmin or Coordinator;
    /// <c>INVALID_TRANSITION</c> on a closed case; <c>VALIDATION_FAILED</c> (field <c>reason</c>) without a reason or
    /// (field <c>toPersonId</c>) when the receiver is the departing member; <c>RECEIVER_NOT_ELIGIBLE</c> when the receiver's
    /// roles may not own a case at its level (<see cref="RolesToWork"/>).</exception>
    public CaseWorkMoved Reassign(string caseId, CaseWorkMove move, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(move);
        RequireAny(actor, ReassignRoles, "reassign work");
        EnsureOpen("reassignWork");
        var reason = OptionalText(move.Reason, "reason") ?? throw CareGridException.Validation("reason", "reassignWork needs a reason.");
        if (move.ToSubject == move.FromSubject)
        {
            throw CareGridException.Validation("toPersonId", "The receiver is the departing member: name someone else.");
        }

        if (!MayWork(move.ToRoles, State.EscalationLevel))
        {
            throw ReceiverNotEligible(caseId, State.EscalationLevel, move.ToSubject, move.ToRoles, "toPersonId");
        }

        var caseMoved = move.MoveCase && ReassignOwner(move.FromSubject, move.ToSubject, move.ToRoles, reason, actor);
        var tasks = new List<string>();
        foreach (var taskId in move.TaskIds.Distinct(StringComparer.Ordinal))
        {
            if (ReassignTask(taskId, move.FromSubject, move.ToSubject, reason, actor))
            {
                tasks.Add(taskId);
            }
        }

        return new CaseWorkMoved(caseMoved, tasks);
    }

    private bool ReassignOwner(string from, string to, IReadOnlyList<string>? roles, string reason, Actor actor)
    {
        if (State.AssigneeId == to)
        {
            return true;
        }

        if (State.AssigneeId != from)
        {
            return false;
        }

        State.AssigneeId = to;
        State.AssigneeRoles = roles is null ? null : [.. roles];
        Record(actor.Subject, "Reassign", $"owner {from} → {to}: {reason}");
        return true;
    }

    private bool ReassignTask(string taskId, string from, string to, string reason, Actor actor)
    {
        var index = State.Tasks.FindIndex(t => t.Id == taskId && t.Status == CaseTaskStatus.Open);
        if (index < 0)
        {
            return false;
        }

        var task = State.Tasks[index];
        if (task.OwnerId == to)
        {
            return true;
        }

        if (task.OwnerId != from)
        {
            return false;
        }

        State.Tasks[index] = task with { OwnerId = to };
        Record(actor.Subject, "TaskReassigned", $"{task.Id} {task.Kind}: owner {from} → {to}: {reason}");
        return true;
    }
}
