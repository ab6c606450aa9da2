using CareGrid.Grains.Cases;
using CareGrid.Grains.ReadModel;

namespace CareGrid.Grains.Statistics.Sections;

/// <summary>
/// Caseload per worker now, for balancing (R-2.8; docs/statistics.md "Cases and tasks"): open cases by risk level (not yet graded apart) per
/// assignee, open and overdue tasks per owner; queues (<c>queue:…</c>) listed as queues. Workers are staff logins — never
/// the people served. Open tasks come from <paramref name="tasks"/>'s counters, so they are kept once.
/// </summary>
/// <param name="tasks">The task section whose open tasks and overdue counters are read.</param>
public sealed class CaseloadSection(TaskSection tasks) : IStatisticsSection
{
    private readonly UnitCounts<(string? Worker, RiskLevel? Risk)> _cases = new();

    /// <inheritdoc />
    public void OnCase(CaseRow? before, CaseRow? after)
    {
        if (before is { Status: not CaseStatus.Closed })
        {
            _cases.Add(before.OrganizationId, (before.AssigneeId, StatisticsRisk.Of(before)), -1);
        }

        if (after is { Status: not CaseStatus.Closed })
        {
            _cases.Add(after.OrganizationId, (after.AssigneeId, StatisticsRisk.Of(after)));
        }
    }

    /// <inheritdoc />
    public void Fill(StatisticsContext context, StatisticsReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        tasks.Open.MoveTo(context.Now);
        var workers = new Dictionary<string, Load>(StringComparer.Ordinal);
        Load Of(string? worker) => workers.TryGetValue(worker ?? "", out var load) ? load : workers[worker ?? ""] = new Load(worker);
        foreach (var ((worker, risk), count) in _cases.Sum(context))
        {
            Of(worker).ByRisk[risk is { } graded ? (int)graded : Load.UngradedIndex] += count;
        }

        foreach (var ((_, owner), count) in tasks.Open.Open.Sum(context))
        {
            Of(owner).OpenTasks += count;
        }

        foreach (var ((_, owner), count) in tasks.Open.Overdue.Sum(context))
        {
            Of(owner).OverdueTasks += count;
        }

        report.Caseload = [.. workers.Values
            .OrderByDescending(w => w.ByRisk.Sum()).ThenByDescending(w => w.OpenTasks).ThenBy(w => w.Worker is null).ThenBy(w => w.Worker, StringComparer.Ordinal)
            .Select(w => new WorkerCaseload(w.Worker, IsQueue(w.Worker), w.ByRisk.Sum(),
                [.. Enum.GetValues<RiskLevel>().Select(r => new CountOf<RiskLevel>(r, w.ByRisk[(int)r]))], w.OpenTasks, w.OverdueTasks)
            {
                OpenCasesUngraded = w.ByRisk[Load.UngradedIndex],
            })];
    }

    /// <summary>True for a queue owner or assignee (<c>queue:level-3</c>, …; <see cref="CaseQueues"/>).</summary>
    public static bool IsQueue(string? worker) => worker is not null && worker.StartsWith("queue:", StringComparison.Ordinal);

    private sealed class Load(string? worker)
    {
        public string? Worker { get; } = worker;

        /// <summary>Where the cases not yet graded are counted in <see cref="ByRisk"/>: after the levels.</summary>
        public static readonly int UngradedIndex = Enum.GetValues<RiskLevel>().Length;

        public long[] ByRisk { get; } = new long[UngradedIndex + 1];

        public long OpenTasks { get; set; }

        public long OverdueTasks { get; set; }
    }

    /// <summary>The table of <see cref="StatisticsReport.Caseload"/>: one row per worker (a staff login, a queue, or unassigned).</summary>
    public static IEnumerable<StatisticsTable> Tables(StatisticsReport report, ReportLanguage language)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Caseload is not { } caseload)
        {
            yield break;
        }

        string L(string en, string zh) => new LocalizedText(en, zh).In(language);
        yield return new StatisticsTable("caseload", L("Caseload per worker (now)", "工作人员个案负荷（当前）"),
            [L("Worker (login or queue)", "工作人员（登录名或队列）"), L("Queue", "队列"), CoreLabels.OpenCases.In(language),
                .. Enum.GetValues<RiskLevel>().Select(r => L("Open cases: ", "在案个案：") + StatisticsLabels.Risk(r).In(language)),
                L("Open cases: ", "在案个案：") + StatisticsLabels.Ungraded.In(language),
                CoreLabels.OpenTasks.In(language), CoreLabels.OverdueTasks.In(language)],
            [.. caseload.Select(w => (IReadOnlyList<StatisticsCell>)[StatisticsCell.Of(CoreLabels.Worker(w.Worker, language)), StatisticsCell.Of(w.IsQueue ? L("yes", "是") : L("no", "否")),
                StatisticsCell.Of(w.OpenCases), .. w.OpenCasesByRisk.Select(r => StatisticsCell.Of(r.Count)), StatisticsCell.Of(w.OpenCasesUngraded), StatisticsCell.Of(w.OpenTasks), StatisticsCell.Of(w.OverdueTasks)])]);
    }
}
