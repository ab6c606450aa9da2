using Microsoft.Extensions.DependencyInjection;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.Grains.Validation;
using Stateless;

namespace CareGrid.Grains.Organizations;

/// <summary>Persisted state of an <see cref="OrganizationGrain"/>.</summary>
[GenerateSerializer, Alias("CareGrid.OrganizationState")]
public sealed class OrganizationState
{
    /// <summary>False until created.</summary>
    [Id(0)] public bool Exists { get; set; }
    /// <summary>Display name.</summary>
    [Id(1)] public string Name { get; set; } = "";
    /// <summary>Kind.</summary>
    [Id(2)] public OrganizationKind Kind { get; set; }
    /// <summary>Parent local id.</summary>
    [Id(3)] public string? ParentId { get; set; }
    /// <summary>Escalation level 1–3 or null.</summary>
    [Id(4)] public int? EscalationLevel { get; set; }
    /// <summary>Lifecycle status.</summary>
    [Id(5)] public OrganizationStatus Status { get; set; }
    /// <summary>Child local ids.</summary>
    [Id(6)] public List<string> ChildIds { get; set; } = [];
    /// <summary>Creation time (UTC).</summary>
    [Id(7)] public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The person responsible for the unit (R-1.3), or null.</summary>
    [Id(8)] public string? ResponsiblePersonId { get; set; }
    /// <summary>Members with roles, oldest first.</summary>
    [Id(9)] public List<OrganizationMember> Members { get; set; } = [];
    /// <summary>The keyed request that created the unit under a derived id, or null (docs/idempotency.md).</summary>
    [Id(40)] public Idempotency.RememberedWrite? CreatedBy { get; set; }
}

/// <summary>An organizational unit with the lifecycle <c>Draft → Active ⇄ Suspended → Closed</c>.</summary>
[GrainType("organization")]
public sealed class OrganizationGrain(
    [PersistentState("organization", StorageNames.Default)] IPersistentState<OrganizationState> state,
    IReadModelStore readModel,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : Grain, IOrganizationGrain
{
    /// <summary>Most member roles one unit holds (a school's counselling centre or a district team is far smaller).</summary>
    public const int MaxMembers = 5000;

    private string TenantId => TenantIds.TenantOf(this.GetPrimaryKeyString());
    private string LocalId => TenantIds.LocalOf(this.GetPrimaryKeyString());

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
        var fingerprint = Idempotency.IdempotencyKey.Fingerprint("createOrganization", input with { IdempotencyKey = null });
        if (state.State.Exists)
        {
            return Idempotency.RememberedWrites.Replays(state.State.CreatedBy, actor.Subject, input.IdempotencyKey, fingerprint, "createOrganization")
                ? ToInfo()
                : throw new CareGridException(ErrorCodes.AlreadyExists, $"Organization '{LocalId}' already exists.");
        }

        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > 200)
        {
            throw CareGridException.Validation("name", "An organization name is 1–200 characters.");
        }

        StoredText.Ensure(name, "name");

        if (input.EscalationLevel is < 1 or > 3)
        {
            throw CareGridException.Validation("escalationLevel", "The escalation level is 1, 2 or 3 (R-4.3).");
        }

        if (!Enum.IsDefined(input.Kind))
        {
            throw CareGridException.Validation("kind", "Unknown organization kind.");
        }

        if (input.ParentId is { } parentId)
        {
            var parent = GrainFactory.GetRef<IOrganizationGrain>(TenantIds.Key(TenantId, parentId));
            if (await parent.Get() is null)
            {
                throw CareGridException.NotFound("Organization", parentId);
            }
        }

        state.State = new OrganizationState
        {
            Exists = true,
            CreatedBy = input.IdempotencyKey is { } key ? new Idempotency.RememberedWrite(actor.Subject, key, fingerprint, clock.GetUtcNow()) : null,
            Name = name,
            Kind = input.Kind,
            ParentId = input.ParentId,
            EscalationLevel = input.EscalationLevel,
            Status = input.Activate ? OrganizationStatus.Active : OrganizationStatus.Draft,
            CreatedAt = clock.GetUtcNow(),
        };
        await state.CommitAsync();
        if (input.ParentId is { } p)
        {
            await GrainFactory.GetRef<IOrganizationGrain>(TenantIds.Key(TenantId, p)).AddChild(LocalId);
        }

        await readModel.UpsertOrganizationAsync(ToRow());
        return ToInfo();
    }

    /// <inheritdoc />
    public Task<OrganizationInfo?> Get() => Task.FromResult(state.State.Exists ? ToInfo() : null);

    /// <inheritdoc />
    public async Task AddChild(string childId)
    {
        EnsureExists();
        if (!state.State.ChildIds.Contains(childId))
        {
            state.State.ChildIds.Add(childId);
            await state.CommitAsync();
        }
    }

    /// <inheritdoc />
    public async Task<OrganizationInfo> Fire(OrganizationTrigger trigger, Actor actor)
    {
        EnsureExists();
        var machine = BuildMachine();
        if (!machine.CanFire(trigger))
        {
            throw Transitions.Invalid(state.State.Status, trigger, machine.Permitted());
        }

        machine.Fire(trigger);
        await state.CommitAsync();
        await readModel.UpsertOrganizationAsync(ToRow());
        return ToInfo();
    }

    /// <inheritdoc />
    public async Task<OrganizationInfo> SetResponsiblePerson(string? personId, Actor actor)
    {
        EnsureOpen();
        if (personId is not null && await GrainFactory.GetRef<IPersonGrain>(TenantIds.Key(TenantId, personId)).Get() is null)
        {
            throw CareGridException.NotFound("Person", personId);
        }

        if (state.State.ResponsiblePersonId != personId)
        {
            state.State.ResponsiblePersonId = personId;
            await state.CommitAsync();
        }

        return ToInfo();
    }

    /// <inheritdoc />
    public async Task<OrganizationInfo> AddMember(string personId, string role, Actor actor)
    {
        EnsureOpen();
        if (state.State.Members.Any(m => m.PersonId == personId && m.Role == role))
        {
            return ToInfo();
        }

        var jurisdiction = await GrainFactory.GetRef<IJurisdictionGrain>(TenantId).Get();
        EnsureRoleFits(jurisdiction.Template, role, state.State.Kind);
        var person = GrainFactory.GetRef<IPersonGrain>(TenantIds.Key(TenantId, personId));
        if (await person.Get() is null)
        {
            throw CareGridException.NotFound("Person", personId);
        }

        if (state.State.Members.Count >= MaxMembers)
        {
            throw CareGridException.Validation("personId",
                $"A unit holds at most {MaxMembers} member roles (its stored state is bounded, docs/storage.md); remove former members or split the unit.");
        }

        state.State.Members.Add(new OrganizationMember(personId, role, clock.GetUtcNow(), actor.Subject));
        await state.CommitAsync();
        var staff = jurisdiction.Template?.Role(role) is not { AccessRole: Roles.Reporter };
        await person.AssignRole(LocalId, role, staff, actor);
        return ToInfo();
    }

    /// <inheritdoc />
    public async Task<OrganizationInfo> RemoveMember(string personId, string role, Actor actor)
    {
        EnsureExists();
        var index = state.State.Members.FindIndex(m => m.PersonId == personId && m.Role == role);
        if (index < 0)
        {
            throw new CareGridException(ErrorCodes.NotFound, $"Person '{personId}' holds no role '{role}' in '{LocalId}'.",
                new Dictionary<string, string> { ["entity"] = "OrganizationMember", ["id"] = personId });
        }

        state.State.Members.RemoveAt(index);
        await state.CommitAsync();
        await GrainFactory.GetRef<IPersonGrain>(TenantIds.Key(TenantId, personId)).UnassignRole(LocalId, role, actor);
        return ToInfo();
    }

    /// <summary>
    /// Checks that <paramref name="role"/> is a role of <paramref name="template"/> that can be held in a unit of
    /// <paramref name="kind"/>; without a template any well-formed code is accepted.
    /// </summary>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c> with field <c>role</c>.</exception>
    public static void EnsureRoleFits(JurisdictionTemplate? template, string role, OrganizationKind kind)
    {
        if (!JurisdictionTemplateCatalog.IsCode(role))
        {
            throw CareGridException.Validation("role", "A role code is 1–64 letters and digits.");
        }

        if (template is null)
        {
            return;
        }

        var r = template.Role(role)
            ?? throw CareGridException.Validation("role", $"Unknown role '{role}' in template '{template.Id}'. Roles: {string.Join(", ", template.Roles.Select(x => x.Code))}.");
        if (!r.OrganizationKinds.Contains(kind))
        {
            throw CareGridException.Validation("role", $"Role '{role}' is held in {string.Join(", ", r.OrganizationKinds)}, not in a {kind}.");
        }
    }

    private void EnsureOpen()
    {
        EnsureExists();
        if (state.State.Status == OrganizationStatus.Closed)
        {
            throw CareGridException.Validation("organizationId", "The organization is closed: it keeps its history and takes no changes.");
        }
    }

    private StateMachine<OrganizationStatus, OrganizationTrigger> BuildMachine()
    {
        var m = new StateMachine<OrganizationStatus, OrganizationTrigger>(() => state.State.Status, s => state.State.Status = s);
        m.Configure(OrganizationStatus.Draft).Permit(OrganizationTrigger.Activate, OrganizationStatus.Active).Permit(OrganizationTrigger.Close, OrganizationStatus.Closed);
        m.Configure(OrganizationStatus.Active).Permit(OrganizationTrigger.Suspend, OrganizationStatus.Suspended).Permit(OrganizationTrigger.Close, OrganizationStatus.Closed);
        m.Configure(OrganizationStatus.Suspended).Permit(OrganizationTrigger.Activate, OrganizationStatus.Active).Permit(OrganizationTrigger.Close, OrganizationStatus.Closed);
        return m;
    }

    private void EnsureExists()
    {
        if (!state.State.Exists)
        {
            throw CareGridException.NotFound("Organization", LocalId);
        }
    }

    private OrganizationRow ToRow() => new(TenantId, LocalId, state.State.Name, state.State.Kind, state.State.ParentId, state.State.EscalationLevel, state.State.Status);

    /// <inheritdoc />
    public async Task Purge()
    {
        await state.ClearStateAsync();
        state.State = new OrganizationState();
        DeactivateOnIdle();
    }

    private OrganizationInfo ToInfo() => new(TenantId, LocalId, state.State.Name, state.State.Kind, state.State.ParentId,
        state.State.EscalationLevel, state.State.Status, [.. state.State.ChildIds], state.State.CreatedAt)
    {
        ResponsiblePersonId = state.State.ResponsiblePersonId,
        Members = [.. state.State.Members],
    };
}
