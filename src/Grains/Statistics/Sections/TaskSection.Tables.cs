namespace CareGrid.Grains.Statistics.Sections;

/// <summary>The tables of <see cref="StatisticsReport.Tasks"/> (docs/statistics.md "Cases and tasks").</summary>
public sealed partial class TaskSection
{
    /// <summary>The tables of <see cref="StatisticsReport.Tasks"/>: overdue tasks by kind and by unit, deadlines met per kind.</summary>
    public static IEnumerable<StatisticsTable> Tables(StatisticsReport report, ReportLanguage language)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Tasks is not { } tasks)
        {
            yield break;
        }

        string L(string en, string zh) => new LocalizedText(en, zh).In(language);
        var overdue = CoreLabels.OverdueTasks.In(language);
        yield return new StatisticsTable("overdue-tasks-by-kind", L("Overdue tasks by kind (now)", "按任务类型统计的逾期任务（当前）"), [CoreLabels.KindHeader.In(language), overdue],
            [.. tasks.OverdueByKind.Select(k => CoreLabels.Row(StatisticsCell.Of(StatisticsLabels.Kind(k.Key).In(language)), StatisticsCell.Of(k.Count)))]);
        yield return new StatisticsTable("overdue-tasks-by-unit", L("Overdue tasks by unit (now)", "按单位统计的逾期任务（当前）"), [CoreLabels.UnitHeader.In(language), overdue],
            [.. tasks.OverdueByUnit.Select(u => CoreLabels.Row(StatisticsCell.Of(CoreLabels.Unit(u.OrganizationId, u.Name, language)), StatisticsCell.Of(u.Count)))]);
        yield return new StatisticsTable("task-deadlines-by-kind", L("Tasks done within and past their deadline (period)", "按期与逾期完成的任务（统计期内）"),
            [CoreLabels.KindHeader.In(language), L("Done within deadline", "按期完成"), L("Done past deadline", "逾期完成")],
            [.. tasks.DeadlinesByKind.Select(d => CoreLabels.Row(StatisticsCell.Of(StatisticsLabels.Kind(d.Kind).In(language)), StatisticsCell.Of(d.DoneWithin), StatisticsCell.Of(d.DonePast)))]);
    }
}
