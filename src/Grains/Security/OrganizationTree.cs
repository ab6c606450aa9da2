using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.Organizations;

namespace CareGrid.Grains.Security;

/// <summary>
/// A tenant's organization tree as the need-to-know scope needs it (docs/access.md, need-to-know by organization): each
/// unit's parent and kind, and what each kind serves (<see cref="OrganizationServes"/>, the template's <c>serves</c>).
/// Pure and not thread-safe: <see cref="OrganizationTreeGrain"/> owns one per tenant.
/// </summary>
public sealed class OrganizationTree
{
    private readonly Dictionary<string, (string? ParentId, OrganizationKind Kind)> _units = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _children = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<OrganizationKind, OrganizationServes> _serves;

    /// <summary>An empty tree whose kinds serve what <paramref name="kinds"/> says (a kind not listed serves its subtree).</summary>
    public OrganizationTree(IEnumerable<TemplateOrganizationKind> kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        _serves = kinds.GroupBy(k => k.Kind).ToDictionary(g => g.Key, g => g.First().Serves);
    }

    /// <summary>How many units the tree knows.</summary>
    public int Count => _units.Count;

    /// <summary>Records unit <paramref name="id"/> under <paramref name="parentId"/> (null: a root). Idempotent; a unit's parent never changes.</summary>
    public void Add(string id, string? parentId, OrganizationKind kind)
    {
        if (!_units.TryAdd(id, (parentId, kind)))
        {
            return;
        }

        if (parentId is not null)
        {
            if (!_children.TryGetValue(parentId, out var list))
            {
                _children[parentId] = list = [];
            }

            list.Add(id);
        }
    }

    /// <summary>
    /// The scope of a staff member who is a member of <paramref name="memberUnits"/>: for each unit, the subtree its kind
    /// serves (its own, its parent's, or the whole tenant); a unit the tree does not know covers itself only. No unit at all
    /// gives <see cref="StaffScope.Unassigned"/>.
    /// </summary>
    public StaffScope Cover(IEnumerable<string> memberUnits)
    {
        var covered = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var unit in memberUnits)
        {
            if (!_units.TryGetValue(unit, out var node))
            {
                covered.Add(unit);
                continue;
            }

            switch (_serves.GetValueOrDefault(node.Kind, OrganizationServes.Subtree))
            {
                case OrganizationServes.Tenant:
                    return StaffScope.Tenant;
                case OrganizationServes.Parent:
                    AddSubtree(node.ParentId ?? unit, covered);
                    break;
                default:
                    AddSubtree(unit, covered);
                    break;
            }
        }

        return covered.Count == 0 ? StaffScope.Unassigned : new StaffScope(false, [.. covered]);
    }

    private void AddSubtree(string root, SortedSet<string> covered)
    {
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var unit = pending.Pop();
            if (!covered.Add(unit) || !_children.TryGetValue(unit, out var children))
            {
                continue;
            }

            foreach (var child in children)
            {
                pending.Push(child);
            }
        }
    }
}
