using CareGrid.Grains.Cases;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using CareGrid.Tests.PeopleDirectory;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Tests.Api;

/// <summary>
/// A counsellor's <c>cases</c> page over GraphQL reads their own cases, not the tenant (docs/read-side.md): the rows the
/// embedded read side examines for the first two pages are the same in a tenant of 300 cases and of 20,000. Counted on
/// the read side (<see cref="InMemoryReadModelStore.RowsExamined"/>), not timed. The tenant's other cases are rows of
/// other units written straight to the read side (a list reads rows only).
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class CasesPageCostShould(CareGridApiFactory factory)
{
    private const string Page = "query($after: String) { cases(first: 20, after: $after) { nodes { id assigneeId } pageInfo { hasNextPage endCursor } } }";

    private readonly DirectoryApi _api = new(factory);

    [Fact]
    public async Task Examine_the_same_rows_for_a_counsellors_pages_in_a_small_and_a_large_tenant()
    {
        var store = Assert.IsType<InMemoryReadModelStore>(factory.Services.GetRequiredService<IReadModelStore>());
        var examined = new List<long>();
        foreach (var size in new[] { 300, 20_000 })
        {
            var tenant = await _api.OnboardAsync("SCHOOL", "school", "cost");
            var counsellor = "counsellor@" + tenant;
            var at = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
            for (var i = 0; i < size; i++)
            {
                // 30 of the cases are the counsellor's own, spread over the id range; the rest are other units' and others'.
                var own = i % (size / 30) == 0 && i < 30 * (size / 30);
                await store.UpsertCaseAsync(new CaseRow(tenant, $"case-{i:D6}", $"p{i % 50}", own ? null : $"class-{i % 7}",
                    CaseStatus.Active, RiskLevel.Low, 1, own ? counsellor : "someone@" + tenant, at.AddMinutes(i), at.AddMinutes(i)));
            }

            var token = factory.TokenFor(counsellor, tenant, Roles.Counsellor);
            var before = store.RowsExamined(tenant).Cases;
            var first = (await _api.OkAsync(tenant, Page, new { after = (string?)null }, token))["cases"]!;
            var second = (await _api.OkAsync(tenant, Page, new { after = first["pageInfo"]!["endCursor"]!.GetValue<string>() }, token))["cases"]!;
            examined.Add(store.RowsExamined(tenant).Cases - before);

            var ids = first["nodes"]!.AsArray().Concat(second["nodes"]!.AsArray()).ToList();
            Assert.Equal(30, ids.Count);
            Assert.All(ids, n => Assert.Equal(counsellor, n!["assigneeId"]!.GetValue<string>()));
            Assert.False(second["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        }

        // 30 own cases, each read once, plus the row that answers hasNextPage on the full first page.
        Assert.Equal([31L, 31L], examined);
    }
}
