using CareGrid.Grains.Errors;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Statistics;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// <c>statistics</c>: the tenant's supervision figures (R-1.13, R-2.8, R-4.1, R-4.3; docs/statistics.md) from the tenant's
/// statistics projection (<see cref="ITenantStatisticsGrain"/>) — counts and durations only, never names, free text or
/// person ids, and a cost that does not grow with the number of cases.
/// </summary>
public sealed class StatisticsQueries(IGrainFactory grains, IReadModelStore readModel, StatisticsPeopleReads peopleReads) : ISchemaContributor
{
    /// <summary>Roles that see the whole tenant's figures (the plans' supervisors, the tenant's admin and its auditor).</summary>
    public static readonly IReadOnlyList<string> WholeTenantRoles = [Roles.TenantAdmin, Roles.Supervisor, Roles.Auditor];

    /// <summary>
    /// Roles that may ask: <see cref="WholeTenantRoles"/>, and Coordinators and Counsellors, who see the units of their scope
    /// (docs/access.md). Counsellors since the new-user trial of 2026-12-04: a school's psychology teacher writes the reports
    /// the principal and the district ask for (R-4.3: the level-3 psychology teacher keeps the archives and handles crises) and could not export them.
    /// </summary>
    public static readonly IReadOnlyList<string> AllowedRoles = [.. WholeTenantRoles, Roles.Coordinator, Roles.Counsellor];

    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query) =>
        query.Field<NonNullGraphType<TenantStatisticsType>>("statistics")
            .Description("The tenant's supervision figures (docs/statistics.md): counts and durations only, no names or free text. "
                + "`period` is whole weeks (a Monday to a Sunday, at most 53 weeks; default the current week and the three before) in the tenant's time zone; "
                + "`organizationId` limits the figures to a unit (with its subtree unless `includeSubtree: false`). TenantAdmin, Supervisor and Auditor see the whole tenant; "
                + "a Coordinator or Counsellor sees the units of its scope, and asking for a unit outside it is FORBIDDEN. `language` chooses the labels of `tables`.")
            .Argument<StatisticsPeriodInputType>("period")
            .Argument<IdGraphType>("organizationId")
            .Argument<BooleanGraphType>("includeSubtree", a => a.DefaultValue = true)
            .Argument<ReportLanguageType>("language", a => a.DefaultValue = ReportLanguage.En)
            .AllowTenantRoles(AllowedRoles).AuditsRead("Statistics", idArgument: "organizationId")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var period = ctx.GetArgument<StatisticsPeriodInput?>("period")?.ToPeriod();
                var units = await UnitsAsync(grains, readModel, tenant.Id, actor, ctx.GetArgument<string?>("organizationId"), ctx.GetArgument("includeSubtree", true));
                var report = await grains.GetGrain<ITenantStatisticsGrain>(tenant.Id).Get(new StatisticsRequest(period, units));
                var caller = ctx.Caller();
                return new StatisticsView(report, ctx.GetArgument("language", ReportLanguage.En))
                {
                    PeopleReads = new Lazy<Task>(() => peopleReads.RecordAsync(tenant.Id, caller, report.People)),
                };
            });

    /// <inheritdoc />
    public void AddMutations(ObjectGraphType mutation)
    {
        // statistics are read-only
    }

    /// <summary>
    /// The units a request counts: null for the whole tenant; a unit (and its subtree); for a Coordinator, the units of its
    /// scope (<see cref="StaffScopes"/>), a unit outside it refused.
    /// </summary>
    /// <exception cref="CareGridException"><c>NOT_FOUND</c> for an unknown unit; <c>FORBIDDEN</c> (<c>rule</c> <c>scope</c>) for a unit outside a Coordinator's scope.</exception>
    public static async Task<IReadOnlyList<string>?> UnitsAsync(IGrainFactory grains, IReadModelStore readModel, string tenantId, Actor actor, string? organizationId, bool includeSubtree)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(readModel);
        ArgumentNullException.ThrowIfNull(actor);
        IReadOnlyList<string>? units = null;
        if (organizationId is not null)
        {
            var rows = await readModel.ListOrganizationsAsync(tenantId);
            if (!rows.Any(r => r.Id == organizationId))
            {
                throw CareGridException.NotFound("Organization", organizationId);
            }

            units = includeSubtree ? [.. OrganizationHealth.Subtree(rows, organizationId)] : [organizationId];
        }

        if (actor.HasAny(WholeTenantRoles))
        {
            return units;
        }

        var scope = await StaffScopes.ResolveAsync(grains, tenantId, actor);
        if (scope.WholeTenant)
        {
            return units;
        }

        if (units is not null && !units.All(u => scope.Covers(u)))
        {
            throw new CareGridException(ErrorCodes.Forbidden,
                $"Unit '{organizationId}' is outside the units you serve; a Coordinator or Counsellor sees the statistics of the units they serve and those below them (docs/access.md). 该单位不在您服务的单位范围内：协调员和心理老师只能查看所服务单位及其下级单位的统计。",
                new Dictionary<string, string> { ["rule"] = "scope", ["entity"] = "Organization", ["id"] = organizationId!, ["scope"] = scope.IsUnassigned ? "unassigned" : "units" });
        }

        return units ?? scope.OrganizationIds;
    }
}
