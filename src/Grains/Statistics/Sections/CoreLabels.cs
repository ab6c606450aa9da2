namespace CareGrid.Grains.Statistics.Sections;

/// <summary>
/// Headers and cells of the case, task and caseload tables in both report languages (docs/statistics.md "Cases and tasks");
/// the labels of task kinds, risk levels and statuses are <see cref="StatisticsLabels"/>'s, the one set every table and export uses.
/// </summary>
public static class CoreLabels
{
    /// <summary>An escalation level of the three-level warning chain .</summary>
    public static LocalizedText Level(int level) => new($"Level {level}", $"第{level}级");

    /// <summary>A unit's cell: its name, else its id, else "no unit".</summary>
    public static string Unit(string? organizationId, string? name, ReportLanguage language) =>
        name ?? organizationId ?? new LocalizedText("No unit", "无所属单位").In(language);

    /// <summary>
    /// A worker's cell: a queue by its name with its id (<see cref="Queue"/>), a staff login as it is, or "unassigned".
    /// Before, the caseload table (console and exports) showed <c>queue:level-3</c> in a Chinese report (round 22 new-user trial).
    /// </summary>
    public static string Worker(string? worker, ReportLanguage language) =>
        worker is null ? new LocalizedText("Unassigned", "未分派").In(language) : Queue(worker)?.In(language) ?? worker;

    /// <summary>
    /// The name of one of the case queues (<see cref="Cases.CaseQueues"/>) in both languages, its id in brackets (what an
    /// integrator filters by), e.g. 三级预警队列（queue:level-3）; null for anything else (a staff login).
    /// </summary>
    public static LocalizedText? Queue(string? owner) => owner switch
    {
        Cases.CaseQueues.Level1 => new("Level-1 queue (queue:level-1)", "一级预警队列（queue:level-1）"),
        Cases.CaseQueues.Level2 => new("Level-2 queue (queue:level-2)", "二级预警队列（queue:level-2）"),
        Cases.CaseQueues.Level3 => new("Level-3 queue (queue:level-3)", "三级预警队列（queue:level-3）"),
        Cases.CaseQueues.Supervisor => new("Supervision queue (queue:supervisor)", "督导队列（queue:supervisor）"),
        _ => null,
    };

    /// <summary>Header "Unit".</summary>
    public static readonly LocalizedText UnitHeader = new("Unit", "单位");

    /// <summary>Header "Open cases".</summary>
    public static readonly LocalizedText OpenCases = new("Open cases", "在案个案数");

    /// <summary>Header "Task kind".</summary>
    public static readonly LocalizedText KindHeader = new("Task kind", "任务类型");

    /// <summary>Header "Overdue tasks".</summary>
    public static readonly LocalizedText OverdueTasks = new("Overdue tasks", "逾期任务数");

    /// <summary>Header "Open tasks".</summary>
    public static readonly LocalizedText OpenTasks = new("Open tasks", "未完成任务数");

    /// <summary>A row of cells.</summary>
    internal static IReadOnlyList<StatisticsCell> Row(params StatisticsCell[] cells) => cells;
}
