using CareGrid.Grains.Errors;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Grains;

[Trait("tier", "grains")]
[Collection(ClusterCollection.Name)]
public sealed class TenantGrainShould(ClusterFixture fixture)
{
    private ITenantRegistryGrain Registry => fixture.Grains.GetGrain<ITenantRegistryGrain>(ITenantRegistryGrain.Key);

    [Fact]
    public async Task Go_provisioning_to_active_and_suspend_and_reactivate()
    {
        var id = Seeds.NewTenantId();
        TenantContext.Set(id);
        var grain = fixture.Grains.GetGrain<ITenantGrain>(id);
        var info = await grain.Onboard(new OnboardTenant(id, "A town", TenantKind.Town, null, "", "admin", "Admin"), Actor.System);
        Assert.Equal(TenantStatus.Active, info.Status);
        Assert.Equal("Asia/Shanghai", info.TimeZone);
        Assert.Equal(TenantStatus.Suspended, (await grain.Fire(TenantTrigger.Suspend, "audit", Actor.System)).Status);
        Assert.Equal(TenantStatus.Suspended, (await Registry.Get(id))!.Status);
        var error = await Assert.ThrowsAsync<CareGridException>(() => grain.Fire(TenantTrigger.Delete, null, Actor.System));
        Assert.Equal(ErrorCodes.InvalidTransition, error.Code);
        Assert.Equal(TenantStatus.Active, (await grain.Fire(TenantTrigger.Reactivate, null, Actor.System)).Status);
        Assert.Equal(TenantStatus.Active, (await Registry.Get(id))!.Status);
        TenantContext.Clear();
    }

    [Fact]
    public async Task Refuse_a_second_onboarding_of_the_same_id()
    {
        var id = Seeds.NewTenantId();
        TenantContext.Set(id);
        var grain = fixture.Grains.GetGrain<ITenantGrain>(id);
        await grain.Onboard(new OnboardTenant(id, "First", TenantKind.School, null, "", "admin", "Admin"), Actor.System);
        var error = await Assert.ThrowsAsync<CareGridException>(() => grain.Onboard(new OnboardTenant(id, "Second", TenantKind.School, null, "", "admin", "Admin"), Actor.System));
        TenantContext.Clear();
        Assert.Equal(ErrorCodes.AlreadyExists, error.Code);
        Assert.Equal("First", (await Registry.Get(id))!.Name);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Upper-case")]
    [InlineData("-leading")]
    [InlineData("trailing-")]
    [InlineData("under_score")]
    [InlineData("has space")]
    [InlineData("slash/inside")]
    [InlineData("dot.inside")]
    [InlineData("ünïcode")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    public async Task Refuse_a_malformed_tenant_id_and_register_nothing(string id)
    {
        Assert.False(TenantIds.IsValid(id));
        var error = await Assert.ThrowsAsync<CareGridException>(() =>
            fixture.Grains.GetGrain<ITenantGrain>(id).Onboard(new OnboardTenant(id, "X", TenantKind.School, null, "", "admin", "Admin"), Actor.System));
        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Null(await Registry.Get(id));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("demo-school")]
    [InlineData("a23456789012345678901234567890123456789012345678901234567890123")]
    public void Accept_well_formed_slugs(string id) => Assert.True(TenantIds.IsValid(id));

    [Fact]
    public async Task Refuse_an_unknown_parent_and_an_unknown_time_zone_and_release_nothing_twice()
    {
        var id = Seeds.NewTenantId();
        TenantContext.Set(id);
        var grain = fixture.Grains.GetGrain<ITenantGrain>(id);
        var parent = await Assert.ThrowsAsync<CareGridException>(() => grain.Onboard(new OnboardTenant(id, "X", TenantKind.School, "no-such-parent", "", "admin", "Admin"), Actor.System));
        var zone = await Assert.ThrowsAsync<CareGridException>(() => grain.Onboard(new OnboardTenant(id, "X", TenantKind.School, null, "Mars/Olympus", "admin", "Admin"), Actor.System));
        Assert.Equal(ErrorCodes.TenantNotFound, parent.Code);
        Assert.Equal(ErrorCodes.ValidationFailed, zone.Code);
        Assert.Null(await Registry.Get(id));
        var ok = await grain.Onboard(new OnboardTenant(id, "X", TenantKind.School, null, "Asia/Shanghai", "admin", "Admin"), Actor.System);
        TenantContext.Clear();
        Assert.Equal(TenantStatus.Active, ok.Status);
    }
}
