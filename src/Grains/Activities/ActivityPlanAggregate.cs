using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.People;
using CareGrid.Grains.Security;

namespace CareGrid.Grains.Activities;

/// <summary>
/// The rules of a unit's activity plan (R-7.1, docs/activities.md) over its <see cref="ActivityPlanState"/> at one instant:
/// adding activities (one by one or from a template), moving them through <see cref="ActivityStateMachine"/>, adding
/// evidence notes, and the bounds of <see cref="ActivityPlanLimits"/>. Touches no storage: <see cref="ActivityPlanGrain"/>
/// checks the unit and the owner, calls it, and saves. A refused command throws a <see cref="CareGridException"/> before
/// anything changes.
/// </summary>
/// <param name="state">The unit's state; commands change it in place.</param>
/// <param name="now">The instant of the command (UTC, domain clock).</param>
public sealed class ActivityPlanAggregate(ActivityPlanState state, DateTimeOffset now)
{
    /// <summary>Roles that plan a unit's activities and may change any of them (the leadership, grade leaders, psychology teachers).</summary>
    public static readonly IReadOnlyList<string> Planners = [Roles.TenantAdmin, Roles.Supervisor, Roles.Coordinator, Roles.Counsellor, Roles.Clinician];

    /// <summary>Adds <paramref name="activity"/> (checked by <see cref="NewActivity.Check"/>) to the plan.</summary>
    /// <exception cref="CareGridException"><c>ALREADY_EXISTS</c> for a used id; <c>VALIDATION_FAILED</c> (<c>organizationId</c>)
    /// past <see cref="ActivityPlanLimits.MaxActivities"/>; <c>STORAGE_LIMIT</c> past the byte estimate.</exception>
    public ActivityEntry Add(NewActivity activity, Actor actor) => AddAll([activity], actor)[0];

    /// <summary>Adds every activity of <paramref name="activities"/> at once, or none.</summary>
    /// <exception cref="CareGridException">As <see cref="Add"/>.</exception>
    public IReadOnlyList<ActivityEntry> AddAll(IReadOnlyList<NewActivity> activities, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(activities);
        ArgumentNullException.ThrowIfNull(actor);
        foreach (var a in activities)
        {
            if (state.Activities.Any(x => x.Id == a.Id) || activities.Count(x => x.Id == a.Id) > 1)
            {
                throw new CareGridException(ErrorCodes.AlreadyExists, $"Activity '{a.Id}' already exists in this unit's plan.",
                    new Dictionary<string, string> { ["entity"] = "Activity", ["id"] = a.Id });
            }
        }

        if (state.Activities.Count + activities.Count > ActivityPlanLimits.MaxActivities)
        {
            throw CareGridException.Validation("organizationId",
                $"A unit's activity plan holds at most {ActivityPlanLimits.MaxActivities} activities (docs/activities.md); this one has {state.Activities.Count}.");
        }

        var added = activities.Select(a => new ActivityEntry
        {
            Id = a.Id, Title = a.Title, TitleZh = a.TitleZh, Description = a.Description, Owner = a.Owner, DueOn = a.DueOn,
            Status = ActivityStatus.Planned, CreatedAt = now, CreatedBy = actor.Subject, TemplateItem = a.TemplateItem,
        }).ToList();
        EnsureRoom(added.Sum(e => 96L + ActivityPlanLimits.Bytes(e.Id) + ActivityPlanLimits.Bytes(e.Title) + ActivityPlanLimits.Bytes(e.TitleZh)
            + ActivityPlanLimits.Bytes(e.Description) + ActivityPlanLimits.Bytes(e.Owner) + ActivityPlanLimits.Bytes(e.CreatedBy) + ActivityPlanLimits.Bytes(e.TemplateItem)));
        state.Activities.AddRange(added);
        state.Exists = true;
        return added;
    }

    /// <summary>
    /// Moves activity <paramref name="id"/> to <paramref name="target"/> (<c>setActivityStatus</c>): a planner, or the
    /// activity's owner. Setting the status it has is a no-op.
    /// </summary>
    /// <exception cref="CareGridException"><c>NOT_FOUND</c>; <c>FORBIDDEN</c> (<c>rule</c> <c>owner</c>) for a caller who is
    /// neither; <c>INVALID_TRANSITION</c> for a move the lifecycle does not allow (e.g. back to <c>PLANNED</c>, or out of <c>DONE</c>).</exception>
    public ActivityEntry SetStatus(string id, ActivityStatus target, Actor actor)
    {
        var activity = Find(id);
        EnsureOwnerOrPlanner(activity.Owner, actor, "setActivityStatus");
        if (activity.Status == target)
        {
            return activity;
        }

        var machine = ActivityStateMachine.Build(() => activity.Status, s => activity.Status = s);
        if (ActivityStateMachine.TriggerFor(target) is not { } trigger || !machine.CanFire(trigger))
        {
            var possible = machine.Permitted().Select(t => Name(t switch
            {
                ActivityTrigger.Start => ActivityStatus.InProgress,
                ActivityTrigger.Complete => ActivityStatus.Done,
                _ => ActivityStatus.Cancelled,
            })).Order(StringComparer.Ordinal).ToList();
            throw new CareGridException(ErrorCodes.InvalidTransition,
                $"setActivityStatus(status: {Name(target)}) is not possible while the activity is {Name(activity.Status)}."
                + (possible.Count > 0 ? $" Possible now: status {string.Join(" or ", possible)}." : " A DONE or CANCELLED activity does not change."),
                new Dictionary<string, string> { ["state"] = Name(activity.Status), ["trigger"] = "setActivityStatus", ["permittedStatuses"] = string.Join(",", possible) });
        }

        machine.Fire(trigger);
        if (activity.Status is ActivityStatus.Done or ActivityStatus.Cancelled)
        {
            activity.ClosedAt = now;
        }

        return activity;
    }

    /// <summary>Adds an evidence note (1–<see cref="ActivityPlanLimits.MaxNote"/> characters) to activity <paramref name="id"/>: a planner or the owner, at any status.</summary>
    /// <exception cref="CareGridException"><c>NOT_FOUND</c>; <c>FORBIDDEN</c> (<c>rule</c> <c>owner</c>); <c>VALIDATION_FAILED</c>
    /// (<c>note</c>: its length, or past <see cref="ActivityPlanLimits.MaxEvidence"/> notes); <c>STORAGE_LIMIT</c>.</exception>
    public ActivityEntry AddEvidence(string id, string? note, Actor actor)
    {
        var activity = Find(id);
        EnsureOwnerOrPlanner(activity.Owner, actor, "addActivityEvidence");
        var text = PersonValidation.Text(note, "note", ActivityPlanLimits.MaxNote);
        if (activity.Evidence.Count >= ActivityPlanLimits.MaxEvidence)
        {
            throw CareGridException.Validation("note", $"An activity keeps at most {ActivityPlanLimits.MaxEvidence} evidence notes; put more in one note.");
        }

        EnsureRoom(24L + ActivityPlanLimits.Bytes(actor.Subject) + ActivityPlanLimits.Bytes(text));
        activity.Evidence.Add(new EvidenceNote(now, actor.Subject, text));
        return activity;
    }

    /// <summary>True when an activity is overdue on <paramref name="today"/> (the tenant's local date): it has a deadline
    /// before today and is neither done nor cancelled (R-7.1; an ongoing activity is never overdue).</summary>
    public static bool IsOverdue(ActivityEntry activity, DateOnly today) =>
        activity is { DueOn: { } due, Status: ActivityStatus.Planned or ActivityStatus.InProgress } && due < today;

    /// <summary>Refuses a caller who is neither a planner nor <paramref name="owner"/>.</summary>
    /// <exception cref="CareGridException"><c>FORBIDDEN</c> with <c>rule</c> <c>owner</c>.</exception>
    internal static void EnsureOwnerOrPlanner(string owner, Actor actor, string mutation)
    {
        if (!actor.HasAny(Planners) && !string.Equals(owner, actor.Subject, StringComparison.Ordinal))
        {
            throw new CareGridException(ErrorCodes.Forbidden,
                $"{mutation} is for the owner named on the record or a planner (TenantAdmin, Supervisor, Coordinator, Counsellor, Clinician).",
                new Dictionary<string, string> { ["rule"] = "owner" });
        }
    }

    /// <summary>Refuses a change that would pass <see cref="ActivityPlanLimits.MaxStateBytes"/>.</summary>
    /// <exception cref="CareGridException"><c>STORAGE_LIMIT</c>.</exception>
    internal void EnsureRoom(long more)
    {
        if (ActivityPlanLimits.EstimatedBytes(state) + more > ActivityPlanLimits.MaxStateBytes)
        {
            throw new CareGridException(ErrorCodes.StorageLimit,
                "This unit's activity plan and hazard ledger are full (docs/activities.md): write shorter notes, or keep further activities in a unit below it.");
        }
    }

    /// <summary>The schema spelling of a status (<c>IN_PROGRESS</c>).</summary>
    public static string Name(ActivityStatus status) => status switch
    {
        ActivityStatus.InProgress => "IN_PROGRESS",
        _ => status.ToString().ToUpperInvariant(),
    };

    private ActivityEntry Find(string id) =>
        state.Activities.FirstOrDefault(a => a.Id == id) ?? throw CareGridException.NotFound("Activity", id);
}

/// <summary>An activity to add, checked by <see cref="NewActivity.Check"/>.</summary>
/// <param name="Id">Local id in the unit's plan.</param>
/// <param name="Title">1–200 characters.</param>
/// <param name="TitleZh">Simplified Chinese title, 1–200 characters, or null.</param>
/// <param name="Description">At most 1000 characters, or null.</param>
/// <param name="Owner">The owner's login sub (a member of the unit or a unit above it; the grain checks).</param>
/// <param name="DueOn">The deadline (a date in the tenant's time zone), or null for an ongoing activity.</param>
/// <param name="TemplateItem">The template item's code, or null.</param>
[GenerateSerializer, Alias("CareGrid.NewActivity")]
public sealed record NewActivity(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string? TitleZh,
    [property: Id(3)] string? Description,
    [property: Id(4)] string Owner,
    [property: Id(5)] DateOnly? DueOn,
    [property: Id(6)] string? TemplateItem = null)
{
    /// <summary>The activity with its texts trimmed and checked.</summary>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c> naming <c>input.title</c>, <c>input.titleZh</c>,
    /// <c>input.description</c>, <c>input.owner</c> or <c>input.dueOn</c> (2000-01-01 to 2100-12-31).</exception>
    public NewActivity Check() => this with
    {
        Title = PersonValidation.Text(Title, "input.title", ActivityPlanLimits.MaxTitle),
        TitleZh = PersonValidation.OptionalText(TitleZh, "input.titleZh", ActivityPlanLimits.MaxTitle),
        Description = PersonValidation.OptionalText(Description, "input.description", ActivityPlanLimits.MaxNote),
        Owner = PersonValidation.Text(Owner, "input.owner", ActivityPlanLimits.MaxTitle),
        DueOn = DueOn is { } d && (d.Year < 2000 || d.Year > 2100)
            ? throw CareGridException.Validation("input.dueOn", "dueOn is a date from 2000-01-01 to 2100-12-31, or null for an ongoing activity.")
            : DueOn,
    };
}
