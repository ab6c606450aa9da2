using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.People;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Grains.Intake;

/// <summary>
/// One appointment request to the counselling centre (R-5.1; docs/intake.md). Loads its state, resolves the caller's
/// units (<see cref="StaffScopes"/>), applies the command through <see cref="AppointmentAggregate"/>, saves, and writes its
/// read-side row.
/// </summary>
[GrainType("appointment")]
public sealed class AppointmentGrain(
    [PersistentState("appointment", StorageNames.Default)] IPersistentState<AppointmentState> state,
    IIntakeStore store,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : Grain, IAppointmentGrain
{
    private string TenantId => TenantIds.TenantOf(this.GetPrimaryKeyString());
    private string LocalId => TenantIds.LocalOf(this.GetPrimaryKeyString());

    private AppointmentAggregate Aggregate() => new(LocalId, state.State, clock.GetUtcNow());

    private Task<StaffScope> ScopeOf(Actor actor) => StaffScopes.ResolveAsync(GrainFactory, TenantId, actor);

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Exists)
        {
            await store.UpsertAppointmentAsync(Aggregate().Row(TenantId));
        }
    }

    /// <inheritdoc />
    public async Task<AppointmentView> Request(RequestAppointment input, Actor actor)
    {
        var appointment = Aggregate();
        if (appointment.IsReplayOfRequest(input, actor))
        {
            // a retry answers what the request holds now, the counsellor's notes left out (ViewFor)
            return appointment.ViewFor(actor, appointment.MayManage(actor, await ScopeOf(actor)));
        }

        var text = AppointmentAggregate.Check(input);
        // Need-to-know (docs/access.md): the requester's units must cover the person's unit; an unknown id is refused alike.
        var person = await IntakePersonScope.EnsureAsync(GrainFactory, TenantId, input.PersonId, "personId", actor, level3SeesTenant: false);
        appointment.Request(input, text, person.OrganizationId, actor);
        return await SaveAsync(appointment);
    }

    /// <inheritdoc />
    public async Task<AppointmentView> Get(Actor viewer)
    {
        var appointment = Aggregate();
        var scope = await ScopeOf(viewer);
        appointment.Ensure(appointment.MayRead(viewer, scope));
        return appointment.ViewFor(viewer, appointment.MayManage(viewer, scope));
    }

    /// <inheritdoc />
    public async Task<AppointmentView> Schedule(DateTimeOffset at, string? counsellorSubject, string? note, Actor actor)
    {
        var appointment = Aggregate();
        appointment.Ensure(appointment.MayManage(actor, await ScopeOf(actor)));
        await EnsureConsentAsync(Cases.GatedAction.ScheduleAppointment, actor);
        // The counsellor named must be a staff member whose units cover the person, else nobody attends (docs/intake.md).
        var counsellor = counsellorSubject is null || counsellorSubject == actor.Subject
            ? null
            : await StaffAssignee.EnsureAsync(GrainFactory, TenantId, counsellorSubject, "counsellorSubject", state.State.OrganizationId);
        appointment.Schedule(at, counsellor, note, actor);
        return await SaveAsync(appointment);
    }

    /// <inheritdoc />
    public async Task<AppointmentView> RecordOutcome(AppointmentOutcome outcome, string? note, Actor actor)
    {
        var appointment = Aggregate();
        appointment.Ensure(appointment.MayManage(actor, await ScopeOf(actor)));
        if (outcome == AppointmentOutcome.Held)
        {
            await EnsureConsentAsync(Cases.GatedAction.RecordAppointmentOutcome, actor); // a missed session is recorded whatever the consent
        }

        appointment.RecordOutcome(outcome, note, actor);
        return await SaveAsync(appointment);
    }

    /// <inheritdoc />
    public async Task<AppointmentView> Cancel(string reason, Actor actor)
    {
        var appointment = Aggregate();
        var scope = await ScopeOf(actor);
        appointment.Ensure(appointment.MayRead(actor, scope));
        appointment.Cancel(reason, actor);
        await SaveAsync(appointment);
        return appointment.ViewFor(actor, appointment.MayManage(actor, scope));
    }

    /// <summary>
    /// The consent gate of a counselling session (docs/consent.md; round-26 red team: a withdrawal blocked <c>logContact</c> but
    /// not the appointments): a level-3 professional's <paramref name="action"/> is refused <c>CONSENT_REQUIRED</c> once the
    /// person (or their guardian) has refused or withdrawn <c>PROFESSIONAL_INTERVENTION</c>, read from the person now, so a
    /// withdrawal takes effect at once. An appointment has no risk level, so there is no duty-of-care override: a person at
    /// risk is worked on their case.
    /// </summary>
    private async Task EnsureConsentAsync(Cases.GatedAction action, Actor actor)
    {
        if (!Cases.ConsentGate.IsProfessional(action, actor.Roles) || actor.IsSystem)
        {
            return;
        }

        var person = await GrainFactory.GetRef<IPersonGrain>(TenantIds.Key(TenantId, state.State.PersonId)).Get()
            ?? throw CareGridException.NotFound("Person", state.State.PersonId);
        var settings = await GrainFactory.GetRef<ITenantGrain>(TenantId).GetSettings();
        if (Cases.ConsentGate.RefusalWithoutOverride(action, actor.Roles, Cases.RiskLevel.Low, Cases.ConsentSnapshot.Of(person, settings, clock.GetUtcNow())) is { } refused)
        {
            throw refused;
        }
    }

    /// <inheritdoc />
    public async Task Purge()
    {
        await state.ClearStateAsync();
        state.State = new AppointmentState();
        DeactivateOnIdle();
    }

    private async Task<AppointmentView> SaveAsync(AppointmentAggregate appointment)
    {
        await state.CommitAsync();
        await store.UpsertAppointmentAsync(appointment.Row(TenantId));
        return appointment.View();
    }
}
