using CareGrid.Grains.Errors;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Tests.Domain.Trajectories;

/// <summary>The tenant's trajectory review period (R-3.6, docs/trajectories.md): 1–52 weeks, default 8; a refusal changes nothing.</summary>
[Trait("tier", "domain")]
public sealed class TrajectoryReviewWeeksShould
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Admin = new("admin@town-a", [Roles.TenantAdmin]);
    private static readonly TenantSettings Defaults = TenantSettings.Default("Asia/Shanghai");

    private static TenantState Tenant() => new() { Exists = true, Name = "A town", Status = TenantStatus.Active, Settings = Defaults };

    [Fact]
    public void Default_to_eight_weeks_and_store_a_tenant_choice()
    {
        Assert.Equal(8, Defaults.ReviewWeeks);
        var state = Tenant();
        new TenantAggregate("town-a", state, Now).UpdateSettings(Defaults with { TrajectoryReviewWeeks = 12 }, Admin);
        Assert.Equal(12, state.Settings!.ReviewWeeks);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(53)]
    [InlineData(-1)]
    public void Refuse_a_period_outside_1_to_52_weeks_naming_the_field(int weeks)
    {
        var state = Tenant();
        var error = Assert.Throws<CareGridException>(() => new TenantAggregate("town-a", state, Now).UpdateSettings(Defaults with { TrajectoryReviewWeeks = weeks }, Admin));
        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Equal("weeks", error.Details["field"]);
        Assert.Same(Defaults, state.Settings);
    }
}
