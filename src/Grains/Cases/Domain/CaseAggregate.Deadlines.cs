namespace CareGrid.Grains.Cases.Domain;

public sealed partial class CaseAggregate
{
    /// <summary>The shortest delay a deadline reminder is registered with, so a deadline already past fires at once but not in the same turn.</summary>
    public static readonly TimeSpan MinimumReminderDelay = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Escalates each open task past its deadline at <see cref="Now"/> that was not escalated yet — once (R-1.10 deadlines,
    /// docs/deadline-sweep.md): the task goes to the queue above its owner (<see cref="CaseQueues.Above"/>: level 1 →
    /// level 2 → level 3 → supervisor; a named owner counts at the case's level) with its original owner kept, a
    /// <c>TaskOverdue</c> entry is recorded, and a case below level 3 rises to the level of that queue.
    /// </summary>
    /// <returns>How many tasks were escalated (0 when nothing was due; then nothing changed).</returns>
    public int CheckDeadlines()
    {
        var escalated = 0;
        for (var i = 0; i < State.Tasks.Count; i++)
        {
            var task = State.Tasks[i];
            if (!task.IsOverdue(Now) || task.EscalationCount > 0)
            {
                continue;
            }

            var to = CaseQueues.Above(task.OwnerId, State.EscalationLevel);
            var moved = task with { EscalationCount = 1, EscalatedAt = Now, OriginalOwnerId = task.OwnerId, OwnerId = to };
            State.Tasks[i] = moved;
            Change.TasksEscalated.Add(moved);
            Record("system", "TaskOverdue", $"{task.Id} {task.Kind} was due {task.DueAt:O}; escalated from {task.OwnerId} to {to}");
            if (State.EscalationLevel < 3 && to is CaseQueues.Level2 or CaseQueues.Level3)
            {
                var level = to == CaseQueues.Level2 ? 2 : 3;
                Record("system", "Escalate", $"level {State.EscalationLevel} → {level}: overdue task {task.Id}");
                State.EscalationLevel = level;
            }

            escalated++;
        }

        return escalated;
    }

    /// <summary>True when an open task is past its deadline at <see cref="Now"/> and not escalated yet (<see cref="CheckDeadlines"/> would act).</summary>
    public bool HasUnescalatedOverdueTasks => State.Tasks.Exists(t => t.EscalationCount == 0 && t.IsOverdue(Now));

    /// <summary>
    /// The earliest deadline (UTC) of an open task not escalated yet — when the deadline reminder is due — or null when
    /// there is none (the reminder is then removed).
    /// </summary>
    public DateTimeOffset? NextDeadline
    {
        get
        {
            DateTimeOffset? next = null;
            foreach (var task in State.Tasks)
            {
                if (task.Status == CaseTaskStatus.Open && task.EscalationCount == 0 && (next is null || task.DueAt < next))
                {
                    next = task.DueAt;
                }
            }

            return next;
        }
    }

    /// <summary>The delay to register the reminder with for a deadline at <paramref name="due"/>: the time left, at least <see cref="MinimumReminderDelay"/>.</summary>
    public static TimeSpan ReminderDelay(DateTimeOffset due, DateTimeOffset now)
    {
        var delay = due - now;
        return delay < MinimumReminderDelay ? MinimumReminderDelay : delay;
    }
}
