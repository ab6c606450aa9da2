using CareGrid.Grains.Cases;

namespace CareGrid.Tests.Statistics.Recount;

/// <summary>docs/statistics.md "Cases and tasks": tasks and caseload, recounted from each case's complete task list.</summary>
public sealed partial class Recount
{
    private bool IsOverdue(CaseTask t) => t.Status == CaseTaskStatus.Open && t.DueAt < world.Now;

    /// <summary>Open and overdue tasks now (overdue: open with <c>dueAt &lt; now</c>) by kind and unit; tasks done in the period within or past their deadline, per kind.</summary>
    private void TaskFigures()
    {
        var tasks = actual.Tasks;
        if (tasks is null)
        {
            _differences.Add("tasks: missing from the report");
            return;
        }

        Same("openTasks", (long)Tasks.Count(x => x.Task.Status == CaseTaskStatus.Open), tasks.Open);
        Same("overdueTasks", (long)Tasks.Count(x => IsOverdue(x.Task)), tasks.Overdue);
        SameCounts("overdueByKind", Enum.GetValues<CaseTaskKind>().ToDictionary(k => k, k => (long)Tasks.Count(x => IsOverdue(x.Task) && x.Task.Kind == k)),
            tasks.OverdueByKind.ToDictionary(c => c.Key, c => c.Count));
        var byUnit = Tasks.Where(x => IsOverdue(x.Task)).GroupBy(x => x.Case.OrganizationId ?? "(none)")
            .ToDictionary(g => g.Key, g => $"{NameOf(g.First().Case.OrganizationId)} {g.Count()}");
        SameMap("overdueByUnit", byUnit, tasks.OverdueByUnit.ToDictionary(u => u.OrganizationId ?? "(none)", u => $"{u.Name} {u.Count}"));
        var done = Tasks.Where(x => x.Task.Status == CaseTaskStatus.Done && world.InPeriod(x.Task.ClosedAt, period)).Select(x => x.Task).ToList();
        SameMap("deadlinesByKind", Enum.GetValues<CaseTaskKind>().ToDictionary(k => k, k =>
                $"within {done.Count(t => t.Kind == k && t.ClosedAt <= t.DueAt)} past {done.Count(t => t.Kind == k && t.ClosedAt > t.DueAt)}"),
            tasks.DeadlinesByKind.ToDictionary(d => d.Kind, d => $"within {d.DoneWithin} past {d.DonePast}"));
    }

    /// <summary>Per worker (case assignee or task owner; queues as queues): open cases by risk, open and overdue tasks; most open cases first.</summary>
    private void Caseload()
    {
        if (actual.Caseload is not { } caseload)
        {
            _differences.Add("caseload: missing from the report");
            return;
        }

        var open = Cases.Where(IsOpen).ToList();
        var openTasks = Tasks.Where(x => x.Task.Status == CaseTaskStatus.Open).Select(x => x.Task).ToList();
        var workers = open.Select(c => c.AssigneeId).Concat(openTasks.Select(t => (string?)t.OwnerId)).Distinct().ToList();
        var expected = workers.Select(w => (Worker: w, Cases: open.Where(c => c.AssigneeId == w).ToList(), Tasks: openTasks.Where(t => t.OwnerId == w).ToList()))
            .OrderByDescending(w => w.Cases.Count).ThenByDescending(w => w.Tasks.Count).ThenBy(w => w.Worker is null).ThenBy(w => w.Worker, StringComparer.Ordinal)
            .Select(w => $"{w.Worker ?? "(unassigned)"} queue {w.Worker?.StartsWith("queue:", StringComparison.Ordinal) == true} cases {w.Cases.Count} "
                + $"[{string.Join(",", Enum.GetValues<RiskLevel>().Select(r => w.Cases.Count(c => !c.RiskUngraded && c.RiskLevel == r)))}] ungraded {w.Cases.Count(c => c.RiskUngraded)} tasks {w.Tasks.Count} overdue {w.Tasks.Count(IsOverdue)}")
            .ToList();
        var got = caseload.Select(w => $"{w.Worker ?? "(unassigned)"} queue {w.IsQueue} cases {w.OpenCases} "
            + $"[{string.Join(",", w.OpenCasesByRisk.Select(r => r.Count))}] ungraded {w.OpenCasesUngraded} tasks {w.OpenTasks} overdue {w.OverdueTasks}").ToList();
        SameMap("caseload", expected.ToDictionary(e => e.Split(' ')[0]), got.ToDictionary(e => e.Split(' ')[0]));
        Same("caseload order", string.Join(" | ", expected.Select(e => e.Split(' ')[0])), string.Join(" | ", got.Select(e => e.Split(' ')[0])));
    }
}
