namespace CareGrid.Grains.Cases.Domain;

/// <summary>A follow-up visit task a command asks the case's task rules to create .</summary>
/// <param name="DueAt">When it is due (UTC).</param>
/// <param name="OwnerId">Its owner: the case's assignee, else the queue of its escalation level.</param>
public sealed record FollowUpTask(DateTimeOffset DueAt, string OwnerId);
