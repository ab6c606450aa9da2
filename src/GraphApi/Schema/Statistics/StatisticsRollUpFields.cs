using CareGrid.Grains.Hosting;
using CareGrid.Grains.Security;
using CareGrid.Grains.Statistics;
using CareGrid.Grains.Statistics.RollUp;
using CareGrid.Grains.Tenancy;
using CareGrid.GraphApi.Schema.Access;
using CareGrid.GraphApi.Tenancy;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// The roll-up of statistics to the parent tenant (docs/statistics.md "Roll-up"): a child tenant's TenantAdmin switches
/// sharing on or off (<c>setStatisticsSharing</c>, audited as a WRITE of the tenant); the parent's Supervisor and TenantAdmin
/// read the suppressed tables (<c>statisticsRollUp</c>, audited as a READ of <c>StatisticsRollUp</c>). A tenant none of whose
/// descendants shares gets an empty roll-up, not a refusal: whether a tenant has children is no secret of theirs.
/// </summary>
public sealed class StatisticsRollUpFields(IGrainFactory grains, TenantDirectory directory,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : ISchemaContributor
{
    /// <summary>Roles that read the roll-up: the supervisors of the parent tenant and its admin.</summary>
    public static readonly IReadOnlyList<string> ReadRoles = [Roles.Supervisor, Roles.TenantAdmin];

    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query) =>
        query.Field<NonNullGraphType<StatisticsRollUpType>>("statisticsRollUp")
            .Description("The statistics of this tenant's descendant tenants that share them (setStatisticsSharing), a table per figure family with a row per "
                + "tenant and totals; every count under 5 and every count it could be derived from is withheld (docs/statistics.md \"Roll-up\"). "
                + "`period` is whole weeks (default the current week and the three before, in this tenant's time zone); each tenant counts the same dates "
                + "in its own time zone. Supervisor and TenantAdmin; empty tenants and tables when no descendant shares. Errors: VALIDATION_FAILED (period).")
            .Argument<StatisticsPeriodInputType>("period")
            .Argument<ReportLanguageType>("language", a => a.DefaultValue = ReportLanguage.En)
            .AllowTenantRoles(ReadRoles).AuditsRead("StatisticsRollUp", idArgument: null)
            .ResolveAsync(async ctx =>
            {
                var (tenant, _) = ctx.TenantCaller();
                var period = ctx.GetArgument<StatisticsPeriodInput?>("period")?.ToPeriod();
                return await new StatisticsRollUp(grains, clock).BuildAsync(tenant.Id, period, ctx.GetArgument("language", ReportLanguage.En));
            });

    /// <inheritdoc />
    public void AddMutations(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<TenantType>>("setStatisticsSharing")
            .Description("Switches sharing of this tenant's de-identified statistics with its parent tenant's statisticsRollUp on or off "
                + "(TenantAdmin; off until switched on; docs/statistics.md \"Roll-up\"). Errors: VALIDATION_FAILED (field enabled: "
                + "switched on for a tenant without a parent tenant).")
            .Argument<NonNullGraphType<BooleanGraphType>>("enabled")
            .AllowTenantRoles([Roles.TenantAdmin]).AuditsWrite("Tenant", idArgument: null)
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var info = await grains.GetRef<ITenantGrain>(tenant.Id).SetStatisticsSharing(ctx.GetArgument<bool>("enabled"), actor);
                directory.Invalidate(tenant.Id);
                return info;
            });
}
