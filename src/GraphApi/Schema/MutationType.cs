using CareGrid.GraphApi.Tenancy;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using GraphQL;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>The root mutation. Each mutation is one grain command; on error nothing changes.</summary>
public sealed class MutationType : ObjectGraphType
{
    /// <summary>Defines the fields.</summary>
    public MutationType(IGrainFactory grains, TenantDirectory directory)
    {
        Name = "Mutation";

        Field<NonNullGraphType<TenantType>>("onboardTenant")
            .Description("Creates a tenant with its first TenantAdmin (PlatformAdmin). Errors: VALIDATION_FAILED, ALREADY_EXISTS, TENANT_NOT_FOUND (parent).")
            .Argument<NonNullGraphType<OnboardTenantInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.Caller().RequirePlatformAdmin();
                var input = ctx.Input();
                var id = input.Str("id");
                TenantIds.EnsureValid(id);
                var command = new OnboardTenant(id!, input.Str("name") ?? "", input.Enum<TenantKind>("kind") ?? TenantKind.School,
                    input.Str("parentId"), input.Str("timeZone") ?? "", input.Str("firstAdminSubject") ?? "", input.Str("firstAdminName") ?? "");
                TenantContext.Set(id!);
                var info = await grains.GetGrain<ITenantGrain>(id!).Onboard(command, actor);
                directory.Invalidate(id!);
                return info;
            });

        TenantLifecycle(grains, directory, "suspendTenant", TenantTrigger.Suspend, "Suspends a tenant: its API calls are refused with TENANT_SUSPENDED (PlatformAdmin).");
        TenantLifecycle(grains, directory, "reactivateTenant", TenantTrigger.Reactivate, "Reactivates a suspended tenant (PlatformAdmin).");

        Field<NonNullGraphType<OrganizationType>>("createOrganization")
            .Description("Creates an organizational unit (TenantAdmin).")
            .Argument<NonNullGraphType<CreateOrganizationInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.Caller().RequireTenantRole([Roles.TenantAdmin]);
                var input = ctx.Input();
                var id = LocalIds.OrNew(input.Str("id"), "org", "id");
                var parent = input.Str("parentId") is { } p ? LocalIds.Check(p, "parentId") : null;
                return await grains.GetGrain<IOrganizationGrain>(TenantIds.Key(tenant.Id, id)).Create(
                    new CreateOrganization(input.Str("name") ?? "", input.Enum<OrganizationKind>("kind") ?? OrganizationKind.School, parent, input.Int("escalationLevel")), actor);
            });

        Field<NonNullGraphType<PersonType>>("registerPerson")
            .Description("Registers a person served by the tenant (TenantAdmin, Coordinator, Counsellor, Clinician, Caseworker).")
            .Argument<NonNullGraphType<RegisterPersonInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.Caller().RequireTenantRole(Roles.CaseStaff);
                var input = ctx.Input();
                var id = LocalIds.OrNew(input.Str("id"), "person", "id");
                var org = LocalIds.Check(input.Str("organizationId"), "organizationId");
                return await grains.GetGrain<IPersonGrain>(TenantIds.Key(tenant.Id, id)).Register(
                    new RegisterPerson(input.Str("displayName") ?? "", org, input.Enum<Sex>("sex") ?? Sex.Unspecified,
                        input.Int("birthYear"), input.Str("externalId"), input.Strings("targetGroups")), actor);
            });

        Field<NonNullGraphType<PersonType>>("recordConsent")
            .Description("Records a consent decision for a purpose (R-1.7). Errors: INVALID_TRANSITION, NOT_FOUND.")
            .Argument<NonNullGraphType<IdGraphType>>("personId")
            .Argument<NonNullGraphType<EnumerationGraphType<ConsentPurpose>>>("purpose")
            .Argument<NonNullGraphType<EnumerationGraphType<ConsentStatus>>>("decision")
            .Argument<EnumerationGraphType<ConsentGivenBy>>("givenBy")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.Caller().RequireTenantRole(Roles.CaseStaff);
                var id = LocalIds.Check(ctx.GetArgument<string>("personId"), "personId");
                return await grains.GetGrain<IPersonGrain>(TenantIds.Key(tenant.Id, id)).RecordConsent(
                    ctx.GetArgument<ConsentPurpose>("purpose"), ctx.GetArgument<ConsentStatus>("decision"),
                    ctx.GetArgument<ConsentGivenBy?>("givenBy") ?? ConsentGivenBy.Self, actor);
            });

        Field<NonNullGraphType<CaseType>>("reportConcern")
            .Description("Raises a concern about a person: opens a case in REPORTED (R-1.5). Any staff role but Auditor may report.")
            .Argument<NonNullGraphType<ReportConcernInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.Caller().RequireTenantRole(Roles.CanReport);
                var input = ctx.Input();
                var person = LocalIds.Check(input.Str("personId"), "personId");
                var org = input.Str("organizationId") is { } o ? LocalIds.Check(o, "organizationId") : null;
                var id = TenantIds.NewLocalId("case");
                return await grains.GetGrain<ICaseGrain>(TenantIds.Key(tenant.Id, id)).Report(
                    new ReportConcern(person, input.Str("summary") ?? "", input.Enum<RiskLevel>("riskLevel") ?? RiskLevel.Low, org), actor);
            });

        CaseTriggerField(grains, "triageCase", CaseTrigger.Triage, "REPORTED → TRIAGE.", assignee: false);
        CaseTriggerField(grains, "activateCase", CaseTrigger.Activate, "TRIAGE → ACTIVE; needs an assignee (the sub of a staff member).", assignee: true);
        CaseTriggerField(grains, "referCase", CaseTrigger.Refer, "ACTIVE → REFERRED.", assignee: false);
        CaseTriggerField(grains, "startFollowUp", CaseTrigger.StartFollowUp, "ACTIVE | REFERRED → FOLLOW_UP.", assignee: false);
        CaseTriggerField(grains, "closeCase", CaseTrigger.Close, "TRIAGE | ACTIVE | FOLLOW_UP → CLOSED; needs a reason. A HIGH/IMMINENT case closes only by a level-3 role.", assignee: false);
        CaseTriggerField(grains, "reopenCase", CaseTrigger.Reopen, "CLOSED → TRIAGE; needs a reason.", assignee: false);

        Field<NonNullGraphType<CaseType>>("assessRisk")
            .Description("Grades a case's risk with a reason. HIGH or IMMINENT escalates to level 3 at once (R-1.10); only level 3 lowers a HIGH/IMMINENT risk.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<EnumerationGraphType<RiskLevel>>>("riskLevel")
            .Argument<NonNullGraphType<StringGraphType>>("reason")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.Caller().RequireTenantRole(Roles.CaseStaff);
                var id = CaseId(ctx);
                return await grains.GetGrain<ICaseGrain>(TenantIds.Key(tenant.Id, id)).AssessRisk(ctx.GetArgument<RiskLevel>("riskLevel"), ctx.GetArgument<string>("reason"), actor);
            });
    }

    private static string CaseId(IResolveFieldContext ctx) =>
        LocalIds.IsWellFormed(ctx.GetArgument<string>("id")) ? ctx.GetArgument<string>("id") : throw CareGridException.NotFound("Case", "(malformed id)");

    private void CaseTriggerField(IGrainFactory grains, string name, CaseTrigger trigger, string description, bool assignee)
    {
        var field = Field<NonNullGraphType<CaseType>>(name)
            .Description(description + " Errors: INVALID_TRANSITION (with state and permittedTriggers), FORBIDDEN, VALIDATION_FAILED, NOT_FOUND.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<StringGraphType>("reason");
        if (assignee)
        {
            field.Argument<NonNullGraphType<StringGraphType>>("assigneeId");
        }

        field.ResolveAsync(async ctx =>
        {
            var (tenant, actor) = ctx.Caller().RequireTenantRole(Roles.CaseStaff);
            var id = CaseId(ctx);
            var command = new CaseCommand(ctx.GetArgument<string?>("reason"), assignee ? ctx.GetArgument<string?>("assigneeId") : null);
            return await grains.GetGrain<ICaseGrain>(TenantIds.Key(tenant.Id, id)).Fire(trigger, command, actor);
        });
    }

    private void TenantLifecycle(IGrainFactory grains, TenantDirectory directory, string name, TenantTrigger trigger, string description) =>
        Field<NonNullGraphType<TenantType>>(name)
            .Description(description + " Errors: TENANT_NOT_FOUND, INVALID_TRANSITION.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<StringGraphType>("reason")
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.Caller().RequirePlatformAdmin();
                var id = ctx.GetArgument<string>("id");
                if (!TenantIds.IsValid(id) || await grains.GetGrain<ITenantRegistryGrain>(ITenantRegistryGrain.Key).Get(id) is null)
                {
                    throw new CareGridException(ErrorCodes.TenantNotFound, $"Tenant '{id}' was not found.");
                }

                TenantContext.Set(id);
                var info = await grains.GetGrain<ITenantGrain>(id).Fire(trigger, ctx.GetArgument<string?>("reason"), actor);
                directory.Invalidate(id);
                return info;
            });
}
