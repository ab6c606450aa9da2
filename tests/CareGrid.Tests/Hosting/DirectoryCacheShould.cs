using CareGrid.Silo;
using CareGrid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace CareGrid.Tests.Hosting;

/// <summary>
/// The service as started bounds Orleans' grain directory cache (<c>Orleans:DirectoryCacheSize</c>, default 50,000; Orleans'
/// own default of 1,000,000 kept an entry for every grain long after it was collected: docs/benchmarks.md "Durable memory"),
/// and the embedded default keeps its own smaller bound of 10,000 (one silo: a miss costs no remote lookup; docs/memory.md
/// "2026-12-05": the 50,000 had replaced it, ~290 B more per stored person).
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class DirectoryCacheShould(CareGridApiFactory factory)
{
    [Fact]
    public void Bound_the_silos_grain_directory_cache()
    {
        var options = factory.Services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value;

        Assert.Equal(GrainDirectoryOptions.CachingStrategyType.LRU, options.CachingStrategy);
        Assert.Equal(SiloHostingExtensions.EmbeddedDirectoryCacheSize, options.CacheSize); // the test service runs the embedded default
        Assert.Equal(10_000, options.CacheSize);
    }

    [Theory]
    [InlineData(1_000_000, null, 50_000)] // Azure Table storage: Orleans' default, bounded
    [InlineData(10_000, null, 10_000)] // the embedded default keeps its smaller bound
    [InlineData(10_000, 200_000, 200_000)] // Orleans:DirectoryCacheSize set: as set
    [InlineData(1_000_000, 5_000, 5_000)]
    public void Take_the_smaller_bound_unless_one_is_set(int configured, int? setSize, int expected)
    {
        var options = new IdleCollectionOptions { DirectoryCacheSize = setSize };
        Assert.Equal(expected, GrainCollectionSettings.DirectoryCacheBound(configured, options));
    }
}
