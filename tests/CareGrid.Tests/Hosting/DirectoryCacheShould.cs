using CareGrid.Silo;
using CareGrid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace CareGrid.Tests.Hosting;

/// <summary>
/// The service as started bounds Orleans' grain directory cache (<c>Orleans:DirectoryCacheSize</c>, default 50,000; Orleans'
/// own default of 1,000,000 kept an entry for every grain long after it was collected: docs/benchmarks.md "Durable memory").
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
        Assert.Equal(GrainCollectionSettings.DirectoryCacheSize, options.CacheSize);
        Assert.Equal(50_000, options.CacheSize);
    }
}
