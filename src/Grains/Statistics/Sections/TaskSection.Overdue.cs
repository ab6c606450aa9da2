using CareGrid.Grains.Cases;

namespace CareGrid.Grains.Statistics.Sections;

/// <summary>
/// The open tasks of a tenant ordered by deadline, with open and overdue counts per (unit, kind, owner) (docs/statistics.md
/// "Cases and tasks"). A task is overdue once its deadline is before now (<c>dueAt &lt; now</c>) — no event marks that
/// moment, so the counters hold "overdue as of <see cref="AsOf"/>" and <see cref="MoveTo"/> moves the tasks whose deadline
/// lies between the old and the new instant, forwards or backwards (a clock set back stays exact). The cost of a move is
/// the number of tasks whose deadline it passes, never the number of open tasks.
/// </summary>
public sealed class OpenTasks
{
    private readonly Dictionary<string, OpenTask> _tasks = new(StringComparer.Ordinal);
    private readonly SortedSet<(DateTimeOffset Due, string Id)> _byDue = new(DueOrder.Instance);

    /// <summary>The instant the overdue counters describe: every open task due before it is counted overdue.</summary>
    public DateTimeOffset AsOf { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>Open tasks by unit and (kind, owner).</summary>
    public UnitCounts<(CaseTaskKind Kind, string Owner)> Open { get; } = new();

    /// <summary>Open tasks due before <see cref="AsOf"/>, by unit and (kind, owner).</summary>
    public UnitCounts<(CaseTaskKind Kind, string Owner)> Overdue { get; } = new();

    /// <summary>Keeps (or replaces) the open task <paramref name="id"/>.</summary>
    public void Put(string id, OpenTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        Remove(id);
        _tasks[id] = task;
        _byDue.Add((task.DueAt, id));
        Open.Add(task.Unit, (task.Kind, task.Owner));
        if (task.DueAt < AsOf)
        {
            Overdue.Add(task.Unit, (task.Kind, task.Owner));
        }
    }

    /// <summary>Forgets the task <paramref name="id"/> (done, cancelled, or gone); nothing when it is not kept.</summary>
    public void Remove(string id)
    {
        if (!_tasks.Remove(id, out var task))
        {
            return;
        }

        _byDue.Remove((task.DueAt, id));
        Open.Add(task.Unit, (task.Kind, task.Owner), -1);
        if (task.DueAt < AsOf)
        {
            Overdue.Add(task.Unit, (task.Kind, task.Owner), -1);
        }
    }

    /// <summary>Makes the overdue counters describe <paramref name="now"/>.</summary>
    public void MoveTo(DateTimeOffset now)
    {
        if (now == AsOf)
        {
            return;
        }

        var forward = now > AsOf;
        var (low, high) = forward ? (AsOf, now) : (now, AsOf);
        // The tasks due in [low, high): the view's upper bound (high, "") is below every task due at high (ids are never empty).
        foreach (var (_, id) in _byDue.GetViewBetween((low, ""), (high, "")).ToList())
        {
            var task = _tasks[id];
            Overdue.Add(task.Unit, (task.Kind, task.Owner), forward ? 1 : -1);
        }

        AsOf = now;
    }

    /// <summary>Deadline first, then id in ordinal order (culture-independent).</summary>
    private sealed class DueOrder : IComparer<(DateTimeOffset Due, string Id)>
    {
        public static readonly DueOrder Instance = new();

        public int Compare((DateTimeOffset Due, string Id) x, (DateTimeOffset Due, string Id) y)
        {
            var byDue = x.Due.UtcTicks.CompareTo(y.Due.UtcTicks);
            return byDue != 0 ? byDue : string.CompareOrdinal(x.Id, y.Id);
        }
    }
}

/// <summary>What <see cref="OpenTasks"/> keeps of an open task.</summary>
/// <param name="Unit">The unit of the task's case, or null.</param>
/// <param name="Kind">The task kind.</param>
/// <param name="Owner">The owner: a staff <c>sub</c> or a queue.</param>
/// <param name="DueAt">The deadline.</param>
public sealed record OpenTask(string? Unit, CaseTaskKind Kind, string Owner, DateTimeOffset DueAt);
