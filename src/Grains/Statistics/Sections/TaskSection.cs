using CareGrid.Grains.Calendar;
using CareGrid.Grains.Cases;
using CareGrid.Grains.ReadModel;

namespace CareGrid.Grains.Statistics.Sections;

/// <summary>
/// Deadline tasks (R-1.10, R-2.4; docs/statistics.md "Cases and tasks"): open and overdue now by kind and unit, exact at the
/// request's now (<see cref="OpenTasks"/>), and tasks done within or past their deadline per kind, counted in the week of
/// their completion (<see cref="TaskRow.CompletedAt"/>). Derived from each row's content, so a rebuild counts what feeding counts.
/// </summary>
public sealed partial class TaskSection(WorkingCalendar calendar) : IStatisticsSection
{
    private readonly WeeklyCounts<(CaseTaskKind Kind, bool Late)> _done = new();

    /// <summary>The open tasks by deadline, with their open and overdue counters (also read by <see cref="CaseloadSection"/>).</summary>
    public OpenTasks Open { get; } = new();

    /// <inheritdoc />
    public void OnTask(TaskRow? before, TaskRow? after)
    {
        if (before is not null)
        {
            Open.Remove(before.Id);
            CountDone(before, -1);
        }

        if (after is not null)
        {
            if (after.Status == CaseTaskStatus.Open)
            {
                Open.Put(after.Id, new OpenTask(after.OrganizationId, after.Kind, after.OwnerId, after.DueAt));
            }

            CountDone(after, 1);
        }
    }

    private void CountDone(TaskRow row, long delta)
    {
        // A task done before rows carried their completion instant has no week to count in (docs/statistics.md).
        if (row.Status == CaseTaskStatus.Done && row.CompletedAt is { } completed)
        {
            _done.Add(StatisticsPeriod.WeekOf(completed, calendar), row.OrganizationId, (row.Kind, completed > row.DueAt), delta);
        }
    }

    /// <inheritdoc />
    public void Fill(StatisticsContext context, StatisticsReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        Open.MoveTo(context.Now);
        var open = Open.Open.Sum(context).Values.Sum();
        var overdueByKind = new Dictionary<CaseTaskKind, long>();
        var overdueByUnit = new Dictionary<string, (string? Unit, long Count)>(StringComparer.Ordinal);
        foreach (var (unit, (kind, _), count) in Open.Overdue.ByUnit(context))
        {
            overdueByKind[kind] = overdueByKind.GetValueOrDefault(kind) + count;
            overdueByUnit[unit ?? ""] = (unit, overdueByUnit.GetValueOrDefault(unit ?? "", (unit, 0)).Count + count);
        }

        var done = _done.Period(context);
        report.Tasks = new TaskFigures(open, overdueByKind.Values.Sum(),
            [.. Enum.GetValues<CaseTaskKind>().Select(k => new CountOf<CaseTaskKind>(k, overdueByKind.GetValueOrDefault(k)))],
            [.. overdueByUnit.Values.OrderBy(u => u.Unit is null).ThenBy(u => u.Unit, StringComparer.Ordinal).Select(u => new UnitCount(u.Unit, context.UnitName(u.Unit), u.Count))],
            [.. Enum.GetValues<CaseTaskKind>().Select(k => new DeadlineCount(k, done.GetValueOrDefault((k, false)), done.GetValueOrDefault((k, true))))]);
    }
}
