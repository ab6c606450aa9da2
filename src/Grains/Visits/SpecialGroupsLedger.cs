using CareGrid.Grains.Hosting;
using CareGrid.Grains.ReadModel;

namespace CareGrid.Grains.Visits;

/// <summary>Reads the special-groups ledger of some units, and erases a tenant's visits and ledger (offboarding).</summary>
public static class SpecialGroupsLedger
{
    /// <summary>
    /// The entries listed in <paramref name="units"/>, overdue reviews first (earliest review day first), then by review day and
    /// person id; with <paramref name="overdueOnly"/> only those whose review day is before <paramref name="today"/>. One grain call per unit.
    /// </summary>
    public static async Task<IReadOnlyList<SpecialGroupsEntry>> ListAsync(IGrainFactory grains, string tenantId, IEnumerable<string> units, DateOnly today, bool overdueOnly)
    {
        var lists = await Task.WhenAll(units.Select(u => grains.GetRef<ISpecialGroupsIndexGrain>(ISpecialGroupsIndexGrain.KeyOf(tenantId, u)).Entries()));
        return [.. lists.SelectMany(l => l).Where(e => !overdueOnly || e.IsOverdueOn(today))
            .OrderBy(e => e.ReviewOn).ThenBy(e => e.PersonId, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Erases every person's visit log and ledger entry with what they put into the unit tallies and ledger indexes (the
    /// <c>deleteTenant</c> purge, docs/visits.md). Idempotent.
    /// </summary>
    public static async Task EraseAsync(IGrainFactory grains, IReadModelStore readModel, string tenantId)
    {
        string? after = null;
        do
        {
            var page = await readModel.QueryPeopleAsync(tenantId, null, 100, after);
            foreach (var row in page.Items)
            {
                await grains.GetRef<IPersonVisitsGrain>(IPersonVisitsGrain.KeyOf(tenantId, row.Id)).Purge();
            }

            after = page.HasNextPage && page.Items.Count > 0 ? page.Items[^1].Id : null;
        }
        while (after is not null);
    }
}
