using CareGrid.Grains.Cases;
using CareGrid.Grains.Tenancy;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>ProtocolSettings</c>: a tenant's calendar, deadlines and visit intervals.</summary>
public sealed class ProtocolSettingsType : ObjectGraphType<TenantSettings>
{
    /// <summary>Defines the fields.</summary>
    public ProtocolSettingsType()
    {
        this.ReachedThroughParent();
        Name = "ProtocolSettings";
        Field<NonNullGraphType<StringGraphType>>("timeZone").Description("IANA time zone of the calendar.").Resolve(ctx => ctx.Source.Calendar.TimeZoneId);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DateOnlyGraphType>>>>("holidays").Resolve(ctx => ctx.Source.Calendar.Holidays.ToList());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DateOnlyGraphType>>>>("extraWorkingDays").Resolve(ctx => ctx.Source.Calendar.ExtraWorkingDays.ToList());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DeadlineSettingType>>>>("deadlines")
            .Description("The deadline of every task kind (the tenant's, else CareGrid's default).")
            .Resolve(ctx => Enum.GetValues<CaseTaskKind>().Select(k => new DeadlineSetting(k, ctx.Source.DeadlineFor(k))).ToList());
        Field(x => x.VisitEveryHoursDefault);
        Field(x => x.VisitEveryHoursHigh);
        Field(x => x.VisitEveryHoursImminent);
        Field<NonNullGraphType<IntGraphType>>("ageOfConsent")
            .Description("Age in years below which only a guardian grants or withdraws consent, counted on the tenant's local date (default 14, PIPL art. 31).")
            .Resolve(ctx => ctx.Source.AgeOfConsent);
        Field<NonNullGraphType<IntGraphType>>("intakeOwnerLevel")
            .Description("How a new concern travels: the level (2 or 3) whose queue owns a new case, from the jurisdiction template (school 3, district and town 2; docs/protocol.md).")
            .Resolve(ctx => (ctx.Source.Intake ?? IntakeRule.Coordinator).OwnerLevel);
        Field<NonNullGraphType<GroupCrisisRuleType>>("groupCrisis")
            .Description("The group-crisis rule (R-4.5, docs/group-crisis.md): the tenant's, else the default of 3 people in 7 days.")
            .Resolve(ctx => ctx.Source.GroupCrisis ?? Grains.GroupCrisis.GroupCrisisRule.Default);
        Field<NonNullGraphType<IntGraphType>>("trajectoryReviewWeeks")
            .Description("Weeks after a followed-up person's first score before a score that is not reliably better is flagged (default 8, R-3.6; docs/trajectories.md).")
            .Resolve(ctx => ctx.Source.ReviewWeeks);
    }
}
