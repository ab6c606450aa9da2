using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.People;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>NextAction</c>: one case mutation that makes sense now, allowed or why not (docs/api.md "Next actions").</summary>
public sealed class NextActionType : ObjectGraphType<NextAction>
{
    /// <summary>Defines the fields.</summary>
    public NextActionType()
    {
        Name = "NextAction";
        Description = "A case mutation that makes sense in the case's current state, and whether the calling user may call it now; when not, the refusal the mutation itself would answer (R-1.7, R-1.10, R-4.3).";
        Field(x => x.Action).Description("The mutation's name as in the schema, e.g. startIntervention, completeTask.");
        Field(x => x.Allowed).Description("True when the mutation, called now with valid arguments, goes ahead; false when it would be refused with code.");
        Field(x => x.Code, nullable: true).Description("When not allowed: the extensions.code the mutation answers (CONSENT_REQUIRED, FORBIDDEN, REASSESSMENT_REQUIRED, VALIDATION_FAILED).");
        Field(x => x.Reason, nullable: true).Description("When not allowed: the mutation's refusal message, naming the fix (which consent and how to record it, which role, which step first).");
        Field(x => x.Purpose, type: typeof(EnumerationGraphType<ConsentPurpose>))
            .Description("For CONSENT_REQUIRED: the consent purpose to record, exactly as recordConsent(purpose:) takes it, e.g. PROFESSIONAL_INTERVENTION.");
        Field(x => x.RequiredRoles, nullable: true).Description("For FORBIDDEN: the roles that may call it.");
        Field(x => x.TaskId, type: typeof(IdGraphType)).Description("For completeTask and cancelTask: the open task it acts on (taskId:).");
        Field(x => x.AllowedWithConsentOverride)
            .Description("For CONSENT_REQUIRED: true when the mutation goes ahead with a written consentOverrideReason (IMMINENT risk, duty of care, recorded on the timeline, R-1.7).");
        Field(x => x.Rule, nullable: true)
            .Description("When not allowed: the extensions.rule of the mutation's refusal, e.g. unit-closed (reopenCase on a case whose unit is closed), task-role; null when the refusal has none.");
        Field(x => x.RequiredArguments, nullable: true)
            .Description("Arguments the schema marks optional that this call needs, by name: reason for closeCase and reopenCase; note for completeTask of a crisis-work task (PROFESSIONAL_CRISIS_INTERVENTION, GUIDE_TO_PSYCHIATRIC_INSTITUTION, POLICE_TRANSPORT_ASSISTANCE): a written note of what was done, at least 4 Chinese characters or 10 letters (rule crisis-note, R-1.10). Null when none; given whether or not the action is allowed now.");
        this.ReachedThroughParent();
    }
}
