using CareGrid.Grains.Screening;
using CareGrid.Grains.Trajectories;

namespace CareGrid.Tests.Domain.Trajectories;

/// <summary>A person's trajectory: points kept once and bounded, series against the baseline, and the flags (docs/trajectories.md).</summary>
[Trait("tier", "domain")]
public sealed class ScoreTrajectoryShould
{
    private static readonly DateTimeOffset T0 = new(2026, 9, 1, 2, 0, 0, TimeSpan.Zero);

    private static ScorePoint Phq9(int week, int total, string caseId = "c1") => new(caseId, $"s-{week}", T0.AddDays(7 * week), ScreeningInstrument.Phq9, total);

    private static ScoreTrajectory With(out ScoreTrajectoryState state, params ScorePoint[] points)
    {
        state = new ScoreTrajectoryState();
        var t = new ScoreTrajectory(state);
        foreach (var p in points)
        {
            t.Add(p);
        }

        return t;
    }

    [Fact]
    public void Compare_every_score_with_the_first_of_its_instrument()
    {
        var t = With(out _, Phq9(0, 18), Phq9(2, 15), Phq9(4, 14), new ScorePoint("c1", "s-g", T0.AddDays(1), ScreeningInstrument.Gad7, 12));
        var view = t.Read("p1", T0.AddDays(30), reviewWeeks: 8, followedUp: true);
        var phq = Assert.Single(view.Instruments, i => i.Instrument == ScreeningInstrument.Phq9);
        Assert.Equal([0, -3, -4], phq.Points.Select(p => p.ChangeFromBaseline));
        Assert.Equal([ReliableChangeClass.Baseline, ReliableChangeClass.NoReliableChange, ReliableChangeClass.Improved], phq.Points.Select(p => p.Class));
        Assert.Null(phq.Points[0].Index);
        Assert.Equal(-2.020305, phq.Points[2].Index!.Value, 6);
        Assert.Equal(3.880602, phq.ThresholdPoints!.Value, 6);
        Assert.Equal([ReliableChangeClass.Baseline], Assert.Single(view.Instruments, i => i.Instrument == ScreeningInstrument.Gad7).Points.Select(p => p.Class));
    }

    [Fact]
    public void Show_K10_change_without_an_index_and_never_flag_it()
    {
        var t = With(out _, new ScorePoint("c1", "s1", T0, ScreeningInstrument.K10, 32), new ScorePoint("c1", "s2", T0.AddDays(70), ScreeningInstrument.K10, 31));
        var view = t.Read("p1", T0.AddDays(80), 8, followedUp: true);
        var k10 = Assert.Single(view.Instruments);
        Assert.Null(k10.Norms);
        Assert.Null(k10.ThresholdPoints);
        Assert.Equal(-1, k10.Points[1].ChangeFromBaseline);
        Assert.Equal(ReliableChangeClass.NotComputed, k10.Points[1].Class);
        Assert.Empty(view.Flags);
    }

    [Fact]
    public void Flag_a_followed_up_person_not_reliably_improved_once_the_review_weeks_have_passed()
    {
        var t = With(out _, Phq9(0, 18), Phq9(6, 15));
        Assert.Empty(t.Read("p1", T0.AddDays(7 * 8).AddSeconds(-1), 8, true).Flags); // 7 weeks and 6 days: not yet
        var flag = Assert.Single(t.Read("p1", T0.AddDays(7 * 8), 8, true).Flags);
        Assert.Equal(new TrajectoryFlag(ScreeningInstrument.Phq9, TrajectoryFlagReason.NotReliablyImproved, 18, 15, 8), flag);
        Assert.Empty(t.Read("p1", T0.AddDays(7 * 8), 8, followedUp: false).Flags);
    }

    [Fact]
    public void Flag_no_repeat_score_after_the_review_weeks_and_not_a_reliable_improvement()
    {
        var lonely = With(out _, Phq9(0, 18));
        Assert.Equal(TrajectoryFlagReason.NoRepeatScore, Assert.Single(lonely.Read("p1", T0.AddDays(7 * 3), 3, true).Flags).Reason);
        var better = With(out _, Phq9(0, 18), Phq9(3, 13));
        Assert.Empty(better.Read("p1", T0.AddDays(7 * 20), 3, true).Flags);
    }

    [Fact]
    public void Flag_a_reliable_deterioration_at_once_and_judge_by_the_latest_score()
    {
        var worse = With(out _, Phq9(0, 10), Phq9(1, 14));
        Assert.Equal(TrajectoryFlagReason.ReliablyDeteriorated, Assert.Single(worse.Read("p1", T0.AddDays(8), 8, true).Flags).Reason);
        var relapsed = With(out _, Phq9(0, 18), Phq9(2, 12), Phq9(9, 16));
        Assert.Equal(TrajectoryFlagReason.NotReliablyImproved, Assert.Single(relapsed.Read("p1", T0.AddDays(7 * 9), 8, true).Flags).Reason);
    }

    [Fact]
    public void Keep_a_screening_once_and_ignore_the_CSSRS()
    {
        var t = With(out var state, Phq9(0, 18));
        Assert.False(t.Add(Phq9(0, 18)));
        Assert.False(t.Add(new ScorePoint("c1", "s-x", T0, ScreeningInstrument.Cssrs, 0)));
        Assert.True(t.Add(Phq9(0, 18, caseId: "c2")));
        Assert.Equal(2, state.Points.Count);
    }

    [Fact]
    public void Stay_bounded_and_keep_the_baseline_when_an_instrument_is_full()
    {
        var t = With(out var state, [.. Enumerable.Range(0, ScoreTrajectory.MaxPointsPerInstrument + 5).Select(i => Phq9(i, 20 - (i % 3)))]);
        Assert.Equal(ScoreTrajectory.MaxPointsPerInstrument, state.Points.Count);
        Assert.Equal(5, state.Dropped);
        Assert.Equal("s-0", state.Points[0].ScreeningId);
        Assert.Equal("s-6", state.Points[1].ScreeningId);
        Assert.Equal(5, t.Read("p1", T0, 8, false).DroppedPoints);
    }

    [Fact]
    public void Order_points_by_time_whatever_order_they_arrive_in()
    {
        var t = With(out var state, Phq9(4, 12), Phq9(0, 18), Phq9(2, 15));
        Assert.Equal(["s-0", "s-2", "s-4"], state.Points.Select(p => p.ScreeningId));
        Assert.Equal(18, t.Read("p1", T0, 8, false).Instruments[0].Points[0].Point.TotalScore);
    }
}
