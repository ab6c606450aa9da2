using CareGrid.Grains.Events;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Tenancy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Serialization;
using Orleans.Storage;

namespace CareGrid.Grains.Hosting;

/// <summary>Registers what CareGrid's grains need in a silo.</summary>
public static class GrainsHostingExtensions
{
    /// <summary>
    /// Adds the tenant isolation filter, the system clock as the domain clock (<see cref="DomainClock"/>; unless one is registered,
    /// e.g. a fake clock in tests), the in-memory read model, audit and case history stores (unless others are registered), the
    /// jurisdiction template catalog from <c>Templates:Path</c> (default <c>&lt;app&gt;/seeds/templates</c>), and the deadline sweep
    /// that runs when the silo becomes active (<see cref="Cases.DeadlineSweepService"/>, options <c>Deadlines:Sweep</c> bound by the host),
    /// the tenant services <see cref="TenantOnboarding"/> and <see cref="TenantPurge"/> that the API and the demo seeder call, the silo's
    /// short-lived copy of scopes and settings (<see cref="SiloLookupCache"/>), and the
    /// case events' stream provider and sinks (<see cref="CareEventsHostingExtensions.AddCareGridEvents"/>, docs/events.md).
    /// Grain storage and reminders are chosen by the host.
    /// </summary>
    public static ISiloBuilder AddCareGridGrains(this ISiloBuilder silo)
    {
        silo.AddIncomingGrainCallFilter<TenantIsolationFilter>();
        silo.AddIncomingGrainCallFilter<UnstoredStateFilter>(); // a refused write whose state could not be read back ends the activation
        silo.Services.TryAddKeyedSingleton(DomainClock.Key, TimeProvider.System);
        silo.Services.TryAddSingleton<IReadModelStore, InMemoryReadModelStore>();
        silo.Services.TryAddSingleton<Intake.IIntakeStore, Intake.InMemoryIntakeStore>();
        silo.Services.TryAddSingleton(sp => JurisdictionTemplateCatalog.Load(
            sp.GetService<IConfiguration>()?[JurisdictionTemplateCatalog.PathKey] is { Length: > 0 } path ? path : JurisdictionTemplateCatalog.DefaultFolder));
        silo.Services.TryAddSingleton<Audit.IAuditStore, Audit.InMemoryAuditStore>();
        silo.Services.AddOptions<Cases.DeadlineSweepOptions>();
        silo.Services.TryAddSingleton<Cases.DeadlineSweep>();
        silo.Services.TryAddSingleton<Cases.DeadlineSweepService>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(static sp => sp.GetRequiredService<Cases.DeadlineSweepService>());
        silo.Services.TryAddSingleton<History.ICaseHistoryStore, History.InMemoryCaseHistoryStore>();
        silo.Services.AddOptions<Imports.ImportOptions>();
        silo.Services.TryAddSingleton<Imports.ImportRowLimiter>(); // one bound for every roster import of the silo (docs/rosters.md)
        silo.Services.TryAddSingleton<TenantPurge>();
        silo.Services.TryAddSingleton(static sp => new SiloLookupCache(sp.GetService<TimeProvider>() ?? TimeProvider.System)); // scopes and settings every case read needs (#18)
        silo.Services.TryAddSingleton<TenantOnboarding>();
        silo.AddCareGridEvents(); // the case events' stream and sinks (docs/events.md)
        Webhooks.WebhookHosting.AddCareGridWebhooks(silo.Services); // docs/webhooks.md
        return silo;
    }

    /// <summary>
    /// Registers <see cref="InMemoryGrainStorage"/> as the grain storage <see cref="StorageNames.Default"/> (the embedded
    /// default), writing with the <see cref="IGrainStorageSerializer"/> registered under that name, else with Orleans'
    /// binary serializer.
    /// </summary>
    public static ISiloBuilder AddCareGridMemoryGrainStorage(this ISiloBuilder silo)
    {
        silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Default, static (services, key) =>
            new InMemoryGrainStorage(services.GetKeyedService<IGrainStorageSerializer>(key)
                ?? new ExactGrainStorageSerializer(services.GetRequiredService<Serializer>())));
        return silo;
    }
}
