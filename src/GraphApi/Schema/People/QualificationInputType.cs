using CareGrid.Grains.Cases;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.People;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>Input <c>QualificationInput</c> (R-7.7).</summary>
public sealed class QualificationInputType : TypedInputType<QualificationInput>
{
    /// <summary>Defines the fields.</summary>
    public QualificationInputType()
    {
        Name = "QualificationInput";
        Field<NonNullGraphType<StringGraphType>>("code");
        Field<DateOnlyGraphType>("validUntil").Description("Last valid day; omit when it does not expire.");
    }
}
