using CareGrid.Grains.Errors;

namespace CareGrid.Grains.Calendar;

/// <summary>
/// A protocol deadline as configured in tenant settings, e.g. <c>new DeadlineSpec(5, DeadlineUnit.WorkingDays)</c>
/// for the discharge hand-over of, or <c>new DeadlineSpec(0, DeadlineUnit.Hours)</c> for "immediately".
/// </summary>
/// <param name="Amount">How many <paramref name="Unit"/>s: 0 means due at once; at most <see cref="MaxAmount"/> for the unit.</param>
/// <param name="Unit">The unit of <paramref name="Amount"/>.</param>
/// <exception cref="CareGridException">
/// <see cref="ErrorCodes.ValidationFailed"/> with field <c>amount</c> when <paramref name="Amount"/> is negative or above
/// <see cref="MaxAmount"/> for the unit, or field <c>unit</c> when <paramref name="Unit"/> is not a defined unit.
/// </exception>
[GenerateSerializer, Alias("CareGrid.DeadlineSpec")]
public sealed record DeadlineSpec(int Amount, DeadlineUnit Unit)
{
    /// <summary>How many <see cref="Unit"/>s; validated on construction, 0 = due at once.</summary>
    [Id(0)]
    public int Amount { get; init; } = Validate(Amount, Unit);

    /// <summary>The unit of <see cref="Amount"/>.</summary>
    [Id(1)]
    public DeadlineUnit Unit { get; init; } = Unit;

    /// <summary>
    /// The largest amount accepted for a unit: <see cref="WorkingCalendar.MaxDays"/> days (about ten years) for
    /// <see cref="DeadlineUnit.CalendarDays"/> and <see cref="DeadlineUnit.WorkingDays"/>, and as many hours for
    /// <see cref="DeadlineUnit.Hours"/> and minutes for <see cref="DeadlineUnit.Minutes"/>. No protocol deadline is
    /// that long; the cap bounds the computation.
    /// </summary>
    /// <param name="unit">The unit.</param>
    /// <returns>The inclusive maximum.</returns>
    public static int MaxAmount(DeadlineUnit unit) => unit switch
    {
        DeadlineUnit.Hours => WorkingCalendar.MaxHours,
        DeadlineUnit.Minutes => WorkingCalendar.MaxMinutes,
        _ => WorkingCalendar.MaxDays,
    };

    /// <summary>
    /// When a deadline counted from <paramref name="from"/> falls due on the tenant's calendar, as a UTC instant.
    /// Semantics per unit: <see cref="WorkingCalendar.AddMinutes"/>, <see cref="WorkingCalendar.AddHours"/>,
    /// <see cref="WorkingCalendar.AddCalendarDays"/>, <see cref="WorkingCalendar.AddWorkingDays"/>.
    /// </summary>
    /// <param name="from">The instant the clock starts (e.g. the discharge time); any offset.</param>
    /// <param name="calendar">The tenant's working calendar (time zone, weekends, holidays, make-up working days).</param>
    /// <returns>The due instant with offset zero (UTC).</returns>
    /// <exception cref="CareGridException"><see cref="ErrorCodes.ValidationFailed"/> for an invalid amount or unit (a
    /// spec altered with <c>with</c> is re-checked) or an unknown calendar time zone.</exception>
    public DateTimeOffset Due(DateTimeOffset from, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        Validate(Amount, Unit);
        return Unit switch
        {
            DeadlineUnit.Minutes => calendar.AddMinutes(from, Amount),
            DeadlineUnit.Hours => calendar.AddHours(from, Amount),
            DeadlineUnit.CalendarDays => calendar.AddCalendarDays(from, Amount),
            _ => calendar.AddWorkingDays(from, Amount),
        };
    }

    private static int Validate(int amount, DeadlineUnit unit)
    {
        if (!Enum.IsDefined(unit))
        {
            throw CareGridException.Validation("unit", $"Unknown deadline unit {(int)unit}.");
        }

        if (amount < 0)
        {
            throw CareGridException.Validation("amount", $"A deadline amount cannot be negative, got {amount}.");
        }

        var max = MaxAmount(unit);
        if (amount > max)
        {
            throw CareGridException.Validation("amount", $"A deadline in {unit} can be at most {max}, got {amount}.");
        }

        return amount;
    }
}
