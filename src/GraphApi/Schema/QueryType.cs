using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// The root query: each feature adds its fields (<see cref="SchemaFeatures"/>), and <c>me</c> is here. Every field
/// declares who may call it and what it audits (<see cref="FieldDeclarations"/>).
/// </summary>
public sealed class QueryType : ObjectGraphType
{
    /// <summary>Defines the fields.</summary>
    public QueryType(IEnumerable<ISchemaContributor> contributors)
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
    }
}

/// <summary>The caller as seen by <c>me</c>.</summary>
/// <param name="Subject">The token's <c>sub</c>.</param>
/// <param name="TenantId">The admitted tenant, or null on the platform endpoint.</param>
/// <param name="Roles">The caller's canonical roles.</param>
public sealed record Viewer(string Subject, string? TenantId, IReadOnlyList<string> Roles);

/// <summary>GraphQL <c>Viewer</c>.</summary>
public sealed class ViewerType : ObjectGraphType<Viewer>
{
    /// <summary>Defines the fields.</summary>
    public ViewerType()
    {
        Name = "Viewer";
        this.ReachedThroughParent();
        Field(x => x.Subject);
        Field(x => x.TenantId, nullable: true);
        Field(x => x.Roles);
        Field<BooleanGraphType>("unassigned")
            .Description("True when the caller is a member of no unit of this tenant: lists, queues and start pages then show only the cases assigned to them and the tasks named for them, so an empty list does not mean the tenant has none; a TenantAdmin adds them with addOrganizationMember (docs/access.md \"No membership\"). False for a member of a unit, for whole-tenant scopes (TenantAdmin) and for an Auditor, whose work is the whole tenant's log; null for a caller of no tenant (a PlatformAdmin).")
            .ResolveAsync(async ctx => ctx.Caller() is { Tenant: not null, Actor: { } actor } && actor.Roles.Any(r => r != Grains.Security.Roles.Auditor)
                ? (await ctx.StaffScopeAsync(ctx.RequestServices!.GetRequiredService<Orleans.IGrainFactory>()).ConfigureAwait(false)).IsUnassigned
                : ctx.Caller().Tenant is null ? null : false);
    }
}
