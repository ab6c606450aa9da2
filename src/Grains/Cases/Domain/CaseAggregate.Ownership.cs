using CareGrid.Grains.Security;

namespace CareGrid.Grains.Cases.Domain;

/// <summary>A named owner's access roles, looked up by the grain through the staff index (docs/protocol.md "Who owns crisis work").</summary>
/// <param name="CaseId">The case's local id (for the refusal's details).</param>
/// <param name="Subject">The named owner's <c>sub</c>.</param>
/// <param name="Roles">Their access roles; null when the sub is no known staff member of the tenant.</param>
/// <param name="Refusal">Why they may not own the case (<see cref="StaffAssignee.OwnerRefusal"/>: no staff member of the
/// tenant, units that do not reach the case's, or no role that works a case); null when they may. Thrown by
/// <see cref="CaseAggregate.PrepareTransition"/> once the lifecycle permits the activation, so nothing changes.</param>
public sealed record NamedAssignee(string CaseId, string Subject, IReadOnlyList<string>? Roles, CareGrid.Grains.Errors.CareGridException? Refusal = null);

public sealed partial class CaseAggregate
{
    /// <summary>
    /// The staff member named by <c>activateCase(assigneeId)</c>, with their roles as the staff index knows them, set by the
    /// grain before <see cref="PrepareTransition"/>; null when nobody was looked up (then a named other is unknown).
    /// </summary>
    public NamedAssignee? NamedAssignee { get; set; }

    /// <summary>
    /// The access roles of <paramref name="assignee"/>, about to become the owner through <paramref name="actor"/>'s
    /// <c>activateCase</c>: the actor's own when they name themselves (null for a queue); else the roles the staff index
    /// gives (<see cref="NamedAssignee"/>), null when unknown.
    /// </summary>
    private List<string>? RolesOfNewOwner(string? assignee, Actor actor)
    {
        if (assignee is null || assignee.StartsWith("queue:", StringComparison.Ordinal))
        {
            return null;
        }

        if (assignee == actor.Subject)
        {
            return [.. actor.Roles];
        }

        // The looked-up roles are recorded; an unknown assignee counts as no level-3 professional (docs/protocol.md).
        return NamedAssignee is { } n && n.Subject == assignee && n.Roles is { } roles ? [.. roles] : null;
    }

    /// <summary>
    /// True when the case's named owner may own it at level 3 (Counsellor or Clinician, R-4.3, R-1.10): the acting
    /// <paramref name="actor"/>'s roles when they are the owner, else the roles recorded when the owner was named
    /// (<see cref="CaseState.AssigneeRoles"/>; unknown counts as no). False for a queue or nobody.
    /// </summary>
    private bool OwnerMayWorkLevel3(Actor actor)
    {
        var owner = State.AssigneeId;
        if (owner is null || owner.StartsWith("queue:", StringComparison.Ordinal))
        {
            return false;
        }

        return owner == actor.Subject ? actor.HasAny(Roles.Level3) : State.AssigneeRoles is { } roles && MayWork(roles, 3);
    }

    /// <summary>
    /// At level 3, a case whose named owner may not own a level-3 case passes to <c>queue:level-3</c> (docs/protocol.md
    /// "Who owns crisis work", R-4.3, R-1.10): the timeline records it and the previous owner is notified, as takeCase does.
    /// Nothing changes for a queue, nobody or a level-3 professional.
    /// </summary>
    private void PassStrandedOwnerToLevel3(Actor actor, string why)
    {
        var owner = State.AssigneeId;
        if (State.EscalationLevel < 3 || owner is null || owner.StartsWith("queue:", StringComparison.Ordinal) || OwnerMayWorkLevel3(actor))
        {
            return;
        }

        State.AssigneeId = CaseQueues.Level3;
        State.AssigneeRoles = null;
        Record("system", "Assign", $"owner {owner} → {CaseQueues.Level3}: {why}; only a Counsellor or Clinician owns a level-3 case (R-4.3)");
        Notify(owner, $"Case passed to {CaseQueues.Level3} at level 3 ({why}): a Counsellor or Clinician owns it now.");
    }
}
