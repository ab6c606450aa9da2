using CareGrid.Grains.Census;
using CareGrid.Grains.People;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL input <c>RecordCensusInput</c>, read as <see cref="RecordCensusInput"/>.</summary>
public sealed class RecordCensusInputType : InputObjectGraphType<RecordCensusInput>
{
    /// <summary>Defines the fields.</summary>
    public RecordCensusInputType()
    {
        Name = "RecordCensusInput";
        Field<NonNullGraphType<IdGraphType>>("roundId");
        Field<NonNullGraphType<IdGraphType>>("personId");
        Field<NonNullGraphType<EnumerationGraphType<CensusMood>>>("mood");
        Field<ListGraphType<NonNullGraphType<EnumerationGraphType<CensusFlags>>>>("flags").Description("R-4.4 exposure flags and R-3.5 items; any flag moves the person to TRACKING.");
        Field<StringGraphType>("note").Description("At most 1000 characters.");
        Field<StringGraphType>("idempotencyKey").Description(IdempotencyArguments.Description);
    }
}
