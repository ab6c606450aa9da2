using CareGrid.Grains.Cases;
using CareGrid.GraphApi.Configuration;
using Microsoft.Extensions.Options;

namespace CareGrid.Silo;

/// <summary>
/// Checks <see cref="MemoryTrimOptions"/> (section <c>Memory:Trim</c>): <c>CheckEverySeconds</c> above 0 and at most 86400,
/// <c>MinDeactivated</c> at least 0, <c>MaxRemainingShare</c> from 0 to 1, <c>MinMinutesBetweenTrims</c> from 0 to 10080 (a week).
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
            .Result();
    }
}

/// <summary>
/// Checks <see cref="DeadlineSweepOptions"/> (section <c>Deadlines:Sweep</c>; docs/deadline-sweep.md): <c>PageSize</c> 1–1000,
/// <c>MaxConcurrentCases</c> 1–128, <c>Attempts</c> 1–20 (the ranges the sweep works within).
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
            .Result();
    }
}
