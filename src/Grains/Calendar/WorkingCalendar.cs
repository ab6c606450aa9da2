using System.Collections.Concurrent;
using System.Collections.Immutable;
using CareGrid.Grains.Errors;

namespace CareGrid.Grains.Calendar;

/// <summary>
/// A tenant's working-day calendar (docs/architecture.md, "TenantGrain" settings): its time zone, weekly rest days,
/// public holidays and extra (make-up) working days. Protocol deadlines such as R-2.4's "within 5 working
/// days" are computed on it, in the tenant's local time.
/// </summary>
/// <remarks>
/// <para><b>Working day.</b> A local date is a working day when it is not a holiday and either falls on a
/// weekday that is not a weekend day or is listed as an extra working day. Extra working days model the
/// make-up workdays of China's holiday schedule (e.g. a Sunday worked to bridge a Golden Week holiday).
/// A date may not be both a holiday and an extra working day; should one get in anyway (via <c>with</c>),
/// the holiday wins.</para>
/// <para><b>Time zone.</b> <see cref="TimeZoneId"/> is an IANA id ("Asia/Shanghai", "Europe/Berlin"), resolved
/// with <see cref="TimeZoneInfo.FindSystemTimeZoneById(string)"/> from the host's tz database
/// (<c>/usr/share/zoneinfo</c> on Linux; it works with <c>InvariantGlobalization</c>, which only disables ICU —
/// but a container image must ship tzdata). Every method returns instants with offset zero (UTC); local
/// dates are those of the tenant's time zone, whatever the offset of the input.</para>
/// <para><b>Deadline semantics.</b> Day-based deadlines end at the <i>end of a local day</i>, that is the first
/// instant of the next local day (local midnight, or the DST transition instant when a clock change skips or
/// repeats midnight). <c>N</c> working days from a start instant end at the end of the N-th working day
/// <i>after</i> the start's local date; the start day itself never counts, whether or not it is a working day
/// and whatever the time of day. Example (Asia/Shanghai, weekend Saturday–Sunday): a start on Friday at 15:00
/// with 5 working days is due at the end of the next Friday, i.e. Saturday 00:00 local = Friday 16:00 UTC.
/// A start at 00:30 local on a Monday counts from that Monday (Tuesday is the first working day), even though
/// it is still Sunday in UTC. An amount of 0 is due at once: the start instant itself.</para>
/// </remarks>
[GenerateSerializer, Alias("CareGrid.WorkingCalendar")]
public sealed record WorkingCalendar
{
    /// <summary>The time zone of a calendar built without one in seeds and tests: <c>Asia/Shanghai</c> (UTC+8, no DST).</summary>
    public const string DefaultTimeZoneId = "Asia/Shanghai";

    /// <summary>The largest day count the day-based methods accept (about ten years); no protocol deadline is that long.</summary>
    public const int MaxDays = 3660;

    /// <summary>The largest hour count <see cref="AddHours"/> accepts: <see cref="MaxDays"/> × 24.</summary>
    public const int MaxHours = MaxDays * 24;

    /// <summary>The largest minute count <see cref="AddMinutes"/> accepts: <see cref="MaxHours"/> × 60.</summary>
    public const int MaxMinutes = MaxHours * 60;

    private static readonly ConcurrentDictionary<string, TimeZoneInfo> TimeZones = new(StringComparer.Ordinal);

    /// <summary>
    /// Creates a validated calendar.
    /// </summary>
    /// <param name="timeZoneId">An IANA time zone id, e.g. <c>Asia/Shanghai</c>.</param>
    /// <param name="weekendDays">The weekly rest days; <c>null</c> means Saturday and Sunday, an empty list means none.</param>
    /// <param name="holidays">Public holidays (local dates); <c>null</c> means none.</param>
    /// <param name="extraWorkingDays">Make-up working days falling on weekend days (local dates); <c>null</c> means none.</param>
    /// <exception cref="CareGridException">
    /// <see cref="ErrorCodes.ValidationFailed"/> with field <c>timeZoneId</c> (missing or unknown id), <c>weekendDays</c>
    /// (an undefined day, or all seven days, which would leave no working day) or <c>extraWorkingDays</c> (a date that
    /// is also a holiday).
    /// </exception>
    public WorkingCalendar(
        string timeZoneId,
        IEnumerable<DayOfWeek>? weekendDays = null,
        IEnumerable<DateOnly>? holidays = null,
        IEnumerable<DateOnly>? extraWorkingDays = null)
    {
        ResolveTimeZone(timeZoneId);
        TimeZoneId = timeZoneId;
        WeekendDays = weekendDays is null ? [DayOfWeek.Saturday, DayOfWeek.Sunday] : [.. weekendDays];
        Holidays = holidays is null ? [] : [.. holidays];
        ExtraWorkingDays = extraWorkingDays is null ? [] : [.. extraWorkingDays];

        foreach (var day in WeekendDays)
        {
            if (!Enum.IsDefined(day))
            {
                throw CareGridException.Validation("weekendDays", $"Unknown day of the week {(int)day}.");
            }
        }

        RequireSomeWorkingWeekday();

        var clash = Holidays.Intersect(ExtraWorkingDays);
        if (!clash.IsEmpty)
        {
            throw CareGridException.Validation(
                "extraWorkingDays",
                $"{clash.Min:yyyy-MM-dd} is both a holiday and an extra working day.");
        }
    }

    /// <summary>A calendar in <see cref="DefaultTimeZoneId"/> with a Saturday–Sunday weekend and no holidays.</summary>
    public static WorkingCalendar Default { get; } = new(DefaultTimeZoneId);

    /// <summary>The IANA id of the tenant's time zone, e.g. <c>Asia/Shanghai</c>.</summary>
    [Id(0)]
    public string TimeZoneId { get; init; }

    /// <summary>The weekly rest days (default Saturday and Sunday).</summary>
    [Id(1)]
    public ImmutableSortedSet<DayOfWeek> WeekendDays { get; init; }

    /// <summary>Public holidays: local dates that are never working days.</summary>
    [Id(2)]
    public ImmutableSortedSet<DateOnly> Holidays { get; init; }

    /// <summary>Extra (make-up) working days: local dates worked although they fall on a weekend day.</summary>
    [Id(3)]
    public ImmutableSortedSet<DateOnly> ExtraWorkingDays { get; init; }

    /// <summary>The resolved time zone of <see cref="TimeZoneId"/>.</summary>
    /// <exception cref="CareGridException"><see cref="ErrorCodes.ValidationFailed"/> (field <c>timeZoneId</c>) for an unknown id.</exception>
    public TimeZoneInfo TimeZone => ResolveTimeZone(TimeZoneId);

    /// <summary>Whether a local date is a working day (see the type's remarks for the rule).</summary>
    /// <param name="date">A date in the tenant's time zone.</param>
    /// <returns>True for a working day; false for a weekend day (unless an extra working day) or a holiday.</returns>
    public bool IsWorkingDay(DateOnly date) =>
        !Holidays.Contains(date) && (ExtraWorkingDays.Contains(date) || !WeekendDays.Contains(date.DayOfWeek));

    /// <summary>The tenant-local date of an instant.</summary>
    /// <param name="instant">Any instant, in any offset.</param>
    /// <returns>The date the tenant's wall clock shows at <paramref name="instant"/>.</returns>
    /// <exception cref="CareGridException"><see cref="ErrorCodes.ValidationFailed"/> (field <c>timeZoneId</c>) for an unknown time zone.</exception>
    public DateOnly LocalDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);

    /// <summary>
    /// The first instant of a local date: local midnight, or — when a DST change skips or repeats midnight in
    /// the tenant's zone — the earliest instant at which the wall clock shows <paramref name="date"/> or later.
    /// The end of day D is <c>StartOfDay(D + 1)</c>.
    /// </summary>
    /// <param name="date">A date in the tenant's time zone.</param>
    /// <returns>The instant, with offset zero (UTC).</returns>
    /// <exception cref="CareGridException"><see cref="ErrorCodes.ValidationFailed"/> (field <c>timeZoneId</c>) for an unknown time zone.</exception>
    public DateTimeOffset StartOfDay(DateOnly date)
    {
        var zone = TimeZone;
        var midnight = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        if (!zone.IsInvalidTime(midnight) && !zone.IsAmbiguousTime(midnight))
        {
            return new DateTimeOffset(DateTime.SpecifyKind(midnight - zone.GetUtcOffset(midnight), DateTimeKind.Utc));
        }

        // A clock change at midnight: find the first UTC tick whose local date is `date` or later. Offsets lie
        // within UTC-12..UTC+14, so 16 hours either side of midnight-as-UTC brackets the answer.
        var asUtc = DateTime.SpecifyKind(midnight, DateTimeKind.Utc);
        var low = asUtc.AddHours(-16).Ticks;   // local date still before `date`
        var high = asUtc.AddHours(16).Ticks;   // local date already `date` or later
        while (high - low > 1)
        {
            var mid = low + ((high - low) / 2);
            var local = TimeZoneInfo.ConvertTimeFromUtc(new DateTime(mid, DateTimeKind.Utc), zone);
            if (DateOnly.FromDateTime(local) >= date)
            {
                high = mid;
            }
            else
            {
                low = mid;
            }
        }

        return new DateTimeOffset(new DateTime(high, DateTimeKind.Utc));
    }

    /// <summary>The end of a local date: the first instant of the next local date (see <see cref="StartOfDay"/>).</summary>
    /// <param name="date">A date in the tenant's time zone.</param>
    /// <returns>The instant, with offset zero (UTC).</returns>
    /// <exception cref="CareGridException"><see cref="ErrorCodes.ValidationFailed"/> (field <c>timeZoneId</c>) for an unknown time zone.</exception>
    public DateTimeOffset EndOfDay(DateOnly date) => StartOfDay(date.AddDays(1));

    /// <summary>
    /// A working-day deadline (R-2.4 "within 5 working days"): the end of the <paramref name="days"/>-th working
    /// day after the local date of <paramref name="start"/> (the start day never counts). 0 days is due at once.
    /// </summary>
    /// <param name="start">When the clock starts; any offset.</param>
    /// <param name="days">Working days allowed, 0–<see cref="MaxDays"/>.</param>
    /// <returns>The deadline with offset zero (UTC); <paramref name="start"/> converted to UTC when <paramref name="days"/> is 0.</returns>
    /// <exception cref="CareGridException"><see cref="ErrorCodes.ValidationFailed"/> with field <c>days</c> (negative or above
    /// <see cref="MaxDays"/>), <c>weekendDays</c> (no working weekday left) or <c>timeZoneId</c> (unknown time zone).</exception>
    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int days)
    {
        RequireAmount("days", days, MaxDays);
        RequireSomeWorkingWeekday();
        if (days == 0)
        {
            return start.ToUniversalTime();
        }

        // Terminates: at least one weekday works every week and the holiday set is finite.
        var date = LocalDate(start);
        var counted = 0;
        while (counted < days)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                counted++;
            }
        }

        return EndOfDay(date);
    }

    /// <summary>
    /// A calendar-day deadline: the end of the local date <paramref name="days"/> days after the local date of
    /// <paramref name="start"/>, weekends and holidays included. 0 days is due at once.
    /// </summary>
    /// <param name="start">When the clock starts; any offset.</param>
    /// <param name="days">Calendar days allowed, 0–<see cref="MaxDays"/>.</param>
    /// <returns>The deadline with offset zero (UTC); <paramref name="start"/> converted to UTC when <paramref name="days"/> is 0.</returns>
    /// <exception cref="CareGridException"><see cref="ErrorCodes.ValidationFailed"/> with field <c>days</c> (negative or above
    /// <see cref="MaxDays"/>) or <c>timeZoneId</c> (unknown time zone).</exception>
    public DateTimeOffset AddCalendarDays(DateTimeOffset start, int days)
    {
        RequireAmount("days", days, MaxDays);
        return days == 0 ? start.ToUniversalTime() : EndOfDay(LocalDate(start).AddDays(days));
    }

    /// <summary>
    /// An hour-based deadline: <paramref name="hours"/> elapsed hours after <paramref name="start"/> (calendar hours:
    /// nights, weekends and holidays count; a DST change does not stretch or shrink them, so the local wall-clock
    /// time of the result may differ by the DST shift). Independent of the time zone.
    /// </summary>
    /// <param name="start">When the clock starts; any offset.</param>
    /// <param name="hours">Hours allowed, 0–<see cref="MaxHours"/>; 0 means at once.</param>
    /// <returns><paramref name="start"/> plus <paramref name="hours"/> hours, with offset zero (UTC).</returns>
    /// <exception cref="CareGridException"><see cref="ErrorCodes.ValidationFailed"/> with field <c>hours</c> (negative or above <see cref="MaxHours"/>).</exception>
    public DateTimeOffset AddHours(DateTimeOffset start, int hours)
    {
        RequireAmount("hours", hours, MaxHours);
        return start.ToUniversalTime().AddHours(hours);
    }

    /// <summary>
    /// A minute-based deadline: <paramref name="minutes"/> elapsed minutes after <paramref name="start"/> (like
    /// <see cref="AddHours"/>: calendar time, independent of the time zone).
    /// </summary>
    /// <param name="start">When the clock starts; any offset.</param>
    /// <param name="minutes">Minutes allowed, 0–<see cref="MaxMinutes"/>; 0 means at once.</param>
    /// <returns><paramref name="start"/> plus <paramref name="minutes"/> minutes, with offset zero (UTC).</returns>
    /// <exception cref="CareGridException"><see cref="ErrorCodes.ValidationFailed"/> with field <c>minutes</c> (negative or above <see cref="MaxMinutes"/>).</exception>
    public DateTimeOffset AddMinutes(DateTimeOffset start, int minutes)
    {
        RequireAmount("minutes", minutes, MaxMinutes);
        return start.ToUniversalTime().AddMinutes(minutes);
    }

    /// <summary>Value equality: same time zone id and the same sets of weekend days, holidays and extra working days.</summary>
    /// <param name="other">The calendar to compare with.</param>
    /// <returns>True when both describe the same calendar.</returns>
    public bool Equals(WorkingCalendar? other) =>
        other is not null
        && string.Equals(TimeZoneId, other.TimeZoneId, StringComparison.Ordinal)
        && WeekendDays.SetEquals(other.WeekendDays)
        && Holidays.SetEquals(other.Holidays)
        && ExtraWorkingDays.SetEquals(other.ExtraWorkingDays);

    /// <summary>A hash consistent with <see cref="Equals(WorkingCalendar?)"/>.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(TimeZoneId, StringComparer.Ordinal);
        foreach (var day in WeekendDays)
        {
            hash.Add(day);
        }

        foreach (var date in Holidays)
        {
            hash.Add(date);
        }

        hash.Add(-1);
        foreach (var date in ExtraWorkingDays)
        {
            hash.Add(date);
        }

        return hash.ToHashCode();
    }

    private static TimeZoneInfo ResolveTimeZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw CareGridException.Validation("timeZoneId", "A time zone id is required (an IANA id such as Asia/Shanghai).");
        }

        if (TimeZones.TryGetValue(id, out var cached))
        {
            return cached;
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            throw CareGridException.Validation("timeZoneId", $"Unknown time zone '{id}': use an IANA id such as Asia/Shanghai.");
        }

        return TimeZones.GetOrAdd(id, zone);
    }

    private static void RequireAmount(string field, int amount, int max)
    {
        if (amount < 0)
        {
            throw CareGridException.Validation(field, $"{field} cannot be negative, got {amount}.");
        }

        if (amount > max)
        {
            throw CareGridException.Validation(field, $"{field} can be at most {max}, got {amount}.");
        }
    }

    private void RequireSomeWorkingWeekday()
    {
        if (Enum.GetValues<DayOfWeek>().All(WeekendDays.Contains))
        {
            throw CareGridException.Validation("weekendDays", "At least one day of the week must be a working day.");
        }
    }
}
