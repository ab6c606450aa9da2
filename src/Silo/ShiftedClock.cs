using CareGrid.Grains.Hosting;

namespace CareGrid.Silo;

/// <summary>
/// A testing aid: <c>Clock:OffsetSeconds</c> (default 0; any real number, negative allowed) shifts the domain clock
/// (<see cref="DomainClock"/>) of this process by that many seconds, so a durable test can start a silo "later" than the
/// wall clock — e.g. past the deadlines of cases reported before a restart — without waiting. Only the domain clock moves:
/// Orleans (membership, reminder schedules), ASP.NET Core and token lifetimes keep real time. Never set it in production;
/// the process logs a warning when it is set.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    /// <summary>The configuration key: <c>Clock:OffsetSeconds</c>.</summary>
    public const string OffsetKey = "Clock:OffsetSeconds";

    private readonly TimeProvider _inner;

    /// <summary>Reads <paramref name="inner"/> and adds <paramref name="offset"/> to every <see cref="GetUtcNow"/>.</summary>
    public ShiftedClock(TimeProvider inner, TimeSpan offset)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        Offset = offset;
    }

    /// <summary>How far ahead of the wall clock (negative: behind) the domain clock runs.</summary>
    public TimeSpan Offset { get; }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow() + Offset;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;

    /// <inheritdoc />
    public override long TimestampFrequency => _inner.TimestampFrequency;

    /// <inheritdoc />
    public override long GetTimestamp() => _inner.GetTimestamp();

    /// <summary>
    /// Registers a <see cref="ShiftedClock"/> over the system clock as the domain clock when <see cref="OffsetKey"/> is set
    /// to a non-zero number of seconds; does nothing otherwise. The value is read as <see cref="ClockOptions"/> and checked by
    /// <see cref="ClockOptionsValidator"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The value is not a number of seconds within ±10 years; the message names the key.</exception>
    public static ShiftedClock? Register(IServiceCollection services, IConfiguration config) =>
        Register(services, CareGrid.GraphApi.Configuration.ValidatedOptions.BindOrThrow(config, ClockOptions.Section, new ClockOptionsValidator()));

    /// <summary>Registers a <see cref="ShiftedClock"/> as the domain clock when <paramref name="options"/> shift it; does nothing otherwise.</summary>
    public static ShiftedClock? Register(IServiceCollection services, ClockOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        if (options.OffsetSeconds is not { } seconds || seconds == 0 || !double.IsFinite(seconds))
        {
            return null;
        }

        var clock = new ShiftedClock(TimeProvider.System, TimeSpan.FromSeconds(seconds));
        services.AddKeyedSingleton<TimeProvider>(DomainClock.Key, clock);
        return clock;
    }
}
