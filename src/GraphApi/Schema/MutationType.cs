using CareGrid.Grains.Hosting;
using CareGrid.GraphApi.Tenancy;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Idempotency;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.GraphApi.Schema;

/// <summary>The root mutation. Each mutation is one grain command; on error nothing changes.</summary>
public sealed class MutationType : ObjectGraphType
{
    /// <summary>Defines the fields.</summary>
    public MutationType(IGrainFactory grains, TenantDirectory directory, IEnumerable<ISchemaContributor> contributors, Audit.AuditTrail audit, IReadModelStore readModel)
    {
        Name = "Mutation";
        foreach (var contributor in contributors.OrderBy(c => c.GetType().Name, StringComparer.Ordinal))
        {
            contributor.AddMutations(this);
        }


        Field<NonNullGraphType<TenantType>>("onboardTenant")
            .Description("Creates a tenant with its first TenantAdmin (PlatformAdmin), provisioned from input.template when given. Errors: VALIDATION_FAILED, ALREADY_EXISTS, TENANT_NOT_FOUND (parent).")
            .Argument<NonNullGraphType<OnboardTenantInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.Caller().RequirePlatformAdmin();
                var input = ctx.Input();
                var id = input.Str("id");
                TenantIds.EnsureAvailable(id);
                var command = new OnboardTenant(id!, input.Str("name") ?? "", input.Enum<TenantKind>("kind") ?? TenantKind.School,
                    input.Str("parentId"), input.Str("timeZone") ?? "", input.Str("firstAdminSubject") ?? "", input.Str("firstAdminName") ?? "");
                var info = await ctx.RequestServices!.GetRequiredService<TenantOnboarding>().OnboardAsync(command, input.Str("template"), actor);
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
                var key = input.IdempotencyKeyField();
                var id = input.Str("id") is null && key is not null ? IdempotencyKey.DeriveId("org", tenant.Id, actor.Subject, key) : LocalIds.OrNew(input.Str("id"), "org", "id");
                var parent = input.Str("parentId") is { } p ? LocalIds.Check(p, "parentId") : null;
                return await grains.GetRef<IOrganizationGrain>(TenantIds.Key(tenant.Id, id)).Create(
                    new CreateOrganization(input.Str("name") ?? "", input.Enum<OrganizationKind>("kind") ?? OrganizationKind.School, parent, input.Int("escalationLevel"), IdempotencyKey: key), actor);
            });

        Field<NonNullGraphType<PersonType>>("registerPerson")
            .Description("Registers a person served by the tenant (TenantAdmin, Coordinator, Counsellor, Clinician, Caseworker).")
            .Argument<NonNullGraphType<RegisterPersonInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.Caller().RequireTenantRole(Roles.CaseStaff);
                var input = ctx.Input();
                var key = input.IdempotencyKeyField();
                var id = input.Str("id") is null && key is not null ? IdempotencyKey.DeriveId("person", tenant.Id, actor.Subject, key) : LocalIds.OrNew(input.Str("id"), "person", "id");
                var org = LocalIds.Check(input.Str("organizationId"), "organizationId");
                return await grains.GetRef<IPersonGrain>(TenantIds.Key(tenant.Id, id)).Register(
                    new RegisterPerson(input.Str("displayName") ?? "", org, input.Enum<Sex>("sex") ?? Sex.Unspecified,
                        input.Int("birthYear"), input.Str("externalId"), input.Strings("targetGroups"), input.Date("dateOfBirth"), key), actor);
            });

        Field<NonNullGraphType<PersonType>>("recordConsent")
            .Description("Records a consent decision for a purpose (R-1.7) and notes it on the timeline of each open case of the person; a withdrawal takes effect at once. "
                + "givenBy SELF (default) needs the person at or above the tenant's age of consent (protocolSettings.ageOfConsent) on the tenant's local date; "
                + "GUARDIAN needs a guardian named on the person (setPersonContacts). Errors: INVALID_TRANSITION, NOT_FOUND, VALIDATION_FAILED (field givenBy, dateOfBirth or contacts; rule).")
            .Argument<NonNullGraphType<IdGraphType>>("personId")
            .Argument<NonNullGraphType<EnumerationGraphType<ConsentPurpose>>>("purpose")
            .Argument<NonNullGraphType<EnumerationGraphType<ConsentStatus>>>("decision")
            .Argument<EnumerationGraphType<ConsentGivenBy>>("givenBy")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.Caller().RequireTenantRole(Roles.CaseStaff);
                var id = LocalIds.Check(ctx.GetArgument<string>("personId"), "personId");
                return await grains.GetRef<IPersonGrain>(TenantIds.Key(tenant.Id, id)).RecordConsent(
                    ctx.GetArgument<ConsentPurpose>("purpose"), ctx.GetArgument<ConsentStatus>("decision"),
                    ctx.GetArgument<ConsentGivenBy?>("givenBy") ?? ConsentGivenBy.Self, actor);
            });

        Field<NonNullGraphType<ProtocolSettingsType>>("setProtocolDeadline")
            .Description("Sets the deadline of one task kind for this tenant (TenantAdmin). amount ≥ 0; unit MINUTES, HOURS, CALENDAR_DAYS or WORKING_DAYS (on the tenant's calendar).")
            .Argument<NonNullGraphType<EnumerationGraphType<CaseTaskKind>>>("kind")
            .Argument<NonNullGraphType<IntGraphType>>("amount")
            .Argument<NonNullGraphType<EnumerationGraphType<Grains.Calendar.DeadlineUnit>>>("unit")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.Caller().RequireTenantRole([Roles.TenantAdmin]);
                var grain = grains.GetRef<ITenantGrain>(tenant.Id);
                var settings = await grain.GetSettings();
                var deadlines = new Dictionary<CaseTaskKind, Grains.Calendar.DeadlineSpec>(settings.Deadlines)
                {
                    [ctx.GetArgument<CaseTaskKind>("kind")] = new(ctx.GetArgument<int>("amount"), ctx.GetArgument<Grains.Calendar.DeadlineUnit>("unit")),
                };
                return await grain.UpdateSettings(settings with { Deadlines = deadlines }, actor);
            });

        Field<NonNullGraphType<ProtocolSettingsType>>("setWorkingCalendar")
            .Description("Sets the tenant's holidays and make-up working days (ISO dates, local to the tenant's time zone) (TenantAdmin).")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<DateOnlyGraphType>>>>("holidays")
            .Argument<ListGraphType<NonNullGraphType<DateOnlyGraphType>>>("extraWorkingDays")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.Caller().RequireTenantRole([Roles.TenantAdmin]);
                var grain = grains.GetRef<ITenantGrain>(tenant.Id);
                var settings = await grain.GetSettings();
                var calendar = new Grains.Calendar.WorkingCalendar(settings.Calendar.TimeZoneId, settings.Calendar.WeekendDays,
                    ctx.GetArgument<List<DateOnly>>("holidays"), ctx.GetArgument<List<DateOnly>?>("extraWorkingDays") ?? [.. settings.Calendar.ExtraWorkingDays]);
                return await grain.UpdateSettings(settings with { Calendar = calendar }, actor);
            });
        Field<NonNullGraphType<ProtocolSettingsType>>("setAgeOfConsent")
            .Description("Sets the tenant's age of consent in years, 10–21 (default 14, PIPL art. 31): below it only a guardian grants or withdraws consent (TenantAdmin). Errors: VALIDATION_FAILED (field years).")
            .Argument<NonNullGraphType<IntGraphType>>("years")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.Caller().RequireTenantRole([Roles.TenantAdmin]);
                var grain = grains.GetRef<ITenantGrain>(tenant.Id);
                var settings = await grain.GetSettings();
                return await grain.UpdateSettings(settings with { AgeOfConsentYears = ctx.GetArgument<int>("years") }, actor);
            });

        var auditing = new Audit.AuditFieldMiddleware(audit, isWrite: true);
        foreach (var field in Fields.Where(f => Access.FieldDeclarations.AccessRule(f) is null).Where(f => f.Name is not ("breakTheGlass" or "exportTenant" or "deleteTenant")))
        {
            field.ApplyMiddleware(auditing);
        }
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
                if (!TenantIds.IsValid(id) || await grains.GetRef<ITenantRegistryGrain>(ITenantRegistryGrain.Key).Get(id) is null)
                {
                    throw new CareGridException(ErrorCodes.TenantNotFound, $"Tenant '{id}' was not found.");
                }

                TenantContext.Set(id);
                var info = await grains.GetRef<ITenantGrain>(id).Fire(trigger, ctx.GetArgument<string?>("reason"), actor);
                directory.Invalidate(id);
                return info;
            });
}
