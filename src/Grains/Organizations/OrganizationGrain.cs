using Microsoft.Extensions.DependencyInjection;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
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
}

/// <summary>An organizational unit with the lifecycle <c>Draft → Active ⇄ Suspended → Closed</c>.</summary>
[GrainType("organization")]
public sealed class OrganizationGrain(
    [PersistentState("organization", StorageNames.Default)] IPersistentState<OrganizationState> state,
    IReadModelStore readModel,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : Grain, IOrganizationGrain
{
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
        if (state.State.Exists)
        {
            throw new CareGridException(ErrorCodes.AlreadyExists, $"Organization '{LocalId}' already exists.");
        }

        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > 200)
        {
            throw CareGridException.Validation("name", "An organization name is 1–200 characters.");
        }

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
        state.State.EscalationLevel, state.State.Status, [.. state.State.ChildIds], state.State.CreatedAt);
}
