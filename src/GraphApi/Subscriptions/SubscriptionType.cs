using CareGrid.Grains.Cases;
using CareGrid.Grains.Events;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.GraphApi.Schema;
using CareGrid.GraphApi.Schema.Access;
using CareGrid.GraphApi.Tenancy;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.Options;

namespace CareGrid.GraphApi.Subscriptions;

/// <summary>
/// The root subscription, served over WebSocket with <c>graphql-transport-ws</c> at <c>/t/{tenant}/graphql</c>
/// (docs/subscriptions.md). <c>caseEvents</c> and <c>myTaskEvents</c> declare the same access as <c>case(id)</c> and
/// <c>myTasks</c>; every event then passes the need-to-know check of <c>case(id)</c> — <see cref="ICaseGrain.HasNeedToKnow"/>
/// for the subscriber — so a subscriber never receives an event about a case it may not open (R-1.1, docs/access.md).
/// </summary>
public sealed class SubscriptionType : ObjectGraphType
{
    /// <summary>The case kinds of <c>caseEvents</c>.</summary>
    public static readonly IReadOnlyList<CareEventKind> CaseKinds =
        [CareEventKind.CaseEscalated, CareEventKind.CaseRiskChanged, CareEventKind.CaseAssigned, CareEventKind.CaseClosed, CareEventKind.CaseUnitChanged];

    /// <summary>The task kinds of <c>myTaskEvents</c>.</summary>
    public static readonly IReadOnlyList<CareEventKind> TaskKinds =
        [CareEventKind.TaskAssigned, CareEventKind.TaskDueSoon, CareEventKind.TaskOverdue];

    private const string NoRecord = "events carry ids, kinds and levels only; each passed the case's need-to-know check, and reading the case is case(id), audited READ";

    /// <summary>Defines the fields.</summary>
    public SubscriptionType(IGrainFactory grains, CareEventHub hub, IOptions<SubscriptionOptions> options, TenantDirectory directory)
    {
        Name = "Subscription";
        var maxPending = options.Value.MaxPendingEvents;

        Field<NonNullGraphType<CareEventType>>("caseEvents")
            .Description("Live events of the cases the caller may open (case(id)'s rule, checked per event): escalated, risk changed, assigned, closed, moved to another unit with its person; filter by kinds and case (docs/subscriptions.md).")
            .Argument<CaseEventFilterInputType>("filter")
            .AllowTenantRoles(Roles.CaseStaff, NeedToKnow.Case).AuditsNothing(NoRecord)
            .ResolveStreamAsync(async ctx =>
            {
                var (tenant, actor) = Admit(ctx);
                var filter = ctx.GetArgument<CaseEventFilter?>("filter") ?? new CaseEventFilter();
                var kinds = filter.Kinds is { Count: > 0 } k ? k.ToHashSet() : CaseKinds.ToHashSet();
                if (kinds.FirstOrDefault(x => !CaseKinds.Contains(x)) is var other && !CaseKinds.Contains(other))
                {
                    throw Grains.Errors.CareGridException.Validation("filter.kinds",
                        $"caseEvents carries {string.Join(", ", CaseKinds.Select(Constant))}; subscribe to myTaskEvents for {Constant(other)}.");
                }

                return await CareEventFeed.StartAsync(hub, tenant.Id, maxPending,
                    e => kinds.Contains(e.Kind) && (filter.CaseId is null || e.CaseId == filter.CaseId),
                    e => MayOpenAsync(grains, tenant.Id, actor, e), () => ServedAsync(directory, tenant.Id));
            });

        Field<NonNullGraphType<CareEventType>>("myTaskEvents")
            .Description("Live events of tasks the caller owns by name (taskOwnerId is the caller's sub): assigned, due soon, overdue — each also on a case the caller may open (docs/subscriptions.md).")
            .AllowTenantRoles([.. Roles.CaseStaff, Roles.Volunteer], NeedToKnow.Case).AuditsNothing(NoRecord)
            .ResolveStreamAsync(async ctx =>
            {
                var (tenant, actor) = Admit(ctx);
                return await CareEventFeed.StartAsync(hub, tenant.Id, maxPending,
                    e => TaskKinds.Contains(e.Kind) && string.Equals(e.TaskOwnerId, actor.Subject, StringComparison.Ordinal),
                    e => MayOpenAsync(grains, tenant.Id, actor, e), () => ServedAsync(directory, tenant.Id));
            });
    }

    /// <summary>The field's declared access, checked when the subscription starts (root subscription fields run no field middleware).</summary>
    private static (TenantInfo Tenant, Actor Actor) Admit(IResolveFieldContext ctx)
    {
        FieldAccessMiddleware.Check(ctx.FieldDefinition, ctx.Caller());
        return ctx.TenantCaller();
    }

    /// <summary>
    /// Null while <paramref name="tenantId"/> is Active, else the refusal a query would get (docs/subscriptions.md "Suspended
    /// tenants"). Asked per event from <see cref="TenantDirectory"/>'s in-process cache: a lifecycle change made on this silo is
    /// seen at once, one made on another silo within <see cref="TenantDirectory.Ttl"/> (2 s).
    /// </summary>
    private static async ValueTask<Grains.Errors.CareGridException?> ServedAsync(TenantDirectory directory, string tenantId)
    {
        var tenant = await directory.FindAsync(tenantId).ConfigureAwait(false);
        return tenant switch
        {
            { Status: TenantStatus.Active } => null,
            null or { Status: TenantStatus.Deleted } => new(Grains.Errors.ErrorCodes.TenantNotFound, $"Tenant '{tenantId}' was not found."),
            { } other => new(Grains.Errors.ErrorCodes.TenantSuspended, $"Tenant '{tenantId}' is {other.Status.ToString().ToLowerInvariant()} and serves no events."),
        };
    }

    /// <summary>case(id)'s need-to-know question, asked of the event's case for the subscriber (the grain decides; no copy of the rule here).</summary>
    private static Task<bool> MayOpenAsync(IGrainFactory grains, string tenantId, Actor actor, CareEvent e)
    {
        if (!LocalIds.IsWellFormed(e.CaseId))
        {
            return Task.FromResult(false);
        }

        TenantContext.Set(tenantId);
        return grains.GetRef<ICaseGrain>(TenantIds.Key(tenantId, e.CaseId)).HasNeedToKnow(actor);
    }

    private static string Constant(CareEventKind kind) =>
        string.Concat(kind.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();
}
