using CareGrid.Grains.Discharge;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Idempotency;
using CareGrid.Grains.Security;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// Discharge hand-over, "one discharged, one handed over" (R-2.4, R-2.5, docs/discharge.md): <c>recordDischarge</c> by the
/// hospital, <c>recordDischargeStep</c> by the receivers. Both audited WRITE of the case.
/// </summary>
public sealed class DischargeMutations(IGrainFactory grains, [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : ISchemaContributor
{
    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query)
    {
    }

    /// <inheritdoc />
    public void AddMutations(ObjectGraphType mutation)
    {
        AddRecordDischarge(mutation);
        AddRecordDischargeStep(mutation);
    }

    private void AddRecordDischarge(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CaseType>>("recordDischarge")
            .Description("A hospital records a recovered patient's discharge (R-2.4): it joins the person's open case, or opens one in the place of residence, "
                + "with a DISCHARGE_HAND_OVER task for the primary health institution's queue due 5 working days (the tenant's deadline) after dischargedAt on the tenant's calendar. "
                + "Receiving it (recordDischargeStep HAND_OVER_RECEIVED or completeTask) creates the DISCHARGE_COMMUNITY_CHECK task for the residence unit's queue, due 5 working days later. "
                + "The caller is a member of the hospital (or TenantAdmin). The same hospital and dischargedAt again changes nothing; send idempotencyKey to make a retry safe. "
                + "A caller not on the case's need-to-know list gets a receipt, as with reportConcern. Errors: VALIDATION_FAILED (field), NOT_FOUND, FORBIDDEN (rule hospital-member), "
                + "DISCHARGE_LIMIT_REACHED, IDEMPOTENCY_KEY_REUSED.")
            .Argument<NonNullGraphType<RecordDischargeInputType>>("input")
            .TakesPersonId("input.personId")
            .AllowTenantRoles(Roles.CaseStaff).AuditsWrite("Case", idArgument: null)
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var input = ctx.GetArgument<RecordDischargeInput>("input");
                var report = new DischargeReport(LocalIds.Check(input.PersonId, "personId"),
                    LocalIds.Check(input.HospitalOrganizationId, "hospitalOrganizationId"), LocalIds.Check(input.ResidenceOrganizationId, "residenceOrganizationId"),
                    LocalIds.Check(input.PrimaryHealthOrganizationId, "primaryHealthOrganizationId"),
                    input.DischargedAt ?? throw Grains.Errors.CareGridException.Validation("dischargedAt", "dischargedAt is required."),
                    input.Note, IdempotencyKey.Check(input.IdempotencyKey));
                return await DischargeIntake.RecordAsync(grains, tenant.Id, report, actor, clock.GetUtcNow());
            });

    private void AddRecordDischargeStep(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CaseType>>("recordDischargeStep")
            .Description("Records a step of a discharge hand-over on the case (R-2.4, R-2.5): HAND_OVER_RECEIVED completes the DISCHARGE_HAND_OVER task and creates the community check; "
                + "COMMUNITY_CHECKED (after HAND_OVER_RECEIVED) completes the DISCHARGE_COMMUNITY_CHECK task; HEALTH_RECORD_ENTERED and FAMILY_DOCTOR_AGREEMENT are recorded; "
                + "KEY_POPULATION_FOLLOW_UP also gives the person the RecoveredPatient target group from the discharge date and, at NONE or CENSUS, START_TRACKING (grid management). "
                + "A step already recorded changes nothing. Errors: NOT_FOUND (case, discharge), FORBIDDEN, INVALID_TRANSITION (closed case; COMMUNITY_CHECKED too early), VALIDATION_FAILED (note).")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The case.")
            .Argument<NonNullGraphType<IdGraphType>>("dischargeId", "The discharge on the case (Case.discharges).")
            .Argument<NonNullGraphType<EnumerationGraphType<DischargeStep>>>("step")
            .Argument<StringGraphType>("note", "At most 4000 characters.")
            .AllowTenantRoles(Roles.CaseStaff, NeedToKnow.Case).AuditsWrite("Case")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                return await DischargeSteps.RecordAsync(grains, tenant.Id, CaseArguments.CaseId(ctx), ctx.GetArgument<string>("dischargeId"),
                    ctx.GetArgument<DischargeStep>("step"), ctx.GetArgument<string?>("note"), actor);
            });
}
