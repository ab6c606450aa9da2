using CareGrid.Grains.Cases;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>ScreeningRecord</c>.</summary>
public sealed class ScreeningRecordType : ObjectGraphType<ScreeningRecord>
{
    /// <summary>Defines the fields.</summary>
    public ScreeningRecordType()
    {
        Name = "ScreeningRecord";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.At);
        Field(x => x.By);
        Field(x => x.Result, type: typeof(NonNullGraphType<ScreeningResultType>));
        Field(x => x.Answers, type: typeof(NonNullGraphType<ListGraphType<IntGraphType>>));
        this.ReachedThroughParent();
    }
}
