using CareGrid.Grains.Calendar;
using CareGrid.Grains.Census;
using CareGrid.Grains.People;
using CareGrid.Grains.Security;
using CareGrid.Grains.Statistics;

namespace CareGrid.Tests.Domain;

/// <summary>
/// Census coverage without a silo (R-3.5, R-7.4; docs/statistics.md "People and census"): the per-unit counts a round keeps
/// as it changes equal a count of its id maps, a round stored before they were kept is counted once, and statistics pick the
/// rounds open now or overlapping the period, in the units asked for.
/// </summary>
[Trait("tier", "domain")]
public sealed class CensusCoverageShould
{
    private static readonly DateTimeOffset Now = new(2026, 3, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Teacher = new("teacher@school-a", [Roles.Caseworker]);

    private static CensusRecord Entry(bool flagged) =>
        new("week-1", Now, Teacher.Subject, flagged ? CensusMood.Distressed : CensusMood.Stable, CensusFlags.None, null, null);

    /// <summary>Progress per unit counted the slow way, from the maps (the rule the tallies keep).</summary>
    private static string Brute(CensusRoundState s) => string.Join(",", s.OrganizationIds.Select(org =>
        $"{org}:{s.Expected.Count(e => e.Value == org)}:{s.Recorded.Count(r => r.Value == org)}:{s.Flagged.Count(p => s.Recorded.GetValueOrDefault(p) == org)}:{s.Cases.Keys.Count(p => s.Recorded.GetValueOrDefault(p) == org)}"));

    private static string Kept(CensusCoverage c) => string.Join(",", c.Units.Select(u => $"{u.OrganizationId}:{u.Expected}:{u.Recorded}:{u.Flagged}:{u.CasesOpened}"));

    [Fact]
    public void Keep_per_unit_counts_equal_to_counting_the_round_maps_as_it_changes()
    {
        var expected = new Dictionary<string, string>(StringComparer.Ordinal) { ["s-1"] = "class-7-1", ["s-2"] = "class-7-2", ["s-3"] = "class-7-1" };
        var state = new CensusRoundAggregate("week-1", new CensusRoundState(), Now).Started("Week 1", ["class-7-1", "class-7-2"], expected, Teacher, null, "f");
        var round = new CensusRoundAggregate("week-1", state, Now);
        Assert.Equal("class-7-1:2:0:0:0,class-7-2:1:0:0:0", Kept(round.Coverage()));

        round.ApplyRecord("s-1", "class-7-1", Entry(flagged: true));
        round.ApplyRecord("s-4", "class-7-2", Entry(flagged: false)); // joined class-7-2 since the start
        round.ApplyRecord("s-2", "class-7-2", Entry(flagged: true));
        round.ApplyCaseOpened("s-2", "case-1", null);
        Assert.Equal("class-7-1:2:1:1:0,class-7-2:2:2:1:1", Kept(round.Coverage()));
        Assert.Equal(Brute(state), Kept(round.Coverage()));

        round.ApplyRecord("s-1", "class-7-1", Entry(flagged: false)); // recorded again: the latest record counts
        round.ApplyRecord("s-2", "class-7-2", Entry(flagged: true));
        round.ApplyCaseOpened("s-2", "case-1", null);
        Assert.Equal("class-7-1:2:1:0:0,class-7-2:2:2:1:1", Kept(round.Coverage()));
        Assert.Equal(Brute(state), Kept(round.Coverage()));
        Assert.Equal(Kept(round.Coverage()), string.Join(",", round.Progress().Units.Select(u => $"{u.OrganizationId}:{u.Expected}:{u.Recorded}:{u.Flagged}:{u.CasesOpened}")));
    }

    [Fact]
    public void Count_a_round_stored_before_the_counts_were_kept_from_its_maps_once()
    {
        var state = new CensusRoundState
        {
            Exists = true,
            Name = "Week 1",
            OrganizationIds = ["class-7-1", "class-7-2"],
            Expected = new(StringComparer.Ordinal) { ["s-1"] = "class-7-1", ["s-2"] = "class-7-2", ["s-3"] = "class-7-2" },
            Recorded = new(StringComparer.Ordinal) { ["s-2"] = "class-7-2", ["s-3"] = "class-7-2" },
            Flagged = new(StringComparer.Ordinal) { "s-3" },
            Cases = new(StringComparer.Ordinal) { ["s-3"] = "case-9" },
            StartedAt = Now,
        };
        Assert.Null(state.Tallies);
        var round = new CensusRoundAggregate("week-1", state, Now);
        Assert.Equal("class-7-1:1:0:0:0,class-7-2:2:2:1:1", Kept(round.Coverage()));
        Assert.NotNull(state.Tallies);

        round.ApplyRecord("s-1", "class-7-1", Entry(flagged: true));
        Assert.Equal(Brute(state), Kept(round.Coverage()));
    }

    private static CensusCoverage Round(string id, DateTimeOffset started, DateTimeOffset? closed) =>
        new(id, closed is null ? CensusRoundStatus.Open : CensusRoundStatus.Closed, started, closed,
            [new CensusUnitProgress("class-1", 30, 27, 3, 1), new CensusUnitProgress("class-2", 0, 0, 0, 0)]);

    [Fact]
    public void Select_the_rounds_open_now_or_overlapping_the_period_in_the_units_asked_for()
    {
        // November 2026 in Shanghai: weeks of Monday 2 to Sunday 29.
        var period = StatisticsPeriod.Of(new(2026, 11, 2), new(2026, 11, 29));
        var utc8 = TimeSpan.FromHours(8);
        var rounds = new[]
        {
            Round("before", new(2026, 10, 5, 9, 0, 0, utc8), new(2026, 10, 9, 9, 0, 0, utc8)),
            Round("spans-start", new(2026, 10, 26, 9, 0, 0, utc8), new(2026, 11, 2, 0, 30, 0, utc8)), // closed on the period's first Monday, local time
            Round("inside", new(2026, 11, 10, 9, 0, 0, utc8), new(2026, 11, 12, 9, 0, 0, utc8)),
            Round("after", new(2026, 11, 30, 9, 0, 0, utc8), new(2026, 12, 1, 9, 0, 0, utc8)),
            Round("open-long-ago", new(2026, 1, 5, 9, 0, 0, utc8), null),
            null,
        };

        var all = CensusCoverageReader.Select(rounds, period, null, WorkingCalendar.Default);
        Assert.Equal(["open-long-ago", "spans-start", "inside"], all.Select(r => r.RoundId));
        Assert.All(all, r => Assert.Equal(2, r.Units.Count));

        var class1 = CensusCoverageReader.Select(rounds, period, ["class-1", "grade-9"], WorkingCalendar.Default);
        Assert.All(class1, r => Assert.Equal(["class-1"], r.Units.Select(u => u.OrganizationId)));
        Assert.Empty(CensusCoverageReader.Select(rounds, period, ["class-3"], WorkingCalendar.Default));
        Assert.Equal(0.9m, CensusCoverageReader.Share(all[0].Units[0]));
        Assert.Null(CensusCoverageReader.Share(all[0].Units[1]));
    }
}
