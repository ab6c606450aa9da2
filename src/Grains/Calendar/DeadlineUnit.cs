namespace CareGrid.Grains.Calendar;

/// <summary>
/// The unit of a protocol deadline (docs/architecture.md, "TenantGrain" protocol deadlines; R-1.10 "immediately",
/// R-2.4 "within 5 working days"). The numeric values are persisted and must never change.
/// </summary>
[GenerateSerializer, Alias("CareGrid.DeadlineUnit")]
public enum DeadlineUnit
{
    /// <summary>Elapsed hours (calendar hours, including nights, weekends and holidays); see <see cref="WorkingCalendar.AddHours"/>.</summary>
    Hours = 0,

    /// <summary>Whole local calendar days; see <see cref="WorkingCalendar.AddCalendarDays"/>.</summary>
    CalendarDays = 1,

    /// <summary>Whole local working days on the tenant's calendar; see <see cref="WorkingCalendar.AddWorkingDays"/>.</summary>
    WorkingDays = 2,

    /// <summary>
    /// Elapsed minutes, for protocols that want "immediately" tighter than an hour (R-1.10: police transport or
    /// family contact within, say, 30 minutes); see <see cref="WorkingCalendar.AddMinutes"/>.
    /// </summary>
    Minutes = 3,
}
