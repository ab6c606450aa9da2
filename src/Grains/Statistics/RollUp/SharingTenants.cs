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

    /// <summary>
    /// The descendants of <paramref name="parentId"/> that are not deleted and that the roll-up does not cover, each with why
    /// (<see cref="RollUpGap"/>), children before grandchildren, each level by id; empty when every one is covered. A tenant
    /// that is not Active counts as not sharing. Names the tenants, never counts of theirs (R-1.13: the district supervises and
    /// must know whose figures are missing).
    /// </summary>
    public static IReadOnlyList<RollUpNotCovered> NotCovered(IEnumerable<TenantInfo> tenants, string parentId)
    {
        var covered = Covered(tenants, parentId).Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        // Not covered while it shares itself: some tenant between it and the parent does not.
        return [.. Descendants(tenants, parentId).Where(t => !covered.Contains(t.Id)).Select(t => new RollUpNotCovered(t.Id, t.Name, t.Kind,
            t.Status == TenantStatus.Active && t.StatisticsSharing ? RollUpGap.TenantBetweenNotSharing : RollUpGap.TenantNotSharing))];
    }

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

/// <summary>Why a descendant tenant is missing from the roll-up (docs/statistics.md "Roll-up").</summary>
public enum RollUpGap
{
    /// <summary>The tenant itself does not share its statistics (sharing off, or the tenant not Active).</summary>
    TenantNotSharing = 0,
    /// <summary>The tenant shares, but a tenant between it and the parent does not, so its figures do not reach the parent.</summary>
    TenantBetweenNotSharing = 1,
}

/// <summary>A descendant tenant the roll-up does not cover: its id, name, kind and why — never a count of its own.</summary>
/// <param name="Id">The tenant id.</param>
/// <param name="Name">The tenant's name.</param>
/// <param name="Kind">District, Town or School.</param>
/// <param name="Reason">Whether the tenant itself does not share or a tenant between it and the parent does not.</param>
public sealed record RollUpNotCovered(string Id, string Name, TenantKind Kind, RollUpGap Reason);
