using CareGrid.Grains.Calendar;
using CareGrid.Grains.GroupCrisis;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CareGrid.Tests.Domain.GroupCrisis;

/// <summary>
/// The group-crisis rule without a silo (R-4.5, docs/group-crisis.md): fixed windows that tile the tenant's calendar, the
/// threshold of distinct people per unit and window, one alert per unit and window, nothing for flags spread over two windows.
/// </summary>
[Trait("tier", "domain")]
public sealed class GroupCrisisCounterShould
{
    private static readonly WorkingCalendar Shanghai = new("Asia/Shanghai");
    private static readonly GroupCrisisRule ThreeInAWeek = new(3, 7);

    /// <summary>Monday 7 December 2026, 09:00 in Shanghai (01:00 UTC): the first day of a 7-day window.</summary>
    private static readonly DateTimeOffset Monday = new(2026, 12, 7, 1, 0, 0, TimeSpan.Zero);

    private static GroupCrisisSignal Signal(string person, DateTimeOffset at, GroupCrisisSources source = GroupCrisisSources.Concern) =>
        new("class-8-1", person, source, at);

    [Property(MaxTest = 500)]
    public Property Put_every_local_date_in_exactly_one_aligned_window() =>
        Prop.ForAll(Gen.Choose(-20_000, 20_000).ToArbitrary(), Gen.Choose(1, GroupCrisisRule.MaxWindowDays).ToArbitrary(), (offset, days) =>
        {
            var date = GroupCrisisWindow.Epoch.AddDays(offset);
            var window = GroupCrisisWindow.Containing(date, days);
            return window.Contains(date)
                && (window.Start.DayNumber - GroupCrisisWindow.Epoch.DayNumber) % days == 0
                && GroupCrisisWindow.Containing(window.Start, days) == window
                && GroupCrisisWindow.Containing(window.Last, days) == window
                && GroupCrisisWindow.Containing(window.Last.AddDays(1), days).Start == window.Last.AddDays(1);
        });

    [Fact]
    public void Align_seven_day_windows_on_Monday_to_Sunday()
    {
        var window = GroupCrisisWindow.Containing(new DateOnly(2026, 12, 10), 7);
        Assert.Equal((new DateOnly(2026, 12, 7), new DateOnly(2026, 12, 13)), (window.Start, window.Last));
        Assert.Equal(DayOfWeek.Monday, window.Start.DayOfWeek);
    }

    [Fact]
    public void Raise_the_alert_exactly_once_when_the_threshold_is_crossed_in_its_window()
    {
        var state = new GroupCrisisUnitState();
        var counter = new GroupCrisisCounter("class-8-1", state);
        var first = counter.Observe(Signal("p1", Monday), ThreeInAWeek, Shanghai, Monday);
        var second = counter.Observe(Signal("p2", Monday.AddDays(1), GroupCrisisSources.Census), ThreeInAWeek, Shanghai, Monday.AddDays(1));
        Assert.Equal((true, null, false), (first.Changed, first.Alert, first.Raised));
        Assert.Null(second.Alert);

        var third = counter.Observe(Signal("p3", Monday.AddDays(2)), ThreeInAWeek, Shanghai, Monday.AddDays(2));
        Assert.True(third.Raised);
        var alert = third.Alert!;
        Assert.Equal(("20261207-class-8-1", "class-8-1", new DateOnly(2026, 12, 7), new DateOnly(2026, 12, 13), 3), (alert.Id, alert.OrganizationId, alert.WindowStart, alert.WindowEnd, alert.Threshold));
        Assert.Equal((3, 1, 2), (alert.People, alert.FlaggedInCensus, alert.WithConcerns));

        // The same person again (census after a concern) is one person; a fourth person updates the same alert, never raises another.
        var again = counter.Observe(Signal("p1", Monday.AddDays(3), GroupCrisisSources.Census), ThreeInAWeek, Shanghai, Monday.AddDays(3));
        Assert.Equal((true, false, 3, 2), (again.Changed, again.Raised, again.Alert!.People, again.Alert.FlaggedInCensus));
        var repeat = counter.Observe(Signal("p1", Monday.AddDays(3), GroupCrisisSources.Census), ThreeInAWeek, Shanghai, Monday.AddDays(3));
        Assert.Same(GroupCrisisObservation.None, repeat);
        var fourth = counter.Observe(Signal("p4", Monday.AddDays(6)), ThreeInAWeek, Shanghai, Monday.AddDays(6));
        Assert.Equal((false, "20261207-class-8-1", 4), (fourth.Raised, fourth.Alert!.Id, fourth.Alert.People));
    }

    [Fact]
    public void Not_raise_for_flags_spread_over_two_windows_counted_on_the_tenants_local_dates()
    {
        var state = new GroupCrisisUnitState();
        var counter = new GroupCrisisCounter("class-8-1", state);
        // Sunday 6 December 23:30 in Shanghai is 15:30 UTC; Monday 00:30 in Shanghai is 16:30 UTC on the same UTC day.
        var sundayLate = new DateTimeOffset(2026, 12, 6, 15, 30, 0, TimeSpan.Zero);
        var mondayEarly = new DateTimeOffset(2026, 12, 6, 16, 30, 0, TimeSpan.Zero);
        var results = new[]
        {
            counter.Observe(Signal("p1", sundayLate.AddHours(-30)), ThreeInAWeek, Shanghai, sundayLate),
            counter.Observe(Signal("p2", sundayLate), ThreeInAWeek, Shanghai, sundayLate),
            counter.Observe(Signal("p3", mondayEarly), ThreeInAWeek, Shanghai, mondayEarly),
            counter.Observe(Signal("p4", mondayEarly.AddDays(6)), ThreeInAWeek, Shanghai, mondayEarly.AddDays(6)),
        };
        Assert.All(results, r => Assert.Null(r.Alert));
        Assert.Equal((new DateOnly(2026, 12, 7), 2), (state.WindowStart, state.People.Count));
    }

    [Fact]
    public void Ignore_a_late_signal_of_a_window_that_is_over_and_count_nothing_when_turned_off()
    {
        var state = new GroupCrisisUnitState();
        var counter = new GroupCrisisCounter("class-8-1", state);
        counter.Observe(Signal("p1", Monday.AddDays(7)), ThreeInAWeek, Shanghai, Monday.AddDays(7));
        Assert.Same(GroupCrisisObservation.None, counter.Observe(Signal("p2", Monday), ThreeInAWeek, Shanghai, Monday.AddDays(7)));
        Assert.Same(GroupCrisisObservation.None, counter.Observe(Signal("p3", Monday.AddDays(7)), ThreeInAWeek with { Enabled = false }, Shanghai, Monday.AddDays(7)));
        Assert.Equal(["p1"], state.People.Keys);
    }

    [Fact]
    public void Use_the_default_of_three_people_in_seven_days_when_the_tenant_set_none()
    {
        var counter = new GroupCrisisCounter("class-8-1", new GroupCrisisUnitState());
        var raised = Enumerable.Range(1, 3).Select(i => counter.Observe(Signal($"p{i}", Monday.AddDays(i)), null, Shanghai, Monday)).ToList();
        Assert.Equal([false, false, true], raised.Select(r => r.Raised));
        Assert.Equal((3, 7), (raised[2].Alert!.Threshold, raised[2].Alert!.WindowDays));
    }

    /// <summary>
    /// A recount: for any signals in time order (people from a small pool, over 40 days, both sources) and any rule, the alerts
    /// raised are exactly the windows whose distinct people reach the threshold, one each, and each alert's last counts are the
    /// window's distinct people by source.
    /// </summary>
    private static readonly Gen<(int Hour, int Person, GroupCrisisSources Source)> SignalsOverFortyDays =
        from hour in Gen.Choose(0, 40 * 24)
        from person in Gen.Choose(0, 9)
        from source in Gen.Elements(GroupCrisisSources.Census, GroupCrisisSources.Concern)
        select (hour, person, source);

    [Property(MaxTest = 300)]
    public Property Raise_one_alert_for_each_window_whose_distinct_people_reach_the_threshold() =>
        Prop.ForAll(
            SignalsOverFortyDays.ListOf().ToArbitrary(),
            Gen.Choose(2, 5).ToArbitrary(), Gen.Choose(1, 10).ToArbitrary(), (signals, threshold, days) =>
            {
                var rule = new GroupCrisisRule(threshold, days);
                var counter = new GroupCrisisCounter("u", new GroupCrisisUnitState());
                var raised = new List<string>();
                var last = new Dictionary<string, GroupCrisisAlert>();
                foreach (var (hour, person, source) in signals.OrderBy(s => s.Hour))
                {
                    var at = Monday.AddHours(hour);
                    var seen = counter.Observe(new GroupCrisisSignal("u", $"p{person}", source, at), rule, Shanghai, at);
                    if (seen.Raised)
                    {
                        raised.Add(seen.Alert!.Id);
                    }

                    if (seen.Alert is { } alert)
                    {
                        last[alert.Id] = alert;
                    }
                }

                var oracle = signals.GroupBy(s => GroupCrisisWindow.Containing(Shanghai.LocalDate(Monday.AddHours(s.Hour)), days).Start)
                    .Select(w => (Id: GroupCrisisAlert.IdOf("u", w.Key), People: w.Select(s => s.Person).Distinct().Count(),
                        Census: w.Where(s => s.Source == GroupCrisisSources.Census).Select(s => s.Person).Distinct().Count(),
                        Concerns: w.Where(s => s.Source == GroupCrisisSources.Concern).Select(s => s.Person).Distinct().Count()))
                    .Where(w => w.People >= threshold).OrderBy(w => w.Id, StringComparer.Ordinal).ToList();
                return raised.Order(StringComparer.Ordinal).SequenceEqual(oracle.Select(w => w.Id))
                    && oracle.All(w => last[w.Id] is var a && (a.People, a.FlaggedInCensus, a.WithConcerns) == (w.People, w.Census, w.Concerns));
            });
}
