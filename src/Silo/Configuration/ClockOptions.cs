using CareGrid.GraphApi.Configuration;
using Microsoft.Extensions.Options;

namespace CareGrid.Silo;

/// <summary>
/// The testing aid that shifts the domain clock (<see cref="ShiftedClock"/>; docs/deadline-sweep.md), configuration section
/// <c>Clock</c>. Never set in production.
/// </summary>
public sealed class ClockOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Clock";

    /// <summary>Largest shift either way, in seconds: ten years of 366 days.</summary>
    public const double MaxOffsetSeconds = 10 * 366 * 86400.0;

    /// <summary>Seconds the domain clock runs ahead of the wall clock (negative: behind); null or 0 = no shift.</summary>
    public double? OffsetSeconds { get; set; }
}

/// <summary>Checks <see cref="ClockOptions"/>: <c>Clock:OffsetSeconds</c>, when set, a number of seconds within ±10 years (e.g. 300 or -60).</summary>
public sealed class ClockOptionsValidator : IValidateOptions<ClockOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ClockOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var check = new OptionsCheck(ClockOptions.Section);
        if (options.OffsetSeconds is { } seconds)
        {
            check.Between(nameof(options.OffsetSeconds), seconds, -ClockOptions.MaxOffsetSeconds, ClockOptions.MaxOffsetSeconds);
        }

        return check.Result();
    }
}
