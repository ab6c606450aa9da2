using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>PageInfo</c> (Relay-style); read only as part of a connection its root field declared.</summary>
public sealed class PageInfoType : ObjectGraphType<PageInfo>
{
    /// <summary>Defines the fields.</summary>
    public PageInfoType()
    {
        Name = "PageInfo";
        Field(x => x.HasNextPage);
        Field(x => x.EndCursor, nullable: true).Description("Pass as 'after' to get the next page.");
        this.ReachedThroughParent();
    }
}
