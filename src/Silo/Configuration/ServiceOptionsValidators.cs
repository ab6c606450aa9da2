using CareGrid.Grains.Cases;
using CareGrid.GraphApi.Configuration;
using Microsoft.Extensions.Options;

namespace CareGrid.Silo;

/// <summary>
/// Checks <see cref="MemoryTrimOptions"/> (section <c>Memory:Trim</c>): <c>CheckEverySeconds</c> above 0 and at most 86400,
/// <c>MinDeactivated</c> at least 0, <c>MaxRemainingShare</c> from 0 to 1, <c>MinMinutesBetweenTrims</c> from 0 to 10080 (a week),
/// <c>MinUnusedCommittedMiB</c> and <c>QuietMaxGen0PerCheck</c> at least 0.
/// </summary>
public sealed class MemoryTrimOptionsValidator : IValidateOptions<MemoryTrimOptions>
{
    /// <summary>The configuration section of <see cref="MemoryTrimOptions"/>.</summary>
    public const string Section = "Memory:Trim";

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, MemoryTrimOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new OptionsCheck(Section)
            .Above(nameof(options.CheckEverySeconds), options.CheckEverySeconds, 0)
            .Require(!(options.CheckEverySeconds > 86400), nameof(options.CheckEverySeconds), "must be at most 86400", OptionsCheck.Text(options.CheckEverySeconds))
            .AtLeast(nameof(options.MinDeactivated), options.MinDeactivated, 0)
            .Between(nameof(options.MaxRemainingShare), options.MaxRemainingShare, 0, 1)
            .Between(nameof(options.MinMinutesBetweenTrims), options.MinMinutesBetweenTrims, 0, 10080)
            .AtLeast(nameof(options.MinUnusedCommittedMiB), options.MinUnusedCommittedMiB, 0)
            .AtLeast(nameof(options.QuietMaxGen0PerCheck), options.QuietMaxGen0PerCheck, 0)
            .Result();
    }
}

/// <summary>
/// Checks <see cref="DeadlineSweepOptions"/> (section <c>Deadlines:Sweep</c>; docs/deadline-sweep.md): <c>PageSize</c> 1–1000,
/// <c>MaxConcurrentCases</c> 1–128, <c>Attempts</c> 1–20 (the ranges the sweep works within), <c>Interval</c> 0 (no periodic
/// sweep) or 5 seconds to 1 hour.
/// </summary>
public sealed class DeadlineSweepOptionsValidator : IValidateOptions<DeadlineSweepOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DeadlineSweepOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new OptionsCheck(DeadlineSweepOptions.Section)
            .Between(nameof(options.PageSize), options.PageSize, 1, 1000)
            .Between(nameof(options.MaxConcurrentCases), options.MaxConcurrentCases, 1, 128)
            .Between(nameof(options.Attempts), options.Attempts, 1, 20)
            .Require(options.Interval == TimeSpan.Zero || (options.Interval >= TimeSpan.FromSeconds(5) && options.Interval <= TimeSpan.FromHours(1)),
                nameof(options.Interval), "must be 00:00:00 (no periodic sweep) or from 00:00:05 to 01:00:00", options.Interval.ToString("c"))
            .Result();
    }
}

/// <summary>
/// Checks <see cref="CareGrid.Grains.Imports.ImportOptions"/> (section <c>Imports</c>; docs/rosters.md "On a busy cluster"):
/// <c>MaxConcurrentRowsPerImport</c> 1–256, <c>MaxConcurrentRowsPerSilo</c> 1–1024, <c>Attempts</c> 1–20,
/// <c>RetryDelayMilliseconds</c> 0–60000.
/// </summary>
public sealed class ImportOptionsValidator : IValidateOptions<CareGrid.Grains.Imports.ImportOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, CareGrid.Grains.Imports.ImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new OptionsCheck(CareGrid.Grains.Imports.ImportOptions.Section)
            .Between(nameof(options.MaxConcurrentRowsPerImport), options.MaxConcurrentRowsPerImport, 1, 256)
            .Between(nameof(options.MaxConcurrentRowsPerSilo), options.MaxConcurrentRowsPerSilo, 1, 1024)
            .Between(nameof(options.Attempts), options.Attempts, 1, 20)
            .Between(nameof(options.RetryDelayMilliseconds), options.RetryDelayMilliseconds, 0, 60000)
            .Result();
    }
}
