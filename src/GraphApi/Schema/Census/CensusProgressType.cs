using CareGrid.Grains.Census;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>CensusProgress</c>: a round's completion per unit .</summary>
public sealed class CensusProgressType : ObjectGraphType<CensusProgress>
{
    /// <summary>Defines the fields.</summary>
    public CensusProgressType()
    {
        Name = "CensusProgress";
        this.ReachedThroughParent();
        Field(x => x.RoundId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.Name);
        Field(x => x.Status, type: typeof(NonNullGraphType<EnumerationGraphType<CensusRoundStatus>>));
        Field(x => x.StartedAt);
        Field(x => x.StartedBy);
        Field(x => x.ClosedAt, nullable: true);
        Field(x => x.Units, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<CensusUnitProgressType>>>));
        Field<NonNullGraphType<IntGraphType>>("expected").Resolve(ctx => ctx.Source.Units.Sum(u => u.Expected));
        Field<NonNullGraphType<IntGraphType>>("recorded").Resolve(ctx => ctx.Source.Units.Sum(u => u.Recorded));
        Field(x => x.FlaggedPersonIds, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>));
    }
}

/// <summary>GraphQL <c>CensusUnitProgress</c>: one unit's figures in a round.</summary>
public sealed class CensusUnitProgressType : ObjectGraphType<CensusUnitProgress>
{
    /// <summary>Defines the fields.</summary>
    public CensusUnitProgressType()
    {
        Name = "CensusUnitProgress";
        this.ReachedThroughParent();
        Field(x => x.OrganizationId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.Expected);
        Field(x => x.Recorded);
        Field(x => x.Flagged);
        Field(x => x.CasesOpened);
        Field(x => x.Completion).Description("recorded / expected, 0–1.");
    }
}
