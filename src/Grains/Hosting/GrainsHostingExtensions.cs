using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CareGrid.Grains.Hosting;

/// <summary>Registers what CareGrid's grains need in a silo.</summary>
public static class GrainsHostingExtensions
{
    /// <summary>
    /// Adds the tenant isolation filter, the system clock as the domain clock (<see cref="DomainClock"/>; unless one is registered,
    /// e.g. a fake clock in tests) and the in-memory read model (unless another store is registered).
    /// Grain storage and reminders are chosen by the host.
    /// </summary>
    public static ISiloBuilder AddCareGridGrains(this ISiloBuilder silo)
    {
        silo.AddIncomingGrainCallFilter<TenantIsolationFilter>();
        silo.Services.TryAddKeyedSingleton(DomainClock.Key, TimeProvider.System);
        silo.Services.TryAddSingleton<IReadModelStore, InMemoryReadModelStore>();
        silo.Services.TryAddSingleton<Audit.IAuditStore, Audit.InMemoryAuditStore>();
        return silo;
    }
}
