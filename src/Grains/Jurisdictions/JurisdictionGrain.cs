using CareGrid.Grains.Calendar;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Grains.Jurisdictions;

/// <summary>Persisted state of a <see cref="JurisdictionGrain"/>.</summary>
[GenerateSerializer, Alias("CareGrid.JurisdictionState")]
public sealed class JurisdictionState
{
    /// <summary>The applied template (a copy: later edits of the file do not change a provisioned tenant), or null.</summary>
    [Id(0)] public JurisdictionTemplate? Template { get; set; }
    /// <summary>When it was applied (UTC).</summary>
    [Id(1)] public DateTimeOffset? AppliedAt { get; set; }
    /// <summary>The sub of who applied it.</summary>
    [Id(2)] public string? AppliedBy { get; set; }
    /// <summary>Local ids of the tenant's roster imports.</summary>
    [Id(3)] public List<string> ImportIds { get; set; } = [];
    /// <summary>Local ids of the tenant's census rounds.</summary>
    [Id(4)] public List<string> CensusRoundIds { get; set; } = [];
}

/// <summary>Provisions a tenant from a jurisdiction template and answers which template it runs on.</summary>
[GrainType("jurisdiction")]
public sealed class JurisdictionGrain(
    [PersistentState("jurisdiction", StorageNames.Default)] IPersistentState<JurisdictionState> state,
    JurisdictionTemplateCatalog catalog,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : Grain, IJurisdictionGrain
{
    private string TenantId => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public async Task<JurisdictionInfo> ApplyTemplate(string templateId, Actor actor)
    {
        var tenant = await GrainFactory.GetRef<ITenantGrain>(TenantId).Get()
            ?? throw new CareGridException(ErrorCodes.TenantNotFound, $"Tenant '{TenantId}' was not found.");
        var template = catalog.Find(templateId)
            ?? throw CareGridException.Validation("template", $"Unknown template '{templateId}'. Templates: {string.Join(", ", catalog.All.Select(t => t.Id))}.");
        if (template.TenantKind != tenant.Kind)
        {
            throw CareGridException.Validation("template", $"Template '{template.Id}' is for a {template.TenantKind}, not a {tenant.Kind}.");
        }

        if (state.State.Template is { } applied)
        {
            return applied.Id == template.Id
                ? await Get()
                : throw new CareGridException(ErrorCodes.AlreadyExists, $"The tenant was provisioned from template '{applied.Id}'.",
                    new Dictionary<string, string> { ["field"] = "template" });
        }

        foreach (var o in template.Organizations)
        {
            var grain = GrainFactory.GetRef<IOrganizationGrain>(TenantIds.Key(TenantId, o.Id));
            if (await grain.Get() is null)
            {
                await grain.Create(new CreateOrganization(o.NameFor(tenant.Name), o.Kind, o.ParentId, o.EscalationLevel), actor);
            }
        }

        var tenantGrain = GrainFactory.GetRef<ITenantGrain>(TenantId);
        var settings = await tenantGrain.GetSettings();
        var deadlines = new Dictionary<Cases.CaseTaskKind, DeadlineSpec>(settings.Deadlines);
        foreach (var d in template.Deadlines)
        {
            deadlines[d.Task] = new DeadlineSpec(d.Amount, d.Unit);
        }

        // The template's intake rule decides who receives a new concern (docs/protocol.md "How a concern travels").
        await tenantGrain.UpdateSettings(settings with { Deadlines = deadlines, Intake = template.Intake?.ToRule() ?? settings.Intake }, actor);
        state.State = new JurisdictionState { Template = template, AppliedAt = clock.GetUtcNow(), AppliedBy = actor.Subject };
        await state.CommitAsync();
        return await Get();
    }

    /// <inheritdoc />
    public async Task Track(TrackedKind kind, string localId)
    {
        var list = kind == TrackedKind.Import ? state.State.ImportIds : state.State.CensusRoundIds;
        if (!list.Contains(localId))
        {
            list.Add(localId);
            await state.CommitAsync();
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> Tracked(TrackedKind kind) =>
        Task.FromResult<IReadOnlyList<string>>([.. kind == TrackedKind.Import ? state.State.ImportIds : state.State.CensusRoundIds]);

    /// <inheritdoc />
    public async Task Purge()
    {
        foreach (var id in state.State.ImportIds)
        {
            await GrainFactory.GetGrain<Imports.IImportGrain>(TenantIds.Key(TenantId, id)).Purge();
        }

        foreach (var id in state.State.CensusRoundIds)
        {
            await GrainFactory.GetGrain<Census.ICensusRoundGrain>(TenantIds.Key(TenantId, id)).Purge();
        }

        await state.ClearStateAsync();
        state.State = new JurisdictionState();
        DeactivateOnIdle();
    }

    /// <inheritdoc />
    public async Task<JurisdictionInfo> Get()
    {
        if (state.State.Template is { } applied)
        {
            return new JurisdictionInfo(TenantId, catalog.Current(applied), true, state.State.AppliedAt, state.State.AppliedBy);
        }

        var tenant = await GrainFactory.GetRef<ITenantGrain>(TenantId).Get();
        return new JurisdictionInfo(TenantId, tenant is null ? null : catalog.ForKind(tenant.Kind), false, null, null);
    }
}
