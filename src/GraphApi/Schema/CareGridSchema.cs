namespace CareGrid.GraphApi.Schema;

/// <summary>The CareGrid GraphQL schema: <see cref="QueryType"/>, <see cref="MutationType"/> and <see cref="Subscriptions.SubscriptionType"/> (docs/subscriptions.md).</summary>
public sealed class CareGridSchema : GraphQL.Types.Schema
{
    /// <summary>Builds the schema from DI.</summary>
    public CareGridSchema(IServiceProvider services, QueryType query, MutationType mutation, Subscriptions.SubscriptionType subscription) : base(services)
    {
        Query = query;
        Mutation = mutation;
        Subscription = subscription;
    }
}
