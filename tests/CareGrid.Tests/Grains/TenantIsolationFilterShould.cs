using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Grains;

[Trait("tier", "grains")]
[Collection(ClusterCollection.Name)]
public sealed class TenantIsolationFilterShould(ClusterFixture fixture)
{
    [Fact]
    public async Task Reject_a_call_carrying_tenant_A_on_a_grain_key_of_tenant_B()
    {
        var (tenantB, studentB) = await Seeds.SchoolAsync(fixture.Grains);
        var caseB = await Seeds.ReportAsync(fixture.Grains, tenantB, studentB);
        var (tenantA, _) = await Seeds.SchoolAsync(fixture.Grains);

        TenantContext.Set(tenantA);
        try
        {
            var error = await Assert.ThrowsAsync<CareGridException>(() => caseB.Get(Seeds.PsychologyTeacher(tenantA)));
            Assert.Equal(ErrorCodes.Forbidden, error.Code);

            var write = await Assert.ThrowsAsync<CareGridException>(() => caseB.Fire(CaseTrigger.Triage, new CaseCommand("x"), Seeds.PsychologyTeacher(tenantA)));
            Assert.Equal(ErrorCodes.Forbidden, write.Code);
        }
        finally
        {
            TenantContext.Clear();
        }

        // The refused write changed nothing.
        TenantContext.Set(tenantB);
        var view = await caseB.Get(Seeds.Homeroom(tenantB));
        TenantContext.Clear();
        Assert.Equal(CaseStatus.Reported, view!.Status);
        Assert.Equal(["Report", "Intake"], view.Timeline.Select(e => e.Action));
    }

    [Fact]
    public async Task Let_a_call_carrying_the_keys_own_tenant_through()
    {
        var (tenant, student) = await Seeds.SchoolAsync(fixture.Grains);
        var grain = await Seeds.ReportAsync(fixture.Grains, tenant, student);
        TenantContext.Set(tenant);
        var view = await grain.Fire(CaseTrigger.Triage, new CaseCommand(null), Seeds.Homeroom(tenant));
        TenantContext.Clear();
        Assert.Equal(CaseStatus.Triage, view.Status);
    }

    [Fact]
    public async Task Reject_a_cross_tenant_call_to_the_tenant_grain_itself()
    {
        var (tenantB, _) = await Seeds.SchoolAsync(fixture.Grains);
        TenantContext.Set("some-other-tenant");
        try
        {
            var error = await Assert.ThrowsAsync<CareGridException>(() =>
                fixture.Grains.GetGrain<ITenantGrain>(tenantB).Fire(TenantTrigger.Suspend, "x", Actor.System));
            Assert.Equal(ErrorCodes.Forbidden, error.Code);
        }
        finally
        {
            TenantContext.Clear();
        }

        Assert.Equal(TenantStatus.Active, (await fixture.Grains.GetGrain<ITenantRegistryGrain>(ITenantRegistryGrain.Key).Get(tenantB))!.Status);
    }
}
