using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Idempotency;
using CareGrid.Grains.Security;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// The case mutations that report, grade and work a case: <c>reportConcern</c>, <c>startIntervention</c>,
/// <c>recordScreening</c>, <c>logContact</c>, <c>scheduleFollowUp</c>, <c>assessRisk</c>, <c>escalateCase</c>. Each is one
/// case-grain command, audited WRITE of the case; the case grain applies need-to-know (docs/api.md, "Access and audit").
/// </summary>
public sealed class CaseMutations(IGrainFactory grains) : ISchemaContributor
{
    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query)
    {
    }

    /// <inheritdoc />
    public void AddMutations(ObjectGraphType mutation)
    {
        AddReportConcern(mutation);
        AddStartIntervention(mutation);
        AddRecordScreening(mutation);
        AddLogContact(mutation);
        AddScheduleFollowUp(mutation);
        AddAssessRisk(mutation);
        AddEscalateCase(mutation);
    }

    private void AddReportConcern(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CaseType>>("reportConcern")
            .Description("Raises a concern about a person (R-1.5). Any staff role but Auditor may report. When the person has an open case the concern joins it "
                + "(timeline ConcernAdded, the reporter noted on it — which opens nothing to them —, the risk raised when higher); otherwise — or with separateCase and a "
                + "separateCaseReason — it opens a case in REPORTED. reportOutcome on the answer says which (RECEIVED for a Reporter, who may not ask for separateCase: FORBIDDEN). A caller not on the case's need-to-know list, and "
                + "a Reporter (reports only, R-7.5) always, gets a receipt under its own id (rcpt-..., never the case's; a keyed retry answers the same one; the case's timeline notes it as ReceiptGiven); myReports tells where it stands. organizationId, when given, must be the person's unit or a unit within it "
                + "(else VALIDATION_FAILED, field organizationId, rule report-unit: the staff responsible for the person, up to level 3, would not see the case; R-1.10, R-4.3). Errors: VALIDATION_FAILED, NOT_FOUND, "
                + "IDEMPOTENCY_KEY_REUSED (docs/idempotency.md).")
            .Argument<NonNullGraphType<ReportConcernInputType>>("input")
            .TakesPersonId("input.personId", wholeTenantRoles: [.. Roles.CaseStaff, Roles.Volunteer], report: true) // a report-only caller reports people of their units (docs/access.md)
            .AllowTenantRoles(Roles.CanReport).AuditsWrite("Case", idArgument: null)
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var input = ctx.GetArgument<ReportConcernInput>("input");
                var person = LocalIds.Check(input.PersonId, "personId");
                var org = input.OrganizationId is { } o ? LocalIds.Check(o, "organizationId") : null;
                if (org is not null)
                {
                    await ReportUnit.EnsureAsync(grains, tenant.Id, person, org); // the person's unit or below it (R-1.10, R-4.3; docs/access.md)
                }

                var separate = input.SeparateCase == true;
                var reason = input.SeparateCaseReason;
                if (!separate && reason is not null)
                {
                    throw CareGridException.Validation("separateCaseReason", "separateCaseReason goes with separateCase: true.");
                }

                var concern = new ReportConcern(person, input.Summary ?? "", input.RiskLevel ?? RiskLevel.Low, org,
                    IdempotencyKey.Check(input.IdempotencyKey), separate ? reason ?? "" : null, Ungraded: input.RiskLevel is null);
                return await ConcernIntake.ReportAsync(grains, tenant.Id, concern, actor, ctx.RequestServices?.GetService<Grains.Hosting.SiloLookupCache>());
            });

    private void AddStartIntervention(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CaseType>>("startIntervention")
            .Description("A level-3 professional (Counsellor, Clinician) starts professional intervention: REPORTED | TRIAGE | ACTIVE → ACTIVE. "
                + "Needs the person's PROFESSIONAL_INTERVENTION consent, or at IMMINENT risk a written consentOverrideReason (duty of care, recorded) (R-1.7). "
                + "Errors: CONSENT_REQUIRED (extensions.purpose), FORBIDDEN, INVALID_TRANSITION.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<StringGraphType>("reason")
            .Argument<StringGraphType>("consentOverrideReason")
            .AllowTenantRoles(Roles.CaseStaff, NeedToKnow.Case).AuditsWrite("Case")
            .ResolveAsync(async ctx =>
            {
                var (grain, actor) = CaseArguments.CaseFor(ctx, grains);
                return await grain.Fire(CaseTrigger.StartIntervention, new CaseCommand(ctx.GetArgument<string?>("reason"), null, ctx.GetArgument<string?>("consentOverrideReason")), actor);
            });

    private void AddRecordScreening(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CaseType>>("recordScreening")
            .Description("Scores a screening instrument and attaches it to the case; raises risk to the suggested level, never lowers it. "
                + "answers: PHQ-9 9 items 0–3; GAD-7 7 items 0–3; C-SSRS 7 entries 0/1 (Q1–Q6, then Q6 within the past 3 months; Q3–Q5 null when Q2 is 0); K10 10 items 1–5, one may be null (prorated). "
                + "Errors: VALIDATION_FAILED (field answers or answers[i])."
                + " By a Counsellor or Clinician it is professional intervention: CONSENT_REQUIRED (extensions.purpose PROFESSIONAL_INTERVENTION) once that consent is REFUSED or WITHDRAWN, unless at IMMINENT risk a written consentOverrideReason is given (recorded) (R-1.7).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<ScreeningInstrumentType>>("instrument")
            .Argument<NonNullGraphType<ListGraphType<IntGraphType>>>("answers")
            .Argument<StringGraphType>("consentOverrideReason")
            .IdempotencyKeyArgument()
            .AllowTenantRoles(Roles.CaseStaff, NeedToKnow.Case).AuditsWrite("Case")
            .ResolveAsync(async ctx =>
            {
                var (grain, actor) = CaseArguments.CaseFor(ctx, grains);
                var answers = ctx.GetArgument<List<int?>>("answers") ?? [];
                return await IdempotencyContext.WithKeyAsync(ctx.IdempotencyKeyArgument(), () =>
                    grain.RecordScreening(new Grains.Screening.ScreeningAnswers(ctx.GetArgument<Grains.Screening.ScreeningInstrument>("instrument"), answers), actor, CaseArguments.Override(ctx)));
            });

    private void AddLogContact(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CaseType>>("logContact")
            .Description("Logs a contact (R-3.6, R-7.3): channel, duration in minutes (0–1440), notes. Completes open follow-up visit tasks; a home visit, in-person contact or phone call also the open RAISE_VISIT_FREQUENCY task; with familyNotified: true (the contact told the family and gave them the emergency number) the open NOTIFY_FAMILY_EMERGENCY_CONTACT task (R-1.10; case staff only, else FORBIDDEN). By a Counsellor or Clinician it is professional intervention: CONSENT_REQUIRED (extensions.purpose PROFESSIONAL_INTERVENTION) once that consent is REFUSED or WITHDRAWN, unless at IMMINENT risk a written consentOverrideReason is given (recorded) (R-1.7).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<EnumerationGraphType<ContactChannel>>>("channel")
            .Argument<NonNullGraphType<IntGraphType>>("durationMinutes")
            .Argument<StringGraphType>("notes")
            .Argument<StringGraphType>("consentOverrideReason")
            .Argument<BooleanGraphType>("familyNotified", "True when this contact told the family of the risk and gave them the emergency number: completes the family-notice task.")
            .IdempotencyKeyArgument()
            .AllowTenantRoles([.. Roles.CaseStaff, Roles.Volunteer], NeedToKnow.Case).AuditsWrite("Case")
            .ResolveAsync(async ctx =>
            {
                var (grain, actor) = CaseArguments.CaseFor(ctx, grains);
                return await IdempotencyContext.WithKeyAsync(ctx.IdempotencyKeyArgument(), () =>
                    grain.LogContact(ctx.GetArgument<ContactChannel>("channel"), ctx.GetArgument<int>("durationMinutes"), ctx.GetArgument<string?>("notes"), actor, CaseArguments.Override(ctx),
                        ctx.GetArgument<bool?>("familyNotified") == true));
            });

    private void AddScheduleFollowUp(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CaseType>>("scheduleFollowUp")
            .Description("Schedules a follow-up visit task due at dueAt (UTC, in the future, within a year) or after the case's visit interval. By a Counsellor or Clinician it is professional intervention: CONSENT_REQUIRED (extensions.purpose PROFESSIONAL_INTERVENTION) once that consent is REFUSED or WITHDRAWN, unless at IMMINENT risk a written consentOverrideReason is given (recorded) (R-1.7).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<DateTimeOffsetGraphType>("dueAt")
            .Argument<StringGraphType>("consentOverrideReason")
            .IdempotencyKeyArgument()
            .AllowTenantRoles([.. Roles.CaseStaff, Roles.Volunteer], NeedToKnow.Case).AuditsWrite("Case")
            .ResolveAsync(async ctx =>
            {
                var (grain, actor) = CaseArguments.CaseFor(ctx, grains);
                return await IdempotencyContext.WithKeyAsync(ctx.IdempotencyKeyArgument(), () => grain.ScheduleFollowUp(ctx.GetArgument<DateTimeOffset?>("dueAt"), actor, CaseArguments.Override(ctx)));
            });

    private void AddAssessRisk(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CaseType>>("assessRisk")
            .Description("Grades a case's risk with a reason. HIGH or IMMINENT escalates to level 3 at once (R-1.10); only level 3 lowers a HIGH/IMMINENT risk. On a case not yet graded (riskGraded false), any level grades it and completes its GRADE_RISK task.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<EnumerationGraphType<RiskLevel>>>("riskLevel")
            .Argument<NonNullGraphType<StringGraphType>>("reason")
            .AllowTenantRoles(Roles.CaseStaff, NeedToKnow.Case).AuditsWrite("Case")
            .ResolveAsync(async ctx =>
            {
                var (grain, actor) = CaseArguments.CaseFor(ctx, grains);
                return await grain.AssessRisk(ctx.GetArgument<RiskLevel>("riskLevel"), ctx.GetArgument<string>("reason"), actor);
            });

    private void AddEscalateCase(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CaseType>>("escalateCase")
            .Description("Raises a case's escalation level (1–3, never lowers) with a reason, notifying the new level (R-4.3, R-4.4).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<IntGraphType>>("level")
            .Argument<NonNullGraphType<StringGraphType>>("reason")
            .AllowTenantRoles(Roles.CaseStaff, NeedToKnow.Case).AuditsWrite("Case")
            .ResolveAsync(async ctx =>
            {
                var (grain, actor) = CaseArguments.CaseFor(ctx, grains);
                return await grain.Escalate(ctx.GetArgument<int>("level"), ctx.GetArgument<string>("reason"), actor);
            });
}
