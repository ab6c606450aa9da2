using CareGrid.Grains.Cases;
using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Staff;

/// <summary>
/// Carries out a <c>reassignWork</c> (docs/staff-changes.md): checks the request, finds the departing member's open work
/// (read side by sub, then each case grain for its current facts), plans it with <see cref="WorkPlanner"/> (refusing
/// before anything moves), then applies each case's part through <see cref="ICaseGrain.ReassignWork"/>.
/// </summary>
public sealed class WorkReassignment(IGrainFactory grains, IReadModelStore readModel, string tenantId)
{
    /// <summary>Most receivers one balanced call names.</summary>
    public const int MaxReceivers = 50;

    private const int Parallel = 16;

    private readonly StaffWork _work = new(grains, readModel, tenantId);

    /// <summary>A checked plan, ready to apply: the moves per case and the result's counts.</summary>
    /// <param name="FromSubject">The departing member's sub.</param>
    /// <param name="Moves">Per case: the receiver's person id and the case grain's order.</param>
    /// <param name="Counts">The result without its moves (remaining and outside-scope counts).</param>
    [GenerateSerializer, Alias("CareGrid.WorkReassignmentPlan"), Immutable]
    public sealed record CheckedPlan(
        [property: Id(0)] string FromSubject,
        [property: Id(1)] IReadOnlyList<StoredMove> Moves,
        [property: Id(2)] WorkReassignmentResult Counts);

    /// <summary>One case's planned part.</summary>
    /// <param name="CaseId">The case.</param>
    /// <param name="ToPersonId">The receiver's person id.</param>
    /// <param name="Move">The order for the case grain.</param>
    [GenerateSerializer, Alias("CareGrid.WorkReassignmentMove"), Immutable]
    public sealed record StoredMove([property: Id(0)] string CaseId, [property: Id(1)] string ToPersonId, [property: Id(2)] CaseWorkMove Move);

    /// <summary>
    /// Checks <paramref name="request"/> and plans it for <paramref name="actor"/>. Refusals, all before anything moves:
    /// <c>FORBIDDEN</c> (not TenantAdmin or Coordinator), <c>VALIDATION_FAILED</c> (reason; receivers: none, over
    /// <see cref="MaxReceivers"/>, repeated, the departing member; a person without a login sub), <c>NOT_FOUND</c> (person; for a
    /// Coordinator also a departing member outside their scope),
    /// <c>RECEIVER_NOT_ELIGIBLE</c> (a case no receiver may own at its level).
    /// </summary>
    public async Task<CheckedPlan> PlanAsync(ReassignWorkRequest request, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(request);
        CaseAggregate.RequireAny(actor, CaseAggregate.ReassignRoles, "reassign work");
        var reason = CaseAggregate.OptionalText(request.Reason, "reason") ?? throw CareGridException.Validation("reason", "reassignWork needs a reason.");
        CheckReceiverIds(request);
        var admin = actor.HasAny([Roles.TenantAdmin]);
        var scope = admin ? StaffScope.Tenant : await StaffScopes.ResolveAsync(grains, tenantId, actor);
        var (_, fromSubject) = await _work.StaffMemberAsync(request.FromPersonId, "fromPersonId", scope);
        var receivers = await ReceiversAsync(request, fromSubject);
        var (facts, more) = await CandidatesAsync(fromSubject);
        var plan = WorkPlanner.Plan(fromSubject, facts, receivers, scope, request.ReceiverField);
        var moves = plan.Moves.Select(m => new StoredMove(m.CaseId, m.To.PersonId,
            new CaseWorkMove(fromSubject, m.To.Subject, m.To.Roles, m.MoveCase, m.TaskIds, reason))).ToList();
        var counts = new WorkReassignmentResult(request.FromPersonId, fromSubject, reason, [], [], [],
            plan.RemainingCases, plan.RemainingTasks, plan.OutsideScopeCases, plan.OutsideScopeTasks)
        {
            MoreBeyondScan = more, OutsideScopeHidden = !admin,
        };
        return new CheckedPlan(fromSubject, moves, counts);
    }

    /// <summary>
    /// Applies a checked plan, case by case (at most 16 at once), and says what moved. A case that refuses its part now
    /// (closed or escalated meanwhile) and work someone else took meanwhile are listed as not moved. Applying the same plan
    /// again moves nothing twice and answers the same (work already the receiver's counts as moved).
    /// </summary>
    public async Task<WorkReassignmentResult> ApplyAsync(CheckedPlan plan, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var outcomes = new CaseWorkMoved?[plan.Moves.Count];
        for (var start = 0; start < plan.Moves.Count; start += Parallel)
        {
            var batch = Enumerable.Range(start, Math.Min(Parallel, plan.Moves.Count - start));
            await Task.WhenAll(batch.Select(async i => outcomes[i] = await MoveAsync(plan.Moves[i], actor)));
        }

        var (cases, tasks, notMoved) = (new List<WorkMoved>(), new List<WorkMoved>(), new List<WorkMoved>());
        for (var i = 0; i < plan.Moves.Count; i++)
        {
            var (move, moved) = (plan.Moves[i], outcomes[i]);
            var to = (move.CaseId, move.ToPersonId, move.Move.ToSubject);
            if (move.Move.MoveCase)
            {
                (moved?.CaseMoved == true ? cases : notMoved).Add(new WorkMoved(to.CaseId, null, to.ToPersonId, to.ToSubject));
            }

            foreach (var taskId in move.Move.TaskIds)
            {
                (moved?.TaskIds.Contains(taskId) == true ? tasks : notMoved).Add(new WorkMoved(to.CaseId, taskId, to.ToPersonId, to.ToSubject));
            }
        }

        return plan.Counts with { Cases = cases, Tasks = tasks, NotMoved = notMoved };
    }

    private async Task<CaseWorkMoved?> MoveAsync(StoredMove move, Actor actor)
    {
        try
        {
            return await grains.GetRef<ICaseGrain>(TenantIds.Key(tenantId, move.CaseId)).ReassignWork(move.Move, actor);
        }
        catch (CareGridException ex) when (ex.Code is ErrorCodes.InvalidTransition or ErrorCodes.ReceiverNotEligible or ErrorCodes.NotFound)
        {
            return null; // closed, escalated past the receiver or gone since the plan: left as it is, listed as not moved
        }
    }

    private static void CheckReceiverIds(ReassignWorkRequest request)
    {
        var field = request.ReceiverField;
        if (request.ToPersonIds.Count == 0 || request.ToPersonIds.Count > MaxReceivers)
        {
            throw CareGridException.Validation(field, $"Name 1–{MaxReceivers} receivers.");
        }

        if (request.ToPersonIds.Distinct(StringComparer.Ordinal).Count() != request.ToPersonIds.Count)
        {
            throw CareGridException.Validation(field, "A receiver is named twice.");
        }

        if (request.ToPersonIds.Contains(request.FromPersonId, StringComparer.Ordinal))
        {
            throw CareGridException.Validation(field, "The departing member cannot receive their own work: name someone else.");
        }
    }

    private async Task<List<WorkReceiver>> ReceiversAsync(ReassignWorkRequest request, string fromSubject)
    {
        var template = (await grains.GetRef<IJurisdictionGrain>(tenantId).Get()).Template;
        var receivers = new List<WorkReceiver>();
        foreach (var id in request.ToPersonIds)
        {
            var (person, subject) = await _work.StaffMemberAsync(id, request.ReceiverField);
            if (subject == fromSubject || receivers.Any(r => r.Subject == subject))
            {
                throw CareGridException.Validation(request.ReceiverField,
                    $"Person '{id}' logs in as '{subject}', the departing member or another receiver: name someone else.");
            }

            var scope = await grains.GetRef<IStaffScopeGrain>(IStaffScopeGrain.KeyOf(tenantId, subject)).Resolve();
            receivers.Add(new WorkReceiver(id, subject, StaffWork.AccessRoles(person, template), await _work.LoadAsync(subject)) { Scope = scope });
        }

        return receivers;
    }

    /// <summary>The cases where <paramref name="fromSubject"/> owns the case or an open task, as their grains describe them now.</summary>
    private async Task<(List<CaseWorkFacts> Facts, bool More)> CandidatesAsync(string fromSubject)
    {
        var (cases, moreCases) = await _work.OpenCasesAsync(fromSubject);
        var (tasks, moreTasks) = await _work.OpenTasksAsync(fromSubject);
        var ids = cases.Select(c => c.Id).Concat(tasks.Select(t => t.CaseId)).Distinct(StringComparer.Ordinal).ToList();
        var facts = new List<CaseWorkFacts>();
        for (var start = 0; start < ids.Count; start += Parallel)
        {
            var batch = ids.Skip(start).Take(Parallel).Select(id => grains.GetRef<ICaseGrain>(TenantIds.Key(tenantId, id)).WorkFacts());
            facts.AddRange((await Task.WhenAll(batch)).OfType<CaseWorkFacts>());
        }

        return (facts, moreCases || moreTasks);
    }
}
