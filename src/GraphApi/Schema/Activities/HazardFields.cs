using CareGrid.Grains.Activities;
using CareGrid.Grains.Tenancy;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>The mutations of the hazard ledger of the bullying-risk sweep (R-7.6, docs/activities.md), added by <see cref="ActivityFields"/>.</summary>
/// <param name="units">The unit check.</param>
public sealed class HazardFields(ActivityUnits units)
{
    /// <summary>Adds <c>recordHazard</c> and <c>markHazardFixed</c>.</summary>
    public void AddMutations(ObjectGraphType mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        mutation.Field<NonNullGraphType<HazardType>>("recordHazard")
            .Description("Records a hazard found in the bullying-risk sweep (R-7.6): place, hazard, owner (a staff member's login of the unit or above it) and fix "
                + "deadline; it stays open, and is overdue after fixBy, until markHazardFixed (planners and Caseworkers of the unit). "
                + "Errors: VALIDATION_FAILED (input.place, input.hazard, input.owner, input.fixBy, the ledger's limit), ALREADY_EXISTS (id), NOT_FOUND, FORBIDDEN, STORAGE_LIMIT.")
            .Argument<NonNullGraphType<IdGraphType>>("organizationId")
            .Argument<NonNullGraphType<RecordHazardInputType>>("input")
            .AllowTenantRoles(ActivityFields.Workers).AuditsWrite("HazardLedger", idArgument: "organizationId")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var plan = await units.PlanAsync(tenant, actor, ctx.GetArgument<string>("organizationId"));
                var input = ctx.GetArgument<RecordHazardInput>("input");
                var id = input.Id is null ? TenantIds.NewLocalId("hazard") : LocalIds.Check(input.Id, "input.id");
                return await plan.RecordHazard(new NewHazard(id, input.Place, input.Hazard, input.Owner, input.FixBy), actor);
            });
        mutation.Field<NonNullGraphType<HazardType>>("markHazardFixed")
            .Description("Records that a hazard was fixed, now, with an optional note of how (at most 1000 characters) (a planner, or the hazard's owner). "
                + "Errors: INVALID_TRANSITION (fixed already; extensions fixedAt, fixedBy), FORBIDDEN (rule owner), VALIDATION_FAILED (note), NOT_FOUND.")
            .Argument<NonNullGraphType<IdGraphType>>("organizationId")
            .Argument<NonNullGraphType<IdGraphType>>("hazardId")
            .Argument<StringGraphType>("note")
            .AllowTenantRoles(ActivityFields.Workers).AuditsWrite("HazardLedger", idArgument: "organizationId")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var plan = await units.PlanAsync(tenant, actor, ctx.GetArgument<string>("organizationId"));
                return await plan.MarkHazardFixed(LocalIds.Check(ctx.GetArgument<string>("hazardId"), "hazardId"), ctx.GetArgument<string?>("note"), actor);
            });
    }
}
