using CareGrid.Grains.Errors;
using CareGrid.Grains.Intake;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.Tests.Infrastructure;
using CareGrid.Tests.PeopleDirectory;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Tests.Intake;

/// <summary>Deleting a tenant erases its calls and appointment requests, grains and read-side rows (docs/intake.md "Tenant deletion").</summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class IntakePurgeShould(CareGridApiFactory factory)
{
    private readonly DirectoryApi _api = new(factory);

    [Fact]
    public async Task Erase_calls_and_appointments_when_the_tenant_is_deleted()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "intake");
        await _api.OkAsync(tenant, "mutation { registerPerson(input: { id: \"pupil-1\", displayName: \"Pupil\", organizationId: \"school\" }) { id } }");
        var call = (await _api.OkAsync(tenant, "mutation { logCall(input: { channel: HOTLINE, callerPersonId: \"pupil-1\", summary: \"Worried about exams\" }) { id } }"))["logCall"]!["id"]!.GetValue<string>();
        var appointment = (await _api.OkAsync(tenant, "mutation { requestAppointment(input: { personId: \"pupil-1\", reason: \"Exam stress\" }) { id } }"))["requestAppointment"]!["id"]!.GetValue<string>();
        var store = factory.Services.GetRequiredService<IIntakeStore>();
        Assert.Single((await store.QueryCallsAsync(tenant, new CallQuery(), 10, null)).Items);

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

        Assert.Empty((await store.QueryCallsAsync(tenant, new CallQuery(), 10, null)).Items);
        Assert.Empty((await store.QueryAppointmentsAsync(tenant, new AppointmentQuery(), 10, null)).Items);
        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        TenantContext.Set(tenant);
        try
        {
            // Gone: answered as an id that names nothing, which is as one outside need-to-know (round-33 red team F3).
            Assert.Equal(ErrorCodes.Forbidden, (await Assert.ThrowsAsync<CareGridException>(() => grains.GetGrain<ICallLogGrain>(TenantIds.Key(tenant, call)).Get(Actor.System))).Code);
            Assert.Equal(ErrorCodes.Forbidden, (await Assert.ThrowsAsync<CareGridException>(() => grains.GetGrain<IAppointmentGrain>(TenantIds.Key(tenant, appointment)).Get(Actor.System))).Code);
        }
        finally
        {
            TenantContext.Clear();
        }
    }
}
