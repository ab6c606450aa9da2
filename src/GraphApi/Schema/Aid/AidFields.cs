using CareGrid.Grains.Aid;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// Root fields of material aid (R-1.8 practical hardship to civil affairs, R-2.2; docs/aid.md): requests on a case under the
/// case's need-to-know (audited READ/WRITE of the case) and the counts per provider for supervision (counts only).
/// </summary>
public sealed class AidFields(IGrainFactory grains) : ISchemaContributor
{
    private static readonly IReadOnlyList<string> Supervision = [Roles.TenantAdmin, Roles.Supervisor, Roles.Auditor, Roles.Coordinator];

    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<AidRequestType>>>>("aidRequests")
            .Description("The material-aid requests of a case, oldest first. Errors: NOT_FOUND (case), FORBIDDEN (rule need-to-know).")
            .Argument<NonNullGraphType<IdGraphType>>("caseId")
            .AllowTenantRoles(Roles.CaseStaff, NeedToKnow.Case).AuditsRead("Case", "caseId")
            .ResolveAsync(async ctx =>
            {
                var (grain, actor) = Grain(ctx);
                return await grain.List(actor);
            });
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<AidProviderCountsType>>>>("aidByProvider")
            .Description("Material-aid requests counted per provider organization: proposed, sent, provided, declined (R-1.8). Counts only.")
            .AllowTenantRoles(Supervision).AuditsNothing("counts per provider organization; no person, case or request content")
            .ResolveAsync(async ctx => await grains.GetGrain<IAidTallyGrain>(ctx.TenantCaller().Tenant.Id).Providers());
    }

    /// <inheritdoc />
    public void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<AidRequestType>>("proposeAidRequest")
            .Description("Proposes material aid for the case's person to a provider organization of the tenant (the civil-affairs unit); nothing is shared yet "
                + "(Caseworker, Coordinator, Counsellor, Clinician). Errors: NOT_FOUND (case, providerOrganizationId), VALIDATION_FAILED (need, providerOrganizationId), "
                + "INVALID_TRANSITION (a CLOSED case), AID_REQUEST_LIMIT (50 per case), FORBIDDEN.")
            .Argument<NonNullGraphType<IdGraphType>>("caseId").Argument<NonNullGraphType<IdGraphType>>("providerOrganizationId").Argument<NonNullGraphType<StringGraphType>>("need")
            .AllowTenantRoles(Roles.CaseStaff, NeedToKnow.Case).AuditsWrite("Case", "caseId")
            .ResolveAsync(async ctx =>
            {
                var (grain, actor) = Grain(ctx);
                return await grain.Propose(ctx.GetArgument<string>("providerOrganizationId"), ctx.GetArgument<string>("need"), actor);
            });
        mutation.Field<NonNullGraphType<AidRequestType>>("sendAidRequest")
            .Description("Sends a PROPOSED aid request to its provider (→ SENT). Needs the person's INFORMATION_SHARING consent GRANTED (R-1.7). "
                + "Errors: CONSENT_REQUIRED (extensions.purpose), INVALID_TRANSITION, NOT_FOUND (aidId), FORBIDDEN.")
            .Argument<NonNullGraphType<IdGraphType>>("caseId").Argument<NonNullGraphType<IdGraphType>>("aidId")
            .AllowTenantRoles(Roles.CaseStaff, NeedToKnow.Case).AuditsWrite("Case", "caseId")
            .ResolveAsync(async ctx =>
            {
                var (grain, actor) = Grain(ctx);
                return await grain.Send(ctx.GetArgument<string>("aidId"), actor);
            });
        AddAnswer(mutation, "recordAidProvided", "Records that the provider gave the aid (SENT → PROVIDED).", provided: true);
        AddAnswer(mutation, "declineAidRequest", "Records that the provider declined the aid (SENT → DECLINED).", provided: false);
    }

    private void AddAnswer(ObjectGraphType mutation, string name, string description, bool provided) =>
        mutation.Field<NonNullGraphType<AidRequestType>>(name)
            .Description(description + " Errors: INVALID_TRANSITION, NOT_FOUND (aidId), VALIDATION_FAILED (note), FORBIDDEN.")
            .Argument<NonNullGraphType<IdGraphType>>("caseId").Argument<NonNullGraphType<IdGraphType>>("aidId").Argument<StringGraphType>("note")
            .AllowTenantRoles(Roles.CaseStaff, NeedToKnow.Case).AuditsWrite("Case", "caseId")
            .ResolveAsync(async ctx =>
            {
                var (grain, actor) = Grain(ctx);
                return await grain.Answer(ctx.GetArgument<string>("aidId"), provided, ctx.GetArgument<string?>("note"), actor);
            });

    private (ICaseAidGrain Grain, Actor Actor) Grain(IResolveFieldContext ctx)
    {
        var (tenant, actor) = ctx.TenantCaller();
        var caseId = ctx.GetArgument<string>("caseId");
        if (!LocalIds.IsWellFormed(caseId))
        {
            throw Grains.Errors.CareGridException.NotFound("Case", caseId);
        }

        return (grains.GetRef<ICaseAidGrain>(TenantIds.Key(tenant.Id, caseId)), actor);
    }
}
