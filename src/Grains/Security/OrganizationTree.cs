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
    private readonly IReadOnlyDictionary<string, string> _accessRoles;

    /// <summary>
    /// The access roles that work at the front line of their own unit (R-4.3 level 1: the homeroom teacher sees their class);
    /// holding only these in a unit that serves its parent or the tenant does not widen the scope (docs/access.md).
    /// </summary>
    public static readonly IReadOnlySet<string> FrontLineRoles = new HashSet<string>(StringComparer.Ordinal)
    {
        Roles.Caseworker, Roles.Reporter, Roles.Volunteer,
    };

    /// <summary>
    /// An empty tree whose kinds serve what <paramref name="kinds"/> says (a kind not listed serves its subtree) and whose
    /// role codes map to the access roles of <paramref name="roles"/> (a code not listed never widens a scope).
    /// </summary>
    public OrganizationTree(IEnumerable<TemplateOrganizationKind> kinds, IEnumerable<TemplateRole> roles)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(roles);
        _serves = kinds.GroupBy(k => k.Kind).ToDictionary(g => g.Key, g => g.First().Serves);
        _accessRoles = roles.GroupBy(r => r.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().AccessRole, StringComparer.Ordinal);
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
    /// The scope of a staff member holding, in each unit of <paramref name="rolesByUnit"/>, the template role codes listed
    /// (key: local unit id). Each unit covers its own subtree; a unit whose kind serves its parent or the whole tenant covers
    /// that instead only when the member holds there a role that leads or professionally serves it — an access role outside
    /// <see cref="FrontLineRoles"/> (R-4.3: a homeroom teacher in the leadership group still sees only their class;
    /// docs/access.md). A unit the tree does not know covers itself only. No unit at all gives <see cref="StaffScope.Unassigned"/>.
    /// </summary>
    public StaffScope Cover(IReadOnlyDictionary<string, List<string>> rolesByUnit) => Resolve(rolesByUnit, volunteersServe: false);

    /// <summary>
    /// The units a staff member may be named to do the work of (<c>activateCase(assigneeId)</c>, docs/access.md "Naming a
    /// staff member"): <see cref="Cover"/>, except that a
    /// <see cref="Roles.Volunteer"/> role widens as far as its unit serves. A part-time counsellor or emergency volunteer of a
    /// school's team is given cases of every class by the psychology teacher (plan 6, R-5.3, R-6.3) though their own queue
    /// reaches only their team; a homeroom teacher or a reporter still reaches only their own unit's subtree.
    /// </summary>
    public StaffScope CoverForWork(IReadOnlyDictionary<string, List<string>> rolesByUnit) => Resolve(rolesByUnit, volunteersServe: true);

    private StaffScope Resolve(IReadOnlyDictionary<string, List<string>> rolesByUnit, bool volunteersServe)
    {
        ArgumentNullException.ThrowIfNull(rolesByUnit);
        var covered = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (unit, roles) in rolesByUnit)
        {
            if (!_units.TryGetValue(unit, out var node))
            {
                covered.Add(unit);
                continue;
            }

            var serves = Widens(roles, volunteersServe) ? _serves.GetValueOrDefault(node.Kind, OrganizationServes.Subtree) : OrganizationServes.Subtree;
            switch (serves)
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

    /// <summary>True when one of <paramref name="roleCodes"/> is a template role whose access role is not front-line (or is Volunteer, when <paramref name="volunteersServe"/>).</summary>
    private bool Widens(IEnumerable<string> roleCodes, bool volunteersServe) =>
        roleCodes.Any(code => _accessRoles.TryGetValue(code, out var access)
            && (!FrontLineRoles.Contains(access) || (volunteersServe && access == Roles.Volunteer)));

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
