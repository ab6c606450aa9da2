using CareGrid.Grains.Calendar;
using CareGrid.Grains.Cases;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Statistics;
using CareGrid.Grains.Statistics.Sections;

namespace CareGrid.Tests.Statistics;

/// <summary>
/// The deadline counts of a timeliness bucket (<see cref="DeadlineCounts"/>, docs/statistics.md "Timeliness"): the count
/// before now kept as of the last request and moved over the deadlines the clock passed, forwards and backwards, with rows
/// counted and uncounted on either side of it — always the sums a pass over every deadline gives.
/// </summary>
[Trait("tier", "domain")]
public sealed class DeadlineCountsShould
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 1, 0, 0, TimeSpan.Zero);

    /// <summary>The sums by a pass over every deadline: what the bucket answered before it kept its count.</summary>
    private static (long Past, long Ahead) Pass(Dictionary<DateTimeOffset, long> counts, DateTimeOffset now) =>
        (counts.Where(c => c.Key < now).Sum(c => c.Value), counts.Where(c => c.Key >= now).Sum(c => c.Value));

    [Fact]
    public void Count_a_deadline_past_only_once_the_clock_is_beyond_it()
    {
        var counts = new DeadlineCounts();
        counts.Add(T0.AddHours(2), 1);
        counts.Add(T0.AddHours(2), 1);
        counts.Add(T0.AddHours(24), 1);

        Assert.Equal((0L, 3L), counts.Split(T0));
        Assert.Equal((0L, 3L), counts.Split(T0.AddHours(2))); // due < now: a deadline at now is not past yet
        Assert.Equal((2L, 1L), counts.Split(T0.AddHours(2).AddTicks(1)));
        Assert.Equal((3L, 0L), counts.Split(T0.AddDays(2)));
        Assert.Equal(T0.AddDays(2), counts.AsOf);
        Assert.Equal((2, 3L), (counts.Deadlines, counts.Total));
    }

    [Fact]
    public void Give_back_a_deadline_when_the_clock_is_set_back()
    {
        var counts = new DeadlineCounts();
        counts.Add(T0.AddHours(1), 1);
        counts.Add(T0.AddHours(3), 1);
        Assert.Equal((2L, 0L), counts.Split(T0.AddHours(5)));

        Assert.Equal((1L, 1L), counts.Split(T0.AddHours(2)));
        Assert.Equal((0L, 2L), counts.Split(T0.AddHours(1)));
        Assert.Equal((2L, 0L), counts.Split(T0.AddHours(3).AddMinutes(1)));
    }

    [Fact]
    public void Count_and_uncount_rows_on_either_side_of_the_last_request_and_drop_a_deadline_at_zero()
    {
        var counts = new DeadlineCounts();
        counts.Add(T0.AddHours(1), 1);
        Assert.Equal((1L, 0L), counts.Split(T0.AddHours(2)));

        counts.Add(T0.AddMinutes(30), 1);  // before the last request's now: counted past at once
        counts.Add(T0.AddHours(4), 1);     // after it
        counts.Add(T0.AddHours(1), -1);    // the row replaced: uncounted where it was counted
        Assert.Equal((1L, 1L), counts.Split(T0.AddHours(2)));
        Assert.Equal((2, 2L), (counts.Deadlines, counts.Total));

        counts.Add(T0.AddMinutes(30), -1);
        Assert.Equal((1, 1L), (counts.Deadlines, counts.Total));
        Assert.Equal((0L, 1L), counts.Split(T0.AddHours(3)));
    }

    [Fact]
    public void Compare_deadlines_as_instants_whatever_their_offset()
    {
        var counts = new DeadlineCounts();
        counts.Add(T0, 1);
        counts.Add(T0.ToOffset(TimeSpan.FromHours(8)), 1); // the same instant in Shanghai time: one deadline
        Assert.Equal(1, counts.Deadlines);
        Assert.Equal((0L, 2L), counts.Split(T0.ToOffset(TimeSpan.FromHours(-5))));
        Assert.Equal((2L, 0L), counts.Split(T0.AddTicks(1)));
    }

    [Fact]
    public void Agree_with_a_pass_over_every_deadline_through_random_changes_and_clock_moves()
    {
        var random = new Random(1814);
        var counts = new DeadlineCounts();
        var expected = new Dictionary<DateTimeOffset, long>();
        for (var step = 0; step < 3000; step++)
        {
            var due = T0.AddMinutes(random.Next(0, 600));
            if (random.Next(3) == 0)
            {
                var now = T0.AddMinutes(random.Next(-10, 610)).AddSeconds(random.Next(0, 2) * 30);
                Assert.Equal(Pass(expected, now), counts.Split(now));
                continue;
            }

            var delta = expected.GetValueOrDefault(due) > 0 && random.Next(2) == 0 ? -1 : 1;
            counts.Add(due, delta);
            expected[due] = expected.GetValueOrDefault(due) + delta;
            if (expected[due] == 0)
            {
                expected.Remove(due);
            }

            Assert.Equal(expected.Count, counts.Deadlines);
        }
    }

    [Fact]
    public void Keep_the_protocol_figures_of_a_tenant_exact_while_the_clock_passes_its_deadlines_one_request_at_a_time()
    {
        // 200 high-risk episodes, each with its earliest open protocol task due 2 h after the report, one report a minute.
        var calendar = WorkingCalendar.Default;
        var stats = new TenantStatistics(calendar);
        for (var i = 0; i < 200; i++)
        {
            var reported = T0.AddMinutes(i);
            var task = new CaseTask("t1", CaseTaskKind.NotifyFamilyEmergencyContact, "q", CaseTaskStatus.Open, reported, reported.AddHours(2), 0, null, null, null, null, null);
            stats.Apply(new CaseRow("t", $"c{i}", $"p{i}", $"class-{i % 10}", CaseStatus.Active, RiskLevel.High, 3, null, reported, reported)
            {
                Facts = CaseFacts.Opened(calendar.TimeZoneId).HighRiskBegan(reported).TaskOpened(task),
            });
        }

        var period = StatisticsPeriod.Of(StatisticsPeriod.WeekOf(T0, calendar), StatisticsPeriod.WeekOf(T0, calendar).AddDays(6));
        ProtocolFigures At(DateTimeOffset now, params string[] units) =>
            stats.Report(new StatisticsRequest(period, units.Length == 0 ? null : units), now).Timeliness!.Protocol;

        for (var minutes = 0; minutes <= 330; minutes += 7)
        {
            var now = T0.AddMinutes(minutes);
            var missed = Math.Clamp(minutes - 120, 0, 200); // episode i is due at T0 + 120 + i minutes: missed once that is before now
            Assert.Equal(new ProtocolFigures(200, 0, missed, 0, 200 - missed, missed == 0 ? null : 0m), At(now));
        }

        Assert.Equal(new ProtocolFigures(200, 0, 0, 0, 200, null), At(T0)); // the clock set back
        Assert.Equal(new ProtocolFigures(20, 0, 10, 0, 10, 0m), At(T0.AddMinutes(220), "class-3")); // i ≡ 3 (mod 10) and i < 100
    }
}
