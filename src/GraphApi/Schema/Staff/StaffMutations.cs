using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Idempotency;
using CareGrid.Grains.Staff;
using CareGrid.Grains.Tenancy;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// Root mutations for staff changes (docs/staff-changes.md): <c>reassignWork</c> moves a departing member's open cases and
/// tasks in one audited action, so no case — least of all a high-risk one — is left without an owner.
/// </summary>
public sealed class StaffMutations(IGrainFactory grains) : ISchemaContributor
{
    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query)
    {
    }

    /// <inheritdoc />
    public void AddMutations(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<WorkReassignmentType>>("reassignWork")
            .Description("Moves the open cases (assignee) and open tasks (owner) of a departing staff member — found by their person's "
                + "staffSubject — to toPersonId, or balanced across toPersonIds by open load (HIGH/IMMINENT cases, then cases, then tasks, then "
                + "sub). TenantAdmin: the whole tenant; Coordinator: cases of the units in their scope only. Every receiver needs a login sub "
                + "and a role that may own each case at its level (level 3: Counsellor or Clinician; level 2: also Coordinator; level 1: also "
                + "Caseworker) and units covering the case's unit, else RECEIVER_NOT_ELIGIBLE naming the case, and nothing moves. At most 500 items per call (complete: false "
                + "says call again). Each move is on the case's timeline. Errors: RECEIVER_NOT_ELIGIBLE, VALIDATION_FAILED (reason; exactly "
                + "one of toPersonId and toPersonIds; a person without staffSubject), NOT_FOUND, IDEMPOTENCY_KEY_REUSED (docs/staff-changes.md).")
            .Argument<NonNullGraphType<IdGraphType>>("fromPersonId", "The departing member's person id.")
            .Argument<IdGraphType>("toPersonId", "One receiver: everything goes to them.")
            .Argument<ListGraphType<NonNullGraphType<IdGraphType>>>("toPersonIds", "1–50 receivers: the work is balanced across them.")
            .Argument<NonNullGraphType<StringGraphType>>("reason", "Why (1–4000 characters), e.g. \"left the school on 2026-12-01\".")
            .IdempotencyKeyArgument()
            .TakesPersonId("fromPersonId").TakesPersonId("toPersonId").TakesPersonId("toPersonIds")
            .AllowTenantRoles(CaseAggregate.ReassignRoles).AuditsWrite("Person", "fromPersonId")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var key = ctx.IdempotencyKeyArgument();
                var request = Request(ctx);
                var id = key is null ? TenantIds.NewLocalId("reassign") : IdempotencyKey.DeriveId("reassign", tenant.Id, actor.Subject, key);
                return await grains.GetRef<IWorkReassignmentGrain>(TenantIds.Key(tenant.Id, id)).Run(request, key, actor);
            });

    private static ReassignWorkRequest Request(IResolveFieldContext ctx)
    {
        var from = LocalIds.Check(ctx.GetArgument<string>("fromPersonId"), "fromPersonId");
        var one = ctx.GetArgument<string?>("toPersonId");
        var many = ctx.GetArgument<List<string>?>("toPersonIds");
        if ((one is null) == (many is null))
        {
            throw Grains.Errors.CareGridException.Validation("toPersonId",
                "Name exactly one of toPersonId (everything to one staff member) and toPersonIds (balanced across several).");
        }

        return one is not null
            ? new ReassignWorkRequest(from, [LocalIds.Check(one, "toPersonId")], Balanced: false, ctx.GetArgument<string>("reason"))
            : new ReassignWorkRequest(from, [.. many!.Select(p => LocalIds.Check(p, "toPersonIds"))], Balanced: true, ctx.GetArgument<string>("reason"));
    }
}
