using Microsoft.Extensions.DependencyInjection;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Organizations;

/// <summary>
/// An organizational unit with the lifecycle <c>Draft → Active ⇄ Suspended → Closed</c>. The grain loads its state,
/// asks the parent, person and jurisdiction grains what only they know, applies the command through
/// <see cref="OrganizationAggregate"/>, saves, and writes the unit's read-side row.
/// </summary>
[GrainType("organization")]
public sealed class OrganizationGrain(
    [PersistentState("organization", StorageNames.Default)] IPersistentState<OrganizationState> state,
    IReadModelStore readModel,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : Grain, IOrganizationGrain
{
    /// <summary>Most member roles one unit holds: <see cref="OrganizationAggregate.MaxMembers"/>.</summary>
    public const int MaxMembers = OrganizationAggregate.MaxMembers;

    private string TenantId => TenantIds.TenantOf(this.GetPrimaryKeyString());
    private string LocalId => TenantIds.LocalOf(this.GetPrimaryKeyString());

    private OrganizationAggregate Aggregate() => new(LocalId, state.State, clock.GetUtcNow());

    private IPersonGrain Person(string personId) => GrainFactory.GetRef<IPersonGrain>(TenantIds.Key(TenantId, personId));

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Exists)
        {
            await readModel.UpsertOrganizationAsync(ToRow());
        }
    }

    /// <inheritdoc />
    public async Task<OrganizationInfo> Create(CreateOrganization input, Actor actor)
    {
        var unit = Aggregate();
        var fingerprint = OrganizationAggregate.Fingerprint(input);
        if (unit.IsReplayOfCreate(input, actor, fingerprint))
        {
            return ToInfo();
        }

        var name = OrganizationAggregate.CheckCreate(input);
        if (input.ParentId == LocalId)
        {
            // asking itself for the parent would wait on its own turn until the call timed out (round-30 red team: UNAVAILABLE after 30 s)
            throw CareGridException.Validation("parentId", "A unit cannot be its own parent.");
        }

        if (input.ParentId is { } parentId)
        {
            OrganizationAggregate.EnsureParentOpen(parentId, await GrainFactory.GetRef<IOrganizationGrain>(TenantIds.Key(TenantId, parentId)).Get());
        }

        state.State = unit.Created(input, name, actor, fingerprint);
        await state.CommitAsync();
        if (input.ParentId is { } p)
        {
            await GrainFactory.GetRef<IOrganizationGrain>(TenantIds.Key(TenantId, p)).AddChild(LocalId);
        }

        await readModel.UpsertOrganizationAsync(ToRow());
        await GrainFactory.GetGrain<IOrganizationTreeGrain>(TenantId).Added(LocalId, input.ParentId, input.Kind); // docs/access.md: scopes reach new units at once
        return ToInfo();
    }

    /// <inheritdoc />
    public Task<OrganizationInfo?> Get() => Task.FromResult(state.State.Exists ? ToInfo() : null);

    /// <inheritdoc />
    public async Task AddChild(string childId)
    {
        if (Aggregate().AddChild(childId))
        {
            await state.CommitAsync();
        }
    }

    /// <inheritdoc />
    public async Task<OrganizationInfo> Fire(OrganizationTrigger trigger, Actor actor)
    {
        // F16: a unit with open cases is not closed (docs/teams.md "Closing a unit"); counted only when closing.
        var openCases = trigger == OrganizationTrigger.Close && state.State.Status != OrganizationStatus.Closed
            ? await readModel.CountCasesAsync(TenantId, new CaseQuery(OrganizationId: LocalId, OpenOnly: true))
            : 0;
        Aggregate().Fire(trigger, openCases);
        await state.CommitAsync();
        await readModel.UpsertOrganizationAsync(ToRow());
        return ToInfo();
    }

    /// <inheritdoc />
    public async Task<OrganizationInfo> SetResponsiblePerson(string? personId, Actor actor)
    {
        var unit = Aggregate();
        unit.EnsureOpen();
        if (personId is not null && await Person(personId).Get() is null)
        {
            throw CareGridException.NotFound("Person", personId);
        }

        if (unit.SetResponsiblePerson(personId))
        {
            await state.CommitAsync();
        }

        return ToInfo();
    }

    /// <inheritdoc />
    public async Task<OrganizationInfo> AddMember(string personId, string role, Actor actor)
    {
        var unit = Aggregate();
        unit.EnsureOpen();
        if (unit.HoldsRole(personId, role))
        {
            return ToInfo();
        }

        var jurisdiction = await GrainFactory.GetRef<IJurisdictionGrain>(TenantId).Get();
        OrganizationAggregate.EnsureRoleFits(jurisdiction.Template, role, state.State.Kind);
        var person = Person(personId);
        if (await person.Get() is null)
        {
            throw CareGridException.NotFound("Person", personId);
        }

        unit.AddMember(personId, role, actor);
        await state.CommitAsync();
        var staff = jurisdiction.Template?.Role(role) is not { AccessRole: Roles.Reporter };
        await person.AssignRole(LocalId, role, staff, actor);
        return ToInfo();
    }

    /// <inheritdoc />
    public async Task<OrganizationInfo> RemoveMember(string personId, string role, Actor actor)
    {
        if (Aggregate().HoldsRole(personId, role))
        {
            await EnsureNoOrphanedWorkAsync(personId, role);
        }

        Aggregate().RemoveMember(personId, role);
        await state.CommitAsync();
        await Person(personId).UnassignRole(LocalId, role, actor);
        return ToInfo();
    }

    /// <summary>
    /// Refuses taking a staff role away from a member whose login sub still owns open cases or tasks, unless they keep
    /// the same kind of role elsewhere (<c>MEMBER_HAS_OPEN_WORK</c>, docs/staff-changes.md: no high-risk case
    /// without an owner).
    /// </summary>
    private async Task EnsureNoOrphanedWorkAsync(string personId, string role)
    {
        if (await Person(personId).Get() is not { StaffSubject: { Length: > 0 } subject } person)
        {
            return; // without a login sub the person owns no work CareGrid can find
        }

        var template = (await GrainFactory.GetRef<IJurisdictionGrain>(TenantId).Get()).Template;
        if (!Staff.OpenWork.RemovalLeavesWork(person, LocalId, role, template))
        {
            return;
        }

        var work = await new Staff.StaffWork(GrainFactory, readModel, TenantId).OpenWorkAsync(subject);
        if (work.Any)
        {
            throw work.Refusal(personId, subject);
        }
    }

    /// <summary>The role check of <see cref="OrganizationAggregate.EnsureRoleFits"/> (kept here for its callers, e.g. roster import).</summary>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c> with field <c>role</c>.</exception>
    public static void EnsureRoleFits(JurisdictionTemplate? template, string role, OrganizationKind kind) =>
        OrganizationAggregate.EnsureRoleFits(template, role, kind);

    /// <inheritdoc />
    public async Task Purge()
    {
        await state.ClearStateAsync();
        state.State = new OrganizationState();
        DeactivateOnIdle();
    }

    private OrganizationRow ToRow() => new(TenantId, LocalId, state.State.Name, state.State.Kind, state.State.ParentId, state.State.EscalationLevel, state.State.Status);

    private OrganizationInfo ToInfo() => new(TenantId, LocalId, state.State.Name, state.State.Kind, state.State.ParentId,
        state.State.EscalationLevel, state.State.Status, [.. state.State.ChildIds], state.State.CreatedAt)
    {
        ResponsiblePersonId = state.State.ResponsiblePersonId,
        Members = [.. state.State.Members],
    };
}
