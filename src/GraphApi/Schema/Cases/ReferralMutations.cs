using CareGrid.Grains.Idempotency;
using CareGrid.Grains.Security;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// The referral mutations of a case (R-1.7 consent before professionals are brought in): <c>proposeReferral</c>,
/// <c>sendReferral</c>, <c>acceptReferral</c>, <c>declineReferral</c>, <c>completeReferral</c>. Case staff only; the case
/// grain applies need-to-know and the consent gate; audited WRITE of the case.
/// </summary>
public sealed class ReferralMutations(IGrainFactory grains) : ISchemaContributor
{
    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query)
    {
    }

    /// <inheritdoc />
    public void AddMutations(ObjectGraphType mutation)
    {
        AddProposeReferral(mutation);
        AddSendReferral(mutation);
        AddResponse(mutation, "acceptReferral", "Records that the institution accepted the sent referral.", accepted: true);
        AddResponse(mutation, "declineReferral", "Records that the institution declined the sent referral (REFERRED → ACTIVE).", accepted: false);
        AddCompleteReferral(mutation);
    }

    private void AddProposeReferral(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CaseType>>("proposeReferral")
            .Description("Proposes a referral of an ACTIVE case to an institution (Counsellor, Clinician, Coordinator). Nothing is shared yet. CONSENT_REQUIRED (extensions.purpose PROFESSIONAL_INTERVENTION) once that consent is REFUSED or WITHDRAWN, unless at IMMINENT risk a written consentOverrideReason is given (R-1.7).")
            .Argument<NonNullGraphType<IdGraphType>>("id").Argument<NonNullGraphType<StringGraphType>>("institution").Argument<NonNullGraphType<StringGraphType>>("reason")
            .Argument<StringGraphType>("consentOverrideReason")
            .IdempotencyKeyArgument()
            .AllowTenantRoles(Roles.CaseStaff, NeedToKnow.Case).AuditsWrite("Case")
            .ResolveAsync(async ctx =>
            {
                var (grain, actor) = CaseArguments.CaseFor(ctx, grains);
                return await IdempotencyContext.WithKeyAsync(ctx.IdempotencyKeyArgument(), () =>
                    grain.ProposeReferral(ctx.GetArgument<string>("institution"), ctx.GetArgument<string>("reason"), actor, CaseArguments.Override(ctx)));
            });

    private void AddSendReferral(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CaseType>>("sendReferral")
            .Description("Sends the proposed referral (ACTIVE → REFERRED) with only the minimal fields. Needs PROFESSIONAL_INTERVENTION and INFORMATION_SHARING consent, or at IMMINENT risk a written consentOverrideReason. Errors: CONSENT_REQUIRED.")
            .Argument<NonNullGraphType<IdGraphType>>("id").Argument<StringGraphType>("consentOverrideReason")
            .AllowTenantRoles(Roles.CaseStaff, NeedToKnow.Case).AuditsWrite("Case")
            .ResolveAsync(async ctx =>
            {
                var (grain, actor) = CaseArguments.CaseFor(ctx, grains);
                return await grain.SendReferral(ctx.GetArgument<string?>("consentOverrideReason"), actor);
            });

    private void AddResponse(ObjectGraphType mutation, string name, string description, bool accepted) =>
        mutation.Field<NonNullGraphType<CaseType>>(name)
            .Description(description)
            .Argument<NonNullGraphType<IdGraphType>>("id").Argument<StringGraphType>("note")
            .AllowTenantRoles(Roles.CaseStaff, NeedToKnow.Case).AuditsWrite("Case")
            .ResolveAsync(async ctx =>
            {
                var (grain, actor) = CaseArguments.CaseFor(ctx, grains);
                return await grain.RecordReferralResponse(accepted, ctx.GetArgument<string?>("note"), actor);
            });

    private void AddCompleteReferral(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CaseType>>("completeReferral")
            .Description("Completes an accepted referral (REFERRED → FOLLOW_UP).")
            .Argument<NonNullGraphType<IdGraphType>>("id").Argument<StringGraphType>("note")
            .AllowTenantRoles(Roles.CaseStaff, NeedToKnow.Case).AuditsWrite("Case")
            .ResolveAsync(async ctx =>
            {
                var (grain, actor) = CaseArguments.CaseFor(ctx, grains);
                return await grain.CompleteReferral(ctx.GetArgument<string?>("note"), actor);
            });
}
