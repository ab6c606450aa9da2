using CareGrid.Grains.GroupCrisis;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>GroupCrisisAlert</c>: a unit where the group-crisis threshold was reached in one window; counts only, no names.</summary>
public sealed class GroupCrisisAlertType : ObjectGraphType<GroupCrisisAlert>
{
    /// <summary>Defines the fields.</summary>
    public GroupCrisisAlertType()
    {
        this.ReachedThroughParent();
        Name = "GroupCrisisAlert";
        Description = "Signs of a group crisis in one unit (R-4.5): at least `threshold` people flagged in a census or reported about within one window. Counts only; no person is named (docs/group-crisis.md).";
        Field<NonNullGraphType<IdGraphType>>("id").Description("`yyyyMMdd-unit`: one alert per unit and window.").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("organizationId").Description("The unit (class, community).").Resolve(ctx => ctx.Source.OrganizationId);
        Field<NonNullGraphType<DateOnlyGraphType>>("windowStart").Description("The window's first day, in the tenant's time zone.").Resolve(ctx => ctx.Source.WindowStart);
        Field<NonNullGraphType<DateOnlyGraphType>>("windowEnd").Description("The window's last day (inclusive), in the tenant's time zone.").Resolve(ctx => ctx.Source.WindowEnd);
        Field<NonNullGraphType<IntGraphType>>("windowDays").Resolve(ctx => ctx.Source.WindowDays);
        Field<NonNullGraphType<IntGraphType>>("threshold").Description("People, the threshold in force when the alert was raised.").Resolve(ctx => ctx.Source.Threshold);
        Field<NonNullGraphType<IntGraphType>>("people").Description("Distinct people counted in the window so far (each once).").Resolve(ctx => ctx.Source.People);
        Field<NonNullGraphType<IntGraphType>>("flaggedInCensus").Description("Of them, people flagged in a census (recordCensus).").Resolve(ctx => ctx.Source.FlaggedInCensus);
        Field<NonNullGraphType<IntGraphType>>("withConcerns").Description("Of them, people a concern was reported about (reportConcern).").Resolve(ctx => ctx.Source.WithConcerns);
        Field<NonNullGraphType<EnumerationGraphType<GroupCrisisAlertStatus>>>("status").Resolve(ctx => ctx.Source.Status);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("raisedAt").Resolve(ctx => ctx.Source.RaisedAt);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("updatedAt").Description("When the counts last grew.").Resolve(ctx => ctx.Source.UpdatedAt);
        Field<DateTimeOffsetGraphType>("acknowledgedAt").Resolve(ctx => ctx.Source.AcknowledgedAt);
        Field<StringGraphType>("acknowledgedBy").Description("The sub of who acknowledged it.").Resolve(ctx => ctx.Source.AcknowledgedBy);
        Field<StringGraphType>("response").Description("The leadership group's proposed response (R-4.5).").Resolve(ctx => ctx.Source.Response);
    }
}
