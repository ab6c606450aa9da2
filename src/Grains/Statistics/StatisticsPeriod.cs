using CareGrid.Grains.Calendar;
using CareGrid.Grains.Errors;

namespace CareGrid.Grains.Statistics;

/// <summary>
/// The period of flow figures (cases reported, closed, reopened; deadlines met): whole ISO weeks, Monday to Sunday, in the
/// tenant's time zone — never finer than a week, so a figure cannot single out a day's events (docs/statistics.md).
/// Snapshot figures (open cases, overdue tasks, caseload) are "now" whatever the period.
/// </summary>
/// <param name="From">The first day, a Monday.</param>
/// <param name="To">The last day, a Sunday, on or after <paramref name="From"/>.</param>
[GenerateSerializer, Alias("CareGrid.StatisticsPeriod"), Immutable]
public sealed record StatisticsPeriod([property: Id(0)] DateOnly From, [property: Id(1)] DateOnly To)
{
    /// <summary>Most weeks one period spans (a year and a day).</summary>
    public const int MaxWeeks = 53;

    /// <summary>Weeks of the default period: the current week and the three before it.</summary>
    public const int DefaultWeeks = 4;

    /// <summary>How many weeks the period spans.</summary>
    public int Weeks => (To.DayNumber - From.DayNumber + 1) / 7;

    /// <summary>The Mondays of the period's weeks, oldest first.</summary>
    public IEnumerable<DateOnly> Mondays()
    {
        for (var d = From; d <= To; d = d.AddDays(7))
        {
            yield return d;
        }
    }

    /// <summary>True when <paramref name="week"/> (a Monday) is one of the period's weeks.</summary>
    public bool Contains(DateOnly week) => week >= From && week <= To;

    /// <summary>The Monday of the ISO week holding <paramref name="day"/>.</summary>
    public static DateOnly WeekOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>The Monday of the tenant-local week in which <paramref name="instant"/> falls on <paramref name="calendar"/>.</summary>
    public static DateOnly WeekOf(DateTimeOffset instant, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return WeekOf(calendar.LocalDate(instant));
    }

    /// <summary>The <see cref="DefaultWeeks"/> weeks up to and including the one holding <paramref name="now"/>.</summary>
    public static StatisticsPeriod Default(DateTimeOffset now, WorkingCalendar calendar)
    {
        var monday = WeekOf(now, calendar);
        return new StatisticsPeriod(monday.AddDays(-7 * (DefaultWeeks - 1)), monday.AddDays(6));
    }

    /// <summary>
    /// The period from day <paramref name="from"/> to day <paramref name="to"/>: <paramref name="from"/> must be a Monday and
    /// <paramref name="to"/> a Sunday on or after it, spanning at most <see cref="MaxWeeks"/> weeks.
    /// </summary>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c> naming <c>period.from</c> or <c>period.to</c> otherwise.</exception>
    public static StatisticsPeriod Of(DateOnly from, DateOnly to)
    {
        if (from.DayOfWeek != DayOfWeek.Monday)
        {
            throw CareGridException.Validation("period.from", $"A period starts on a Monday (whole weeks, never finer); {from:yyyy-MM-dd} is a {from.DayOfWeek}. Use {WeekOf(from):yyyy-MM-dd}.");
        }

        if (to.DayOfWeek != DayOfWeek.Sunday || to < from)
        {
            throw CareGridException.Validation("period.to", $"A period ends on a Sunday on or after period.from (whole weeks); {to:yyyy-MM-dd} is a {to.DayOfWeek}. Use {WeekOf(to).AddDays(6):yyyy-MM-dd}.");
        }

        var period = new StatisticsPeriod(from, to);
        if (period.Weeks > MaxWeeks)
        {
            throw CareGridException.Validation("period", $"A period spans at most {MaxWeeks} weeks; this one spans {period.Weeks}.");
        }

        return period;
    }
}
