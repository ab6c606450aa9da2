using CareGrid.Grains.Cases;
using CareGrid.Grains.Security;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// The case state-machine mutations that take only a reason (and an assignee to activate): <c>triageCase</c>,
/// <c>activateCase</c>, <c>startFollowUp</c>, <c>closeCase</c>, <c>reopenCase</c> (docs/protocol.md). Case staff only;
/// the case grain applies need-to-know and the transition rules; audited WRITE of the case.
/// </summary>
public sealed class CaseLifecycleMutations(IGrainFactory grains) : ISchemaContributor
{
    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query)
    {
    }

    /// <inheritdoc />
    public void AddMutations(ObjectGraphType mutation)
    {
        AddTrigger(mutation, "triageCase", CaseTrigger.Triage, "REPORTED → TRIAGE.", assignee: false);
        AddTrigger(mutation, "activateCase", CaseTrigger.Activate, ("TRIAGE → ACTIVE; needs an assignee: yourself, the sub of a staff member whose units reach the case's unit and who holds a role that works a case "
            + "(a Volunteer of a team that serves it counts), or one of the queues queue:level-1|2|3 and queue:supervisor; anyone else is refused "
            + "VALIDATION_FAILED with field assigneeId and rule staff-member or queue (docs/access.md \"Naming a staff member\")."), assignee: true);
        AddTrigger(mutation, "startFollowUp", CaseTrigger.StartFollowUp, "ACTIVE | REFERRED (referral finished) → FOLLOW_UP.", assignee: false);
        AddTrigger(mutation, "closeCase", CaseTrigger.Close, "TRIAGE | ACTIVE | FOLLOW_UP → CLOSED; needs a reason. A HIGH/IMMINENT case closes only by a level-3 role (FORBIDDEN), after a level-3 reassessment since the risk rose (REASSESSMENT_REQUIRED, rule reassess-since-rise), and once the crisis was worked since the risk last rose: startIntervention, a crisis-intervention, psychiatric-guidance or police-transport task done with a note, or a referral sent and not declined (REASSESSMENT_REQUIRED, rule crisis-unworked; docs/protocol.md \"Guards\"). Closing a case still HIGH/IMMINENT notifies level 2.", assignee: false);
        AddTrigger(mutation, "reopenCase", CaseTrigger.Reopen, "CLOSED → TRIAGE; needs a reason.", assignee: false);
    }

    private void AddTrigger(ObjectGraphType mutation, string name, CaseTrigger trigger, string description, bool assignee)
    {
        var field = mutation.Field<NonNullGraphType<CaseType>>(name)
            .Description(description + " Errors: INVALID_TRANSITION (with state and permittedTriggers), FORBIDDEN, VALIDATION_FAILED, NOT_FOUND.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<StringGraphType>("reason");
        if (assignee)
        {
            field.Argument<NonNullGraphType<StringGraphType>>("assigneeId");
        }

        field.AllowTenantRoles(Roles.CaseStaff, NeedToKnow.Case).AuditsWrite("Case")
            .ResolveAsync(async ctx =>
            {
                var (grain, actor) = CaseArguments.CaseFor(ctx, grains);
                var command = new CaseCommand(ctx.GetArgument<string?>("reason"), assignee ? ctx.GetArgument<string?>("assigneeId") : null);
                return await grain.Fire(trigger, command, actor);
            });
    }
}
