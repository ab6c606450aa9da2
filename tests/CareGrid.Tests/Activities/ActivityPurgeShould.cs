using CareGrid.Grains.Activities;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.Tests.Infrastructure;
using CareGrid.Tests.PeopleDirectory;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Tests.Activities;

/// <summary>Tenant deletion erases every unit's activity plan and hazard ledger (R-7.1, R-7.6) and the registry of them (docs/activities.md).</summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class ActivityPurgeShould(CareGridApiFactory factory)
{
    private readonly DirectoryApi _api = new(factory);

    [Fact]
    public async Task Erase_activity_plans_and_hazard_ledgers_when_the_tenant_is_deleted()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "actpurge");
        await StaffMembers.AddAsync(factory, _api.Client, tenant, $"lead@{tenant}", "leadership", "LeadershipGroupMember");
        await _api.OkAsync(tenant, $"mutation {{ addActivity(organizationId: \"school\", input: {{ id: \"launch\", title: \"Launch\", owner: \"lead@{tenant}\" }}) {{ id }} }}");
        await _api.OkAsync(tenant, $"mutation {{ recordHazard(organizationId: \"school\", input: {{ id: \"h1\", place: \"Gym stairwell\", hazard: \"No camera\", owner: \"lead@{tenant}\", fixBy: \"2030-01-01\" }}) {{ id }} }}");

        var platform = factory.Token(null, Roles.PlatformAdmin);
        foreach (var mutation in new[]
                 {
                     $"mutation {{ offboardTenant(id: \"{tenant}\", reason: \"test ended\") {{ status }} }}",
                     $"mutation {{ exportTenant(id: \"{tenant}\") }}",
                     $"mutation {{ deleteTenant(id: \"{tenant}\", reason: \"test ended, export taken\") {{ status }} }}",
                 })
        {
            (await _api.Client.PostAsync("/graphql", mutation, token: platform)).EnsureNoErrors();
        }

        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        TenantContext.Set(tenant);
        try
        {
            var counts = await grains.GetGrain<IActivityPlanGrain>(TenantIds.Key(tenant, "school")).Counts(new DateOnly(2026, 1, 1));
            Assert.Equal((0, 0), (counts.Activities, counts.Hazards));
            Assert.Empty(await grains.GetGrain<IActivityRegistryGrain>(tenant).Units());
        }
        finally
        {
            TenantContext.Clear();
        }
    }
}
