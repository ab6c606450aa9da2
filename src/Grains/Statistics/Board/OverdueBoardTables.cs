using System.Globalization;
using System.Runtime.CompilerServices;
using CareGrid.Grains.Calendar;
using CareGrid.Grains.Cases;

namespace CareGrid.Grains.Statistics;

/// <summary>
/// The overdue board as <see cref="StatisticsTable"/> pages (key <c>overdue-board</c>) for exports (<c>overdue-board.csv</c>,
/// <c>.xlsx</c>; docs/statistics.md "Overdue board"): labels in the requested language, no names, no person ids, no free text.
/// </summary>
public static class OverdueBoardTables
{
    /// <summary>The table key (the export's file and sheet name stem).</summary>
    public const string Key = "overdue-board";

    /// <summary>
    /// Every page of the board of <paramref name="request"/> (its <c>After</c> is where the first page starts), read from
    /// <paramref name="board"/> one page at a time and yielded as a table, so a large tenant's export streams; the last table may
    /// be empty only when the board is. The board moves with the clock between pages; the cursor keeps its order stable.
    /// </summary>
    /// <param name="board">The board's pages: <see cref="ITenantStatisticsGrain.Board"/> of the tenant's statistics grain.</param>
    /// <param name="request">The checked request (<see cref="OverdueBoardRequest.Of"/>); its <c>First</c> is the page size.</param>
    /// <param name="unitNames">Unit names by id (the tenant's organizations).</param>
    /// <param name="language">The language of titles, headers and labels.</param>
    /// <param name="cancellationToken">Stops between pages.</param>
    public static async IAsyncEnumerable<StatisticsTable> PagesAsync(Func<OverdueBoardRequest, Task<OverdueBoardPage>> board, OverdueBoardRequest request,
        IReadOnlyDictionary<string, string> unitNames, ReportLanguage language, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(request);
        var next = request;
        var first = true;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await board(next);
            if (page.Items.Count > 0 || first)
            {
                yield return Table(page, unitNames, language);
            }

            if (!page.HasNextPage || page.EndCursor is null)
            {
                yield break;
            }

            first = false;
            next = next with { After = page.EndCursor };
        }
    }

    /// <summary>One page as a table: one row per item, in the board's order.</summary>
    public static StatisticsTable Table(OverdueBoardPage page, IReadOnlyDictionary<string, string> unitNames, ReportLanguage language)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(unitNames);
        var zone = new WorkingCalendar(page.TimeZoneId).TimeZone;
        string[] columns =
        [
            L("Case", "个案"), L("Unit", "单位"), L("Risk level", "风险等级"), L("Escalation level", "预警级别"), L("Task", "任务"),
            L("Owner", "负责方"), L("Due (local time)", "截止时间（当地）"), L("Overdue", "是否逾期"), L("Minutes late", "逾期分钟数"),
            L("Days late", "逾期自然日数"), L("Working days late", "逾期工作日数"), L("Minutes left", "剩余分钟数"),
        ];
        var rows = page.Items.Select(i => (IReadOnlyList<StatisticsCell>)
        [
            StatisticsCell.Of(i.CaseId),
            StatisticsCell.Of(i.OrganizationId is null ? L("(no unit)", "（无单位）") : unitNames.GetValueOrDefault(i.OrganizationId, i.OrganizationId)),
            StatisticsCell.Of(StatisticsLabels.Risk(i.RiskUngraded ? null : i.RiskLevel).In(language)),
            StatisticsCell.Of(i.EscalationLevel),
            StatisticsCell.Of(StatisticsLabels.Kind(i.Kind).In(language)),
            StatisticsCell.Of(OverdueBoardLabels.Owner(i).In(language)),
            StatisticsCell.Of(TimeZoneInfo.ConvertTime(i.DueAt, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)),
            StatisticsCell.Of(i.Overdue ? L("yes", "是") : L("no", "否")),
            StatisticsCell.Of(i.MinutesLate),
            StatisticsCell.Of(i.DaysLate),
            StatisticsCell.Of(i.WorkingDaysLate),
            StatisticsCell.Of(i.MinutesLeft),
        ]).ToList();
        return new StatisticsTable(Key, L("Overdue board (now)", "逾期任务看板（当前）"), columns, rows);

        string L(string en, string zh) => new LocalizedText(en, zh).In(language);
    }
}

/// <summary>Labels of the overdue board's owners in both report languages (docs/statistics.md "Overdue board"); kinds and risk levels are <see cref="StatisticsLabels"/>'s.</summary>
public static class OverdueBoardLabels
{
    /// <summary>Who holds the task: the queue's name, or "a named staff member" — never which one.</summary>
    public static LocalizedText Owner(OverdueBoardItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.OwnerQueue switch
        {
            null => new("A named staff member", "指定工作人员"),
            var queue => Sections.CoreLabels.Queue(queue) ?? new(queue, queue),
        };
    }
}
