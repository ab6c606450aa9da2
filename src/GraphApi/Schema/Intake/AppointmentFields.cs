using CareGrid.Grains.Hosting;
using CareGrid.Grains.Idempotency;
using CareGrid.Grains.Intake;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// Appointment requests to the counselling centre (R-5.1; docs/intake.md): <c>requestAppointment</c>,
/// <c>scheduleAppointment</c>, <c>recordAppointmentOutcome</c>, <c>cancelAppointment</c>, <c>appointment</c>,
/// <c>appointments</c>. A grain per request; the list from the intake read side.
/// </summary>
public sealed class AppointmentFields(IGrainFactory grains, IIntakeStore store) : ISchemaContributor
{
    private const string Manage = "a level-3 professional (Counsellor, Clinician) whose units cover the person";

    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query)
    {
        query.Field<AppointmentType>("appointment")
            .Description($"An appointment request by id: to who requested it and to {Manage}. Errors: FORBIDDEN (rule need-to-know; also for an id that names no appointment).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .AllowTenantRoles(Roles.CaseStaff).AuditsRead("Appointment")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                return await Appointment(tenant, ctx).Get(actor);
            });

        query.Field<NonNullGraphType<AppointmentConnectionType>>("appointments")
            .Description("Appointment requests ordered by id (first 1–100, default 20): to level-3 staff those of people in their units, to everyone else their own requests about people in their units. "
                + "Rows carry no reason or notes.")
            .Argument<EnumerationGraphType<AppointmentStatus>>("status")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .AllowTenantRoles(Roles.CaseStaff).AuditsNothing("list rows carry no reason or notes (ids, status, times, who requested and holds it)")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var status = ctx.GetArgument<AppointmentStatus?>("status");
                // the requester's own requests only within their units now, as appointment(id) (round-27 red team)
                var units = (await StaffScopes.ResolveAsync(grains, tenant.Id, actor)).ListFilter;
                var filter = actor.HasAny(Roles.Level3)
                    ? new AppointmentQuery(status, OrganizationIds: units)
                    : new AppointmentQuery(status, RequestedBy: actor.Subject, OrganizationIds: units);
                var page = await store.QueryAppointmentsAsync(tenant.Id, filter, Cursors.PageSize(ctx.GetArgument<int?>("first")), Cursors.Decode(ctx.GetArgument<string?>("after")));
                var end = page.Items.Count > 0 ? Cursors.Encode(page.Items[^1].Id) : null;
                // totalCount counts the same query page by page (round-33 red team F6: it answered INTERNAL)
                return new Connection<AppointmentRow>(page.Items, new PageInfo(page.HasNextPage, end))
                {
                    Count = () => ReadModelCounts.CountAsync(a => store.QueryAppointmentsAsync(tenant.Id, filter, ReadModelCounts.PageSize, a), r => r.Id),
                };
            });
    }

    /// <inheritdoc />
    public void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<AppointmentType>>("requestAppointment")
            .Description("Asks the counselling centre for an appointment for a person (R-5.1): REQUESTED. Errors: VALIDATION_FAILED (reason, preferredTimes, idempotencyKey), "
                + "NOT_FOUND (personId), IDEMPOTENCY_KEY_REUSED.")
            .Argument<NonNullGraphType<RequestAppointmentInputType>>("input")
            .TakesPersonId("input.personId")
            .AllowTenantRoles(Roles.CaseStaff, NeedToKnow.Unit).AuditsWrite("Appointment", idArgument: null)
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var input = ctx.GetArgument<RequestAppointmentInput>("input");
                var key = IdempotencyKey.Check(input.IdempotencyKey);
                var person = LocalIds.Check(input.PersonId, "personId");
                var id = key is null ? TenantIds.NewLocalId("appt") : IdempotencyKey.DeriveId("appt", tenant.Id, actor.Subject, key);
                return await grains.GetRef<IAppointmentGrain>(TenantIds.Key(tenant.Id, id)).Request(new RequestAppointment(person, input.Reason ?? "", input.PreferredTimes, key), actor);
            });

        mutation.Field<NonNullGraphType<AppointmentType>>("scheduleAppointment")
            .Description($"Sets or moves the time of a REQUESTED or SCHEDULED appointment ({Manage}): SCHEDULED. at: UTC, later than now, within 365 days; counsellorSubject: "
                + "who holds it (default you): a staff member's login whose units cover the person, else VALIDATION_FAILED (field counsellorSubject, rule staff-member). "
                + "Errors: VALIDATION_FAILED (at, note, counsellorSubject), INVALID_TRANSITION, FORBIDDEN (also for an id that names no appointment).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<DateTimeOffsetGraphType>>("at")
            .Argument<StringGraphType>("counsellorSubject")
            .Argument<StringGraphType>("note")
            .AllowTenantRoles(Roles.Level3).AuditsWrite("Appointment")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                return await Appointment(tenant, ctx).Schedule(ctx.GetArgument<DateTimeOffset>("at"), ctx.GetArgument<string?>("counsellorSubject"), ctx.GetArgument<string?>("note"), actor);
            });

        mutation.Field<NonNullGraphType<AppointmentType>>("recordAppointmentOutcome")
            .Description($"Records that a SCHEDULED appointment was HELD or MISSED, once its time has come ({Manage}). Errors: VALIDATION_FAILED (outcome before the time, note), "
                + "INVALID_TRANSITION, FORBIDDEN (also for an id that names no appointment).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<EnumerationGraphType<AppointmentOutcome>>>("outcome")
            .Argument<StringGraphType>("note")
            .AllowTenantRoles(Roles.Level3).AuditsWrite("Appointment")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                return await Appointment(tenant, ctx).RecordOutcome(ctx.GetArgument<AppointmentOutcome>("outcome"), ctx.GetArgument<string?>("note"), actor);
            });

        mutation.Field<NonNullGraphType<AppointmentType>>("cancelAppointment")
            .Description($"Calls off a REQUESTED or SCHEDULED appointment with a reason (1–1000 characters), by who requested it or {Manage}. "
                + "Errors: VALIDATION_FAILED (reason), INVALID_TRANSITION, FORBIDDEN (also for an id that names no appointment).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<StringGraphType>>("reason")
            .AllowTenantRoles(Roles.CaseStaff).AuditsWrite("Appointment")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                return await Appointment(tenant, ctx).Cancel(ctx.GetArgument<string>("reason"), actor);
            });
    }

    private IAppointmentGrain Appointment(TenantInfo tenant, IResolveFieldContext ctx) =>
        grains.GetRef<IAppointmentGrain>(TenantIds.Key(tenant.Id, LocalIds.Check(ctx.GetArgument<string>("id"), "id")));
}
