using CareGrid.Grains.Trajectories;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>ScoreTrajectory</c>: a person's PHQ-9, GAD-7 and K10 scores over time (R-3.6, R-6.3; docs/trajectories.md).</summary>
public sealed class ScoreTrajectoryType : ObjectGraphType<ScoreTrajectoryView>
{
    /// <summary>Defines the fields.</summary>
    public ScoreTrajectoryType()
    {
        this.ReachedThroughParent();
        Name = "ScoreTrajectory";
        Field(x => x.PersonId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.ReviewWeeks).Description("The tenant's review period in weeks (setTrajectoryReviewWeeks; default 8).");
        Field(x => x.FollowedUp).Description("True while the person has an open case; flags are raised only then.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<InstrumentTrajectoryType>>>>("instruments")
            .Description("One series per instrument that has scores (PHQ9, GAD7, K10), oldest score first.").Resolve(ctx => ctx.Source.Instruments);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TrajectoryFlagType>>>>("flags")
            .Description("Instruments on which a followed-up person has not reliably improved (docs/trajectories.md).").Resolve(ctx => ctx.Source.Flags);
        Field(x => x.DroppedPoints).Description("Scores dropped to keep the record bounded (the baseline never is; every case keeps its screenings).");
    }
}

/// <summary>GraphQL <c>InstrumentTrajectory</c>: one instrument's scores with the Jacobson–Truax index against the first.</summary>
public sealed class InstrumentTrajectoryType : ObjectGraphType<InstrumentTrajectory>
{
    /// <summary>Defines the fields.</summary>
    public InstrumentTrajectoryType()
    {
        this.ReachedThroughParent();
        Name = "InstrumentTrajectory";
        Field(x => x.Instrument, type: typeof(NonNullGraphType<ScreeningInstrumentType>));
        Field(x => x.ThresholdPoints, nullable: true).Description("A change must exceed this many points (1.96 × S_diff) to be reliable; null when CareGrid has no published norms (K10).");
        Field<FloatGraphType>("standardDeviation").Description("The published SD of the total the index uses; null without norms.").Resolve(ctx => ctx.Source.Norms?.StandardDeviation);
        Field<FloatGraphType>("reliability").Description("The published reliability the index uses; null without norms.").Resolve(ctx => ctx.Source.Norms?.Reliability);
        Field<StringGraphType>("normsSource").Description("The papers the SD and reliability come from.").Resolve(ctx => ctx.Source.Norms?.Source);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TrajectoryPointType>>>>("points").Description("Oldest first; the first is the baseline.").Resolve(ctx => ctx.Source.Points);
    }
}

/// <summary>GraphQL <c>TrajectoryPoint</c>: one score and its change from the baseline.</summary>
public sealed class TrajectoryPointType : ObjectGraphType<TrajectoryPoint>
{
    /// <summary>Defines the fields.</summary>
    public TrajectoryPointType()
    {
        this.ReachedThroughParent();
        Name = "TrajectoryPoint";
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("at").Description("When the screening was recorded (UTC).").Resolve(ctx => ctx.Source.Point.At);
        Field<NonNullGraphType<IdGraphType>>("caseId").Resolve(ctx => ctx.Source.Point.CaseId);
        Field<NonNullGraphType<IdGraphType>>("screeningId").Resolve(ctx => ctx.Source.Point.ScreeningId);
        Field<NonNullGraphType<IntGraphType>>("totalScore").Resolve(ctx => ctx.Source.Point.TotalScore);
        Field(x => x.ChangeFromBaseline).Description("Score points, this score minus the baseline (negative = fewer symptoms).");
        Field<FloatGraphType>("reliableChangeIndex").Description("(score − baseline) / S_diff (Jacobson & Truax 1991); null for the baseline and without norms.")
            .Resolve(ctx => ctx.Source.Index);
        Field<NonNullGraphType<EnumerationGraphType<ReliableChangeClass>>>("change").Resolve(ctx => ctx.Source.Class);
    }
}

/// <summary>GraphQL <c>TrajectoryFlag</c>: a followed-up person who has not reliably improved on one instrument .</summary>
public sealed class TrajectoryFlagType : ObjectGraphType<TrajectoryFlag>
{
    /// <summary>Defines the fields.</summary>
    public TrajectoryFlagType()
    {
        this.ReachedThroughParent();
        Name = "TrajectoryFlag";
        Field(x => x.Instrument, type: typeof(NonNullGraphType<ScreeningInstrumentType>));
        Field(x => x.Reason, type: typeof(NonNullGraphType<EnumerationGraphType<TrajectoryFlagReason>>));
        Field(x => x.BaselineScore);
        Field(x => x.LatestScore);
        Field(x => x.WeeksSinceBaseline).Description("Whole weeks from the baseline to now.");
    }
}
