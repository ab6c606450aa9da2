using CareGrid.Grains.Cases;
using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.Security;

namespace CareGrid.Grains.Staff;

/// <summary>A staff member who may receive work, with their access roles and current open load.</summary>
/// <param name="PersonId">Their person id.</param>
/// <param name="Subject">Their login sub (the owner id of what they receive).</param>
/// <param name="Roles">Their access roles (<see cref="Security.Roles"/>), from their unit roles and the tenant's template.</param>
/// <param name="Load">What they own already.</param>
public sealed record WorkReceiver(string PersonId, string Subject, IReadOnlyList<string> Roles, WorkLoad Load)
{
    /// <summary>
    /// The units whose cases the receiver can see and work (their own <see cref="StaffScope"/>, need-to-know by organization,
    /// docs/access.md); a case goes only to a receiver whose scope covers its unit (docs/staff-changes.md).
    /// </summary>
    public StaffScope Scope { get; init; } = StaffScope.Tenant;
}

/// <summary>
/// A staff member's open load: open High/Imminent cases they own, open cases not yet graded they own, open cases they own,
/// open tasks they own.
/// </summary>
/// <param name="HighRiskCases">Open cases at High or Imminent risk .</param>
/// <param name="Cases">Open cases (all risks, graded or not).</param>
/// <param name="Tasks">Open tasks.</param>
public sealed record WorkLoad(int HighRiskCases, int Cases, int Tasks)
{
    /// <summary>No load.</summary>
    public static readonly WorkLoad None = new(0, 0, 0);

    /// <summary>
    /// Open cases nobody has graded yet (reported as unsure, <see cref="CaseWorkFacts.RiskUngraded"/>; their stored Low is a
    /// placeholder, docs/protocol.md "Ungraded reports"). Never counted in <see cref="HighRiskCases"/>; counted in
    /// <see cref="Cases"/>.
    /// </summary>
    public int UngradedCases { get; init; }

    /// <summary>
    /// The urgent cases balancing compares first: High/Imminent plus not yet graded — an ungraded case may be a high-risk one
    /// nobody has assessed, so it weighs as one until graded (docs/staff-changes.md "Balanced").
    /// </summary>
    public int UrgentCases => HighRiskCases + UngradedCases;
}

/// <summary>One case's part of a plan: whether the case moves, which of its tasks move, and to whom.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="MoveCase">True when the case itself moves (the departing member owns it).</param>
/// <param name="TaskIds">The open tasks of the departing member on it that move.</param>
/// <param name="To">The receiver.</param>
public sealed record PlannedMove(string CaseId, bool MoveCase, IReadOnlyList<string> TaskIds, WorkReceiver To);

/// <summary>What one <c>reassignWork</c> call moves and what it leaves (docs/staff-changes.md).</summary>
/// <param name="Moves">Per case, in the order they are applied.</param>
/// <param name="RemainingCases">Cases in scope left for the next call (past <see cref="WorkPlanner.MaxItems"/>).</param>
/// <param name="RemainingTasks">Tasks in scope left likewise.</param>
/// <param name="OutsideScopeCases">Cases outside the caller's scope (never moved by this caller).</param>
/// <param name="OutsideScopeTasks">Tasks outside the caller's scope.</param>
public sealed record WorkPlan(IReadOnlyList<PlannedMove> Moves, int RemainingCases, int RemainingTasks, int OutsideScopeCases, int OutsideScopeTasks);

/// <summary>
/// Plans a <c>reassignWork</c> (docs/staff-changes.md), pure: which of a departing member's open cases and tasks move to
/// whom. The rules:
/// <list type="bullet">
/// <item>Only open work still owned by the departing member's sub, in cases the caller's <see cref="StaffScope"/> covers
/// (by the case's unit); the rest is counted as outside the scope and left.</item>
/// <item>Order: the cases they own — Imminent, High, not yet graded (reported as unsure, <see cref="CaseWorkFacts.RiskUngraded"/>),
/// Moderate, Low, then by id — then cases where they own only tasks (by
/// id). A case and the departing member's tasks on it always go to the same receiver.</item>
/// <item>At most <see cref="MaxItems"/> items (a case and each task count one) per call; a case's group is never split; what
/// is past the bound is counted as remaining and the caller calls again (the first case's group always fits).</item>
/// <item>A receiver must hold a role that may own the case at its escalation level
/// (<see cref="CaseAggregate.RolesToWork"/>, R-4.3). One receiver: every planned case must fit them, else the call is
/// refused naming the first case that does not (<c>RECEIVER_NOT_ELIGIBLE</c>) and nothing moves. Several receivers
/// (balanced): each case goes to the eligible receiver with the least load, compared in this order — open urgent cases
/// (High/Imminent and not yet graded, <see cref="WorkLoad.UrgentCases"/>), then open cases, then open tasks, then the sub
/// (ordinal) — counting what this plan already gave them; a case
/// no receiver may own refuses the call likewise.</item>
/// </list>
/// </summary>
public static class WorkPlanner
{
    /// <summary>Most items (cases plus tasks) one call moves: 500. A larger load is moved by calling again.</summary>
    public const int MaxItems = 500;

    /// <summary>Plans the move of <paramref name="fromSubject"/>'s work in <paramref name="cases"/> to <paramref name="receivers"/>.</summary>
    /// <param name="fromSubject">The departing member's sub.</param>
    /// <param name="cases">The candidate cases, as their grains describe them now (duplicates ignored).</param>
    /// <param name="receivers">One or more receivers (not the departing member).</param>
    /// <param name="scope">The caller's scope.</param>
    /// <param name="receiverField">The argument naming the receivers, for a refusal (<c>toPersonId</c>, <c>toPersonIds</c>).</param>
    /// <param name="maxItems">The bound (default <see cref="MaxItems"/>).</param>
    /// <exception cref="Errors.CareGridException"><c>RECEIVER_NOT_ELIGIBLE</c> when a planned case fits no receiver.</exception>
    public static WorkPlan Plan(string fromSubject, IReadOnlyList<CaseWorkFacts> cases, IReadOnlyList<WorkReceiver> receivers,
        StaffScope scope, string receiverField, int maxItems = MaxItems)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var groups = Groups(fromSubject, cases);
        var outside = groups.Where(g => !scope.Covers(g.Facts.OrganizationId)).ToList();
        var moves = new List<PlannedMove>();
        var loads = receivers.ToDictionary(r => r.Subject, r => r.Load, StringComparer.Ordinal);
        var (items, remainingCases, remainingTasks) = (0, 0, 0);
        foreach (var group in groups.Where(g => scope.Covers(g.Facts.OrganizationId)))
        {
            var size = (group.MoveCase ? 1 : 0) + group.TaskIds.Count;
            if ((items > 0 && items + size > maxItems) || remainingCases + remainingTasks > 0)
            {
                (remainingCases, remainingTasks) = (remainingCases + (group.MoveCase ? 1 : 0), remainingTasks + group.TaskIds.Count);
                continue;
            }

            var to = Choose(group, receivers, loads, receiverField);
            var load = loads[to.Subject];
            var high = group.MoveCase && group.Facts.RiskLevel >= RiskLevel.High ? 1 : 0;
            var ungraded = group.MoveCase && group.Facts.RiskUngraded ? 1 : 0;
            loads[to.Subject] = new WorkLoad(load.HighRiskCases + high, load.Cases + (group.MoveCase ? 1 : 0), load.Tasks + group.TaskIds.Count)
            {
                UngradedCases = load.UngradedCases + ungraded,
            };
            moves.Add(new PlannedMove(group.Facts.CaseId, group.MoveCase, group.TaskIds, to));
            items += size;
        }

        return new WorkPlan(moves, remainingCases, remainingTasks, outside.Count(g => g.MoveCase), outside.Sum(g => g.TaskIds.Count));
    }

    private sealed record Group(CaseWorkFacts Facts, bool MoveCase, IReadOnlyList<string> TaskIds);

    /// <summary>The departing member's open work per case, in plan order (owned cases by risk, then task-only cases, by id).</summary>
    private static List<Group> Groups(string fromSubject, IReadOnlyList<CaseWorkFacts> cases) =>
        [.. cases.Where(c => c.Open).DistinctBy(c => c.CaseId)
            .Select(c => new Group(c, c.AssigneeId == fromSubject, [.. c.OpenTasks.Where(t => t.OwnerId == fromSubject).Select(t => t.TaskId)]))
            .Where(g => g.MoveCase || g.TaskIds.Count > 0)
            .OrderBy(g => g.MoveCase ? 0 : 1)
            .ThenBy(g => g.MoveCase ? RiskRank(g.Facts) : 0)
            .ThenBy(g => g.Facts.CaseId, StringComparer.Ordinal)];

    /// <summary>
    /// Where an owned case stands in the hand-over: 0 Imminent, 1 High, 2 not yet graded (<see cref="CaseWorkFacts.RiskUngraded"/>,
    /// whose Low is a placeholder), 3 Moderate, 4 Low — the console's queue order (docs/protocol.md "Ungraded reports").
    /// </summary>
    /// <param name="facts">The case.</param>
    public static int RiskRank(CaseWorkFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return facts.RiskLevel switch
        {
            RiskLevel.Imminent => 0,
            RiskLevel.High => 1,
            _ when facts.RiskUngraded => 2,
            RiskLevel.Moderate => 3,
            _ => 4,
        };
    }

    private static WorkReceiver Choose(Group group, IReadOnlyList<WorkReceiver> receivers, Dictionary<string, WorkLoad> loads, string field)
    {
        var level = group.Facts.EscalationLevel;
        var fit = receivers.Where(r => CaseAggregate.MayWork(r.Roles, level)).ToList();
        var eligible = fit.Where(r => r.Scope.Covers(group.Facts.OrganizationId)).ToList();
        if (eligible.Count == 0 && fit.Count > 0)
        {
            throw OutsideReceiverScope(group.Facts, fit, field);
        }

        if (eligible.Count == 0)
        {
            var named = receivers.Count == 1 ? receivers[0] : null;
            throw CaseAggregate.ReceiverNotEligible(group.Facts.CaseId, level,
                named?.PersonId ?? string.Join(",", receivers.Select(r => r.PersonId)),
                [.. receivers.SelectMany(r => r.Roles).Distinct(StringComparer.Ordinal)], field);
        }

        return eligible
            .OrderBy(r => loads[r.Subject].UrgentCases)
            .ThenBy(r => loads[r.Subject].Cases)
            .ThenBy(r => loads[r.Subject].Tasks)
            .ThenBy(r => r.Subject, StringComparer.Ordinal)
            .First();
    }

    /// <summary>
    /// <c>RECEIVER_NOT_ELIGIBLE</c> for a case whose unit no fitting receiver's scope covers: they could not open the case,
    /// so it would be orphaned (R-1.10, need-to-know by organization, docs/staff-changes.md).
    /// </summary>
    private static Errors.CareGridException OutsideReceiverScope(CaseWorkFacts facts, List<WorkReceiver> fit, string field)
    {
        var named = string.Join(",", fit.Select(r => r.PersonId));
        return new Errors.CareGridException(Errors.ErrorCodes.ReceiverNotEligible,
            $"Case '{facts.CaseId}' belongs to unit '{facts.OrganizationId}', which is outside the scope of '{named}' (they could not open it). "
            + $"Nothing was moved: name in {field} a receiver who is a member of that unit (or of a unit serving it), or add them with addOrganizationMember first.",
            new Dictionary<string, string>
            {
                ["field"] = field, ["caseId"] = facts.CaseId, ["organizationId"] = facts.OrganizationId ?? "",
                ["escalationLevel"] = facts.EscalationLevel.ToString(System.Globalization.CultureInfo.InvariantCulture), ["personId"] = named,
            });
    }
}
