using CareGrid.Grains.Calendar;
using CareGrid.Grains.Cases;
using CareGrid.Grains.ReadModel;

namespace CareGrid.Grains.Statistics.Sections;

/// <summary>
/// The overdue board (R-1.10, R-1.13, R-4.3; docs/statistics.md "Overdue board"): the tenant's open tasks ordered by due
/// instant, per unit and for the whole tenant (<see cref="DueOrder"/>). A page merges the ordered tasks of the units asked for,
/// so it costs the page and the units, never a pass over the tenant's tasks; "overdue" is measured against the now of the
/// request, so a task joins the board as the clock passes its deadline without any change being fed.
/// </summary>
public sealed class OverdueBoardSection : IStatisticsSection
{
    /// <summary>The unit key of tasks of cases without a unit (never a real unit id).</summary>
    private const string NoUnit = "\0";

    private readonly Dictionary<string, TaskRow> _open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DueOrder> _byUnit = new(StringComparer.Ordinal);
    private readonly DueOrder _all = new();

    /// <summary>How many open tasks are held.</summary>
    public int OpenCount => _open.Count;

    /// <inheritdoc />
    public void OnTask(TaskRow? before, TaskRow? after)
    {
        if (before is not null && _open.Remove(before.Id, out var held))
        {
            var key = KeyOf(held);
            _all.Remove(key);
            var unit = held.OrganizationId ?? NoUnit;
            if (_byUnit.TryGetValue(unit, out var order) && order.Remove(key) && order.Count == 0)
            {
                _byUnit.Remove(unit);
            }
        }

        if (after is { Status: CaseTaskStatus.Open })
        {
            _open[after.Id] = after;
            var key = KeyOf(after);
            _all.Add(key);
            var unit = after.OrganizationId ?? NoUnit;
            if (!_byUnit.TryGetValue(unit, out var order))
            {
                _byUnit[unit] = order = new DueOrder();
            }

            order.Add(key);
        }
    }

    /// <inheritdoc />
    public void Fill(StatisticsContext context, StatisticsReport report)
    {
        // The board is asked for by page (Page), not filled into a report.
    }

    /// <summary>The page of <paramref name="request"/> at <paramref name="now"/>, working days counted on <paramref name="calendar"/>.</summary>
    public OverdueBoardPage Page(OverdueBoardRequest request, DateTimeOffset now, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(calendar);
        var bound = DueKey.Before(now.AddHours(request.DueWithinHours).UtcTicks);
        var sources = request.OrganizationIds is null
            ? [_all]
            : request.OrganizationIds.Distinct(StringComparer.Ordinal).Select(u => _byUnit.GetValueOrDefault(u)).OfType<DueOrder>().ToList();
        DueKey? after = request.After is { } cursor ? new DueKey(cursor.DueAt.UtcTicks, cursor.TaskRowId) : null;

        var total = sources.Sum(s => s.CountBelow(bound));
        var keys = Merge(sources, after, bound).Take(request.First + 1).ToList();
        var items = keys.Take(request.First).Select(k => ItemOf(_open[k.Id], now, calendar)).ToList();
        return new OverdueBoardPage(items, total, keys.Count > request.First, now, calendar.TimeZoneId);
    }

    /// <summary>The keys of <paramref name="sources"/> strictly after <paramref name="after"/> and below <paramref name="bound"/>, in order (a k-way merge).</summary>
    private static IEnumerable<DueKey> Merge(List<DueOrder> sources, DueKey? after, DueKey bound)
    {
        var heads = new PriorityQueue<IEnumerator<DueKey>, DueKey>();
        foreach (var source in sources)
        {
            var e = source.After(after).GetEnumerator();
            if (e.MoveNext() && e.Current.CompareTo(bound) < 0)
            {
                heads.Enqueue(e, e.Current);
            }
        }

        while (heads.TryDequeue(out var e, out var key))
        {
            yield return key;
            if (e.MoveNext() && e.Current.CompareTo(bound) < 0)
            {
                heads.Enqueue(e, e.Current);
            }
        }
    }

    private static DueKey KeyOf(TaskRow row) => new(row.DueAt.UtcTicks, row.Id);

    private static OverdueBoardItem ItemOf(TaskRow row, DateTimeOffset now, WorkingCalendar calendar)
    {
        var overdue = row.DueAt < now;
        var queue = row.OwnerId.StartsWith("queue:", StringComparison.Ordinal);
        return new OverdueBoardItem(row.Id, row.CaseId, row.OrganizationId, row.RiskLevel, row.EscalationLevel, row.Kind,
            queue ? OverdueBoardOwnerKind.Queue : OverdueBoardOwnerKind.Staff, queue ? row.OwnerId : null, row.DueAt,
            MinutesLate: overdue ? (long)(now - row.DueAt).TotalMinutes : 0,
            WorkingDaysLate: overdue ? WorkingDaysBetween(calendar, row.DueAt, now) : 0,
            MinutesLeft: overdue ? 0 : (long)(row.DueAt - now).TotalMinutes,
            Overdue: overdue)
        {
            RiskUngraded = row.RiskUngraded,
            DaysLate = overdue ? DaysBetween(calendar, row.DueAt, now) : 0,
        };
    }

    /// <summary>
    /// Calendar days D with local date(<paramref name="from"/>) &lt; D ≤ local date(<paramref name="to"/>), working or not: the
    /// elapsed lateness a run of holidays does not hide (<see cref="OverdueBoardItem.DaysLate"/>); 0 when <paramref name="to"/>
    /// is on or before <paramref name="from"/>'s day.
    /// </summary>
    public static int DaysBetween(WorkingCalendar calendar, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return Math.Max(0, calendar.LocalDate(to).DayNumber - calendar.LocalDate(from).DayNumber);
    }

    /// <summary>
    /// Working days D with local date(<paramref name="from"/>) &lt; D ≤ local date(<paramref name="to"/>): how many working days
    /// have begun since the deadline's day (its day never counts, as in <see cref="WorkingCalendar.AddWorkingDays"/>); counted up
    /// to <see cref="WorkingCalendar.MaxDays"/> days, so a page costs at most that per item.
    /// </summary>
    public static int WorkingDaysBetween(WorkingCalendar calendar, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var day = calendar.LocalDate(from);
        var last = calendar.LocalDate(to);
        var count = 0;
        for (var steps = 0; day < last && steps < WorkingCalendar.MaxDays; steps++)
        {
            day = day.AddDays(1);
            if (calendar.IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }
}
