using CareGrid.GraphApi.Configuration;
using Microsoft.Extensions.Options;

namespace CareGrid.Silo;

/// <summary>
/// Idle deactivation of grains (Orleans' <c>GrainCollectionOptions</c>), keys <c>Orleans:CollectionAgeMinutes</c> and
/// <c>Orleans:CollectionQuantumSeconds</c> of the <c>Orleans</c> section, and what collected activations may leave behind in
/// the grain directory cache, <c>Orleans:DirectoryCacheSize</c> (docs/operations.md "Configuration").
/// </summary>
public sealed class IdleCollectionOptions
{
    /// <summary>Default idle age, minutes (Orleans' own default).</summary>
    public const double DefaultAgeMinutes = 15;

    /// <summary>Default quantum, seconds.</summary>
    public const double DefaultQuantumSeconds = 60;

    /// <summary>Longest age or quantum accepted: 366 days, in minutes.</summary>
    public const double MaxMinutes = 366 * 24 * 60;

    /// <summary>How long a grain may sit unused before it is deactivated, minutes (fractions allowed); null = <see cref="DefaultAgeMinutes"/>.</summary>
    public double? CollectionAgeMinutes { get; set; }

    /// <summary>How often the collector looks, seconds; null = 60, or half the age when the age is under two minutes.</summary>
    public double? CollectionQuantumSeconds { get; set; }

    /// <summary>Default most entries of the grain directory cache: 50,000 (see <see cref="GrainCollectionSettings.ConfigureGrainCollection"/>).</summary>
    public const int DefaultDirectoryCacheSize = 50_000;

    /// <summary>Largest directory cache accepted: 10,000,000 entries.</summary>
    public const int MaxDirectoryCacheSize = 10_000_000;

    /// <summary>Most entries of the silo's grain directory cache (Orleans' <c>GrainDirectoryOptions.CacheSize</c>); null = <see cref="DefaultDirectoryCacheSize"/>.</summary>
    public int? DirectoryCacheSize { get; set; }

    /// <summary>The directory cache bound in force.</summary>
    public int DirectoryCache => DirectoryCacheSize ?? DefaultDirectoryCacheSize;

    /// <summary>The idle age.</summary>
    public TimeSpan Age => TimeSpan.FromMinutes(CollectionAgeMinutes ?? DefaultAgeMinutes);

    /// <summary>The collection quantum.</summary>
    public TimeSpan Quantum => CollectionQuantumSeconds is { } seconds
        ? TimeSpan.FromSeconds(seconds)
        : TimeSpan.FromSeconds(Math.Min(DefaultQuantumSeconds, Age.TotalSeconds / 2));
}

/// <summary>
/// Checks <see cref="IdleCollectionOptions"/>: each value, when set, a number above 0 and at most 366 days; the age longer
/// than the quantum (Orleans needs a look between a grain's last use and its deactivation).
/// </summary>
public sealed class IdleCollectionOptionsValidator : IValidateOptions<IdleCollectionOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, IdleCollectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var check = new OptionsCheck(OrleansClusterOptions.Section);
        if (options.CollectionAgeMinutes is { } age)
        {
            check.Above(nameof(options.CollectionAgeMinutes), age, 0).Require(age <= IdleCollectionOptions.MaxMinutes, nameof(options.CollectionAgeMinutes),
                $"must be at most {OptionsCheck.Text(IdleCollectionOptions.MaxMinutes)}", OptionsCheck.Text(age));
        }

        if (options.CollectionQuantumSeconds is { } quantum)
        {
            check.Above(nameof(options.CollectionQuantumSeconds), quantum, 0).Require(quantum <= IdleCollectionOptions.MaxMinutes * 60,
                nameof(options.CollectionQuantumSeconds), $"must be at most {OptionsCheck.Text(IdleCollectionOptions.MaxMinutes * 60)}", OptionsCheck.Text(quantum));
        }

        if (options.DirectoryCacheSize is { } cache)
        {
            check.Require(cache is >= 1 and <= IdleCollectionOptions.MaxDirectoryCacheSize, nameof(options.DirectoryCacheSize),
                $"must be a whole number from 1 to {IdleCollectionOptions.MaxDirectoryCacheSize}", cache.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (check.Failures.Count == 0)
        {
            check.Require(options.Age > options.Quantum, nameof(options.CollectionAgeMinutes),
                $"must be longer than Orleans:CollectionQuantumSeconds ({OptionsCheck.Text(options.Quantum.TotalSeconds)} s)", $"{OptionsCheck.Text(options.Age.TotalMinutes)} min");
        }

        return check.Result();
    }
}
