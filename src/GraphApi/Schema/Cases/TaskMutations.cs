using CareGrid.Grains.Security;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// The deadline-task mutations of a case: <c>completeTask</c> and <c>cancelTask</c>. The case grain
/// applies need-to-know and the consent gate; audited WRITE of the case.
/// </summary>
public sealed class TaskMutations(IGrainFactory grains) : ISchemaContributor
{
    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query)
    {
    }

    /// <inheritdoc />
    public void AddMutations(ObjectGraphType mutation)
    {
        AddCompleteTask(mutation);
        AddCancelTask(mutation);
    }

    private void AddCompleteTask(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CaseType>>("completeTask")
            .Description("Marks a task done. Errors: NOT_FOUND (task), INVALID_TRANSITION (not open). A PROFESSIONAL_CRISIS_INTERVENTION, GUIDE_TO_PSYCHIATRIC_INSTITUTION or POLICE_TRANSPORT_ASSISTANCE task needs a note saying what was done (at least 10 letters or 4 Chinese characters, 4 different; VALIDATION_FAILED, field note, rule crisis-note): it is the record that closing a case still at HIGH/IMMINENT risk rests on (docs/protocol.md \"Guards\"). Completing a PROFESSIONAL_CRISIS_INTERVENTION task needs PROFESSIONAL_INTERVENTION consent GRANTED; a GUIDE_TO_PSYCHIATRIC_INSTITUTION task, that consent not REFUSED or WITHDRAWN: else CONSENT_REQUIRED, unless at IMMINENT risk a written consentOverrideReason (at most 1000 characters weighing at least 10: a letter or digit 1, a Chinese character 3, spaces, punctuation and symbols nothing; at least 4 different letters: four make a reason) is given (recorded) (R-1.7). Other tasks are never gated. A GRADE_RISK task is done by grading the case (assessRisk, a screening), not here: REASSESSMENT_REQUIRED (rule risk-ungraded) while the case is not yet graded.")
            .Argument<NonNullGraphType<IdGraphType>>("id").Argument<NonNullGraphType<IdGraphType>>("taskId").Argument<StringGraphType>("note")
            .Argument<StringGraphType>("consentOverrideReason")
            .AllowTenantRoles([.. Roles.CaseStaff, Roles.Volunteer], NeedToKnow.Case).AuditsWrite("Case")
            .ResolveAsync(async ctx =>
            {
                var (grain, actor) = CaseArguments.CaseFor(ctx, grains);
                return await grain.CompleteTask(ctx.GetArgument<string>("taskId"), ctx.GetArgument<string?>("note"), actor, CaseArguments.Override(ctx));
            });

    private void AddCancelTask(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CaseType>>("cancelTask")
            .Description("Cancels a task with a reason (Counsellor, Clinician, Coordinator, Supervisor, TenantAdmin).")
            .Argument<NonNullGraphType<IdGraphType>>("id").Argument<NonNullGraphType<IdGraphType>>("taskId").Argument<NonNullGraphType<StringGraphType>>("reason")
            .AllowTenantRoles(Roles.CaseStaff, NeedToKnow.Case).AuditsWrite("Case")
            .ResolveAsync(async ctx =>
            {
                var (grain, actor) = CaseArguments.CaseFor(ctx, grains);
                return await grain.CancelTask(ctx.GetArgument<string>("taskId"), ctx.GetArgument<string>("reason"), actor);
            });
}
