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
}
