using System.Globalization;
using Orleans.Configuration;

namespace CareGrid.Silo;

/// <summary>
/// Idle deactivation of grains (Orleans <see cref="GrainCollectionOptions"/>) from configuration:
/// <c>Orleans:CollectionAgeMinutes</c> — how long a grain may sit unused before it is deactivated (default 15, Orleans'
/// own default) — and <c>Orleans:CollectionQuantumSeconds</c> — how often the collector looks (default 60 s, or half
/// the age when the age is shorter than two minutes). The age must be longer than the quantum.
/// </summary>
public static class GrainCollectionSettings
{
    /// <summary>Default idle age, minutes.</summary>
    public const double DefaultAgeMinutes = 15;

    /// <summary>Default quantum, seconds.</summary>
    public const double DefaultQuantumSeconds = 60;

    /// <summary>Reads the two keys.</summary>
    /// <exception cref="InvalidOperationException">A value is not a positive number, or the age is not longer than the quantum.</exception>
    public static (TimeSpan Age, TimeSpan Quantum) Read(IConfiguration configuration)
    {
        var age = Positive(configuration, "Orleans:CollectionAgeMinutes") is { } minutes ? TimeSpan.FromMinutes(minutes) : TimeSpan.FromMinutes(DefaultAgeMinutes);
        var quantum = Positive(configuration, "Orleans:CollectionQuantumSeconds") is { } seconds
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromSeconds(Math.Min(DefaultQuantumSeconds, age.TotalSeconds / 2));
        if (age <= quantum)
        {
            throw new InvalidOperationException(
                $"Orleans:CollectionAgeMinutes ({age.TotalMinutes:0.##} min) must be longer than Orleans:CollectionQuantumSeconds ({quantum.TotalSeconds:0.##} s).");
        }

        return (age, quantum);
    }

    /// <summary>Applies <see cref="Read"/> to the silo's <see cref="GrainCollectionOptions"/>.</summary>
    public static ISiloBuilder ConfigureGrainCollection(this ISiloBuilder silo, IConfiguration configuration)
    {
        var (age, quantum) = Read(configuration);
        silo.Configure<GrainCollectionOptions>(options =>
        {
            options.CollectionAge = age;
            options.CollectionQuantum = quantum;
        });
        return silo;
    }

    private static double? Positive(IConfiguration configuration, string key)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value > 0) || double.IsInfinity(value))
        {
            throw new InvalidOperationException($"{key} must be a positive number, got '{text}'.");
        }

        return value;
    }
}
