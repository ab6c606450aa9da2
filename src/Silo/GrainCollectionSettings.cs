using Orleans.Configuration;

namespace CareGrid.Silo;

/// <summary>
/// Idle deactivation of grains (Orleans <see cref="GrainCollectionOptions"/>) from configuration
/// (<see cref="IdleCollectionOptions"/>): <c>Orleans:CollectionAgeMinutes</c> — how long a grain may sit unused before it is
/// deactivated (default 15, Orleans' own default) — and <c>Orleans:CollectionQuantumSeconds</c> — how often the collector
/// looks (default 60 s, or half the age when the age is shorter than two minutes). The age must be longer than the quantum.
/// </summary>
public static class GrainCollectionSettings
{
    /// <summary>Default idle age, minutes.</summary>
    public const double DefaultAgeMinutes = IdleCollectionOptions.DefaultAgeMinutes;

    /// <summary>Default quantum, seconds.</summary>
    public const double DefaultQuantumSeconds = IdleCollectionOptions.DefaultQuantumSeconds;

    /// <summary>Reads the two keys with <see cref="IdleCollectionOptionsValidator"/>.</summary>
    /// <exception cref="InvalidOperationException">A value is not a positive number, or the age is not longer than the quantum; the message names the key.</exception>
    public static (TimeSpan Age, TimeSpan Quantum) Read(IConfiguration configuration)
    {
        var options = CareGrid.GraphApi.Configuration.ValidatedOptions.BindOrThrow(configuration, OrleansClusterOptions.Section, new IdleCollectionOptionsValidator());
        return (options.Age, options.Quantum);
    }

    /// <summary>
    /// Default most entries of the silo's grain directory cache (Orleans <see cref="GrainDirectoryOptions.CacheSize"/>, LRU),
    /// <c>Orleans:DirectoryCacheSize</c>: 50,000. Orleans' default (1,000,000) keeps an entry (grain id, address: a few hundred
    /// bytes) for every grain the silo has located, long after its activation was collected: a heap dump of a durable silo
    /// after idle deactivation of 12,000 cases and 12,000 people held 48,163 such entries, about 60 % of the objects it kept
    /// (docs/benchmarks.md "Durable memory"); with 100,000 of each it could hold 400,000. The default's table, sized for
    /// its bound, also took ~20 MiB of the empty heap. A miss costs one directory lookup, which a one-silo cluster answers
    /// from its own partition.
    /// </summary>
    public const int DirectoryCacheSize = IdleCollectionOptions.DefaultDirectoryCacheSize;

    /// <summary>
    /// Applies <paramref name="options"/> to the silo's <see cref="GrainCollectionOptions"/>, and bounds its grain directory
    /// cache (<see cref="DirectoryCacheBound"/>), so that what collected activations leave behind stays bounded.
    /// </summary>
    public static ISiloBuilder ConfigureGrainCollection(this ISiloBuilder silo, IdleCollectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        silo.Configure<GrainCollectionOptions>(collection =>
        {
            collection.CollectionAge = options.Age;
            collection.CollectionQuantum = options.Quantum;
        });
        silo.Configure<GrainDirectoryOptions>(directory => directory.CacheSize = DirectoryCacheBound(directory.CacheSize, options));
        return silo;
    }

    /// <summary>
    /// The grain directory cache's bound, given the size configured before (<paramref name="configured"/>: Orleans' default of
    /// 1,000,000, or the embedded default's <see cref="SiloHostingExtensions.EmbeddedDirectoryCacheSize"/>): an explicit
    /// <c>Orleans:DirectoryCacheSize</c> as set; otherwise the smaller of <paramref name="configured"/> and
    /// <see cref="DirectoryCacheSize"/>. Before 2026-12-05 the 50,000 replaced the embedded default's 10,000 too, and an
    /// embedded silo kept ~290 B more per stored person while the cache filled (docs/memory.md "2026-12-05").
    /// </summary>
    public static int DirectoryCacheBound(int configured, IdleCollectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.DirectoryCacheSize ?? Math.Min(configured, options.DirectoryCache);
    }
}
