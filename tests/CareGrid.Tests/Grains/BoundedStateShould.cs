using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Grains;

/// <summary>
/// Grain states that grow with use stay bounded (docs/storage.md): break-the-glass grants keep one open grant per
/// subject and the newest expired ones (every grant is also an audit record), and a tenant's own history list keeps its
/// newest entries.
/// </summary>
[Trait("tier", "grains")]
[Collection(ClusterCollection.Name)]
public sealed class BoundedStateShould(ClusterFixture fixture)
{
    [Fact]
    public async Task Keep_one_open_grant_per_subject_and_only_the_newest_expired_grants()
    {
        var tenant = Seeds.NewTenantId();
        TenantContext.Set(tenant);
        try
        {
            var grants = fixture.Grains.GetGrain<IAccessGrantsGrain>(IAccessGrantsGrain.KeyOf(tenant, "Case", "case-1"));
            for (var i = 0; i < 5; i++)
            {
                await grants.Grant("same@" + tenant, "checking the case after a call", 60);
            }

            Assert.Single(await grants.History());
            Assert.True(await grants.IsGranted("same@" + tenant));

            for (var i = 0; i < AccessGrantsGrain.MaxExpiredKept + 30; i++)
            {
                await grants.Grant($"s{i}@{tenant}", "night duty reading the case", 1);
            }

            fixture.Clock.Advance(TimeSpan.FromMinutes(2));
            await grants.Grant("last@" + tenant, "a later grant prunes the expired ones", 1);
            var kept = await grants.History();
            Assert.Equal(AccessGrantsGrain.MaxExpiredKept + 2, kept.Count); // the newest expired, plus the two open grants
            Assert.Equal("last@" + tenant, kept[^1].Subject);
            Assert.DoesNotContain(kept, g => g.Subject == "s0@" + tenant);
            Assert.True(await grants.IsGranted("same@" + tenant));
            Assert.Equal(2, kept.Count(g => g.Until > fixture.Clock.GetUtcNow()));
        }
        finally
        {
            TenantContext.Clear();
        }
    }
}
