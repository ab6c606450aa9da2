using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Cases;

/// <summary>
/// <see cref="Actor.NextActions"/> on a real case grain: a view answered to an actor that asks for it carries no
/// next actions (the grain did not decide them), every other call gets them (docs/write-path-profile.md "Round 39").
/// </summary>
[Trait("tier", "grains")]
[Collection(ClusterCollection.Name)]
public sealed class NextActionsLeftOutShould(ClusterFixture fixture)
{
    [Fact]
    public async Task Be_left_out_only_for_the_actor_that_asks_and_kept_for_every_other()
    {
        var (tenant, student) = await Seeds.SchoolAsync(fixture.Grains);
        var grain = await Seeds.ReportAsync(fixture.Grains, tenant, student);
        var psych = Seeds.PsychologyTeacher(tenant);
        TenantContext.Set(tenant);
        try
        {
            var full = (await grain.Get(psych))!;
            Assert.NotEmpty(full.NextActions);
            Assert.Contains("triageCase", full.AvailableActions);

            var without = (await grain.Get(psych with { NextActions = NextActionsDetail.None }))!;
            Assert.Empty(without.NextActions);
            Assert.Empty(without.AvailableActions);
            Assert.Equal((full.Id, full.Status, full.RiskLevel, full.Timeline.Count), (without.Id, without.Status, without.RiskLevel, without.Timeline.Count));

            var names = (await grain.Get(psych with { NextActions = NextActionsDetail.Names }))!;
            Assert.Empty(names.NextActions);
            Assert.Equal(full.AvailableActions, names.AvailableActions);

            var after = (await grain.Get(psych))!;
            Assert.Equal(full.AvailableActions, after.AvailableActions);
            Assert.Equal(full.NextActions.Count, after.NextActions.Count);
        }
        finally
        {
            TenantContext.Clear();
        }
    }
}
