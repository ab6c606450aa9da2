using CareGrid.Grains.GroupCrisis;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>GroupCrisisRule</c>: the tenant's group-crisis threshold and window (R-4.5, docs/group-crisis.md).</summary>
public sealed class GroupCrisisRuleType : ObjectGraphType<GroupCrisisRule>
{
    /// <summary>Defines the fields.</summary>
    public GroupCrisisRuleType()
    {
        this.ReachedThroughParent();
        Name = "GroupCrisisRule";
        Field<NonNullGraphType<IntGraphType>>("threshold").Description("People of one unit within one window that raise an alert (2–1000).").Resolve(ctx => ctx.Source.Threshold);
        Field<NonNullGraphType<IntGraphType>>("windowDays").Description("Window length in days (1–92); fixed windows aligned on Monday 2024-01-01 in the tenant's time zone (7: Monday to Sunday).").Resolve(ctx => ctx.Source.WindowDays);
        Field<NonNullGraphType<BooleanGraphType>>("enabled").Resolve(ctx => ctx.Source.Enabled);
    }
}
