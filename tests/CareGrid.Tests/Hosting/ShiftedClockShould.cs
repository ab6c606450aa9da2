using CareGrid.Grains.Hosting;
using CareGrid.Silo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CareGrid.Tests.Hosting;

/// <summary><c>Clock:OffsetSeconds</c>, the testing aid that shifts only the domain clock (docs/deadline-sweep.md).</summary>
[Trait("tier", "domain")]
public class ShiftedClockShould
{
    private static IConfiguration Config(string? offset) =>
        new ConfigurationBuilder().AddInMemoryCollection(offset is null ? [] : [new KeyValuePair<string, string?>(ShiftedClock.OffsetKey, offset)]).Build();

    [Fact]
    public void Register_a_domain_clock_shifted_by_the_configured_seconds()
    {
        var services = new ServiceCollection();

        var clock = ShiftedClock.Register(services, Config("-90.5"));

        Assert.NotNull(clock);
        Assert.Same(clock, services.BuildServiceProvider().GetRequiredKeyedService<TimeProvider>(DomainClock.Key));
        Assert.Equal(TimeSpan.FromSeconds(-90.5), clock.Offset);
    }

    [Fact]
    public void Add_the_offset_to_the_time_it_reads()
    {
        var inner = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));

        var shifted = new ShiftedClock(inner, TimeSpan.FromMinutes(7));

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 10, 7, 0, TimeSpan.Zero), shifted.GetUtcNow());
        inner.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 10, 7, 3, TimeSpan.Zero), shifted.GetUtcNow());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0")]
    public void Leave_the_domain_clock_alone_when_unset_or_zero(string? offset)
    {
        var services = new ServiceCollection();

        Assert.Null(ShiftedClock.Register(services, Config(offset)));
        Assert.Empty(services);
    }

    [Theory]
    [InlineData("five minutes")]
    [InlineData("NaN")]
    [InlineData("1e12")]
    public void Refuse_a_value_that_is_not_a_number_of_seconds_and_name_the_key(string offset)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ShiftedClock.Register(new ServiceCollection(), Config(offset)));

        Assert.Contains(ShiftedClock.OffsetKey, error.Message);
    }
}
