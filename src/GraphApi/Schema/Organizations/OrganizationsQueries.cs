using CareGrid.Grains.Hosting;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// Root queries of the organization tree: one unit, the list (read side, no sensitive fields) and the template health
/// check (R-7.5, R-2.7, R-1.4/R-7.7, and the three knows of left-behind children ). The unit queries read no person's or case's
/// data and are not audited; the health check may name left-behind children, so it is audited READ (docs/visits.md).
/// </summary>
public sealed class OrganizationsQueries(
    IGrainFactory grains,
    IReadModelStore readModel,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : ISchemaContributor
{
    private static readonly IReadOnlyList<string> TenantRoles = Roles.All.Where(r => r != Roles.PlatformAdmin).ToList();
    private static readonly IReadOnlyList<string> HealthReaders = [Roles.TenantAdmin, Roles.Supervisor, Roles.Coordinator];

    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query)
    {
        AddOrganization(query);
        AddOrganizations(query);
        AddOrganizationHealth(query);
    }

    /// <inheritdoc />
    public void AddMutations(ObjectGraphType mutation)
    {
    }

    private void AddOrganization(ObjectGraphType query) =>
        query.Field<OrganizationType>("organization")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .AllowTenantRoles(TenantRoles).AuditsNothing("a unit's structure and members' ids; no person or case data")
            .ResolveAsync(async ctx =>
            {
                var (tenant, _) = ctx.TenantCaller();
                var id = ctx.GetArgument<string>("id");
                return LocalIds.IsWellFormed(id) ? await grains.GetRef<IOrganizationGrain>(TenantIds.Key(tenant.Id, id)).Get() : null;
            });

    private void AddOrganizations(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<OrganizationSummaryType>>>>("organizations")
            .Description("The tenant's organizations from the read side (any tenant role). Ordered by id, or with tree: true depth-first "
                + "(each unit before its children, siblings by name with numbers by value — 初二（2）班 before 初二（10）班, 初一 before 初二 — then id). root: only that unit and its subtree; kind: only units of that kind.")
            .Argument<IdGraphType>("root")
            .Argument<BooleanGraphType>("tree")
            .Argument<EnumerationGraphType<OrganizationKind>>("kind")
            .AllowTenantRoles(TenantRoles).AuditsNothing("list rows carry no sensitive fields")
            .ResolveAsync(async ctx =>
            {
                var (tenant, _) = ctx.TenantCaller();
                return OrganizationTree.Tree(await readModel.ListOrganizationsAsync(tenant.Id), ctx.GetArgument<string?>("root"),
                    ctx.GetArgument<bool?>("tree") == true, ctx.GetArgument<OrganizationKind?>("kind"));
            });

    private void AddOrganizationHealth(ObjectGraphType query) =>
        query.Field<NonNullGraphType<OrganizationHealthType>>("organizationHealth")
            .Description("Checks the tenant's template health rules (TenantAdmin, Supervisor, Coordinator): R-7.5 a boy and a girl among each class's "
                + "psychology committee members; R-2.7 a town psychological specialist and a staff member per village or community; R-1.4/R-7.7 "
                + "members whose role needs qualifications hold them unexpired (those who do not cannot act); in every tenant, R-6.2/R-2.2 each left-behind child has the "
                + "three knows recorded (named when your units cover the child, else counted per unit). root: only that subtree. Errors: NOT_FOUND (root).")
            .Argument<IdGraphType>("root")
            .AllowTenantRoles(HealthReaders).AuditsRead("OrganizationHealth", "root")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var root = ctx.GetArgument<string?>("root") is { } r ? LocalIds.Check(r, "root") : null;
                var report = await OrganizationHealth.CheckAsync(grains, readModel, tenant.Id, root, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
                return await Grains.Visits.ThreeKnowsHealth.AddToAsync(grains, readModel, tenant.Id, root, report, actor); // docs/visits.md
            });
}
