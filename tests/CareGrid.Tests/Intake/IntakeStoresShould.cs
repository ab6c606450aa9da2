using Azure.Data.Tables;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Intake;
using CareGrid.Grains.ReadModel;
using CareGrid.Tests.Durable;

namespace CareGrid.Tests.Intake;

/// <summary>
/// The durable intake read side (<see cref="AzureTableIntakeStore"/>, on Azurite) answers the call and appointment lists
/// exactly as the embedded <see cref="InMemoryIntakeStore"/> does — same rows, same order (calls newest first), same pages —
/// keeps tenants apart and purges a tenant (docs/intake.md "Bounded state").
/// </summary>
[Trait("tier", "durable")]
[Collection(DurableCollection.Name)]
public sealed class IntakeStoresShould(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 1, 0, 0, TimeSpan.Zero);

    [SkippableFact]
    public async Task Return_the_same_pages_as_the_in_memory_store_and_purge_a_tenant()
    {
        azurite.RequireAzurite();
        var durable = new AzureTableIntakeStore(new TableServiceClient(azurite.ConnectionString), "intake" + Guid.NewGuid().ToString("N")[..8]);
        var memory = new InMemoryIntakeStore();
        var tenant = "in-" + Guid.NewGuid().ToString("N")[..12];
        var other = tenant + "-b";
        foreach (IIntakeStore store in new IIntakeStore[] { durable, memory })
        {
            for (var i = 0; i < 12; i++)
            {
                var unit = i % 3 == 0 ? null : i % 3 == 1 ? "class-1" : "class-2";
                await store.UpsertCallAsync(new CallRow(tenant, $"call-{i:D2}", (CallChannel)(i % 3), T0.AddMinutes(i % 5), i % 2 == 0 ? "a@t" : "b@t",
                    unit is not null, (RiskLevel)(i % 4), unit, i == 4 ? "case-1" : null, RiskGraded: i % 8 != 0));
                await store.UpsertAppointmentAsync(new AppointmentRow(tenant, $"appt-{i:D2}", $"p-{i}", i % 2 == 0 ? "class-1" : "class-2",
                    (AppointmentStatus)(i % 5), i % 2 == 0 ? "a@t" : "b@t", T0, i % 5 == 1 ? T0.AddDays(1) : null, null));
            }

            await store.UpsertCallAsync(new CallRow(other, "call-x", CallChannel.Hotline, T0, "a@t", false, RiskLevel.Low, null, null));
        }

        foreach (var query in new CallQuery[] { new(), new(CallChannel.Hotline), new(AnsweredBy: "a@t"), new(OrganizationIds: ["class-1"]), new(OrganizationIds: []),
                     new(RiskLevel: RiskLevel.Low), new(RiskGraded: false) })
        {
            foreach (var size in new[] { 1, 5, 100 })
            {
                var expected = await AllAsync((f, a) => memory.QueryCallsAsync(tenant, query, f, a), size, r => r.SortKeyOf());
                Assert.Equal(expected, await AllAsync((f, a) => durable.QueryCallsAsync(tenant, query, f, a), size, r => r.SortKeyOf()));
            }
        }

        var all = await AllAsync((f, a) => durable.QueryCallsAsync(tenant, new CallQuery(), f, a), 100, r => r.SortKeyOf());
        Assert.Equal(12, all.Count);
        Assert.Equal(all.OrderByDescending(r => r.AnsweredAt).ThenBy(r => r.Id, StringComparer.Ordinal), all);
        foreach (var query in new AppointmentQuery[] { new(), new(AppointmentStatus.Scheduled), new(RequestedBy: "b@t"), new(OrganizationIds: ["class-2"]) })
        {
            Assert.Equal(await AllAsync((f, a) => memory.QueryAppointmentsAsync(tenant, query, f, a), 3, r => r.Id),
                await AllAsync((f, a) => durable.QueryAppointmentsAsync(tenant, query, f, a), 3, r => r.Id));
        }

        Assert.Equal((await memory.ListIdsAsync(tenant, IntakeKind.Call)).Order(), (await durable.ListIdsAsync(tenant, IntakeKind.Call)).Order());
        await durable.PurgeTenantAsync(tenant);
        Assert.Empty((await durable.QueryCallsAsync(tenant, new CallQuery(), 10, null)).Items);
        Assert.Empty(await durable.ListIdsAsync(tenant, IntakeKind.Appointment));
        Assert.Single((await durable.QueryCallsAsync(other, new CallQuery(), 10, null)).Items);
    }

    private static async Task<List<T>> AllAsync<T>(Func<int, string?, ValueTask<Page<T>>> page, int size, Func<T, string> cursor)
    {
        var rows = new List<T>();
        string? after = null;
        while (true)
        {
            var current = await page(size, after);
            rows.AddRange(current.Items);
            if (!current.HasNextPage)
            {
                return rows;
            }

            after = cursor(current.Items[^1]);
        }
    }
}
