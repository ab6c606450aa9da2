using CareGrid.Silo;

namespace CareGrid.Tests.Hosting;

/// <summary>
/// The trimmer hands GC-retained memory back after a wave of idle deactivations only when it is worth a
/// blocking collection: many activations gone, most of the peak gone, and not more often than configured.
/// </summary>
[Trait("tier", "domain")]
public sealed class MemoryTrimmerShould
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private static readonly MemoryTrimOptions Defaults = new();

    [Fact]
    public void Trim_after_most_activations_were_collected()
    {
        Assert.True(MemoryTrimmer.ShouldTrim(Defaults, peak: 200_000, current: 300, lastTrim: null, Now));
    }

    [Theory]
    [InlineData(15_000, 6_000)] // 9,000 collected: under the 10,000 floor
    [InlineData(200_000, 120_000)] // 80,000 collected, but 60% of the peak is still active
    [InlineData(50_000, 50_000)] // nothing collected
    public void Leave_a_busy_or_small_silo_alone(int peak, int current)
    {
        Assert.False(MemoryTrimmer.ShouldTrim(Defaults, peak, current, lastTrim: null, Now));
    }

    [Fact]
    public void Trim_at_most_once_per_interval()
    {
        Assert.False(MemoryTrimmer.ShouldTrim(Defaults, 200_000, 300, lastTrim: Now.AddSeconds(-59), Now));
        Assert.True(MemoryTrimmer.ShouldTrim(Defaults, 200_000, 300, lastTrim: Now.AddMinutes(-1), Now));
        var fiveMinutes = new MemoryTrimOptions { MinMinutesBetweenTrims = 5 };
        Assert.False(MemoryTrimmer.ShouldTrim(fiveMinutes, 200_000, 300, lastTrim: Now.AddMinutes(-4.9), Now));
        Assert.True(MemoryTrimmer.ShouldTrim(fiveMinutes, 200_000, 300, lastTrim: Now.AddMinutes(-5), Now));
    }

    /// <summary>
    /// Two waves a few minutes apart (the benchmark's stored-bytes step: 20,000 people imported and collected, then
    /// 20,000 cases reported and collected about 3 minutes after the first trim): the second wave is handed back too.
    /// </summary>
    [Fact]
    public void Trim_a_second_wave_that_follows_the_first_within_minutes()
    {
        Assert.True(MemoryTrimmer.ShouldTrim(Defaults, peak: 40_047, current: 55, lastTrim: Now.AddMinutes(-3), Now));
    }

    [Fact]
    public void Never_trim_when_disabled()
    {
        Assert.False(MemoryTrimmer.ShouldTrim(new MemoryTrimOptions { Enabled = false }, 200_000, 300, lastTrim: null, Now));
    }
}
