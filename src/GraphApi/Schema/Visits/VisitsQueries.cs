using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.Grains.Visits;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// Root queries of visits and the special-groups ledger (R-6.2, R-7.3, R-2.2, R-7.2; docs/visits.md): a person's visits, visit
/// coverage per unit (counts for every unit asked, names only of units the caller's scope covers) and the ledger with overdue reviews.
/// </summary>
public sealed class VisitsQueries(IGrainFactory grains, IReadModelStore readModel, [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : ISchemaContributor
{
    /// <summary>Most units one <c>visitCoverage</c> answers (each costs a read-side pass and a grain call per month).</summary>
    public const int MaxUnits = 100;

    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<VisitType>>>>("visits")
            .Description("A person's visits, newest day first (case staff whose units cover the person's unit). Errors: NOT_FOUND, FORBIDDEN (need-to-know).")
            .Argument<NonNullGraphType<IdGraphType>>("personId")
            .TakesPersonId("personId")
            .AllowTenantRoles(Roles.CaseStaff, NeedToKnow.Unit).AuditsRead("Person", "personId")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var person = LocalIds.Check(ctx.GetArgument<string>("personId"), "personId");
                return await grains.GetRef<IPersonVisitsGrain>(IPersonVisitsGrain.KeyOf(tenant.Id, person)).List(actor);
            });
        AddCoverage(query);
        AddLedger(query);
    }

    /// <inheritdoc />
    public void AddMutations(ObjectGraphType mutation)
    {
    }

    private void AddCoverage(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<UnitVisitCoverageType>>>>("visitCoverage")
            .Description("Visit coverage from `from` to `to` (tenant-local days, at most 366): per unit, the people served now in it and how many were visited "
                + "while in it (R-6.2, R-7.3). includeSubtree: also every unit below that has people (at most 100 units). Names of the people not visited "
                + "only for units your units cover; else namesWithheld (case staff). Errors: NOT_FOUND (organizationId), VALIDATION_FAILED (to, organizationId).")
            .Argument<NonNullGraphType<IdGraphType>>("organizationId")
            .Argument<NonNullGraphType<DateOnlyGraphType>>("from")
            .Argument<NonNullGraphType<DateOnlyGraphType>>("to")
            .Argument<BooleanGraphType>("includeSubtree")
            .AllowTenantRoles(Roles.CaseStaff, NeedToKnow.Unit).AuditsRead("VisitCoverage", "organizationId")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var (from, to) = (ctx.GetArgument<DateOnly>("from"), ctx.GetArgument<DateOnly>("to"));
                VisitRules.CheckPeriod(from, to);
                var root = LocalIds.Check(ctx.GetArgument<string>("organizationId"), "organizationId");
                var units = await UnitsAsync(tenant.Id, root, ctx.GetArgument<bool?>("includeSubtree") == true);
                var scope = await StaffScopes.ResolveAsync(grains, tenant.Id, actor);
                var all = await Task.WhenAll(units.Select(u => VisitCoverage.OfUnitAsync(grains, readModel, tenant.Id, u, from, to, scope.Covers(u))));
                return all.Where(c => c.OrganizationId == root || c.People > 0).ToList();
            });

    private void AddLedger(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<SpecialGroupsEntryType>>>>("specialGroupsLedger")
            .Description("The special-groups ledger (R-7.2) of the units your units cover — of organizationId (and with includeSubtree every unit below), else all — "
                + "earliest review first; overdueOnly: only entries whose review day has passed (case staff). Errors: NOT_FOUND (organizationId), FORBIDDEN (need-to-know).")
            .Argument<IdGraphType>("organizationId")
            .Argument<BooleanGraphType>("includeSubtree")
            .Argument<BooleanGraphType>("overdueOnly")
            .AllowTenantRoles(Roles.CaseStaff, NeedToKnow.Unit).AuditsRead("SpecialGroupsLedger", "organizationId")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var scope = await StaffScopes.ResolveAsync(grains, tenant.Id, actor);
                IEnumerable<string> units;
                if (ctx.GetArgument<string?>("organizationId") is { } org)
                {
                    var root = LocalIds.Check(org, "organizationId");
                    units = await UnitsAsync(tenant.Id, root, ctx.GetArgument<bool?>("includeSubtree") == true, max: int.MaxValue);
                    EnsureCovers(scope, root);
                }
                else
                {
                    units = (await readModel.ListOrganizationsAsync(tenant.Id)).Select(r => r.Id);
                }

                var today = (await grains.GetRef<ITenantGrain>(tenant.Id).GetSettings()).Calendar.LocalDate(clock.GetUtcNow());
                return await SpecialGroupsLedger.ListAsync(grains, tenant.Id, units.Where(scope.Covers), today, ctx.GetArgument<bool?>("overdueOnly") == true);
            });

    /// <summary>The unit <paramref name="root"/>, with its subtree when asked. NOT_FOUND when it is not a unit of the tenant; VALIDATION_FAILED past <paramref name="max"/>.</summary>
    private async Task<IReadOnlyList<string>> UnitsAsync(string tenantId, string root, bool subtree, int max = MaxUnits)
    {
        var rows = await readModel.ListOrganizationsAsync(tenantId);
        if (rows.All(r => r.Id != root))
        {
            throw CareGridException.NotFound("Organization", root);
        }

        var units = subtree ? OrganizationHealth.Subtree(rows, root).Order(StringComparer.Ordinal).ToList() : [root];
        return units.Count <= max ? units
            : throw CareGridException.Validation("organizationId", $"The subtree of {root} has {units.Count} units; visitCoverage answers at most {max}. Ask for a smaller subtree.");
    }

    /// <summary>FORBIDDEN (need-to-know) when <paramref name="scope"/> does not cover <paramref name="unit"/>.</summary>
    private static void EnsureCovers(StaffScope scope, string unit)
    {
        if (!scope.Covers(unit))
        {
            var details = new Dictionary<string, string> { ["rule"] = "need-to-know", ["entity"] = "Organization", ["id"] = unit };
            if (scope.IsUnassigned)
            {
                details["scope"] = "unassigned";
            }

            throw new CareGridException(ErrorCodes.Forbidden,
                $"specialGroupsLedger lists only units your units cover; {unit} is not one of them (ask without organizationId for all you may see).", details);
        }
    }
}
