using CareGrid.Grains.Cases;
using CareGrid.GraphApi.Configuration;

namespace CareGrid.Silo;

/// <summary>
/// The settings the host needs while it is being built (the storage provider, the silo's identity and endpoints, idle
/// collection, the clock shift, the demo seed), read with the same options classes and validators that are registered for
/// injection and checked on start. A bad value reads as the defaults here and stops the host at start, naming the key.
/// </summary>
/// <param name="Storage">Section <c>Storage</c>.</param>
/// <param name="Cluster">Section <c>Orleans</c>: cluster ids, ports, advertised address.</param>
/// <param name="Collection">Section <c>Orleans</c>: idle collection.</param>
/// <param name="Clock">Section <c>Clock</c>.</param>
/// <param name="Seed">Section <c>Seed</c>.</param>
public sealed record HostSettings(StorageOptions Storage, OrleansClusterOptions Cluster, IdleCollectionOptions Collection, ClockOptions Clock, SeedOptions Seed)
{
    /// <summary>Reads the five from <paramref name="configuration"/>; defaults for a section with a bad value.</summary>
    public static HostSettings Read(IConfiguration configuration) => new(
        ValidatedOptions.BindOrDefaults(configuration, StorageOptions.Section, new StorageOptionsValidator()),
        ValidatedOptions.BindOrDefaults(configuration, OrleansClusterOptions.Section, new OrleansClusterOptionsValidator()),
        ValidatedOptions.BindOrDefaults(configuration, OrleansClusterOptions.Section, new IdleCollectionOptionsValidator()),
        ValidatedOptions.BindOrDefaults(configuration, ClockOptions.Section, new ClockOptionsValidator()),
        ValidatedOptions.BindOrDefaults(configuration, SeedOptions.Section, new SeedOptionsValidator()));
}

/// <summary>Registers every CareGrid section of the silo for injection, each checked on start by its validator.</summary>
public static class HostOptionsRegistration
{
    /// <summary>
    /// Adds <c>Storage</c>, <c>Orleans</c> (cluster and idle collection), <c>Clock</c>, <c>Seed</c>, <c>Templates</c>,
    /// <c>Memory:Trim</c> and <c>Deadlines:Sweep</c>; the API adds <c>Auth</c>, <c>GraphQL:Limits</c>, <c>GraphQL:Http</c>
    /// and <c>RateLimits</c> (docs/operations.md "Configuration").
    /// </summary>
    public static IServiceCollection AddCareGridHostOptions(this IServiceCollection services)
    {
        services.AddValidatedOptions<StorageOptions, StorageOptionsValidator>(StorageOptions.Section);
        services.AddValidatedOptions<OrleansClusterOptions, OrleansClusterOptionsValidator>(OrleansClusterOptions.Section);
        services.AddValidatedOptions<IdleCollectionOptions, IdleCollectionOptionsValidator>(OrleansClusterOptions.Section);
        services.AddValidatedOptions<ClockOptions, ClockOptionsValidator>(ClockOptions.Section);
        services.AddValidatedOptions<SeedOptions, SeedOptionsValidator>(SeedOptions.Section);
        services.AddValidatedOptions<TemplatesOptions, TemplatesOptionsValidator>(TemplatesOptions.Section);
        services.AddValidatedOptions<MemoryTrimOptions, MemoryTrimOptionsValidator>(MemoryTrimOptionsValidator.Section);
        services.AddValidatedOptions<DeadlineSweepOptions, DeadlineSweepOptionsValidator>(DeadlineSweepOptions.Section);
        services.AddValidatedOptions<CareGrid.Grains.Imports.ImportOptions, ImportOptionsValidator>(CareGrid.Grains.Imports.ImportOptions.Section); // docs/rosters.md
        return services;
    }
}
