using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// GraphQL connection type <c>{nodes, pageInfo}</c> over rows of <typeparamref name="TNode"/>. A connection is only the
/// answer of the root field that declared access and audit for it (e.g. <c>cases</c>, <c>people</c>, <c>auditLog</c>).
/// </summary>
public class ConnectionType<TNodeType, TNode> : ObjectGraphType<Connection<TNode>> where TNodeType : IGraphType
{
    /// <summary>Defines the fields of the connection named <paramref name="name"/>.</summary>
    public ConnectionType(string name)
    {
        Name = name;
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeType>>>>("nodes").Resolve(ctx => ctx.Source.Nodes);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(ctx => ctx.Source.PageInfo);
        Field<NonNullGraphType<IntGraphType>>("totalCount")
            .Description("The number of items of the whole filtered list (every page, not this one), under the same filter and scope. "
                + "Counted only when selected: it reads the whole filtered list once (docs/search.md).")
            .ResolveAsync(async ctx => ctx.Source.Count is { } count
                ? await count()
                : throw new InvalidOperationException($"{name} has no count."));
        this.ReachedThroughParent();
    }
}
