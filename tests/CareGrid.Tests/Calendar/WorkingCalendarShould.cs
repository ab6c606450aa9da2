using System.Globalization;
using CareGrid.Grains.Calendar;
using CareGrid.Grains.Errors;
using CareGrid.Tests.Screening;

namespace CareGrid.Tests.Calendar;

// Working-day calendar for protocol deadlines: R-2.4 "within 5 working days", R-1.10 "immediately";
// docs/architecture.md "TenantGrain" (working-day calendar: weekends, holidays).
[Trait("tier", "domain")]
public class WorkingCalendarShould
{
    private static readonly WorkingCalendar Shanghai = new("Asia/Shanghai");

    // China's 2024 National Day schedule: 1–7 October off, make-up workdays Sunday 29 September and Saturday 12 October.
    private static readonly WorkingCalendar China2024 = new(
        "Asia/Shanghai",
        holidays: Enumerable.Range(1, 7).Select(d => new DateOnly(2024, 10, d)),
        extraWorkingDays: [new DateOnly(2024, 9, 29), new DateOnly(2024, 10, 12)]);

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    private static DateOnly Day(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    [Fact]
    public void Resolve_IANA_time_zones_with_invariant_globalization_on()
    {
        Assert.True(AppContext.TryGetSwitch("System.Globalization.Invariant", out var invariant) && invariant);

        Assert.Equal(TimeSpan.FromHours(8), Shanghai.TimeZone.BaseUtcOffset);
        Assert.Equal(TimeSpan.FromHours(1), new WorkingCalendar("Europe/Berlin").TimeZone.BaseUtcOffset);
    }

    [Theory]
    [InlineData("2024-03-04", true)]  // Monday
    [InlineData("2024-03-08", true)]  // Friday
    [InlineData("2024-03-09", false)] // Saturday
    [InlineData("2024-03-10", false)] // Sunday
    public void Treat_Saturday_and_Sunday_as_the_default_weekend(string date, bool working)
    {
        Assert.Equal(working, Shanghai.IsWorkingDay(Day(date)));
        Assert.Equal([DayOfWeek.Sunday, DayOfWeek.Saturday], Shanghai.WeekendDays);
    }

    [Theory]
    [InlineData("2024-10-01", false)] // Tuesday, National Day
    [InlineData("2024-10-07", false)] // Monday, holiday
    [InlineData("2024-10-08", true)]  // Tuesday
    [InlineData("2024-09-29", true)]  // Sunday, make-up workday
    [InlineData("2024-10-12", true)]  // Saturday, make-up workday
    [InlineData("2024-10-13", false)] // Sunday
    public void Honour_holidays_and_make_up_working_days(string date, bool working)
    {
        Assert.Equal(working, China2024.IsWorkingDay(Day(date)));
    }

    [Fact]
    public void Support_a_custom_weekend()
    {
        var fridaySaturday = new WorkingCalendar("Asia/Shanghai", weekendDays: [DayOfWeek.Friday, DayOfWeek.Saturday]);

        Assert.False(fridaySaturday.IsWorkingDay(Day("2024-03-08")));
        Assert.True(fridaySaturday.IsWorkingDay(Day("2024-03-10")));
        Assert.True(new WorkingCalendar("UTC", weekendDays: []).IsWorkingDay(Day("2024-03-09")));
    }

    [Fact]
    public void Due_5_working_days_after_a_Friday_afternoon_at_the_end_of_the_next_Friday()
    {
        // Friday 15:00 local → end of next Friday = Saturday 00:00 local = Friday 16:00 UTC.
        var due = Shanghai.AddWorkingDays(At("2024-03-08T15:00:00+08:00"), 5);

        Assert.Equal(At("2024-03-15T16:00:00Z"), due);
        Assert.Equal(TimeSpan.Zero, due.Offset);
    }

    [Theory]
    [InlineData("2024-03-08T00:00:00+08:00")] // Friday at midnight
    [InlineData("2024-03-08T23:59:59+08:00")] // Friday late in the evening
    [InlineData("2024-03-09T10:00:00+08:00")] // Saturday: the start day never counts
    [InlineData("2024-03-10T23:00:00+08:00")] // Sunday late evening
    public void Not_count_the_start_day_whatever_the_time_or_whether_it_is_a_working_day(string start)
    {
        Assert.Equal(At("2024-03-15T16:00:00Z"), Shanghai.AddWorkingDays(At(start), 5));
    }

    [Fact]
    public void Count_from_the_local_date_not_the_UTC_date_for_an_early_morning_start_east_of_UTC()
    {
        // Monday 00:30 in Shanghai is still Sunday 16:30 in UTC: the start day is Monday, so Tuesday counts first.
        var due = Shanghai.AddWorkingDays(At("2024-03-10T16:30:00Z"), 5);

        Assert.Equal(At("2024-03-18T16:00:00Z"), due); // end of Monday 18 March local
    }

    [Fact]
    public void Count_from_the_local_date_for_a_late_evening_start_west_of_UTC_across_a_DST_change()
    {
        // Friday 8 March 21:00 in New York is Saturday 02:00 UTC; the start day is Friday, so Monday is the
        // first working day. US DST begins Sunday 10 March: Monday ends at Tuesday 00:00 EDT (UTC-4).
        var newYork = new WorkingCalendar("America/New_York");

        var due = newYork.AddWorkingDays(At("2024-03-08T21:00:00-05:00"), 1);

        Assert.Equal(At("2024-03-12T04:00:00Z"), due);
    }

    [Fact]
    public void Skip_holidays_and_count_make_up_working_days()
    {
        // Discharged Monday 30 September: 1–7 October off; 8, 9, 10, 11 October, then Saturday 12 (make-up) is the 5th.
        var due = China2024.AddWorkingDays(At("2024-09-30T10:00:00+08:00"), 5);

        Assert.Equal(At("2024-10-12T16:00:00Z"), due);
    }

    [Fact]
    public void Count_a_Sunday_make_up_working_day()
    {
        // Friday 27 September: Sunday 29 (make-up) 1, Monday 30 2, then 8, 9, 10 October.
        var due = China2024.AddWorkingDays(At("2024-09-27T17:00:00+08:00"), 5);

        Assert.Equal(At("2024-10-10T16:00:00Z"), due);
    }

    [Fact]
    public void Be_due_at_once_for_zero_working_days()
    {
        var start = At("2024-03-08T15:00:00+08:00");

        var due = Shanghai.AddWorkingDays(start, 0);

        Assert.Equal(start, due);
        Assert.Equal(TimeSpan.Zero, due.Offset);
    }

    [Fact]
    public void End_working_days_at_local_midnight_in_a_DST_zone_spring_and_autumn()
    {
        // Europe/Berlin, Easter 2024 (Good Friday 29 March, Easter Monday 1 April), DST starts Sunday 31 March.
        var berlin = new WorkingCalendar("Europe/Berlin", holidays: [Day("2024-03-29"), Day("2024-04-01")]);

        Assert.Equal(At("2024-04-02T22:00:00Z"), berlin.AddWorkingDays(At("2024-03-28T10:00:00+01:00"), 1)); // end of Tue 2 April, CEST

        // DST ends Sunday 27 October: Friday 25 → Monday 28 ends at Tuesday 00:00 CET (UTC+1).
        Assert.Equal(At("2024-10-28T23:00:00Z"), berlin.AddWorkingDays(At("2024-10-25T10:00:00+02:00"), 1));
    }

    [Fact]
    public void Add_calendar_hours_as_elapsed_time_across_a_DST_change()
    {
        var berlin = new WorkingCalendar("Europe/Berlin");

        // Saturday 30 March 12:00 CET + 24 h = Sunday 31 March 11:00 UTC = 13:00 CEST (the lost hour is not added back).
        var due = berlin.AddHours(At("2024-03-30T12:00:00+01:00"), 24);

        Assert.Equal(At("2024-03-31T11:00:00Z"), due);
        Assert.Equal(TimeSpan.Zero, due.Offset);
        Assert.Equal(13, TimeZoneInfo.ConvertTime(due, berlin.TimeZone).Hour);
    }

    [Fact]
    public void Add_hours_through_weekends_and_holidays()
    {
        // Hours are calendar hours: a Friday-evening 48-hour deadline falls on Sunday, holidays or not.
        Assert.Equal(At("2024-10-06T10:00:00Z"), China2024.AddHours(At("2024-10-04T18:00:00+08:00"), 48));
        Assert.Equal(At("2024-10-04T10:00:00Z"), China2024.AddHours(At("2024-10-04T18:00:00+08:00"), 0));
    }

    [Fact]
    public void Add_calendar_days_to_the_end_of_the_local_day()
    {
        // Friday 15:00 + 3 calendar days → end of Monday local.
        Assert.Equal(At("2024-03-11T16:00:00Z"), Shanghai.AddCalendarDays(At("2024-03-08T15:00:00+08:00"), 3));
        Assert.Equal(At("2024-03-08T07:00:00Z"), Shanghai.AddCalendarDays(At("2024-03-08T15:00:00+08:00"), 0));
    }

    [Fact]
    public void Start_a_day_at_the_DST_transition_when_midnight_is_skipped()
    {
        // America/Santiago springs forward at 00:00 on 8 September 2024 (to 01:00, UTC-3): the day starts at 04:00 UTC.
        var santiago = new WorkingCalendar("America/Santiago");

        Assert.Equal(At("2024-09-08T04:00:00Z"), santiago.StartOfDay(Day("2024-09-08")));
        Assert.Equal(At("2024-09-08T04:00:00Z"), santiago.EndOfDay(Day("2024-09-07")));
        // Havana springs forward at 00:00 on 10 March 2024.
        Assert.Equal(At("2024-03-10T05:00:00Z"), new WorkingCalendar("America/Havana").StartOfDay(Day("2024-03-10")));
    }

    [Fact]
    public void Start_a_day_at_the_first_midnight_when_midnight_is_repeated()
    {
        // America/Havana falls back at 01:00 CDT on 3 November 2024 to 00:00 CST: midnight happens twice;
        // Saturday 2 November ends at the first one (04:00 UTC).
        var havana = new WorkingCalendar("America/Havana");

        Assert.Equal(At("2024-11-03T04:00:00Z"), havana.EndOfDay(Day("2024-11-02")));
    }

    [Fact]
    public void End_a_day_at_the_second_midnight_when_the_evening_before_is_repeated()
    {
        // America/Santiago falls back at 00:00 on 7 April 2024 to 23:00 on the 6th: the 6th ends at 00:00 UTC-4.
        var santiago = new WorkingCalendar("America/Santiago");

        Assert.Equal(At("2024-04-07T04:00:00Z"), santiago.EndOfDay(Day("2024-04-06")));
    }

    [Fact]
    public void Give_the_local_date_of_an_instant()
    {
        Assert.Equal(Day("2024-03-11"), Shanghai.LocalDate(At("2024-03-10T16:30:00Z")));
        Assert.Equal(Day("2024-03-10"), Shanghai.LocalDate(At("2024-03-10T15:59:59Z")));
    }

    [Theory]
    [InlineData(-1, "days cannot be negative, got -1.")]
    [InlineData(3661, "days can be at most 3660, got 3661.")]
    public void Reject_a_working_day_count_out_of_range(int days, string message)
    {
        ScreeningAssert.Invalid(() => Shanghai.AddWorkingDays(At("2024-03-08T15:00:00+08:00"), days), "days", message);
        ScreeningAssert.Invalid(() => Shanghai.AddCalendarDays(At("2024-03-08T15:00:00+08:00"), days), "days", message);
    }

    [Fact]
    public void Reject_negative_hours()
    {
        ScreeningAssert.Invalid(() => Shanghai.AddHours(At("2024-03-08T15:00:00+08:00"), -2), "hours", "hours cannot be negative, got -2.");
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("Asia/Nowhere")]
    public void Reject_an_unknown_time_zone(string id)
    {
        ScreeningAssert.Invalid(() => new WorkingCalendar(id), "timeZoneId", $"Unknown time zone '{id}': use an IANA id such as Asia/Shanghai.");
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)]
    public void Reject_a_missing_time_zone(string? id)
    {
        ScreeningAssert.Invalid(() => new WorkingCalendar(id!), "timeZoneId", "A time zone id is required (an IANA id such as Asia/Shanghai).");
    }

    [Fact]
    public void Reject_a_week_without_a_working_day()
    {
        ScreeningAssert.Invalid(
            () => new WorkingCalendar("Asia/Shanghai", weekendDays: Enum.GetValues<DayOfWeek>()),
            "weekendDays",
            "At least one day of the week must be a working day.");
    }

    [Fact]
    public void Reject_an_unknown_day_of_the_week()
    {
        ScreeningAssert.Invalid(
            () => new WorkingCalendar("Asia/Shanghai", weekendDays: [(DayOfWeek)7]),
            "weekendDays",
            "Unknown day of the week 7.");
    }

    [Fact]
    public void Reject_a_date_that_is_both_a_holiday_and_a_make_up_working_day()
    {
        ScreeningAssert.Invalid(
            () => new WorkingCalendar("Asia/Shanghai", holidays: [Day("2024-10-01")], extraWorkingDays: [Day("2024-10-01")]),
            "extraWorkingDays",
            "2024-10-01 is both a holiday and an extra working day.");
    }

    [Fact]
    public void Refuse_to_count_working_days_on_a_calendar_altered_to_have_no_working_day()
    {
        var broken = Shanghai with { WeekendDays = [.. Enum.GetValues<DayOfWeek>()] };

        ScreeningAssert.Invalid(() => broken.AddWorkingDays(At("2024-03-08T15:00:00+08:00"), 1), "weekendDays", "At least one day of the week must be a working day.");
    }

    [Fact]
    public void Let_a_holiday_win_over_a_make_up_day_on_a_calendar_altered_to_list_both()
    {
        var both = China2024 with { ExtraWorkingDays = China2024.ExtraWorkingDays.Add(Day("2024-10-01")) };

        Assert.False(both.IsWorkingDay(Day("2024-10-01")));
    }

    [Fact]
    public void Compare_by_content_not_by_set_instance_or_order()
    {
        var a = new WorkingCalendar("Asia/Shanghai", [DayOfWeek.Sunday, DayOfWeek.Saturday], [Day("2024-10-02"), Day("2024-10-01")]);
        var b = new WorkingCalendar("Asia/Shanghai", null, [Day("2024-10-01"), Day("2024-10-02")]);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { TimeZoneId = "Europe/Berlin" });
        Assert.NotEqual(a, b with { ExtraWorkingDays = [Day("2024-09-29")] });
    }

    [Fact]
    public void Provide_a_Shanghai_default()
    {
        Assert.Equal(Shanghai, WorkingCalendar.Default);
        Assert.Equal("Asia/Shanghai", WorkingCalendar.DefaultTimeZoneId);
    }

    [Fact]
    public void Round_trip_through_the_Orleans_serializer()
    {
        var copy = ScreeningAssert.RoundTrip(China2024);

        Assert.Equal(China2024, copy);
        Assert.Equal(At("2024-10-12T16:00:00Z"), copy.AddWorkingDays(At("2024-09-30T10:00:00+08:00"), 5));
    }
}
