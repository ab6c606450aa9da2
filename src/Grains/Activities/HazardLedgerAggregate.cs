using CareGrid.Grains.Errors;
using CareGrid.Grains.People;
using CareGrid.Grains.Security;

namespace CareGrid.Grains.Activities;

/// <summary>
/// The rules of a unit's hazard ledger of the bullying-risk sweep (R-7.6, docs/activities.md): a hazard found in a hidden
/// place is recorded with its owner and a fix deadline, and is "handled at once" — it stays open, and counts as overdue
/// after its deadline, until the fix is recorded. Over the same <see cref="ActivityPlanState"/> as
/// <see cref="ActivityPlanAggregate"/>; refuses before changing anything.
/// </summary>
/// <param name="state">The unit's state; commands change it in place.</param>
/// <param name="now">The instant of the command (UTC, domain clock).</param>
public sealed class HazardLedgerAggregate(ActivityPlanState state, DateTimeOffset now)
{
    /// <summary>Records hazard <paramref name="hazard"/> (checked by <see cref="NewHazard.Check"/>).</summary>
    /// <exception cref="CareGridException"><c>ALREADY_EXISTS</c> for a used id; <c>VALIDATION_FAILED</c> (<c>organizationId</c>)
    /// past <see cref="ActivityPlanLimits.MaxHazards"/>; <c>STORAGE_LIMIT</c>.</exception>
    public HazardEntry Record(NewHazard hazard, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(hazard);
        ArgumentNullException.ThrowIfNull(actor);
        if (state.Hazards.Any(h => h.Id == hazard.Id))
        {
            throw new CareGridException(ErrorCodes.AlreadyExists, $"Hazard '{hazard.Id}' already exists in this unit's ledger.",
                new Dictionary<string, string> { ["entity"] = "Hazard", ["id"] = hazard.Id });
        }

        if (state.Hazards.Count >= ActivityPlanLimits.MaxHazards)
        {
            throw CareGridException.Validation("organizationId", $"A unit's hazard ledger holds at most {ActivityPlanLimits.MaxHazards} hazards (docs/activities.md).");
        }

        var entry = new HazardEntry
        {
            Id = hazard.Id, Place = hazard.Place, Hazard = hazard.Hazard, Owner = hazard.Owner, FixBy = hazard.FixBy,
            RecordedAt = now, RecordedBy = actor.Subject,
        };
        new ActivityPlanAggregate(state, now).EnsureRoom(96L + ActivityPlanLimits.Bytes(entry.Id) + ActivityPlanLimits.Bytes(entry.Place)
            + ActivityPlanLimits.Bytes(entry.Hazard) + ActivityPlanLimits.Bytes(entry.Owner) + ActivityPlanLimits.Bytes(entry.RecordedBy));
        state.Hazards.Add(entry);
        state.Exists = true;
        return entry;
    }

    /// <summary>Records that hazard <paramref name="id"/> was fixed now (<c>markHazardFixed</c>): a planner or the hazard's owner.</summary>
    /// <exception cref="CareGridException"><c>NOT_FOUND</c>; <c>FORBIDDEN</c> (<c>rule</c> <c>owner</c>); <c>VALIDATION_FAILED</c>
    /// (<c>note</c>, at most 1000 characters); <c>INVALID_TRANSITION</c> when it was fixed already (details <c>fixedAt</c>, <c>fixedBy</c>).</exception>
    public HazardEntry MarkFixed(string id, string? note, Actor actor)
    {
        var hazard = state.Hazards.FirstOrDefault(h => h.Id == id) ?? throw CareGridException.NotFound("Hazard", id);
        ActivityPlanAggregate.EnsureOwnerOrPlanner(hazard.Owner, actor, "markHazardFixed");
        var text = PersonValidation.OptionalText(note, "note", ActivityPlanLimits.MaxNote);
        if (hazard.FixedAt is { } at)
        {
            throw new CareGridException(ErrorCodes.InvalidTransition, $"markHazardFixed is not possible: hazard '{id}' was fixed already.",
                new Dictionary<string, string> { ["state"] = "FIXED", ["trigger"] = "markHazardFixed", ["fixedAt"] = at.ToString("O"), ["fixedBy"] = hazard.FixedBy ?? "" });
        }

        new ActivityPlanAggregate(state, now).EnsureRoom(ActivityPlanLimits.Bytes(actor.Subject) + ActivityPlanLimits.Bytes(text));
        hazard.FixedAt = now;
        hazard.FixedBy = actor.Subject;
        hazard.FixNote = text;
        return hazard;
    }

    /// <summary>True when a hazard is open and its fix deadline is before <paramref name="today"/> (the tenant's local date; ).</summary>
    public static bool IsOverdue(HazardEntry hazard, DateOnly today) =>
        hazard is { FixedAt: null } && hazard.FixBy < today;
}

/// <summary>A hazard to record, checked by <see cref="Check"/>.</summary>
/// <param name="Id">Local id in the unit's ledger.</param>
/// <param name="Place">Where, 1–200 characters.</param>
/// <param name="Hazard">What, 1–1000 characters.</param>
/// <param name="Owner">Who fixes it: a login sub (a member of the unit or a unit above it; the grain checks).</param>
/// <param name="FixBy">The fix deadline, a date in the tenant's time zone.</param>
[GenerateSerializer, Alias("CareGrid.NewHazard")]
public sealed record NewHazard(
    [property: Id(0)] string Id,
    [property: Id(1)] string Place,
    [property: Id(2)] string Hazard,
    [property: Id(3)] string Owner,
    [property: Id(4)] DateOnly FixBy)
{
    /// <summary>The hazard with its texts trimmed and checked.</summary>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c> naming <c>input.place</c>, <c>input.hazard</c>,
    /// <c>input.owner</c> or <c>input.fixBy</c> (2000-01-01 to 2100-12-31).</exception>
    public NewHazard Check() => this with
    {
        Place = PersonValidation.Text(Place, "input.place", ActivityPlanLimits.MaxTitle),
        Hazard = PersonValidation.Text(Hazard, "input.hazard", ActivityPlanLimits.MaxNote),
        Owner = PersonValidation.Text(Owner, "input.owner", ActivityPlanLimits.MaxTitle),
        FixBy = FixBy.Year is < 2000 or > 2100
            ? throw CareGridException.Validation("input.fixBy", "fixBy is a date from 2000-01-01 to 2100-12-31.")
            : FixBy,
    };
}
