using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL input <c>StartCensusRoundInput</c>, read as <see cref="StartCensusRoundInput"/>.</summary>
public sealed class StartCensusRoundInputType : InputObjectGraphType<StartCensusRoundInput>
{
    /// <summary>Defines the fields.</summary>
    public StartCensusRoundInputType()
    {
        Name = "StartCensusRoundInput";
        Field<IdGraphType>("id").Description("Local id; generated when omitted.");
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("organizationIds").Description("Classes or communities (1–50).");
        Field<StringGraphType>("idempotencyKey").Description(IdempotencyArguments.Description + " Without an id, the round's id is derived from the key.");
    }
}
