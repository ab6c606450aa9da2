using CareGrid.Grains.Census;
using CareGrid.Grains.Imports;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Tests.PeopleDirectory;

/// <summary>Deleting a tenant erases its roster imports and census rounds too (they have no read-side rows to find them by).</summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class DirectoryPurgeShould(CareGridApiFactory factory)
{
    private readonly DirectoryApi _api = new(factory);

    [Fact]
    public async Task Erase_imports_and_census_rounds_when_the_tenant_is_deleted()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "purge");
        var import = await _api.ImportAsync(tenant, "school", DirectoryApi.Csv("externalId,displayName", ["P1,Pupil"]));
        await _api.OkAsync(tenant, "mutation { startCensusRound(input: { id: \"round-1\", name: \"Census\", organizationIds: [\"school\"] }) { roundId } }");

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
            Assert.Null(await grains.GetGrain<IImportGrain>(TenantIds.Key(tenant, import["id"]!.GetValue<string>())).GetStatus());
            Assert.Null(await grains.GetGrain<ICensusRoundGrain>(TenantIds.Key(tenant, "round-1")).GetProgress());
            Assert.False((await grains.GetGrain<IJurisdictionGrain>(tenant).Get()).Applied);
        }
        finally
        {
            TenantContext.Clear();
        }
    }
}
