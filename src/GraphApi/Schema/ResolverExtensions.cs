using CareGrid.Grains.Errors;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.GraphApi.Schema;

/// <summary>Small helpers for resolvers.</summary>
public static class ResolverExtensions
{
    /// <summary>The request's <see cref="CareGridUserContext"/>.</summary>
    public static CareGridUserContext Caller(this IResolveFieldContext context) =>
        context.UserContext as CareGridUserContext
        ?? throw new InvalidOperationException("The CareGrid user context was not set up for this request.");

    /// <summary>
    /// The admitted tenant and the caller of a field whose declared tenant-scoped access rule was checked by
    /// <see cref="Access.FieldAccessMiddleware"/>; UNAUTHENTICATED or TENANT_REQUIRED if called where none was.
    /// For a field answering <c>Case</c> objects whose selection names no <c>nextActions</c>, the actor says how much of them
    /// the answer needs (<see cref="Grains.Security.Actor.NextActions"/>, <see cref="ActionsSelection"/>), and the case grain
    /// decides no more.
    /// </summary>
    public static (Grains.Tenancy.TenantInfo Tenant, Grains.Security.Actor Actor) TenantCaller(this IResolveFieldContext context)
    {
        var caller = context.Caller();
        var (tenant, actor) = (caller.RequireTenant(), caller.RequireActor());
        var detail = ActionsSelection.Needed(context);
        return (tenant, detail == Grains.Security.NextActionsDetail.Full ? actor : actor with { NextActions = detail });
    }

    private const string ScopeKey = "caregrid:staff-scope";

    /// <summary>
    /// The tenant caller's <see cref="Grains.Security.StaffScope"/> (<see cref="Grains.Security.StaffScopes.ResolveAsync"/>), looked up once per
    /// request and shared by every field that asks (a list and its rows, which resolve in parallel).
    /// </summary>
    public static Task<Grains.Security.StaffScope> StaffScopeAsync(this IResolveFieldContext context, Orleans.IGrainFactory grains)
    {
        var caller = context.Caller();
        lock (caller)
        {
            if (caller.TryGetValue(ScopeKey, out var known) && known is Task<Grains.Security.StaffScope> task)
            {
                return task;
            }

            var (tenant, actor) = context.TenantCaller();
            var lookup = context.RequestServices!.GetRequiredService<Grains.Hosting.SiloLookupCache>().ScopeAsync(grains, tenant.Id, actor).AsTask();
            caller[ScopeKey] = lookup;
            return lookup;
        }
    }

    /// <summary>The authenticated caller of a field whose declared access rule was checked; UNAUTHENTICATED without a token.</summary>
    public static Grains.Security.Actor Actor(this IResolveFieldContext context) => context.Caller().RequireActor();
}
