namespace CareGrid.Grains.GroupCrisis;

/// <summary>
/// A fixed, calendar-aligned window of the group-crisis rule (R-4.5, docs/group-crisis.md): the tenant-local days
/// <see cref="Start"/> … <see cref="Last"/>. Windows of one length tile the calendar without gaps or overlaps from
/// <see cref="Epoch"/>, so every local date lies in exactly one window — which is what makes "one alert per unit and window"
/// well defined (a rolling window has no such identity).
/// </summary>
/// <param name="Start">The first local date of the window.</param>
/// <param name="Days">Its length in days (≥ 1).</param>
public readonly record struct GroupCrisisWindow(DateOnly Start, int Days)
{
    /// <summary>The alignment origin: Monday 1 January 2024, so 7-day windows are ISO weeks (Monday to Sunday) and 1-day windows are days.</summary>
    public static readonly DateOnly Epoch = new(2024, 1, 1);

    /// <summary>The last local date of the window (inclusive).</summary>
    public DateOnly Last => Start.AddDays(Days - 1);

    /// <summary>The window of <paramref name="days"/> days that contains the local date <paramref name="date"/> (dates before the epoch too).</summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="days"/> is below 1.</exception>
    public static GroupCrisisWindow Containing(DateOnly date, int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var offset = date.DayNumber - Epoch.DayNumber;
        var index = offset >= 0 ? offset / days : -((-offset + days - 1) / days);
        return new GroupCrisisWindow(Epoch.AddDays(index * days), days);
    }

    /// <summary>True when the local date <paramref name="date"/> lies in this window.</summary>
    public bool Contains(DateOnly date) => date >= Start && date <= Last;
}
