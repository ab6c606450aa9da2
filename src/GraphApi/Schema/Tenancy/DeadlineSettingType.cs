using CareGrid.Grains.Calendar;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Tenancy;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>DeadlineSetting</c>.</summary>
public sealed class DeadlineSettingType : ObjectGraphType<DeadlineSetting>
{
    /// <summary>Defines the fields.</summary>
    public DeadlineSettingType()
    {
        this.ReachedThroughParent();
        Name = "DeadlineSetting";
        Field(x => x.Kind, type: typeof(NonNullGraphType<EnumerationGraphType<CaseTaskKind>>));
        Field<NonNullGraphType<IntGraphType>>("amount").Resolve(ctx => ctx.Source.Spec.Amount);
        Field<NonNullGraphType<EnumerationGraphType<DeadlineUnit>>>("unit").Resolve(ctx => ctx.Source.Spec.Unit);
        Field<NonNullGraphType<IntGraphType>>("calendarCapHours")
            .Description("The most elapsed time, in hours, a task of this kind runs from when it opens, whatever the deadline and the calendar: 24 or 72 for a kind "
                + "bounded in hours, the bound plus the longest statutory holiday run (9 days) for one bounded in days: 336 (14 days), 936 (39 days) "
                + "(docs/protocol.md \"The calendar cap\", RT17-9).")
            .Resolve(ctx => (int)ProtocolDeadlineBounds.CalendarCap(ctx.Source.Kind).TotalHours);
    }
}
