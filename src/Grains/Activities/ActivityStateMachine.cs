using Stateless;

namespace CareGrid.Grains.Activities;

/// <summary>
/// The lifecycle of one activity of a unit's plan as a Stateless machine (R-7.1, docs/activities.md):
/// <c>Planned → InProgress → Done</c>, <c>Planned | InProgress → Cancelled</c>. Done and Cancelled permit nothing.
/// </summary>
internal static class ActivityStateMachine
{
    /// <summary>The machine over an activity's status, read and written through <paramref name="read"/>/<paramref name="write"/>.</summary>
    public static StateMachine<ActivityStatus, ActivityTrigger> Build(Func<ActivityStatus> read, Action<ActivityStatus> write)
    {
        var m = new StateMachine<ActivityStatus, ActivityTrigger>(read, write);
        m.Configure(ActivityStatus.Planned)
            .Permit(ActivityTrigger.Start, ActivityStatus.InProgress)
            .Permit(ActivityTrigger.Cancel, ActivityStatus.Cancelled);
        m.Configure(ActivityStatus.InProgress)
            .Permit(ActivityTrigger.Complete, ActivityStatus.Done)
            .Permit(ActivityTrigger.Cancel, ActivityStatus.Cancelled);
        m.Configure(ActivityStatus.Done);
        m.Configure(ActivityStatus.Cancelled);
        return m;
    }

    /// <summary>The trigger that moves an activity to <paramref name="target"/>, or null for <c>Planned</c> (no trigger leads back).</summary>
    public static ActivityTrigger? TriggerFor(ActivityStatus target) => target switch
    {
        ActivityStatus.InProgress => ActivityTrigger.Start,
        ActivityStatus.Done => ActivityTrigger.Complete,
        ActivityStatus.Cancelled => ActivityTrigger.Cancel,
        _ => null,
    };
}
