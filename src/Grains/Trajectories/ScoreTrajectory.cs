using CareGrid.Grains.Screening;

namespace CareGrid.Grains.Trajectories;

/// <summary>
/// The rules of a person's score trajectory (R-3.6 close follow-up, R-6.3 "over a period of time"; docs/trajectories.md):
/// adds scored screenings (PHQ-9, GAD-7, K10) once each, keeps the state bounded, and reads each instrument's series with
/// the Jacobson–Truax index of every score against the baseline (<see cref="ReliableChange"/>) and the flags of a
/// followed-up person. Plain class over the state: no Orleans, no clock (the instant is passed in).
/// </summary>
/// <param name="state">The trajectory's state (changed in place by <see cref="Add"/>).</param>
public sealed class ScoreTrajectory(ScoreTrajectoryState state)
{
    /// <summary>The most points one instrument keeps (docs/storage.md: bounded state); the baseline is always kept.</summary>
    public const int MaxPointsPerInstrument = 100;

    /// <summary>CareGrid's default review period in weeks when the tenant set none.</summary>
    public const int DefaultReviewWeeks = 8;

    /// <summary>The shortest and longest review period a tenant may set, weeks.</summary>
    public const int MinReviewWeeks = 1, MaxReviewWeeks = 52;

    /// <summary>True when the instrument's totals are kept (it has a total: every instrument but the C-SSRS screener).</summary>
    public static bool Tracks(ScreeningInstrument instrument) =>
        instrument is ScreeningInstrument.Phq9 or ScreeningInstrument.Gad7 or ScreeningInstrument.K10;

    /// <summary>
    /// Adds <paramref name="point"/> unless the same case and screening are already there (a repeat is harmless) or its
    /// instrument is not tracked. When the instrument holds <see cref="MaxPointsPerInstrument"/>, its oldest point after the
    /// baseline is dropped and counted in <see cref="ScoreTrajectoryState.Dropped"/>. Returns true when the state changed.
    /// </summary>
    public bool Add(ScorePoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        if (!Tracks(point.Instrument) || state.Points.Exists(p => p.CaseId == point.CaseId && p.ScreeningId == point.ScreeningId))
        {
            return false;
        }

        var same = state.Points.Where(p => p.Instrument == point.Instrument).OrderBy(p => p.At).ToList();
        if (same.Count >= MaxPointsPerInstrument)
        {
            state.Points.Remove(same[1]);
            state.Dropped++;
        }

        var at = state.Points.FindLastIndex(p => p.At <= point.At);
        state.Points.Insert(at + 1, point);
        return true;
    }

    /// <summary>
    /// The trajectory as read at <paramref name="now"/>: one series per instrument with points, each point's change and
    /// index against the instrument's first score, and — when <paramref name="followedUp"/> — the flags: reliably worse
    /// than the baseline (at once), or, once <paramref name="reviewWeeks"/> weeks have passed since the baseline, no later
    /// score or a latest score that is not reliably better. Instruments without norms (K10) are never flagged.
    /// </summary>
    public ScoreTrajectoryView Read(string personId, DateTimeOffset now, int reviewWeeks, bool followedUp)
    {
        var series = new List<InstrumentTrajectory>();
        var flags = new List<TrajectoryFlag>();
        foreach (var instrument in Enum.GetValues<ScreeningInstrument>().Where(Tracks))
        {
            var points = state.Points.Where(p => p.Instrument == instrument).OrderBy(p => p.At).ToList();
            if (points.Count == 0)
            {
                continue;
            }

            var norms = InstrumentNorms.For(instrument);
            var read = points.Select((p, i) => Compare(points[0], p, i == 0, norms)).ToList();
            series.Add(new InstrumentTrajectory(instrument, norms, norms is null ? null : ReliableChange.ThresholdPoints(norms), read));
            if (followedUp && norms is not null && FlagOf(read, now, reviewWeeks) is { } flag)
            {
                flags.Add(flag);
            }
        }

        return new ScoreTrajectoryView(personId, reviewWeeks, followedUp, series, flags, state.Dropped);
    }

    private static TrajectoryPoint Compare(ScorePoint baseline, ScorePoint point, bool isBaseline, InstrumentNorms? norms)
    {
        var change = point.TotalScore - baseline.TotalScore;
        if (isBaseline)
        {
            return new TrajectoryPoint(point, 0, null, ReliableChangeClass.Baseline);
        }

        if (norms is null)
        {
            return new TrajectoryPoint(point, change, null, ReliableChangeClass.NotComputed);
        }

        var index = ReliableChange.Index(baseline.TotalScore, point.TotalScore, norms);
        return new TrajectoryPoint(point, change, index, ReliableChange.Classify(index));
    }

    private static TrajectoryFlag? FlagOf(IReadOnlyList<TrajectoryPoint> read, DateTimeOffset now, int reviewWeeks)
    {
        var baseline = read[0];
        var latest = read[^1];
        var weeks = (int)Math.Floor((now - baseline.Point.At).TotalDays / 7);
        TrajectoryFlagReason? reason = latest.Class switch
        {
            ReliableChangeClass.Deteriorated => TrajectoryFlagReason.ReliablyDeteriorated,
            _ when weeks < reviewWeeks => null,
            ReliableChangeClass.Baseline => TrajectoryFlagReason.NoRepeatScore,
            ReliableChangeClass.NoReliableChange => TrajectoryFlagReason.NotReliablyImproved,
            _ => null,
        };
        return reason is { } r ? new TrajectoryFlag(baseline.Point.Instrument, r, baseline.Point.TotalScore, latest.Point.TotalScore, weeks) : null;
    }
}
