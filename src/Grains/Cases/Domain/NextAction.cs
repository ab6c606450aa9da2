using CareGrid.Grains.People;

namespace CareGrid.Grains.Cases.Domain;

/// <summary>
/// One next action of a case for one viewer (<see cref="CaseActions.Next"/>): a case mutation that makes sense in the case's
/// current state, and whether the viewer may call it now. When not, the refusal the mutation itself would answer: its
/// stable <see cref="Code"/> and message (<see cref="Reason"/>, naming the fix in the schema's names), the consent purpose
/// to record (<see cref="Purpose"/>) or the roles that may (<see cref="RequiredRoles"/>)..
/// </summary>
/// <param name="Action">The mutation's name as in the schema (e.g. <c>startIntervention</c>).</param>
/// <param name="Allowed">True when the mutation, called now by the viewer with valid arguments, goes ahead.</param>
/// <param name="Code">When not allowed: the <c>extensions.code</c> the mutation answers (<c>CONSENT_REQUIRED</c>, <c>FORBIDDEN</c>, <c>REASSESSMENT_REQUIRED</c>, <c>VALIDATION_FAILED</c>).</param>
/// <param name="Reason">When not allowed: the mutation's refusal message, in plain English naming the fix.</param>
/// <param name="Purpose">For <c>CONSENT_REQUIRED</c>: the first purpose to record, as <c>recordConsent</c> takes it.</param>
/// <param name="RequiredRoles">For <c>FORBIDDEN</c>: the roles that may call it (empty otherwise).</param>
/// <param name="TaskId">For <c>completeTask</c> and <c>cancelTask</c>: the task's id; null for case-level actions.</param>
/// <param name="AllowedWithConsentOverride">For <c>CONSENT_REQUIRED</c>: true when a written <c>consentOverrideReason</c> lets it go ahead (IMMINENT risk, duty of care, R-1.7).</param>
/// <param name="Rule">When not allowed: the refusal's <c>extensions.rule</c> (e.g. <c>unit-closed</c>, <c>need-to-know</c>), or null when it has none.</param>
/// <param name="RequiredArguments">
/// The arguments the schema marks optional that this call needs, by their schema names: <c>reason</c> for <c>closeCase</c>
/// and <c>reopenCase</c>; <c>note</c> for <c>completeTask</c> of a crisis-work task (crisis intervention, guidance to a
/// psychiatric institution, police transport), a written note of what was done (rule <c>crisis-note</c>, R-1.10). Null when
/// none; given whether or not the action is allowed now.
/// </param>
[GenerateSerializer, Alias("CareGrid.NextAction"), Immutable]
public sealed record NextAction(
    [property: Id(0)] string Action,
    [property: Id(1)] bool Allowed,
    [property: Id(2)] string? Code = null,
    [property: Id(3)] string? Reason = null,
    [property: Id(4)] ConsentPurpose? Purpose = null,
    [property: Id(5)] IReadOnlyList<string>? RequiredRoles = null,
    [property: Id(6)] string? TaskId = null,
    [property: Id(7)] bool AllowedWithConsentOverride = false,
    [property: Id(8)] string? Rule = null,
    [property: Id(9)] IReadOnlyList<string>? RequiredArguments = null);
