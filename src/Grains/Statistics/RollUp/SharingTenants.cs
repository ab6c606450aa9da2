using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Statistics.RollUp;

/// <summary>
/// Which tenants a parent tenant's roll-up covers (docs/statistics.md "Roll-up"), from the tenant list the registry keeps
/// (each tenant names its <see cref="TenantInfo.ParentId"/>). A descendant is covered when it is Active, shares its statistics
/// (<see cref="TenantInfo.StatisticsSharing"/>) and so does every tenant between it and the parent: a school under a town
/// reaches the district only while the town shares too.
/// </summary>
public static class SharingTenants
{
    /// <summary>Every descendant of <paramref name="parentId"/> that is not deleted, children before grandchildren, each level by id.</summary>
    public static IReadOnlyList<TenantInfo> Descendants(IEnumerable<TenantInfo> tenants, string parentId) =>
        Walk(tenants, parentId, t => t.Status != TenantStatus.Deleted);

    /// <summary>The descendants of <paramref name="parentId"/> the roll-up covers (see the class), children before grandchildren, each level by id.</summary>
    public static IReadOnlyList<TenantInfo> Covered(IEnumerable<TenantInfo> tenants, string parentId) =>
        Walk(tenants, parentId, t => t.Status == TenantStatus.Active && t.StatisticsSharing);

    private static List<TenantInfo> Walk(IEnumerable<TenantInfo> tenants, string parentId, Func<TenantInfo, bool> include)
    {
        var children = tenants.Where(t => t.ParentId is not null).ToLookup(t => t.ParentId!, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal) { parentId };
        var found = new List<TenantInfo>();
        var level = new List<string> { parentId };
        while (level.Count > 0)
        {
            var next = level.SelectMany(id => children[id]).Where(t => include(t) && seen.Add(t.Id))
                .OrderBy(t => t.Id, StringComparer.Ordinal).ToList();
            found.AddRange(next);
            level = next.Select(t => t.Id).ToList();
        }

        return found;
    }
}
