namespace CareGrid.Grains.Activities;

/// <summary>The status of an activity of a unit's plan: <c>Planned → InProgress → Done | Cancelled</c>, and <c>Planned → Cancelled</c>.</summary>
[GenerateSerializer, Alias("CareGrid.ActivityStatus")]
public enum ActivityStatus
{
    /// <summary>Planned, not started.</summary>
    Planned = 0,
    /// <summary>Under way.</summary>
    InProgress = 1,
    /// <summary>Done (with its evidence notes).</summary>
    Done = 2,
    /// <summary>Cancelled; kept in the plan.</summary>
    Cancelled = 3,
}

/// <summary>Triggers of <see cref="ActivityStateMachine"/>: the <c>status</c> a client sends to <c>setActivityStatus</c>.</summary>
[GenerateSerializer, Alias("CareGrid.ActivityTrigger")]
public enum ActivityTrigger
{
    /// <summary>Planned → InProgress.</summary>
    Start = 0,
    /// <summary>InProgress → Done.</summary>
    Complete = 1,
    /// <summary>Planned or InProgress → Cancelled.</summary>
    Cancel = 2,
}
