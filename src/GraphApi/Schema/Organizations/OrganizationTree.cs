using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.ReadModel;

namespace CareGrid.GraphApi.Schema;

/// <summary>The rows of <c>organizations</c>: the read side's units ordered by id or as a tree, with depth and child count.</summary>
public static class OrganizationTree
{
    /// <summary>
    /// Rows with depth and child count: optionally only the subtree of <paramref name="root"/> (empty when it does not exist)
    /// and only <paramref name="kind"/>; by id, or depth-first when <paramref name="tree"/> (siblings by name as schools count, <see cref="UnitNameOrder"/>, then id).
    /// </summary>
    public static IReadOnlyList<OrganizationTreeRow> Tree(IReadOnlyList<OrganizationRow> rows, string? root, bool tree, OrganizationKind? kind)
    {
        var byId = rows.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var children = rows.Where(r => r.ParentId is not null && byId.ContainsKey(r.ParentId))
            .ToLookup(r => r.ParentId!, StringComparer.Ordinal);
        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        int Depth(OrganizationRow r)
        {
            if (depth.TryGetValue(r.Id, out var d))
            {
                return d;
            }

            d = 0;
            var seen = new HashSet<string>(StringComparer.Ordinal) { r.Id };
            for (var p = r.ParentId; p is not null && byId.TryGetValue(p, out var parent) && seen.Add(p); p = parent.ParentId)
            {
                d++;
            }

            return depth[r.Id] = d;
        }

        IEnumerable<OrganizationRow> ordered;
        if (tree)
        {
            var list = new List<OrganizationRow>(rows.Count);
            var starts = root is null
                ? rows.Where(r => r.ParentId is null || !byId.ContainsKey(r.ParentId)).OrderBy(r => r.Id, StringComparer.Ordinal).ToList()
                : byId.TryGetValue(root, out var start) ? [start] : [];
            var stack = new Stack<OrganizationRow>(Enumerable.Reverse(starts));
            var visited = new HashSet<string>(StringComparer.Ordinal);
            while (stack.TryPop(out var r))
            {
                if (!visited.Add(r.Id))
                {
                    continue;
                }

                list.Add(r);
                foreach (var c in children[r.Id].OrderByDescending(c => c.Name, UnitNameOrder.Instance).ThenByDescending(c => c.Id, StringComparer.Ordinal))
                {
                    stack.Push(c);
                }
            }

            ordered = list;
        }
        else
        {
            ordered = root is null ? rows : byId.ContainsKey(root) ? rows.Where(r => OrganizationHealth.Subtree(rows, root).Contains(r.Id)) : [];
        }

        return ordered.Where(r => kind is null || r.Kind == kind)
            .Select(r => new OrganizationTreeRow(r, Depth(r), children[r.Id].Count()))
            .ToList();
    }
}
