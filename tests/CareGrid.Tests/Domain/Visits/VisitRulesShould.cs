using CareGrid.Grains.Errors;
using CareGrid.Grains.Visits;

namespace CareGrid.Tests.Domain.Visits;

/// <summary>
/// The visit log without a silo (R-6.2, R-7.3, R-2.2; docs/visits.md): what a visit may say, a retry answers the logged visit,
/// the log refuses past its cap, and the month masks coverage is counted from pick exactly the days of a period.
/// </summary>
[Trait("tier", "domain")]
public sealed class VisitRulesShould
{
    private static readonly DateOnly Today = new(2026, 11, 30);
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 1, 0, 0, TimeSpan.Zero);

    private static (Visit Visit, bool Added) Log(PersonVisitsState state, LogVisit input) =>
        VisitRules.Log(state, "p-1", "class-1", input, Today, "teacher@school", Now, "visit-new");

    [Fact]
    public void Log_a_visit_on_the_persons_unit_and_answer_a_retry_with_the_same_visit()
    {
        var state = new PersonVisitsState();
        var (visit, added) = Log(state, new LogVisit("v1", VisitKind.HomeVisit, Today.AddDays(-3), "  Grandmother cares for him.  "));
        Assert.True(added);
        Assert.Equal(("v1", "class-1", "Grandmother cares for him.", "teacher@school"), (visit.Id, visit.OrganizationId, visit.Note, visit.LoggedBy));

        var (again, addedAgain) = Log(state, new LogVisit("v1", VisitKind.HomeVisit, Today.AddDays(-3), "Grandmother cares for him."));
        Assert.False(addedAgain);
        Assert.Same(visit, again);
        Assert.Single(state.Visits);

        var clash = Assert.Throws<CareGridException>(() => Log(state, new LogVisit("v1", VisitKind.OneToOneTalk, Today, null)));
        Assert.Equal((ErrorCodes.AlreadyExists, "input.id"), (clash.Code, clash.Details["field"]));
        Assert.Single(state.Visits);
    }

    [Theory]
    [InlineData(1, null, "input.on")]
    [InlineData(-367, null, "input.on")]
    [InlineData(0, "bad id!", "input.id")]
    public void Refuse_a_day_outside_the_window_or_a_bad_id_and_change_nothing(int days, string? id, string field)
    {
        var state = new PersonVisitsState();
        var error = Assert.Throws<CareGridException>(() => Log(state, new LogVisit(id, VisitKind.GroupActivity, Today.AddDays(days), null)));
        Assert.Equal((ErrorCodes.ValidationFailed, field), (error.Code, error.Details["field"]));
        Assert.Empty(state.Visits);
    }

    [Fact]
    public void Refuse_a_note_too_long_or_with_a_bidirectional_override()
    {
        var state = new PersonVisitsState();
        Assert.Equal("input.note", Assert.Throws<CareGridException>(() => Log(state, new LogVisit(null, VisitKind.HomeVisit, Today, new string('很', 501)))).Details["field"]);
        Assert.Equal("input.note", Assert.Throws<CareGridException>(() => Log(state, new LogVisit(null, VisitKind.HomeVisit, Today, "abc\u202Edef"))).Details["field"]);
        Assert.Empty(state.Visits);
        Assert.True(Log(state, new LogVisit(null, VisitKind.HomeVisit, Today.AddDays(-366), new string('很', 500))).Added);
    }

    [Fact]
    public void Refuse_the_visit_past_the_cap_with_VISIT_LOG_FULL()
    {
        var state = new PersonVisitsState();
        for (var i = 0; i < VisitRules.MaxVisitsPerPerson; i++)
        {
            Log(state, new LogVisit($"v{i}", VisitKind.OnlineParentContact, Today.AddDays(-(i % 300)), null));
        }

        var full = Assert.Throws<CareGridException>(() => Log(state, new LogVisit("one-more", VisitKind.HomeVisit, Today, null)));
        Assert.Equal(ErrorCodes.VisitLogFull, full.Code);
        Assert.Equal(VisitRules.MaxVisitsPerPerson, state.Visits.Count);
        Assert.False(Log(state, new LogVisit("v0", VisitKind.OnlineParentContact, Today, null)).Added); // a retry still answers
    }

    [Fact]
    public void Pick_exactly_the_days_of_a_period_in_the_month_masks()
    {
        var from = new DateOnly(2026, 1, 30);
        var to = new DateOnly(2026, 3, 2);
        var months = VisitRules.Months(from, to);
        Assert.Equal(["2026-01", "2026-02", "2026-03"], months.Select(m => m.Month));
        for (var day = new DateOnly(2026, 1, 1); day <= new DateOnly(2026, 3, 31); day = day.AddDays(1))
        {
            var inMask = months.Any(m => m.Month == VisitRules.MonthOf(day) && (m.Mask & VisitRules.BitOf(day)) != 0);
            Assert.Equal(day >= from && day <= to, inMask);
        }

        Assert.Equal(1 << 30, VisitRules.BitOf(new DateOnly(2026, 1, 31)));
    }

    [Fact]
    public void Refuse_a_period_backwards_or_longer_than_366_days()
    {
        Assert.Equal("to", Assert.Throws<CareGridException>(() => VisitRules.CheckPeriod(Today, Today.AddDays(-1))).Details["field"]);
        Assert.Equal("to", Assert.Throws<CareGridException>(() => VisitRules.CheckPeriod(Today, Today.AddDays(366))).Details["field"]);
        VisitRules.CheckPeriod(Today, Today.AddDays(365));
    }
}
