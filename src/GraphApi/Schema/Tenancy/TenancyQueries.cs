using CareGrid.Grains.Hosting;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// Root queries of tenancy: the tenant itself (<c>tenant</c>, <c>tenants</c>), its protocol settings and the jurisdiction
/// template it runs on. None of them reads data about a person or a case, so none is audited (docs/api.md, "Access and audit").
/// </summary>
public sealed class TenancyQueries(IGrainFactory grains, JurisdictionTemplateCatalog templates) : ISchemaContributor
{
    private static readonly IReadOnlyList<string> TenantRoles = Roles.All.Where(r => r != Roles.PlatformAdmin).ToList();

    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query)
    {
        AddTenant(query);
        AddTenants(query);
        AddProtocolSettings(query);
        AddJurisdiction(query);
        AddJurisdictionTemplates(query);
    }

    /// <inheritdoc />
    public void AddMutations(ObjectGraphType mutation)
    {
    }

    private void AddTenant(ObjectGraphType query) =>
        query.Field<TenantType>("tenant")
            .Description("A tenant by id (PlatformAdmin), or the current tenant when id is omitted (any role of it).")
            .Argument<IdGraphType>("id")
            .AllowTenantRolesOrPlatformAdmin(Roles.All).AuditsNothing("the tenant's own name, kind and status; no person or case data")
            .ResolveAsync(async ctx =>
            {
                // Narrowed by the argument: the own tenant for any of its roles, another tenant only for a PlatformAdmin.
                var caller = ctx.Caller();
                var id = ctx.GetArgument<string?>("id");
                if (id is null || caller.Tenant?.Id == id && !caller.IsPlatformAdmin)
                {
                    var (tenant, _) = caller.RequireTenantRole(Roles.All);
                    return id is null || id == tenant.Id ? tenant : null;
                }

                caller.RequirePlatformAdmin();
                return TenantIds.IsValid(id) ? await grains.GetRef<ITenantRegistryGrain>(ITenantRegistryGrain.Key).Get(id) : null;
            });

    private void AddTenants(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<TenantType>>>>("tenants")
            .Description("Every tenant (PlatformAdmin).")
            .AllowPlatformAdmin().AuditsNothing("the platform's tenant list; no person or case data")
            .ResolveAsync(async _ => await grains.GetRef<ITenantRegistryGrain>(ITenantRegistryGrain.Key).List());

    private void AddProtocolSettings(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ProtocolSettingsType>>("protocolSettings")
            .Description("The tenant's calendar, deadlines and visit intervals.")
            .AllowTenantRoles(TenantRoles).AuditsNothing("the tenant's calendar and deadlines; no person or case data")
            .ResolveAsync(async ctx =>
            {
                var (tenant, _) = ctx.TenantCaller();
                return await grains.GetRef<ITenantGrain>(tenant.Id).GetSettings();
            });

    private void AddJurisdiction(ObjectGraphType query) =>
        query.Field<NonNullGraphType<JurisdictionType>>("jurisdiction")
            .Description("The jurisdiction template the tenant runs on: organization kinds, roles, escalation chain, deadlines, instruments, health rules (any tenant role).")
            .AllowTenantRoles(TenantRoles).AuditsNothing("the tenant's template; no person or case data")
            .ResolveAsync(async ctx =>
            {
                var (tenant, _) = ctx.TenantCaller();
                return await grains.GetRef<IJurisdictionGrain>(tenant.Id).Get();
            });

    private void AddJurisdictionTemplates(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<JurisdictionTemplateType>>>>("jurisdictionTemplates")
            .Description("The templates onboardTenant(input: {template}) accepts: district, town, school (any authenticated caller).")
            .AllowAuthenticated().AuditsNothing("the built-in templates (seeds/templates); no tenant data")
            .Resolve(_ => templates.All);
}
