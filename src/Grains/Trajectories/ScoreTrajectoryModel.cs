using CareGrid.Grains.Screening;

namespace CareGrid.Grains.Trajectories;

/// <summary>One scored screening of a person, as the trajectory keeps it (R-3.6, R-6.3; docs/trajectories.md).</summary>
/// <param name="CaseId">The case the screening was recorded on (local id).</param>
/// <param name="ScreeningId">The screening's id on that case (<c>s-…</c>); with <paramref name="CaseId"/> it makes a repeat harmless.</param>
/// <param name="At">When it was recorded (UTC, the domain clock).</param>
/// <param name="Instrument">PHQ-9, GAD-7 or K10 (the C-SSRS screener has no total and is not kept).</param>
/// <param name="TotalScore">The total in the instrument's units (PHQ-9 0–27, GAD-7 0–21, K10 10–50).</param>
[GenerateSerializer, Alias("CareGrid.ScorePoint")]
public sealed record ScorePoint(
    [property: Id(0)] string CaseId,
    [property: Id(1)] string ScreeningId,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] ScreeningInstrument Instrument,
    [property: Id(4)] int TotalScore);

/// <summary>Persisted state of a person's score trajectory (grain state <c>scoreTrajectory</c>).</summary>
[GenerateSerializer, Alias("CareGrid.ScoreTrajectoryState")]
public sealed class ScoreTrajectoryState
{
    /// <summary>Points of every instrument, oldest first; at most <see cref="ScoreTrajectory.MaxPointsPerInstrument"/> per instrument.</summary>
    [Id(0)] public List<ScorePoint> Points { get; set; } = [];

    /// <summary>Points dropped to keep the state bounded (the baseline is never dropped; the case keeps every screening).</summary>
    [Id(1)] public int Dropped { get; set; }
}

/// <summary>A point with its change from the baseline (the first score of its instrument).</summary>
/// <param name="Point">The score.</param>
/// <param name="ChangeFromBaseline">Score points, latest minus baseline (0 for the baseline; negative = fewer symptoms).</param>
/// <param name="Index">The Jacobson–Truax index against the baseline; null for the baseline and without norms.</param>
/// <param name="Class">The class of the change.</param>
[GenerateSerializer, Alias("CareGrid.TrajectoryPoint")]
public sealed record TrajectoryPoint(
    [property: Id(0)] ScorePoint Point,
    [property: Id(1)] int ChangeFromBaseline,
    [property: Id(2)] double? Index,
    [property: Id(3)] ReliableChangeClass Class);

/// <summary>One instrument's series.</summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="Norms">The norms the index uses; null when CareGrid has none (K10 for now).</param>
/// <param name="ThresholdPoints">1.96·S_diff in score points: a change must exceed it to be reliable; null without norms.</param>
/// <param name="Points">Oldest first; the first is the baseline.</param>
[GenerateSerializer, Alias("CareGrid.InstrumentTrajectory")]
public sealed record InstrumentTrajectory(
    [property: Id(0)] ScreeningInstrument Instrument,
    [property: Id(1)] InstrumentNorms? Norms,
    [property: Id(2)] double? ThresholdPoints,
    [property: Id(3)] IReadOnlyList<TrajectoryPoint> Points);

/// <summary>Why a followed-up person is flagged .</summary>
[GenerateSerializer, Alias("CareGrid.TrajectoryFlagReason")]
public enum TrajectoryFlagReason
{
    /// <summary>The review period has passed since the baseline and no later score of the instrument was recorded.</summary>
    NoRepeatScore = 0,

    /// <summary>The review period has passed and the latest score is not reliably better than the baseline.</summary>
    NotReliablyImproved = 1,

    /// <summary>The latest score is reliably worse than the baseline (flagged at once, whatever the period).</summary>
    ReliablyDeteriorated = 2,
}

/// <summary>A flag on one instrument of a followed-up person.</summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="Reason">Why.</param>
/// <param name="BaselineScore">The first score.</param>
/// <param name="LatestScore">The latest score.</param>
/// <param name="WeeksSinceBaseline">Whole weeks from the baseline to now (domain clock).</param>
[GenerateSerializer, Alias("CareGrid.TrajectoryFlag")]
public sealed record TrajectoryFlag(
    [property: Id(0)] ScreeningInstrument Instrument,
    [property: Id(1)] TrajectoryFlagReason Reason,
    [property: Id(2)] int BaselineScore,
    [property: Id(3)] int LatestScore,
    [property: Id(4)] int WeeksSinceBaseline);

/// <summary>A person's trajectory as read (<c>scoreTrajectory</c>).</summary>
/// <param name="PersonId">The person.</param>
/// <param name="ReviewWeeks">The tenant's review period in weeks (<c>setTrajectoryReviewWeeks</c>).</param>
/// <param name="FollowedUp">True while the person has an open case: only then are flags raised.</param>
/// <param name="Instruments">One series per instrument with scores, in instrument order.</param>
/// <param name="Flags">The flags (empty when not followed up).</param>
/// <param name="DroppedPoints">Points dropped to keep the state bounded (0 in normal use).</param>
[GenerateSerializer, Alias("CareGrid.ScoreTrajectoryView")]
public sealed record ScoreTrajectoryView(
    [property: Id(0)] string PersonId,
    [property: Id(1)] int ReviewWeeks,
    [property: Id(2)] bool FollowedUp,
    [property: Id(3)] IReadOnlyList<InstrumentTrajectory> Instruments,
    [property: Id(4)] IReadOnlyList<TrajectoryFlag> Flags,
    [property: Id(5)] int DroppedPoints);
