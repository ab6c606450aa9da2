using CareGrid.Grains.Calendar;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// Root mutations of a tenant's protocol settings (TenantAdmin): task deadlines, the working-day calendar and the
/// age of consent (R-1.7, PIPL art. 31). Each is audited as a WRITE of the tenant, named by the tenant's id.
/// </summary>
public sealed class ProtocolSettingsMutations(IGrainFactory grains) : ISchemaContributor
{
    private static readonly IReadOnlyList<string> Admin = [Roles.TenantAdmin];

    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query)
    {
    }

    /// <inheritdoc />
    public void AddMutations(ObjectGraphType mutation)
    {
        AddSetProtocolDeadline(mutation);
        AddSetWorkingCalendar(mutation);
        AddSetAgeOfConsent(mutation);
    }

    private void AddSetProtocolDeadline(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<ProtocolSettingsType>>("setProtocolDeadline")
            .Description("Sets the deadline of one task kind for this tenant (TenantAdmin). amount ≥ 0; unit MINUTES, HOURS, CALENDAR_DAYS or WORKING_DAYS (on the tenant's calendar). Each kind has a longest deadline (docs/protocol.md \"How long a deadline may be\": 24 h to notify the family or the police, 72 h for crisis intervention and raised visits, 5 days for guidance and the discharge tasks, 30 days for a follow-up visit); longer is refused VALIDATION_FAILED (field amount, rule deadline-bound, maxAmount, maxUnit).")
            .Argument<NonNullGraphType<EnumerationGraphType<CaseTaskKind>>>("kind")
            .Argument<NonNullGraphType<IntGraphType>>("amount")
            .Argument<NonNullGraphType<EnumerationGraphType<DeadlineUnit>>>("unit")
            .AllowTenantRoles(Admin).AuditsWrite("Tenant", idArgument: null)
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var grain = grains.GetRef<ITenantGrain>(tenant.Id);
                var settings = await grain.GetSettings();
                var deadlines = new Dictionary<CaseTaskKind, DeadlineSpec>(settings.Deadlines)
                {
                    [ctx.GetArgument<CaseTaskKind>("kind")] = new(ctx.GetArgument<int>("amount"), ctx.GetArgument<DeadlineUnit>("unit")),
                };
                return await grain.UpdateSettings(settings with { Deadlines = deadlines }, actor);
            });

    private void AddSetWorkingCalendar(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<ProtocolSettingsType>>("setWorkingCalendar")
            .Description("Sets the tenant's holidays and make-up working days (ISO dates, local to the tenant's time zone) (TenantAdmin).")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<DateOnlyGraphType>>>>("holidays")
            .Argument<ListGraphType<NonNullGraphType<DateOnlyGraphType>>>("extraWorkingDays")
            .AllowTenantRoles(Admin).AuditsWrite("Tenant", idArgument: null)
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var grain = grains.GetRef<ITenantGrain>(tenant.Id);
                var settings = await grain.GetSettings();
                var calendar = new WorkingCalendar(settings.Calendar.TimeZoneId, settings.Calendar.WeekendDays,
                    ctx.GetArgument<List<DateOnly>>("holidays"), ctx.GetArgument<List<DateOnly>?>("extraWorkingDays") ?? [.. settings.Calendar.ExtraWorkingDays]);
                return await grain.UpdateSettings(settings with { Calendar = calendar }, actor);
            });

    private void AddSetAgeOfConsent(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<ProtocolSettingsType>>("setAgeOfConsent")
            .Description("Sets the tenant's age of consent in years, 10–21 (default 14, PIPL art. 31): below it only a guardian grants or withdraws consent (TenantAdmin). Errors: VALIDATION_FAILED (field years).")
            .Argument<NonNullGraphType<IntGraphType>>("years")
            .AllowTenantRoles(Admin).AuditsWrite("Tenant", idArgument: null)
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var grain = grains.GetRef<ITenantGrain>(tenant.Id);
                var settings = await grain.GetSettings();
                return await grain.UpdateSettings(settings with { AgeOfConsentYears = ctx.GetArgument<int>("years") }, actor);
            });
}
