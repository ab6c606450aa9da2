using CareGrid.Grains.Activities;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>Activity</c>: one activity of a unit's plan (R-7.1, docs/activities.md).</summary>
public sealed class ActivityType : ObjectGraphType<ActivityView>
{
    /// <summary>Defines the fields.</summary>
    public ActivityType()
    {
        Name = "Activity";
        this.ReachedThroughParent();
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Activity.Id);
        Field<NonNullGraphType<IdGraphType>>("organizationId").Resolve(ctx => ctx.Source.OrganizationId);
        Field<NonNullGraphType<StringGraphType>>("title").Description("As entered, or the template's English name.").Resolve(ctx => ctx.Source.Activity.Title);
        Field<StringGraphType>("titleZh").Description("Simplified Chinese title, if any.").Resolve(ctx => ctx.Source.Activity.TitleZh);
        Field<StringGraphType>("description").Resolve(ctx => ctx.Source.Activity.Description);
        Field<NonNullGraphType<StringGraphType>>("owner").Description("The login (sub) of the staff member responsible.").Resolve(ctx => ctx.Source.Activity.Owner);
        Field<DateOnlyGraphType>("dueOn").Description("Deadline (tenant's time zone); null for an ongoing activity.").Resolve(ctx => ctx.Source.Activity.DueOn);
        Field<NonNullGraphType<BooleanGraphType>>("ongoing").Description("True when it has no deadline.").Resolve(ctx => ctx.Source.Activity.DueOn is null);
        Field<NonNullGraphType<EnumerationGraphType<ActivityStatus>>>("status").Resolve(ctx => ctx.Source.Activity.Status);
        Field<NonNullGraphType<BooleanGraphType>>("overdue").Description("Deadline passed (tenant's local date) and neither DONE nor CANCELLED.").Resolve(ctx => ctx.Source.Overdue);
        Field<StringGraphType>("templateItem").Description("The template item it came from, e.g. bullying-sweep.").Resolve(ctx => ctx.Source.Activity.TemplateItem);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Resolve(ctx => ctx.Source.Activity.CreatedAt);
        Field<NonNullGraphType<StringGraphType>>("createdBy").Resolve(ctx => ctx.Source.Activity.CreatedBy);
        Field<DateTimeOffsetGraphType>("closedAt").Description("When it became DONE or CANCELLED.").Resolve(ctx => ctx.Source.Activity.ClosedAt);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EvidenceNoteType>>>>("evidence").Resolve(ctx => ctx.Source.Activity.Evidence);
    }
}

/// <summary>GraphQL <c>EvidenceNote</c> of an activity.</summary>
public sealed class EvidenceNoteType : ObjectGraphType<EvidenceNote>
{
    /// <summary>Defines the fields.</summary>
    public EvidenceNoteType()
    {
        Name = "EvidenceNote";
        this.ReachedThroughParent();
        Field(x => x.At);
        Field(x => x.By);
        Field(x => x.Text);
    }
}

/// <summary>GraphQL <c>Hazard</c>: one entry of a unit's bullying-risk sweep ledger (R-7.6, docs/activities.md).</summary>
public sealed class HazardType : ObjectGraphType<HazardView>
{
    /// <summary>Defines the fields.</summary>
    public HazardType()
    {
        Name = "Hazard";
        this.ReachedThroughParent();
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Hazard.Id);
        Field<NonNullGraphType<IdGraphType>>("organizationId").Resolve(ctx => ctx.Source.OrganizationId);
        Field<NonNullGraphType<StringGraphType>>("place").Resolve(ctx => ctx.Source.Hazard.Place);
        Field<NonNullGraphType<StringGraphType>>("hazard").Resolve(ctx => ctx.Source.Hazard.Hazard);
        Field<NonNullGraphType<StringGraphType>>("owner").Description("The login (sub) of who fixes it.").Resolve(ctx => ctx.Source.Hazard.Owner);
        Field<NonNullGraphType<DateOnlyGraphType>>("fixBy").Description("Fix deadline (tenant's time zone).").Resolve(ctx => ctx.Source.Hazard.FixBy);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("recordedAt").Resolve(ctx => ctx.Source.Hazard.RecordedAt);
        Field<NonNullGraphType<StringGraphType>>("recordedBy").Resolve(ctx => ctx.Source.Hazard.RecordedBy);
        Field<DateTimeOffsetGraphType>("fixedAt").Description("When the fix was recorded; null while open.").Resolve(ctx => ctx.Source.Hazard.FixedAt);
        Field<StringGraphType>("fixedBy").Resolve(ctx => ctx.Source.Hazard.FixedBy);
        Field<StringGraphType>("fixNote").Resolve(ctx => ctx.Source.Hazard.FixNote);
        Field<NonNullGraphType<BooleanGraphType>>("overdue").Description("Not fixed and the fix deadline has passed (tenant's local date).").Resolve(ctx => ctx.Source.Overdue);
    }
}
