using CareGrid.Grains.Calendar;

namespace CareGrid.Grains.Statistics;

/// <summary>
/// The plain computations of the timeliness statistics (docs/statistics.md "Timeliness"): ISO weeks, durations in minutes
/// and in working-day minutes on a tenant's <see cref="WorkingCalendar"/>, and exact nearest-rank percentiles over
/// <see cref="MinuteCounts"/>.
/// </summary>
public static class StatisticsMath
{
    /// <summary>Minutes in a working day of the working-day duration (a whole working day counts 1440).</summary>
    public const int MinutesPerDay = 1440;

    /// <summary>The Monday of the ISO week (Monday..Sunday) holding <paramref name="date"/>.</summary>
    public static DateOnly WeekOf(DateOnly date) => StatisticsPeriod.WeekOf(date);

    /// <summary>The Monday of the ISO week holding the local date of <paramref name="at"/> in the IANA zone <paramref name="timeZoneId"/>.</summary>
    public static DateOnly WeekOf(DateTimeOffset at, string timeZoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        return WeekOf(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime));
    }

    /// <summary>Whole minutes from <paramref name="from"/> to <paramref name="to"/>, rounded down; 0 when <paramref name="to"/> is not later.</summary>
    public static long Minutes(DateTimeOffset from, DateTimeOffset to) => to <= from ? 0 : (long)(to - from).TotalMinutes;

    /// <summary>
    /// The working-day duration of [<paramref name="from"/>, <paramref name="to"/>) in working-day minutes: for every local
    /// date of the tenant's calendar that is a working day, the share of that day the interval covers (its overlap divided
    /// by the day's length, so a 23- or 25-hour DST day counts 1 when covered whole), times <see cref="MinutesPerDay"/>;
    /// summed and rounded to the nearest minute. Divide by <see cref="MinutesPerDay"/> for working days. Weekend days and
    /// holidays add nothing; make-up working days count. 0 when <paramref name="to"/> is not later.
    /// </summary>
    /// <example>Friday 12:00 to Monday 12:00 local, Saturday–Sunday weekend: half of Friday plus half of Monday = 1440 (1 working day).</example>
    public static long WorkingMinutes(WorkingCalendar calendar, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (to <= from)
        {
            return 0;
        }

        var total = 0.0;
        var last = calendar.LocalDate(to);
        for (var day = calendar.LocalDate(from); day <= last; day = day.AddDays(1))
        {
            if (!calendar.IsWorkingDay(day))
            {
                continue;
            }

            var (start, end) = (calendar.StartOfDay(day), calendar.EndOfDay(day));
            var overlap = (Min(to, end) - Max(from, start)).TotalMinutes;
            if (overlap > 0)
            {
                total += overlap / (end - start).TotalMinutes * MinutesPerDay;
            }
        }

        return (long)Math.Round(total, MidpointRounding.AwayFromZero);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
