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

    /// <summary>Applies <paramref name="options"/> to the silo's <see cref="GrainCollectionOptions"/>.</summary>
    public static ISiloBuilder ConfigureGrainCollection(this ISiloBuilder silo, IdleCollectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        silo.Configure<GrainCollectionOptions>(collection =>
        {
            collection.CollectionAge = options.Age;
            collection.CollectionQuantum = options.Quantum;
        });
        return silo;
    }
}
