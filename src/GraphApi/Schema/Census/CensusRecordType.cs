using CareGrid.Grains.Census;
using CareGrid.Grains.People;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>CensusRecord</c> (R-7.4 level 1), read as part of a person.</summary>
public sealed class CensusRecordType : ObjectGraphType<CensusRecord>
{
    /// <summary>Defines the fields.</summary>
    public CensusRecordType()
    {
        Name = "CensusRecord";
        this.ReachedThroughParent();
        Field(x => x.RoundId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.At);
        Field(x => x.By);
        Field(x => x.Mood, type: typeof(NonNullGraphType<EnumerationGraphType<CensusMood>>));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EnumerationGraphType<CensusFlags>>>>>("flags").Resolve(ctx => CensusFlagList.Of(ctx.Source.Flags));
        Field("flagged", x => x.IsFlagged).Description("Any flag, or a LOW or DISTRESSED mood: the person moved to TRACKING.");
        Field(x => x.Note, nullable: true);
    }
}

/// <summary>Converts <see cref="CensusFlags"/> to and from lists.</summary>
public static class CensusFlagList
{
    /// <summary>The single flags set in <paramref name="flags"/>.</summary>
    public static List<CensusFlags> Of(CensusFlags flags) =>
        Enum.GetValues<CensusFlags>().Where(f => f != CensusFlags.None && flags.HasFlag(f)).ToList();

    /// <summary>The union of <paramref name="flags"/>.</summary>
    public static CensusFlags From(IEnumerable<CensusFlags>? flags) => (flags ?? []).Aggregate(CensusFlags.None, (a, f) => a | f);
}
