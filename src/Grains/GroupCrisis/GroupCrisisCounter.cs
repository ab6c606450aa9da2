using CareGrid.Grains.Calendar;

namespace CareGrid.Grains.GroupCrisis;

/// <summary>What one signal did to a unit's counter (<see cref="GroupCrisisCounter.Observe"/>).</summary>
/// <param name="Changed">True when the state changed (it must be stored).</param>
/// <param name="Alert">The unit's alert for the window to raise (first time) or to update (counts grew), or null.</param>
/// <param name="Raised">True when this signal crossed the threshold: the alert is new.</param>
public sealed record GroupCrisisObservation(bool Changed, GroupCrisisAlert? Alert, bool Raised)
{
    /// <summary>Nothing changed.</summary>
    public static readonly GroupCrisisObservation None = new(false, null, false);
}

/// <summary>
/// The group-crisis rule of one unit over its <see cref="GroupCrisisUnitState"/> (R-4.5, docs/group-crisis.md): counts the
/// distinct people flagged in a census or reported about within the current fixed window (<see cref="GroupCrisisWindow"/>, in
/// the tenant's time zone) and raises the window's alert when the count reaches the tenant's threshold — once per unit and
/// window: the alert's id is made of the unit and the window's start, and the state remembers it. Later signals of the same
/// window update the alert's counts; a signal of a later window starts a new count; a late signal of an earlier window is
/// ignored (its window is over). Plain class: no storage, no grain.
/// </summary>
/// <param name="organizationId">The unit.</param>
/// <param name="state">The unit's state; changed in place.</param>
public sealed class GroupCrisisCounter(string organizationId, GroupCrisisUnitState state)
{
    /// <summary>The most people one unit's window keeps (above <see cref="GroupCrisisRule.MaxThreshold"/>); later ones are not counted (docs/storage.md).</summary>
    public const int MaxPeoplePerWindow = 2000;

    /// <summary>Counts <paramref name="signal"/> under <paramref name="rule"/> (null: <see cref="GroupCrisisRule.Default"/>) on <paramref name="calendar"/>'s time zone at <paramref name="now"/>.</summary>
    /// <exception cref="ArgumentException">When the signal names no single source.</exception>
    public GroupCrisisObservation Observe(GroupCrisisSignal signal, GroupCrisisRule? rule, WorkingCalendar calendar, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentNullException.ThrowIfNull(calendar);
        if (signal.Source is not (GroupCrisisSources.Census or GroupCrisisSources.Concern))
        {
            throw new ArgumentException("A signal has one source: Census or Concern.", nameof(signal));
        }

        rule ??= GroupCrisisRule.Default;
        if (!rule.Enabled)
        {
            return GroupCrisisObservation.None;
        }

        var window = GroupCrisisWindow.Containing(calendar.LocalDate(signal.At), rule.WindowDays);
        if (!MoveTo(window))
        {
            return GroupCrisisObservation.None; // a late signal of a window that is over
        }

        state.People.TryGetValue(signal.PersonId, out var sources);
        if ((sources & signal.Source) != 0 || (sources == GroupCrisisSources.None && state.People.Count >= MaxPeoplePerWindow))
        {
            return GroupCrisisObservation.None; // counted already, or the window is full
        }

        state.People[signal.PersonId] = sources | signal.Source;
        if (state.People.Count < rule.Threshold && state.AlertId is null)
        {
            return new GroupCrisisObservation(true, null, false);
        }

        var raised = state.AlertId is null;
        state.AlertId ??= GroupCrisisAlert.IdOf(organizationId, window.Start);
        return new GroupCrisisObservation(true, AlertOf(window, rule, now), raised);
    }

    /// <summary>
    /// Makes <paramref name="window"/> the current one; false when it ends before the current window starts (a late signal).
    /// A window of another length (the tenant changed <c>windowDays</c>) that overlaps the current one starts a new count.
    /// </summary>
    private bool MoveTo(GroupCrisisWindow window)
    {
        if (state.WindowStart is { } start && start == window.Start && state.WindowDays == window.Days)
        {
            return true;
        }

        if (state.WindowStart is { } current && window.Last < current)
        {
            return false;
        }

        state.WindowStart = window.Start;
        state.WindowDays = window.Days;
        state.People.Clear();
        state.AlertId = null;
        return true;
    }

    private GroupCrisisAlert AlertOf(GroupCrisisWindow window, GroupCrisisRule rule, DateTimeOffset now) => new(
        state.AlertId!, organizationId, window.Start, window.Days, rule.Threshold,
        state.People.Count,
        state.People.Values.Count(s => (s & GroupCrisisSources.Census) != 0),
        state.People.Values.Count(s => (s & GroupCrisisSources.Concern) != 0),
        now, now);
}
