using CareGrid.Grains.History;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>CaseHistoryCounts</c>: the length of each of a case's lists.</summary>
public sealed class CaseHistoryCountsType : ObjectGraphType<CaseHistoryCounts>
{
    /// <summary>Defines the fields.</summary>
    public CaseHistoryCountsType()
    {
        Name = "CaseHistoryCounts";
        Description = "How many entries each of a case's lists holds in all.";
        Field<NonNullGraphType<IntGraphType>>("timeline").Resolve(ctx => (int)ctx.Source.Timeline);
        Field<NonNullGraphType<IntGraphType>>("tasks").Resolve(ctx => (int)ctx.Source.Tasks);
        Field<NonNullGraphType<IntGraphType>>("screenings").Resolve(ctx => (int)ctx.Source.Screenings);
        Field<NonNullGraphType<IntGraphType>>("contacts").Resolve(ctx => (int)ctx.Source.Contacts);
        Field<NonNullGraphType<IntGraphType>>("referrals").Resolve(ctx => (int)ctx.Source.Referrals);
        Field<NonNullGraphType<IntGraphType>>("notifications").Resolve(ctx => (int)ctx.Source.Notifications);
        this.ReachedThroughParent();
    }
}
