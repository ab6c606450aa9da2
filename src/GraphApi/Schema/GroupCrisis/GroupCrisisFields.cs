using CareGrid.Grains.GroupCrisis;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// The group-crisis warning (R-4.5, docs/group-crisis.md): the tenant's rule (TenantAdmin), the alerts of the leadership group
/// (Supervisor; TenantAdmin reads them too), and their acknowledgement with a proposed response.
/// </summary>
public sealed class GroupCrisisFields(IGrainFactory grains) : ISchemaContributor
{
    /// <summary>Who reads alerts: the leadership group within its units, and the tenant's admin.</summary>
    public static readonly IReadOnlyList<string> Readers = [Roles.Supervisor, Roles.TenantAdmin];

    /// <summary>Who acknowledges alerts: the leadership group .</summary>
    public static readonly IReadOnlyList<string> Acknowledgers = [Roles.Supervisor];

    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<GroupCrisisAlertType>>>>("groupCrisisAlerts")
            .Description("Group-crisis alerts (R-4.5) of units in the caller's organization scope, newest first: unit, window and counts, no names "
                + "(Supervisor, TenantAdmin). `status` filters RAISED or ACKNOWLEDGED; `first` 1–500 (default 50). Errors: VALIDATION_FAILED (first).")
            .Argument<EnumerationGraphType<GroupCrisisAlertStatus>>("status")
            .Argument<IntGraphType>("first")
            .AllowTenantRoles(Readers).AuditsRead("GroupCrisisAlerts", idArgument: null)
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var first = ctx.GetArgument<int?>("first") ?? 50;
                if (first is < 1 or > GroupCrisisAlertBook.MaxAlerts)
                {
                    throw Grains.Errors.CareGridException.Validation("first", $"groupCrisisAlerts: first is 1–{GroupCrisisAlertBook.MaxAlerts}.");
                }

                var scope = await StaffScopes.ResolveAsync(grains, tenant.Id, actor);
                return await Alerts(tenant).List(scope, ctx.GetArgument<GroupCrisisAlertStatus?>("status"), first);
            });

    /// <inheritdoc />
    public void AddMutations(ObjectGraphType mutation)
    {
        AddAcknowledge(mutation);
        AddSetRule(mutation);
    }

    private void AddAcknowledge(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<GroupCrisisAlertType>>("acknowledgeGroupCrisisAlert")
            .Description("Acknowledges a group-crisis alert of a unit in the caller's scope with the proposed response (R-4.5), once (Supervisor). "
                + "Errors: VALIDATION_FAILED (id, response: 1–2000 characters), NOT_FOUND, FORBIDDEN (rule need-to-know: another unit), INVALID_TRANSITION (acknowledged already).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<StringGraphType>>("response")
            .AllowTenantRoles(Acknowledgers).AuditsWrite("GroupCrisisAlert")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var id = ctx.GetArgument<string>("id");
                if (!GroupCrisisAlert.IsWellFormedId(id))
                {
                    throw Grains.Errors.CareGridException.Validation("id", "acknowledgeGroupCrisisAlert: id is an alert id as groupCrisisAlerts lists it (yyyyMMdd-unit).");
                }

                var scope = await StaffScopes.ResolveAsync(grains, tenant.Id, actor);
                return await Alerts(tenant).Acknowledge(id, ctx.GetArgument<string>("response"), scope, actor);
            });

    private void AddSetRule(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<ProtocolSettingsType>>("setGroupCrisisRule")
            .Description("Sets the tenant's group-crisis rule (R-4.5): an alert when `threshold` (2–1000) people of one unit are flagged in a census or reported "
                + "about within one fixed window of `windowDays` (1–92) days; `enabled: false` turns it off (TenantAdmin). Errors: VALIDATION_FAILED (threshold, windowDays).")
            .Argument<NonNullGraphType<IntGraphType>>("threshold")
            .Argument<NonNullGraphType<IntGraphType>>("windowDays")
            .Argument<BooleanGraphType>("enabled")
            .AllowTenantRoles([Roles.TenantAdmin]).AuditsWrite("Tenant", idArgument: null)
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var grain = grains.GetRef<ITenantGrain>(tenant.Id);
                var settings = await grain.GetSettings();
                var rule = new GroupCrisisRule(ctx.GetArgument<int>("threshold"), ctx.GetArgument<int>("windowDays"), ctx.GetArgument<bool?>("enabled") ?? true);
                return await grain.UpdateSettings(settings with { GroupCrisis = rule }, actor);
            });

    private IGroupCrisisAlertsGrain Alerts(TenantInfo tenant) => grains.GetRef<IGroupCrisisAlertsGrain>(IGroupCrisisAlertsGrain.KeyOf(tenant.Id));
}
