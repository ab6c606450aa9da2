using CareGrid.Grains.Security;

namespace CareGrid.Grains.Cases.Domain;

/// <summary>
/// A lifecycle transition that passed every check of <see cref="CaseAggregate.PrepareTransition"/> (lifecycle, roles,
/// reason, assignee, close rules) and is ready for <see cref="CaseAggregate.Fire(CaseTransition)"/> once its consent gate,
/// if any, has passed.
/// </summary>
public sealed class CaseTransition
{
    internal CaseTransition(CaseTrigger trigger, Actor actor, string? reason, string? assigneeId, GatedAction? gate, IReadOnlyList<string>? assigneeRoles = null)
    {
        AssigneeRoles = assigneeRoles;
        Trigger = trigger;
        Actor = actor;
        Reason = reason;
        AssigneeId = assigneeId;
        Gate = gate;
    }

    /// <summary>The trigger to fire.</summary>
    public CaseTrigger Trigger { get; }

    /// <summary>Who fires it.</summary>
    public Actor Actor { get; }

    /// <summary>The checked reason (trimmed; null when none was given).</summary>
    public string? Reason { get; }

    /// <summary>The case's owner after the transition (a staff <c>sub</c> or a queue; null while unassigned).</summary>
    public string? AssigneeId { get; }

    /// <summary>The access roles of a newly named owner (<see cref="CaseState.AssigneeRoles"/>); null when the owner does not change or is a queue.</summary>
    public IReadOnlyList<string>? AssigneeRoles { get; }

    /// <summary>
    /// The consent gate the caller must pass before firing (<see cref="GatedAction.StartIntervention"/> for
    /// <c>startIntervention</c>, R-1.7), or null when the transition is not gated.
    /// </summary>
    public GatedAction? Gate { get; }
}
