using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using Orleans.Core.Internal;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Tests.Durable;

/// <summary>
/// A case is created without reading its (absent) state first: on Azure Table storage the first write is insert-only, so
/// a report under an id that is taken — seen by an activation that never read that case — is refused with
/// <c>ALREADY_EXISTS</c> and changes nothing; and a case whose read-side row was lost heals when it is next activated.
/// </summary>
[Trait("tier", "durable")]
[Collection(DurableCollection.Name)]
public sealed class CaseCreationShould(AzuriteFixture azurite)
{
    [SkippableFact]
    public async Task Refuse_a_report_under_a_taken_id_from_a_new_activation_and_heal_a_lost_row_on_the_next_read()
    {
        azurite.RequireAzurite();
        var settings = new DurableSettings(azurite, "create");
        var tenant = "create-" + settings.ClusterId[^8..];
        try
        {
            await using var factory = new DurableApiFactory(settings.ForSilo(Infrastructure.FreePorts.Next(), Infrastructure.FreePorts.Next()));
            var api = new TenantBuilder(factory.GraphQL(), settings);
            await api.OnboardAsync(tenant, "SCHOOL");
            await api.CreateOrganizationAsync(tenant, "class-1", "CLASS", null, 1);
            await api.RegisterAsync(tenant, "p-1", "class-1");
            var caseId = await api.ReportAsync(tenant, "p-1", "LOW");

            var grains = factory.Services.GetRequiredService<IGrainFactory>();
            var readModel = factory.Services.GetRequiredService<IReadModelStore>();
            var grain = grains.GetGrain<ICaseGrain>(TenantIds.Key(tenant, caseId));
            var reader = new Actor("psych@" + tenant, [Roles.Counsellor]);
            TenantContext.Set(tenant);
            var before = await grain.Get(reader);
            await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();

            var error = await Assert.ThrowsAsync<CareGridException>(() =>
                grain.Report(new ReportConcern("p-1", "A second concern under the same id", RiskLevel.Imminent, null), reader));
            Assert.Equal(ErrorCodes.AlreadyExists, error.Code);
            var after = await grain.Get(reader);
            Assert.Equal(before!.Summary, after!.Summary);
            Assert.Equal(RiskLevel.Low, after.RiskLevel);
            Assert.Equal(before.Timeline.Count, after.Timeline.Count);

            // A crash between the state write and the read-side row: the row is missing, the state is stored. The next
            // activation of the case writes the row again.
            await readModel.PurgeTenantAsync(tenant);
            Assert.Empty((await readModel.QueryCasesAsync(tenant, new(), 10, null)).Items);
            await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();
            await grain.Get(reader);
            var row = Assert.Single((await readModel.QueryCasesAsync(tenant, new(), 10, null)).Items);
            Assert.Equal(caseId, row.Id);
            Assert.Equal(CaseStatus.Reported, row.Status);
        }
        finally
        {
            TenantContext.Clear();
            settings.DeleteKey();
        }
    }
}
