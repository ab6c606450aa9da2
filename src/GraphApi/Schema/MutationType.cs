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

        Field<NonNullGraphType<CaseType>>("reportConcern")
            .Description("Raises a concern about a person (R-1.5). Any staff role but Auditor may report. When the person has an open case the concern joins it "
                + "(timeline ConcernAdded, the reporter on its need-to-know list, the risk raised when higher); otherwise — or with separateCase and a "
                + "separateCaseReason — it opens a case in REPORTED. reportOutcome on the answer says which. Errors: VALIDATION_FAILED, NOT_FOUND, "
                + "IDEMPOTENCY_KEY_REUSED (docs/idempotency.md).")
            .Argument<NonNullGraphType<ReportConcernInputType>>("input")
            .AllowTenantRoles(Roles.CanReport).AuditsWrite("Case", idArgument: null)
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var input = ctx.Input();
                var person = LocalIds.Check(input.Str("personId"), "personId");
                var org = input.Str("organizationId") is { } o ? LocalIds.Check(o, "organizationId") : null;
                var separate = input.TryGetValue("separateCase", out var sc) && sc is true;
                var reason = input.Str("separateCaseReason");
                if (!separate && reason is not null)
                {
                    throw CareGridException.Validation("separateCaseReason", "separateCaseReason goes with separateCase: true.");
                }

                var concern = new ReportConcern(person, input.Str("summary") ?? "", input.Enum<RiskLevel>("riskLevel") ?? RiskLevel.Low, org,
                    input.IdempotencyKeyField(), separate ? reason ?? "" : null);
                return await ConcernIntake.ReportAsync(grains, tenant.Id, concern, actor);
            });

        CaseTriggerField(grains, "triageCase", CaseTrigger.Triage, "REPORTED → TRIAGE.", assignee: false);
        CaseTriggerField(grains, "activateCase", CaseTrigger.Activate, "TRIAGE → ACTIVE; needs an assignee (the sub of a staff member).", assignee: true);
        CaseTriggerField(grains, "startFollowUp", CaseTrigger.StartFollowUp, "ACTIVE | REFERRED (referral finished) → FOLLOW_UP.", assignee: false);

        Field<NonNullGraphType<CaseType>>("startIntervention")
            .Description("A level-3 professional (Counsellor, Clinician) starts professional intervention: REPORTED | TRIAGE | ACTIVE → ACTIVE. "
                + "Needs the person's PROFESSIONAL_INTERVENTION consent, or at IMMINENT risk a written consentOverrideReason (duty of care, recorded) (R-1.7). "
                + "Errors: CONSENT_REQUIRED (extensions.purpose), FORBIDDEN, INVALID_TRANSITION.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<StringGraphType>("reason")
            .Argument<StringGraphType>("consentOverrideReason")
            .ResolveAsync(async ctx =>
            {
                var (grain, actor) = CaseFor(ctx, grains, Roles.CaseStaff);
                return await grain.Fire(CaseTrigger.StartIntervention, new CaseCommand(ctx.GetArgument<string?>("reason"), null, ctx.GetArgument<string?>("consentOverrideReason")), actor);
            });

        Field<NonNullGraphType<CaseType>>("recordScreening")
            .Description("Scores a screening instrument and attaches it to the case; raises risk to the suggested level, never lowers it. "
                + "answers: PHQ-9 9 items 0–3; GAD-7 7 items 0–3; C-SSRS 7 entries 0/1 (Q1–Q6, then Q6 within the past 3 months; Q3–Q5 null when Q2 is 0); K10 10 items 1–5, one may be null (prorated). "
                + "Errors: VALIDATION_FAILED (field answers or answers[i])."
                + " By a Counsellor or Clinician it is professional intervention: CONSENT_REQUIRED (extensions.purpose PROFESSIONAL_INTERVENTION) once that consent is REFUSED or WITHDRAWN, unless at IMMINENT risk a written consentOverrideReason is given (recorded) (R-1.7).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<ScreeningInstrumentType>>("instrument")
            .Argument<NonNullGraphType<ListGraphType<IntGraphType>>>("answers")
            .Argument<StringGraphType>("consentOverrideReason")
            .IdempotencyKeyArgument()
            .ResolveAsync(async ctx =>
            {
                var (grain, actor) = CaseFor(ctx, grains, Roles.CaseStaff);
                var answers = ctx.GetArgument<List<int?>>("answers") ?? [];
                return await IdempotencyContext.WithKeyAsync(ctx.IdempotencyKeyArgument(), () => grain.RecordScreening(new Grains.Screening.ScreeningAnswers(ctx.GetArgument<Grains.Screening.ScreeningInstrument>("instrument"), answers), actor, Override(ctx)));
            });

        Field<NonNullGraphType<CaseType>>("logContact")
            .Description("Logs a contact (R-3.6, R-7.3): channel, duration in minutes (0–1440), notes. Completes open follow-up visit tasks. By a Counsellor or Clinician it is professional intervention: CONSENT_REQUIRED (extensions.purpose PROFESSIONAL_INTERVENTION) once that consent is REFUSED or WITHDRAWN, unless at IMMINENT risk a written consentOverrideReason is given (recorded) (R-1.7).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<EnumerationGraphType<ContactChannel>>>("channel")
            .Argument<NonNullGraphType<IntGraphType>>("durationMinutes")
            .Argument<StringGraphType>("notes")
            .Argument<StringGraphType>("consentOverrideReason")
            .IdempotencyKeyArgument()
            .ResolveAsync(async ctx =>
            {
                var (grain, actor) = CaseFor(ctx, grains, [.. Roles.CaseStaff, Roles.Volunteer]);
                return await IdempotencyContext.WithKeyAsync(ctx.IdempotencyKeyArgument(), () =>
                    grain.LogContact(ctx.GetArgument<ContactChannel>("channel"), ctx.GetArgument<int>("durationMinutes"), ctx.GetArgument<string?>("notes"), actor, Override(ctx)));
            });

        Field<NonNullGraphType<CaseType>>("scheduleFollowUp")
            .Description("Schedules a follow-up visit task due at dueAt (UTC, in the future, within a year) or after the case's visit interval. By a Counsellor or Clinician it is professional intervention: CONSENT_REQUIRED (extensions.purpose PROFESSIONAL_INTERVENTION) once that consent is REFUSED or WITHDRAWN, unless at IMMINENT risk a written consentOverrideReason is given (recorded) (R-1.7).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<DateTimeOffsetGraphType>("dueAt")
            .Argument<StringGraphType>("consentOverrideReason")
            .IdempotencyKeyArgument()
            .ResolveAsync(async ctx =>
            {
                var (grain, actor) = CaseFor(ctx, grains, [.. Roles.CaseStaff, Roles.Volunteer]);
                return await IdempotencyContext.WithKeyAsync(ctx.IdempotencyKeyArgument(), () => grain.ScheduleFollowUp(ctx.GetArgument<DateTimeOffset?>("dueAt"), actor, Override(ctx)));
            });

        Field<NonNullGraphType<CaseType>>("completeTask")
            .Description("Marks a task done. Errors: NOT_FOUND (task), INVALID_TRANSITION (not open). Completing a PROFESSIONAL_CRISIS_INTERVENTION task needs PROFESSIONAL_INTERVENTION consent GRANTED; a GUIDE_TO_PSYCHIATRIC_INSTITUTION task, that consent not REFUSED or WITHDRAWN: else CONSENT_REQUIRED, unless at IMMINENT risk a written consentOverrideReason (10–1000 characters with letters) is given (recorded) (R-1.7). Other tasks are never gated.")
            .Argument<NonNullGraphType<IdGraphType>>("id").Argument<NonNullGraphType<IdGraphType>>("taskId").Argument<StringGraphType>("note")
            .Argument<StringGraphType>("consentOverrideReason")
            .ResolveAsync(async ctx =>
            {
                var (grain, actor) = CaseFor(ctx, grains, [.. Roles.CaseStaff, Roles.Volunteer]);
                return await grain.CompleteTask(ctx.GetArgument<string>("taskId"), ctx.GetArgument<string?>("note"), actor, Override(ctx));
            });

        Field<NonNullGraphType<CaseType>>("cancelTask")
            .Description("Cancels a task with a reason (Counsellor, Clinician, Coordinator, Supervisor, TenantAdmin).")
            .Argument<NonNullGraphType<IdGraphType>>("id").Argument<NonNullGraphType<IdGraphType>>("taskId").Argument<NonNullGraphType<StringGraphType>>("reason")
            .ResolveAsync(async ctx =>
            {
                var (grain, actor) = CaseFor(ctx, grains, Roles.CaseStaff);
                return await grain.CancelTask(ctx.GetArgument<string>("taskId"), ctx.GetArgument<string>("reason"), actor);
            });

        Field<NonNullGraphType<CaseType>>("proposeReferral")
            .Description("Proposes a referral of an ACTIVE case to an institution (Counsellor, Clinician, Coordinator). Nothing is shared yet. CONSENT_REQUIRED (extensions.purpose PROFESSIONAL_INTERVENTION) once that consent is REFUSED or WITHDRAWN, unless at IMMINENT risk a written consentOverrideReason is given (R-1.7).")
            .Argument<NonNullGraphType<IdGraphType>>("id").Argument<NonNullGraphType<StringGraphType>>("institution").Argument<NonNullGraphType<StringGraphType>>("reason")
            .Argument<StringGraphType>("consentOverrideReason")
            .IdempotencyKeyArgument()
            .ResolveAsync(async ctx =>
            {
                var (grain, actor) = CaseFor(ctx, grains, Roles.CaseStaff);
                return await IdempotencyContext.WithKeyAsync(ctx.IdempotencyKeyArgument(), () => grain.ProposeReferral(ctx.GetArgument<string>("institution"), ctx.GetArgument<string>("reason"), actor, Override(ctx)));
            });

        Field<NonNullGraphType<CaseType>>("sendReferral")
            .Description("Sends the proposed referral (ACTIVE → REFERRED) with only the minimal fields. Needs PROFESSIONAL_INTERVENTION and INFORMATION_SHARING consent, or at IMMINENT risk a written consentOverrideReason. Errors: CONSENT_REQUIRED.")
            .Argument<NonNullGraphType<IdGraphType>>("id").Argument<StringGraphType>("consentOverrideReason")
            .ResolveAsync(async ctx =>
            {
                var (grain, actor) = CaseFor(ctx, grains, Roles.CaseStaff);
                return await grain.SendReferral(ctx.GetArgument<string?>("consentOverrideReason"), actor);
            });

        Field<NonNullGraphType<CaseType>>("acceptReferral")
            .Description("Records that the institution accepted the sent referral.")
            .Argument<NonNullGraphType<IdGraphType>>("id").Argument<StringGraphType>("note")
            .ResolveAsync(async ctx =>
            {
                var (grain, actor) = CaseFor(ctx, grains, Roles.CaseStaff);
                return await grain.RecordReferralResponse(true, ctx.GetArgument<string?>("note"), actor);
            });

        Field<NonNullGraphType<CaseType>>("declineReferral")
            .Description("Records that the institution declined the sent referral (REFERRED → ACTIVE).")
            .Argument<NonNullGraphType<IdGraphType>>("id").Argument<StringGraphType>("note")
            .ResolveAsync(async ctx =>
            {
                var (grain, actor) = CaseFor(ctx, grains, Roles.CaseStaff);
                return await grain.RecordReferralResponse(false, ctx.GetArgument<string?>("note"), actor);
            });

        Field<NonNullGraphType<CaseType>>("completeReferral")
            .Description("Completes an accepted referral (REFERRED → FOLLOW_UP).")
            .Argument<NonNullGraphType<IdGraphType>>("id").Argument<StringGraphType>("note")
            .ResolveAsync(async ctx =>
            {
                var (grain, actor) = CaseFor(ctx, grains, Roles.CaseStaff);
                return await grain.CompleteReferral(ctx.GetArgument<string?>("note"), actor);
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
                return await grains.GetRef<ICaseGrain>(TenantIds.Key(tenant.Id, id)).AssessRisk(ctx.GetArgument<RiskLevel>("riskLevel"), ctx.GetArgument<string>("reason"), actor);
            });

        var auditing = new Audit.AuditFieldMiddleware(audit, isWrite: true);
        foreach (var field in Fields.Where(f => Access.FieldDeclarations.AccessRule(f) is null).Where(f => f.Name is not ("breakTheGlass" or "exportTenant" or "deleteTenant")))
        {
            field.ApplyMiddleware(auditing);
        }
    }

    private static (ICaseGrain Grain, Actor Actor) CaseFor(IResolveFieldContext ctx, IGrainFactory grains, IReadOnlyList<string> roles)
    {
        var (tenant, actor) = ctx.Caller().RequireTenantRole(roles);
        return (grains.GetRef<ICaseGrain>(TenantIds.Key(tenant.Id, CaseId(ctx))), actor);
    }

    /// <summary>The optional duty-of-care <c>consentOverrideReason</c> argument (accepted only at IMMINENT risk, R-1.7; see ConsentGate).</summary>
    private static string? Override(IResolveFieldContext ctx) => ctx.GetArgument<string?>("consentOverrideReason");

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
            return await grains.GetRef<ICaseGrain>(TenantIds.Key(tenant.Id, id)).Fire(trigger, command, actor);
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
