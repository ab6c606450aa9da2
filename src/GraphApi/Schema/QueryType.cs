using CareGrid.Grains.Hosting;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.GraphApi.Schema;

/// <summary>The root query. Every field but <c>me</c> needs a token; tenant-scoped fields need an admitted tenant.</summary>
public sealed class QueryType : ObjectGraphType
{
    /// <summary>Defines the fields.</summary>
    public QueryType(IGrainFactory grains, IReadModelStore readModel, [FromKeyedServices(Grains.Hosting.DomainClock.Key)] TimeProvider clock, IEnumerable<ISchemaContributor> contributors, Audit.AuditTrail audit)
    {
        Name = "Query";
        foreach (var contributor in contributors.OrderBy(c => c.GetType().Name, StringComparer.Ordinal))
        {
            contributor.AddQueries(this);
        }


        Field<ViewerType>("me")
            .Description("The caller: sub, tenant and roles; null without a token.")
            .AllowAnyone().AuditsNothing("the caller's own token claims")
            .Resolve(ctx => ctx.Caller() is { Actor: { } a } c ? new Viewer(a.Subject, c.Tenant?.Id, a.Roles) : null);

        Field<TenantType>("tenant")
            .Description("A tenant by id (PlatformAdmin), or the current tenant when id is omitted (any role of it).")
            .Argument<IdGraphType>("id")
            .ResolveAsync(async ctx =>
            {
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

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TenantType>>>>("tenants")
            .Description("Every tenant (PlatformAdmin).")
            .ResolveAsync(async ctx =>
            {
                ctx.Caller().RequirePlatformAdmin();
                return await grains.GetRef<ITenantRegistryGrain>(ITenantRegistryGrain.Key).List();
            });

        Field<OrganizationType>("organization")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx =>
            {
                var (tenant, _) = ctx.Caller().RequireTenantRole(Roles.All.Where(r => r != Roles.PlatformAdmin).ToList());
                var id = ctx.GetArgument<string>("id");
                return LocalIds.IsWellFormed(id) ? await grains.GetRef<IOrganizationGrain>(TenantIds.Key(tenant.Id, id)).Get() : null;
            });

        Field<PersonType>("person")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.Caller().RequireTenantRole(Roles.CaseStaff);
                var id = ctx.GetArgument<string>("id");
                return LocalIds.IsWellFormed(id) ? await grains.GetRef<IPersonGrain>(TenantIds.Key(tenant.Id, id)).Get(actor) : null;
            });

        Field<NonNullGraphType<ProtocolSettingsType>>("protocolSettings")
            .Description("The tenant's calendar, deadlines and visit intervals.")
            .ResolveAsync(async ctx =>
            {
                var (tenant, _) = ctx.Caller().RequireTenantRole(Roles.All.Where(r => r != Roles.PlatformAdmin).ToList());
                return await grains.GetRef<ITenantGrain>(tenant.Id).GetSettings();
            });

        var auditing = new Audit.AuditFieldMiddleware(audit, isWrite: false);
        foreach (var field in Fields.Where(f => Access.FieldDeclarations.AccessRule(f) is null).Where(f => f.Name is "person" or "auditLog" or "verifyAuditChain" or "exportPerson"))
        {
            field.ApplyMiddleware(auditing);
        }
    }
}

/// <summary>The caller as seen by <c>me</c>.</summary>
public sealed record Viewer(string Subject, string? TenantId, IReadOnlyList<string> Roles);

/// <summary>GraphQL <c>Viewer</c>.</summary>
public sealed class ViewerType : ObjectGraphType<Viewer>
{
    /// <summary>Defines the fields.</summary>
    public ViewerType()
    {
        Name = "Viewer";
        Field(x => x.Subject);
        Field(x => x.TenantId, nullable: true);
        Field(x => x.Roles);
    }
}
