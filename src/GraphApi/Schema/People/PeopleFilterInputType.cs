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
        Field<StringGraphType>("name").Description("Only people whose display name starts with this text (1–64 characters), compared after the width fold of NFKC (full-width → half-width), "
            + "white space collapsed and trimmed, and lower-casing: 张 finds 张伟 and 张三; ｚｈａｎｇ finds Zhang Wei. No pinyin. "
            + "The list is then ordered by name, then id (docs/search.md).");
        Field<StringGraphType>("externalId").Description("Only the people with exactly this roster id (externalId, e.g. the school's student number).");
    }
}
