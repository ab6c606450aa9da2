using CareGrid.Grains.Errors;
using CareGrid.Grains.Security;
using CareGrid.Grains.Statistics.RollUp;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Tests.Domain;

/// <summary>
/// The child tenant's switch for sharing its statistics with the parent's roll-up (TenantAggregate.SetStatisticsSharing) and
/// which descendants a roll-up covers (SharingTenants), without a silo (docs/statistics.md "Roll-up").
/// </summary>
[Trait("tier", "domain")]
public sealed class StatisticsSharingShould
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Admin = new("admin@town", [Roles.TenantAdmin]);

    private static TenantState Town(string? parentId = "district") =>
        new() { Exists = true, Name = "A town", Kind = TenantKind.Town, Status = TenantStatus.Active, ParentId = parentId };

    [Fact]
    public void Be_off_until_switched_on_and_record_each_change()
    {
        var state = Town();
        var tenant = new TenantAggregate("town", state, Now);
        Assert.False(tenant.Info().StatisticsSharing);

        tenant.SetStatisticsSharing(true, Admin);
        Assert.True(tenant.Info().StatisticsSharing);
        tenant.SetStatisticsSharing(true, Admin);
        tenant.SetStatisticsSharing(false, Admin);

        Assert.False(state.StatisticsSharing);
        Assert.Equal([$"{Now:O} StatisticsSharing on by admin@town", $"{Now:O} StatisticsSharing off by admin@town"], state.History);
    }

    [Fact]
    public void Refuse_switching_on_without_a_parent_tenant_and_leave_the_state_unchanged()
    {
        var state = Town(parentId: null);
        var error = Assert.Throws<CareGridException>(() => new TenantAggregate("town", state, Now).SetStatisticsSharing(true, Admin));

        Assert.Equal((ErrorCodes.ValidationFailed, "enabled"), (error.Code, error.Details["field"]));
        Assert.False(state.StatisticsSharing);
        Assert.Empty(state.History);
        new TenantAggregate("town", state, Now).SetStatisticsSharing(false, Admin);
    }

    [Fact]
    public void Refuse_a_tenant_that_was_never_onboarded()
    {
        var error = Assert.Throws<CareGridException>(() => new TenantAggregate("ghost", new TenantState(), Now).SetStatisticsSharing(true, Admin));

        Assert.Equal(ErrorCodes.TenantNotFound, error.Code);
    }

    [Fact]
    public void Cover_active_sharing_descendants_whose_every_tenant_up_to_the_parent_shares()
    {
        TenantInfo T(string id, string? parent, bool sharing, TenantStatus status = TenantStatus.Active) =>
            new(id, id, TenantKind.School, status, parent, "Asia/Shanghai", Now, Now, [], sharing);
        var tenants = new[]
        {
            T("district", null, false), T("other-district", null, false),
            T("town", "district", true), T("town-school", "town", true),
            T("quiet-town", "district", false), T("quiet-town-school", "quiet-town", true),
            T("b-school", "district", true), T("a-suspended", "district", true, TenantStatus.Suspended),
            T("gone", "district", true, TenantStatus.Deleted), T("other-school", "other-district", true),
        };

        Assert.Equal(["b-school", "town", "town-school"], SharingTenants.Covered(tenants, "district").Select(t => t.Id));
        Assert.Equal(["town-school"], SharingTenants.Covered(tenants, "town").Select(t => t.Id));
        Assert.Empty(SharingTenants.Covered(tenants, "town-school"));
        Assert.Equal(["a-suspended", "b-school", "quiet-town", "town", "quiet-town-school", "town-school"],
            SharingTenants.Descendants(tenants, "district").Select(t => t.Id));
    }
}
