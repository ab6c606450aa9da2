namespace CareGrid.GraphApi.Schema;

/// <summary>The CareGrid GraphQL schema: <see cref="QueryType"/> and <see cref="MutationType"/>.</summary>
public sealed class CareGridSchema : GraphQL.Types.Schema
{
    /// <summary>Builds the schema from DI.</summary>
    public CareGridSchema(IServiceProvider services, QueryType query, MutationType mutation) : base(services)
    {
        Query = query;
        Mutation = mutation;
    }
}
