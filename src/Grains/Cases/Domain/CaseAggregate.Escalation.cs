using CareGrid.Grains.Errors;
using CareGrid.Grains.Security;

namespace CareGrid.Grains.Cases.Domain;

public sealed partial class CaseAggregate
{
    /// <summary>
    /// Escalates the case up the three-level chain: refused on a closed case (<c>INVALID_TRANSITION</c>), for roles
    /// outside case staff (<c>FORBIDDEN</c>), without a reason, or unless <paramref name="level"/> is above the current level
    /// and at most 3 (<c>VALIDATION_FAILED</c> on <c>reason</c> / <c>level</c>). A case that is unowned or owned by the
    /// level-1/2 queue moves to the queue of the new level (a named owner keeps it, except at level 3 one who is no
    /// Counsellor or Clinician: the case passes to <c>queue:level-3</c>, docs/protocol.md), and that queue is notified.
    /// </summary>
    /// <param name="level">The new level, 2 or 3.</param>
    /// <param name="reason">Why; required, at most 4000 characters.</param>
    /// <param name="actor">Who escalates.</param>
    /// <returns><see cref="Change"/>.</returns>
    public CaseChange Escalate(int level, string reason, Actor actor)
    {
        var why = CheckEscalate(level, reason, actor);

        Record(actor.Subject, "Escalate", $"level {State.EscalationLevel} → {level}: {why}");
        State.EscalationLevel = level;
        if (State.AssigneeId is null or CaseQueues.Level1 or CaseQueues.Level2)
        {
            State.AssigneeId = CaseQueues.ForLevel(level);
        }

        PassStrandedOwnerToLevel3(actor, "escalated to level 3");

        Notify(CaseQueues.ForLevel(level), $"Escalated to level {level}: {why}");
        return Change;
    }

    /// <summary>The checks of <see cref="Escalate"/>, changing nothing; returns the trimmed reason.</summary>
    public string CheckEscalate(int level, string? reason, Actor actor)
    {
        EnsureOpen("escalateCase");
        RequireAny(actor, Roles.CaseStaff, "escalate");
        var why = OptionalText(reason, "reason") ?? throw CareGridException.Validation("reason", "escalateCase needs a reason.");
        if (level is < 1 or > 3 || level <= State.EscalationLevel)
        {
            throw CareGridException.Validation("level", $"escalateCase goes up: from level {State.EscalationLevel} to a level up to 3.");
        }

        return why;
    }
}
