using CareGrid.Grains.Cases;
using CareGrid.Grains.Census;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.People;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>Input <c>PeopleFilter</c> of <c>people</c>.</summary>
public sealed class PeopleFilterInputType : TypedInputType<PeopleFilter>
{
    /// <summary>Defines the fields.</summary>
    public PeopleFilterInputType()
    {
        Name = "PeopleFilter";
        Field<IdGraphType>("organization").Description("Only people of this unit.");
        Field<BooleanGraphType>("includeSubtree").Description("With organization: also the units below it.");
        Field<StringGraphType>("targetGroup").Description("Only people in this target group (R-1.2).");
        Field<EnumerationGraphType<MonitoringLevel>>("monitoringLevel").Description("Only people at this level (R-7.4).");
        Field<BooleanGraphType>("staff").Description("Only staff (true) or only people served (false).");
    }
}
