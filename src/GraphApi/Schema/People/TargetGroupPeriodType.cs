using CareGrid.Grains.Cases;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.People;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>TargetGroupPeriod</c> (R-1.2).</summary>
public sealed class TargetGroupPeriodType : ObjectGraphType<TargetGroupPeriod>
{
    /// <summary>Defines the fields.</summary>
    public TargetGroupPeriodType()
    {
        this.ReachedThroughParent();
        Name = "TargetGroupPeriod";
        Field(x => x.Code);
        Field(x => x.From, nullable: true).Description("First day, inclusive; null: since registration.");
        Field(x => x.Until, nullable: true).Description("Last day, inclusive; null: ongoing.");
    }
}
