using CareGrid.Grains.Cases;
using CareGrid.Grains.Hosting;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Hosting;

/// <summary>
/// The typed grain references kept per grain factory and interface (<see cref="GrainReferences"/>) stay bounded however many
/// grains a silo touches (docs/memory.md: a cached reference outlives its grain's activation), and a reference is always
/// the one Orleans itself hands out for the key, whether it came from the cache or not.
/// </summary>
[Trait("tier", "grains")]
[Collection(ClusterCollection.Name)]
public sealed class GrainReferencesShould(ClusterFixture fixture)
{
    [Fact]
    public void Keep_at_most_the_bound_of_references_per_interface_and_resolve_every_key_as_orleans_does()
    {
        var tenant = Seeds.NewTenantId();
        var grains = fixture.Grains;
        var touched = 3 * GrainReferences.CachedPerType + 17;
        for (var i = 0; i < touched; i++)
        {
            var key = $"{tenant}/case-{i}";
            var reference = grains.GetRef<ICaseGrain>(key);
            Assert.Equal(grains.GetGrain<ICaseGrain>(key).GetGrainId(), reference.GetGrainId());
            Assert.True(GrainReferences.CachedCount<ICaseGrain>(grains) <= GrainReferences.CachedPerType);
        }

        // A key used again right away is served from the cache: the same reference object.
        var hot = $"{tenant}/case-hot";
        Assert.Same(grains.GetRef<ICaseGrain>(hot), grains.GetRef<ICaseGrain>(hot));
        Assert.InRange(GrainReferences.CachedCount<ICaseGrain>(grains), 1, GrainReferences.CachedPerType);
    }

    [Fact]
    public async Task Stay_bounded_when_many_threads_add_references_at_once()
    {
        var tenant = Seeds.NewTenantId();
        var grains = fixture.Grains;
        const int threads = 8;
        var perThread = GrainReferences.CachedPerType + 300;
        await Task.WhenAll(Enumerable.Range(0, threads).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < perThread; i++)
            {
                var key = $"{tenant}/case-{t}-{i}";
                Assert.Equal(grains.GetGrain<ICaseGrain>(key).GetGrainId(), grains.GetRef<ICaseGrain>(key).GetGrainId());
            }
        })));

        // However the adders raced, the bound holds exactly.
        Assert.InRange(GrainReferences.CachedCount<ICaseGrain>(grains), 1, GrainReferences.CachedPerType);
    }
}
