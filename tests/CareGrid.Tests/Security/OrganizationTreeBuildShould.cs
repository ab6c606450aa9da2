using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using CareGrid.Tests.Statistics;
using Orleans.Core.Internal;
using static CareGrid.Tests.Grains.TenantCalls;

namespace CareGrid.Tests.Security;

/// <summary>
/// The tenant's organization tree (need-to-know by organization, docs/access.md "Cost") is built on the first
/// <see cref="IOrganizationTreeGrain.Cover"/>. <c>Cover</c> is read-only, so requests that arrive during the build interleave
/// with it; before the fix each ran a build of its own (reading the template and the tenant's organization rows again). The
/// read side is held at its gate (<see cref="GatedReadModelStore"/>), not timed: a second <c>Cover</c> starts while the
/// first build waits, and the organization rows are read once.
/// </summary>
[Trait("tier", "grains")]
public sealed class OrganizationTreeBuildShould(StatisticsWritePathShould.Cluster fixture) : IClassFixture<StatisticsWritePathShould.Cluster>
{
    /// <summary>How long a call that must start or answer is waited for: generous, it does so at once.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Share_one_build_between_concurrent_covers_of_a_cold_tree()
    {
        var (tenant, _) = await Seeds.SchoolAsync(fixture.Grains);
        var tree = fixture.Grains.GetGrain<IOrganizationTreeGrain>(tenant);
        await AsTenant(tenant, () => tree.Cast<IGrainManagementExtension>().DeactivateOnIdle().AsTask()); // cold: the next Cover builds
        var started = fixture.WatchCover(tenant);
        var readsBefore = fixture.ReadModel.OrganizationReads(tenant);
        var roles = new Dictionary<string, List<string>> { ["class-7-1"] = ["HomeroomTeacher"] };

        Task<StaffScope> first, second;
        using (var held = fixture.ReadModel.Hold(tenant, ReadModelGate.Organizations))
        {
            first = AsTenant(tenant, () => tree.Cover(roles));
            await held.Reached.WaitAsync(Bound);
            second = AsTenant(tenant, () => tree.Cover(roles));
            Assert.True(await started.WaitAsync(Bound) && await started.WaitAsync(Bound), "both Cover calls run on the tree grain");
            Assert.False(first.IsCompleted || second.IsCompleted, "the build is still held");
        }

        var scopes = await Task.WhenAll(first, second).WaitAsync(Bound);
        Assert.Equal(scopes[0], scopes[1]);
        Assert.Contains("class-7-1", scopes[0].OrganizationIds);
        // Before the fix the second Cover ran a build of its own: two reads of the organization rows.
        Assert.Equal(1, fixture.ReadModel.OrganizationReads(tenant) - readsBefore);
    }
}
