using System.Globalization;
using CareGrid.Grains.Calendar;
using CareGrid.Tests.Screening;

namespace CareGrid.Tests.Calendar;

// Protocol deadlines from tenant settings: R-2.4 (5 working days), R-1.10 ("immediately").
[Trait("tier", "domain")]
public class DeadlineSpecShould
{
    private static readonly WorkingCalendar Shanghai = new("Asia/Shanghai");

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    [Fact]
    public void R2_4_discharge_hand_over_falls_due_at_the_end_of_the_5th_working_day()
    {
        var handOver = new DeadlineSpec(5, DeadlineUnit.WorkingDays);

        Assert.Equal(At("2024-03-15T16:00:00Z"), handOver.Due(At("2024-03-08T15:00:00+08:00"), Shanghai));
    }

    [Fact]
    public void R1_10_immediately_is_zero_hours_and_due_at_the_start()
    {
        var immediately = new DeadlineSpec(0, DeadlineUnit.Hours);

        Assert.Equal(At("2024-03-08T07:00:00Z"), immediately.Due(At("2024-03-08T15:00:00+08:00"), Shanghai));
    }

    [Theory]
    [InlineData(24, DeadlineUnit.Hours, "2024-03-09T07:00:00Z")]
    [InlineData(30, DeadlineUnit.Minutes, "2024-03-08T07:30:00Z")]
    [InlineData(3, DeadlineUnit.CalendarDays, "2024-03-11T16:00:00Z")]
    [InlineData(1, DeadlineUnit.WorkingDays, "2024-03-11T16:00:00Z")]
    [InlineData(0, DeadlineUnit.WorkingDays, "2024-03-08T07:00:00Z")]
    public void Compute_the_due_instant_per_unit(int amount, DeadlineUnit unit, string expected)
    {
        var due = new DeadlineSpec(amount, unit).Due(At("2024-03-08T15:00:00+08:00"), Shanghai);

        Assert.Equal(At(expected), due);
        Assert.Equal(TimeSpan.Zero, due.Offset);
    }

    [Theory]
    [InlineData(DeadlineUnit.Hours)]
    [InlineData(DeadlineUnit.CalendarDays)]
    [InlineData(DeadlineUnit.WorkingDays)]
    [InlineData(DeadlineUnit.Minutes)]
    public void Reject_a_negative_amount(DeadlineUnit unit)
    {
        ScreeningAssert.Invalid(() => new DeadlineSpec(-1, unit), "amount", "A deadline amount cannot be negative, got -1.");
    }

    [Fact]
    public void Reject_an_amount_above_the_cap()
    {
        ScreeningAssert.Invalid(() => new DeadlineSpec(3661, DeadlineUnit.WorkingDays), "amount", "A deadline in WorkingDays can be at most 3660, got 3661.");
        ScreeningAssert.Invalid(() => new DeadlineSpec(87841, DeadlineUnit.Hours), "amount", "A deadline in Hours can be at most 87840, got 87841.");
        Assert.Equal(87840, new DeadlineSpec(87840, DeadlineUnit.Hours).Amount);
        ScreeningAssert.Invalid(() => new DeadlineSpec(5270401, DeadlineUnit.Minutes), "amount", "A deadline in Minutes can be at most 5270400, got 5270401.");
    }

    [Fact]
    public void Reject_an_unknown_unit()
    {
        ScreeningAssert.Invalid(() => new DeadlineSpec(1, (DeadlineUnit)9), "unit", "Unknown deadline unit 9.");
    }

    [Fact]
    public void Recheck_a_spec_altered_with_a_with_expression()
    {
        var altered = new DeadlineSpec(5, DeadlineUnit.WorkingDays) with { Amount = -3 };

        ScreeningAssert.Invalid(() => altered.Due(At("2024-03-08T15:00:00+08:00"), Shanghai), "amount", "A deadline amount cannot be negative, got -3.");
    }

    [Fact]
    public void Keep_value_equality_and_deconstruction()
    {
        var (amount, unit) = new DeadlineSpec(5, DeadlineUnit.WorkingDays);

        Assert.Equal(5, amount);
        Assert.Equal(DeadlineUnit.WorkingDays, unit);
        Assert.Equal(new DeadlineSpec(5, DeadlineUnit.WorkingDays), new DeadlineSpec(5, DeadlineUnit.WorkingDays));
    }

    [Fact]
    public void Round_trip_through_the_Orleans_serializer()
    {
        var spec = new DeadlineSpec(5, DeadlineUnit.WorkingDays);

        Assert.Equal(spec, ScreeningAssert.RoundTrip(spec));
    }
}
