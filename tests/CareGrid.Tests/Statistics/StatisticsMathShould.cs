using CareGrid.Grains.Calendar;
using CareGrid.Grains.Statistics;
using static CareGrid.Tests.Domain.CaseDomain;

namespace CareGrid.Tests.Statistics;

/// <summary>
/// The plain computations of the timeliness statistics (docs/statistics.md "Timeliness"): exact nearest-rank median and
/// 90th percentile from minute count maps, and durations in working days on a tenant's calendar across weekends, holidays,
/// make-up working days and a DST change.
/// </summary>
[Trait("tier", "domain")]
public sealed class StatisticsMathShould
{
    /// <summary>Shanghai, Saturday–Sunday weekend, Monday 1 April 2024 a holiday, Sunday 7 April a make-up working day.</summary>
    private static readonly WorkingCalendar Calendar = new("Asia/Shanghai", holidays: [new DateOnly(2024, 4, 1)], extraWorkingDays: [new DateOnly(2024, 4, 7)]);

    private static DateTimeOffset Local(string iso) => DateTimeOffset.Parse(iso + "+08:00", System.Globalization.CultureInfo.InvariantCulture);

    private static MinuteCounts Counts(params long[] minutes)
    {
        var map = new MinuteCounts();
        foreach (var m in minutes)
        {
            map.Add(m);
        }

        return map;
    }

    [Theory]
    [InlineData("2024-03-22T12:00", "2024-03-25T12:00", 1440)] // Friday noon to Monday noon: half of each working day, the weekend nothing
    [InlineData("2024-03-28T12:00", "2024-04-02T12:00", 2880)] // Thursday noon to Tuesday noon over the weekend and the Monday holiday
    [InlineData("2024-04-06T00:00", "2024-04-08T00:00", 1440)] // Saturday and the make-up Sunday: only the Sunday works
    [InlineData("2024-03-27T09:00", "2024-03-27T11:00", 120)]  // two hours of one Wednesday
    [InlineData("2024-03-23T10:00", "2024-03-24T10:00", 0)]    // a weekend only
    [InlineData("2024-03-27T11:00", "2024-03-27T09:00", 0)]    // not later: nothing
    [InlineData("2024-03-25T00:00", "2024-03-30T00:00", 7200)] // a whole working week: 5 working days
    public void Measure_working_days_as_the_working_days_share_of_the_interval(string from, string to, long workingMinutes)
    {
        Assert.Equal(workingMinutes, StatisticsMath.WorkingMinutes(Calendar, Local(from), Local(to)));
    }

    [Fact]
    public void Count_a_short_DST_day_covered_whole_as_one_working_day()
    {
        var berlin = new WorkingCalendar("Europe/Berlin", weekendDays: []);
        var from = At("2024-03-30T23:00:00Z"); // Sunday 31 March 00:00 CET, a 23-hour day
        var to = At("2024-03-31T22:00:00Z");   // Monday 1 April 00:00 CEST
        Assert.Equal(23 * 60, StatisticsMath.Minutes(from, to));
        Assert.Equal(1440, StatisticsMath.WorkingMinutes(berlin, from, to));
    }

    [Fact]
    public void Give_iso_weeks_from_monday_in_the_tenants_zone()
    {
        Assert.Equal(new DateOnly(2024, 3, 25), StatisticsMath.WeekOf(new DateOnly(2024, 3, 31)));
        Assert.Equal(new DateOnly(2024, 3, 25), StatisticsMath.WeekOf(new DateOnly(2024, 3, 25)));
        Assert.Equal(new DateOnly(2024, 4, 1), StatisticsMath.WeekOf(At("2024-03-31T16:30:00Z"), "Asia/Shanghai")); // Monday 00:30 local
        Assert.Equal(new DateOnly(2024, 3, 25), StatisticsMath.WeekOf(At("2024-03-31T16:30:00Z"), "UTC"));
    }

    [Fact]
    public void Give_the_nearest_rank_median_and_90th_percentile()
    {
        Assert.Equal([5L, 9L], MinuteCounts.Percentiles([Counts(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)], 50, 90));
        Assert.Equal([20L, 40L], MinuteCounts.Percentiles([Counts(40, 10, 30, 20)], 50, 90)); // even N: the lower middle, never an average
        Assert.Equal([7L, 7L], MinuteCounts.Percentiles([Counts(7)], 50, 90));
        Assert.Equal([null, null], MinuteCounts.Percentiles([Counts(), Counts()], 50, 90));
    }

    [Fact]
    public void Merge_buckets_across_hours_and_forget_removed_durations()
    {
        var a = Counts(59, 3000, 3000);
        var b = Counts(60, 61, 61, 59);
        Assert.Equal([61L, 3000L], MinuteCounts.Percentiles([a, b], 50, 90)); // 59 59 60 61 61 3000 3000
        b.Add(61, -1);
        b.Add(61, -1);
        Assert.Equal(5, a.Count + b.Count);
        Assert.Equal([60L, 3000L], MinuteCounts.Percentiles([a, b], 50, 90)); // 59 59 60 3000 3000
    }

    [Fact]
    public void Agree_with_sorting_every_duration()
    {
        var random = new Random(20260301);
        for (var round = 0; round < 50; round++)
        {
            var maps = Enumerable.Range(0, 1 + random.Next(5)).Select(_ => new MinuteCounts()).ToList();
            var all = new List<long>();
            for (var i = random.Next(1, 300); i > 0; i--)
            {
                var minutes = random.Next(3) == 0 ? random.Next(0, 120) : random.Next(0, 20000);
                maps[random.Next(maps.Count)].Add(minutes);
                all.Add(minutes);
            }

            all.Sort();
            foreach (var p in new[] { 50.0, 90.0, 100.0, 1.0 })
            {
                var rank = (int)Math.Ceiling(p / 100 * all.Count);
                Assert.Equal(all[Math.Max(1, rank) - 1], MinuteCounts.Percentiles(maps, p)[0]);
            }
        }
    }

    [Fact]
    public void Refuse_a_percentile_outside_zero_to_one_hundred()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MinuteCounts.Percentiles([Counts(1)], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => MinuteCounts.Percentiles([Counts(1)], 101));
    }
}
