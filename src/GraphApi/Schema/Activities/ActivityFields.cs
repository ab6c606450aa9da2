using CareGrid.Grains.Activities;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// Activity plans and the hazard ledger of the bullying-risk sweep of a unit (docs/activities.md): list,
/// add (one by one or from a template such as the school's mental-health month), move through
/// <c>PLANNED → IN_PROGRESS → DONE | CANCELLED</c>, evidence notes, hazards and their fixes.
/// </summary>
public sealed class ActivityFields(IGrainFactory grains, IReadModelStore readModel) : ISchemaContributor
{
    /// <summary>Who reads a unit's plan and ledger (within their units unless TenantAdmin, Supervisor or Auditor).</summary>
    public static readonly IReadOnlyList<string> Readers = [.. ActivityPlanAggregate.Planners, Roles.Caseworker, Roles.Auditor];

    /// <summary>Who works on activities and hazards: planners, and owners holding a Caseworker role (the grain checks the owner).</summary>
    public static readonly IReadOnlyList<string> Workers = [.. ActivityPlanAggregate.Planners, Roles.Caseworker];

    private readonly ActivityUnits _units = new(grains, readModel);

    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ActivityType>>>>("activities")
            .Description("A unit's activity plan (R-7.1), in the order added, each with `overdue` on the tenant's local date. Staff of the unit or above it; "
                + "TenantAdmin, Supervisor and Auditor every unit. Errors: NOT_FOUND (organizationId), FORBIDDEN (rule need-to-know: outside your units).")
            .Argument<NonNullGraphType<IdGraphType>>("organizationId")
            .AllowTenantRoles(Readers).AuditsRead("ActivityPlan", idArgument: "organizationId")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                return await (await _units.PlanAsync(tenant, actor, ctx.GetArgument<string>("organizationId"))).Activities();
            });
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<HazardType>>>>("hazardLedger")
            .Description("A unit's hazard ledger of the bullying-risk sweep (R-7.6), in the order recorded, each with `overdue` (not fixed after its fixBy date). "
                + "Same access as `activities`.")
            .Argument<NonNullGraphType<IdGraphType>>("organizationId")
            .AllowTenantRoles(Readers).AuditsRead("HazardLedger", idArgument: "organizationId")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                return await (await _units.PlanAsync(tenant, actor, ctx.GetArgument<string>("organizationId"))).Hazards();
            });
    }

    /// <inheritdoc />
    public void AddMutations(ObjectGraphType mutation)
    {
        AddActivity(mutation);
        AddPlanFromTemplate(mutation);
        AddSetStatus(mutation);
        AddEvidence(mutation);
        new HazardFields(_units).AddMutations(mutation);
    }

    private void AddActivity(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<ActivityType>>("addActivity")
            .Description("Adds an activity to a unit's plan (R-7.1): an owner (a staff member's login of the unit or above it) and a deadline, or none for an ongoing one "
                + "(TenantAdmin, Supervisor, Coordinator, Counsellor, Clinician). Errors: VALIDATION_FAILED (input.title, input.owner, input.dueOn, the plan's limit), "
                + "ALREADY_EXISTS (id), NOT_FOUND, FORBIDDEN, STORAGE_LIMIT.")
            .Argument<NonNullGraphType<IdGraphType>>("organizationId")
            .Argument<NonNullGraphType<AddActivityInputType>>("input")
            .AllowTenantRoles(ActivityPlanAggregate.Planners).AuditsWrite("ActivityPlan", idArgument: "organizationId")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var plan = await _units.PlanAsync(tenant, actor, ctx.GetArgument<string>("organizationId"));
                var input = ctx.GetArgument<AddActivityInput>("input");
                var id = input.Id is null ? TenantIds.NewLocalId("activity") : LocalIds.Check(input.Id, "input.id");
                return await plan.AddActivity(new NewActivity(id, input.Title, input.TitleZh, input.Description, input.Owner, input.DueOn), actor);
            });

    private void AddPlanFromTemplate(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ActivityType>>>>("createActivityPlanFromTemplate")
            .Description("Adds every activity of a template (e.g. `mental-health-month`, the R-7.1 list, names in English and Chinese) to a unit's plan, all owned by "
                + "`owner`, deadlines counted in days from `startsOn`; ids `{prefix}-{code}` (prefix defaults to the template id), so a second call with the same "
                + "prefix is ALREADY_EXISTS and adds nothing (planners). Errors: VALIDATION_FAILED (template, prefix, owner), ALREADY_EXISTS, NOT_FOUND, FORBIDDEN.")
            .Argument<NonNullGraphType<IdGraphType>>("organizationId")
            .Argument<NonNullGraphType<StringGraphType>>("template")
            .Argument<NonNullGraphType<DateOnlyGraphType>>("startsOn")
            .Argument<NonNullGraphType<StringGraphType>>("owner")
            .Argument<IdGraphType>("prefix")
            .AllowTenantRoles(ActivityPlanAggregate.Planners).AuditsWrite("ActivityPlan", idArgument: "organizationId")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var plan = await _units.PlanAsync(tenant, actor, ctx.GetArgument<string>("organizationId"));
                var template = ctx.GetArgument<string>("template");
                var prefix = LocalIds.Check(ctx.GetArgument<string?>("prefix") ?? template, "prefix");
                if (prefix.Length > 40)
                {
                    throw Grains.Errors.CareGridException.Validation("prefix", "prefix is at most 40 characters (ids are prefix-code, at most 64).");
                }

                return await plan.AddFromTemplate(template, prefix, ctx.GetArgument<DateOnly>("startsOn"), ctx.GetArgument<string>("owner"), actor);
            });

    private void AddSetStatus(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<ActivityType>>("setActivityStatus")
            .Description("Moves an activity: PLANNED → IN_PROGRESS → DONE, PLANNED or IN_PROGRESS → CANCELLED; the same status again changes nothing "
                + "(a planner, or the activity's owner). Errors: INVALID_TRANSITION, FORBIDDEN (rule owner), NOT_FOUND.")
            .Argument<NonNullGraphType<IdGraphType>>("organizationId")
            .Argument<NonNullGraphType<IdGraphType>>("activityId")
            .Argument<NonNullGraphType<EnumerationGraphType<ActivityStatus>>>("status")
            .AllowTenantRoles(Workers).AuditsWrite("ActivityPlan", idArgument: "organizationId")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var plan = await _units.PlanAsync(tenant, actor, ctx.GetArgument<string>("organizationId"));
                return await plan.SetActivityStatus(LocalIds.Check(ctx.GetArgument<string>("activityId"), "activityId"), ctx.GetArgument<ActivityStatus>("status"), actor);
            });

    private void AddEvidence(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<ActivityType>>("addActivityEvidence")
            .Description("Adds an evidence note (1–1000 characters; at most 20 per activity) to an activity at any status (a planner, or the activity's owner). "
                + "Errors: VALIDATION_FAILED (note), FORBIDDEN (rule owner), NOT_FOUND, STORAGE_LIMIT.")
            .Argument<NonNullGraphType<IdGraphType>>("organizationId")
            .Argument<NonNullGraphType<IdGraphType>>("activityId")
            .Argument<NonNullGraphType<StringGraphType>>("note")
            .AllowTenantRoles(Workers).AuditsWrite("ActivityPlan", idArgument: "organizationId")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var plan = await _units.PlanAsync(tenant, actor, ctx.GetArgument<string>("organizationId"));
                return await plan.AddEvidence(LocalIds.Check(ctx.GetArgument<string>("activityId"), "activityId"), ctx.GetArgument<string>("note"), actor);
            });
}
