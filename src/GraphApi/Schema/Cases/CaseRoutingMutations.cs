using CareGrid.Grains.Cases;
using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Idempotency;
using CareGrid.Grains.Tenancy;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// How a concern reaches the professional (docs/protocol.md "How a concern travels"): <c>takeCase</c> (a coordinator or
/// professional the case reached becomes its owner) and <c>requestProfessionalReview</c> (level 1 asks level 3 to review).
/// Each is one case-grain command, audited WRITE of the case; the case grain applies need-to-know (docs/api.md).
/// </summary>
public sealed class CaseRoutingMutations(IGrainFactory grains) : ISchemaContributor
{
    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query)
    {
    }

    /// <inheritdoc />
    public void AddMutations(ObjectGraphType mutation)
    {
        AddTakeCase(mutation);
        AddRequestProfessionalReview(mutation);
    }

    private void AddTakeCase(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CaseType>>("takeCase")
            .Description("The caller becomes the case's owner (assigneeId) in one action (R-4.3, R-1.6): a Coordinator, Counsellor or Clinician whose queue owns "
                + "the case (a new concern is owned by the intake rule's queue: queue:level-3 in a school, queue:level-2 in a district or town) or who is on its "
                + "escalation chain. Status and escalation level stay; the timeline records TakeCase with the previous owner. Calling it as the owner changes nothing. "
                + "Errors: NOT_FOUND; FORBIDDEN (extensions.rule need-to-know: not on the case; take-case: the case reaches you only as its reporter or by breaking "
                + "the glass; level-3: a Coordinator on a level-3 case; other roles: requiredRoles); INVALID_TRANSITION on a CLOSED case (reopenCase first).")
            .Argument<NonNullGraphType<IdGraphType>>("caseId")
            .IdempotencyKeyArgument()
            .AllowTenantRoles(CaseAggregate.TakeRoles, NeedToKnow.Case).AuditsWrite("Case", idArgument: "caseId")
            .ResolveAsync(async ctx =>
            {
                var (grain, actor) = CaseFor(ctx);
                return await IdempotencyContext.WithKeyAsync(ctx.IdempotencyKeyArgument(), () => grain.TakeCase(actor));
            });

    private void AddRequestProfessionalReview(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CaseType>>("requestProfessionalReview")
            .Description("Asks the level-3 professionals to review the case, in one action (R-4.3, R-4.4): the case escalates to level 3 with the reason on the "
                + "timeline (RequestProfessionalReview), an unowned case or one owned by queue:level-1/2 moves to queue:level-3 (a named owner keeps it) and "
                + "queue:level-3 is notified. For whoever works the case (reporter, owner, task owner; case staff and Volunteer). A case at level 3 already is "
                + "answered as it is, without error and without a new timeline entry. Errors: NOT_FOUND; FORBIDDEN (extensions.rule need-to-know, or "
                + "requiredRoles); VALIDATION_FAILED (field reason: 1–4000 characters); INVALID_TRANSITION on a CLOSED case.")
            .Argument<NonNullGraphType<IdGraphType>>("caseId")
            .Argument<NonNullGraphType<StringGraphType>>("reason")
            .IdempotencyKeyArgument()
            .AllowTenantRoles(CaseAggregate.ReviewRoles, NeedToKnow.Case).AuditsWrite("Case", idArgument: "caseId")
            .ResolveAsync(async ctx =>
            {
                var (grain, actor) = CaseFor(ctx);
                var reason = ctx.GetArgument<string>("reason");
                return await IdempotencyContext.WithKeyAsync(ctx.IdempotencyKeyArgument(), () => grain.RequestProfessionalReview(reason, actor));
            });

    /// <summary>The grain of the case named by <c>caseId</c>; NOT_FOUND (entity Case, "(malformed id)") for an id that is not a well-formed local id.</summary>
    private (ICaseGrain Grain, Grains.Security.Actor Actor) CaseFor(IResolveFieldContext ctx)
    {
        var (tenant, actor) = ctx.TenantCaller();
        var id = ctx.GetArgument<string>("caseId");
        return LocalIds.IsWellFormed(id)
            ? (grains.GetRef<ICaseGrain>(TenantIds.Key(tenant.Id, id)), actor)
            : throw CareGridException.NotFound("Case", "(malformed id)");
    }
}
