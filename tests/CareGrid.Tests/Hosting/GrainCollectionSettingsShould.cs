using CareGrid.Silo;
using Microsoft.Extensions.Configuration;

namespace CareGrid.Tests.Hosting;

// Orleans:CollectionAgeMinutes / Orleans:CollectionQuantumSeconds (idle deactivation is configurable).
[Trait("tier", "domain")]
public class GrainCollectionSettingsShould
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Default_to_Orleans_own_fifteen_minutes_and_one_minute_quantum()
    {
        var (age, quantum) = GrainCollectionSettings.Read(Config());

        Assert.Equal(TimeSpan.FromMinutes(15), age);
        Assert.Equal(TimeSpan.FromMinutes(1), quantum);
    }

    [Fact]
    public void Take_a_fractional_age_and_halve_it_for_the_quantum_when_short()
    {
        var (age, quantum) = GrainCollectionSettings.Read(Config(("Orleans:CollectionAgeMinutes", "0.5")));

        Assert.Equal(TimeSpan.FromSeconds(30), age);
        Assert.Equal(TimeSpan.FromSeconds(15), quantum);
    }

    [Fact]
    public void Take_an_explicit_quantum()
    {
        var (age, quantum) = GrainCollectionSettings.Read(Config(("Orleans:CollectionAgeMinutes", "2.5"), ("Orleans:CollectionQuantumSeconds", "15")));

        Assert.Equal(TimeSpan.FromSeconds(150), age);
        Assert.Equal(TimeSpan.FromSeconds(15), quantum);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("soon")]
    public void Refuse_an_age_that_is_not_a_positive_number(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => GrainCollectionSettings.Read(Config(("Orleans:CollectionAgeMinutes", value))));

        Assert.Contains("Orleans:CollectionAgeMinutes", error.Message);
    }

    [Fact]
    public void Refuse_an_age_not_longer_than_the_quantum()
    {
        Assert.Throws<InvalidOperationException>(() =>
            GrainCollectionSettings.Read(Config(("Orleans:CollectionAgeMinutes", "1"), ("Orleans:CollectionQuantumSeconds", "60"))));
    }

    private static IdleCollectionOptions Options(params (string Key, string Value)[] values) =>
        CareGrid.GraphApi.Configuration.ValidatedOptions.BindOrThrow(Config(values), OrleansClusterOptions.Section, new IdleCollectionOptionsValidator());

    [Fact]
    public void Bound_the_grain_directory_cache_to_fifty_thousand_entries_unless_configured()
    {
        Assert.Equal(50_000, Options().DirectoryCache);
        Assert.Equal(200_000, Options(("Orleans:DirectoryCacheSize", "200000")).DirectoryCache);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("10000001")]
    [InlineData("lots")]
    public void Refuse_a_directory_cache_size_that_is_no_whole_number_from_1_to_ten_million(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Options(("Orleans:DirectoryCacheSize", value)));

        Assert.Contains("Orleans:DirectoryCacheSize", error.Message);
    }
}
