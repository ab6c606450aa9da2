using CareGrid.Grains.Hosting;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.GraphApi.Schema.Access;
using CareGrid.GraphApi.Tenancy;
using GraphQL;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// The roll-up of statistics to the parent tenant (docs/statistics.md "Roll-up"): a child tenant's TenantAdmin switches
/// sharing on or off (<c>setStatisticsSharing</c>, audited as a WRITE of the tenant).
/// </summary>
public sealed class StatisticsRollUpFields(IGrainFactory grains, TenantDirectory directory) : ISchemaContributor
{
    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query)
    {
    }

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
