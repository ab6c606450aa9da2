using Microsoft.Extensions.DependencyInjection;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Security;

namespace CareGrid.Grains.Tenancy;

/// <summary>
/// A tenant with the lifecycle <c>Provisioning → Active ⇄ Suspended → Offboarding → Deleted</c>. The grain loads its
/// state, asks the registry what only the registry knows (the parent, the reservation of the id), applies the command
/// through <see cref="TenantAggregate"/>, saves and publishes the result to the registry.
/// </summary>
[GrainType("tenant")]
public sealed class TenantGrain(
    [PersistentState("tenant", StorageNames.Default)] IPersistentState<TenantState> state,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock,
    SiloLookupCache lookups) : Grain, ITenantGrain
{
    /// <summary>Most entries kept in the tenant's own history list: <see cref="TenantAggregate.MaxHistory"/>.</summary>
    public const int MaxHistory = TenantAggregate.MaxHistory;

    /// <summary>The time zone used when onboarding names none: <see cref="TenantAggregate.DefaultTimeZone"/>.</summary>
    public const string DefaultTimeZone = TenantAggregate.DefaultTimeZone;

    private ITenantRegistryGrain Registry => GrainFactory.GetRef<ITenantRegistryGrain>(ITenantRegistryGrain.Key);

    /// <summary>
    /// The settings in force as last stored, answered by <see cref="GetSettings"/>, which interleaves with the writes: a
    /// command changes <c>state.State</c> before its write is stored, so the read answers this copy, replaced only once the
    /// write succeeded (a refused write leaves it as it was).
    /// </summary>
    private TenantSettings? _stored;

    /// <summary>The tenant as last stored (null when never onboarded), answered by <see cref="Get"/> for the same reason as <see cref="_stored"/>.</summary>
    private TenantInfo? _storedInfo;

    private TenantAggregate Aggregate() => new(this.GetPrimaryKeyString(), state.State, clock.GetUtcNow());

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Remember();
        return base.OnActivateAsync(cancellationToken);
    }

    /// <summary>Stores the state, then makes its settings the ones <see cref="GetSettings"/> answers.</summary>
    private async Task CommitAsync()
    {
        await state.CommitAsync();
        Remember();
    }

    /// <summary>Makes the state as it is now (stored) what <see cref="GetSettings"/> and <see cref="Get"/> answer.</summary>
    private void Remember()
    {
        _stored = Aggregate().Settings;
        _storedInfo = state.State.Exists ? Aggregate().Info() : null;
        lookups.ForgetSettings(this.GetPrimaryKeyString()); // this silo's case reads see new settings at once (SiloLookupCache)
    }

    /// <inheritdoc />
    public async Task<TenantInfo> Onboard(OnboardTenant input, Actor actor)
    {
        var id = this.GetPrimaryKeyString();
        var command = TenantAggregate.CheckOnboarding(id, input);
        if (command.ParentId is { } parentId && await Registry.Get(parentId) is not { Status: not TenantStatus.Deleted })
        {
            throw new CareGridException(ErrorCodes.TenantNotFound, $"Parent tenant '{parentId}' was not found.",
                new Dictionary<string, string> { ["field"] = "parentId" });
        }

        var onboarded = Aggregate().Onboard(command, actor);
        await Registry.Reserve(id);
        try
        {
            state.State = onboarded;
            await CommitAsync();
        }
        catch
        {
            await Registry.Release(id);
            throw;
        }

        var info = Aggregate().Info();
        await Registry.Update(info);
        return info;
    }

    /// <inheritdoc />
    public Task<TenantInfo?> Get() => Task.FromResult(_storedInfo);

    /// <inheritdoc />
    public async Task<TenantInfo> MarkExported(Actor actor)
    {
        var tenant = Aggregate();
        tenant.MarkExported(actor);
        await CommitAsync();
        return tenant.Info();
    }

    /// <inheritdoc />
    public Task<TenantSettings> GetSettings() => Task.FromResult(_stored ??= Aggregate().Settings);

    /// <inheritdoc />
    public async Task<TenantSettings> UpdateSettings(TenantSettings settings, Actor actor)
    {
        var tenant = Aggregate();
        tenant.UpdateSettings(settings, actor);
        await CommitAsync();
        await Registry.Update(tenant.Info());
        return settings;
    }

    /// <inheritdoc />
    public async Task<TenantInfo> SetStatisticsSharing(bool enabled, Actor actor)
    {
        var tenant = Aggregate();
        tenant.SetStatisticsSharing(enabled, actor);
        await CommitAsync();
        var info = tenant.Info();
        await Registry.Update(info);
        return info;
    }

    /// <inheritdoc />
    public async Task<TenantInfo> Fire(TenantTrigger trigger, string? reason, Actor actor)
    {
        var tenant = Aggregate();
        tenant.Fire(trigger, reason, actor);
        await CommitAsync();
        var info = tenant.Info();
        await Registry.Update(info);
        return info;
    }
}
