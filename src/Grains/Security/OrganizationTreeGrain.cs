using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Tenancy;
using Orleans.Concurrency;

namespace CareGrid.Grains.Security;

/// <summary>
/// A tenant's organization tree held in memory for the need-to-know scope (docs/access.md, need-to-know by organization).
/// Key: the bare tenant id. Built on activation from the read side's organization rows and the tenant's template (what
/// each kind <c>serves</c>); a unit created later is added by its <see cref="IOrganizationGrain.Create"/>.
/// </summary>
public interface IOrganizationTreeGrain : ITenantScopedGrain
{
    /// <summary>Records a unit created under <paramref name="parentId"/> (null: a root). Idempotent; interleaves (it never waits).</summary>
    [AlwaysInterleave]
    Task Added(string organizationId, string? parentId, OrganizationKind kind);

    /// <summary>
    /// The scope of a member holding the role codes of <paramref name="rolesByUnit"/> (key: unit id; <see cref="OrganizationTree.Cover"/>).
    /// Read-only, so concurrent calls interleave; on a cold grain they share one build of the tree.
    /// </summary>
    [ReadOnly]
    Task<StaffScope> Cover(Dictionary<string, List<string>> rolesByUnit);

    /// <summary>
    /// The units a member holding the role codes of <paramref name="rolesByUnit"/> may be named to work
    /// (<see cref="OrganizationTree.CoverForWork"/>: a Volunteer role widens as far as its unit serves). Read-only, as <see cref="Cover"/>.
    /// </summary>
    [ReadOnly]
    Task<StaffScope> CoverForWork(Dictionary<string, List<string>> rolesByUnit);
}

/// <summary>One tenant's <see cref="OrganizationTree"/> (<see cref="IOrganizationTreeGrain"/>); nothing persisted.</summary>
/// <remarks>
/// The tree is built on the first <see cref="Cover"/>, not on activation: a unit created while the template is being applied
/// calls <see cref="Added"/> from inside the jurisdiction grain's turn, and asking that grain for the template then would wait
/// on itself (<see cref="IOrganizationTreeGrain.Added"/> interleaves for the same reason). Units added before the first
/// <see cref="Cover"/> are kept and applied with the read side's rows. Concurrent <see cref="Cover"/> calls on a cold grain (they
/// interleave, being read-only) share one build, as <see cref="Statistics.TenantStatisticsGrain"/>'s requests share one
/// projection build; before, each ran its own (the jurisdiction and the tenant's organization rows read once per caller,
/// and a later build could drop the units added while the first one ran). A build that failed is tried again by the next call.
/// </remarks>
[GrainType("organization-tree")]
public sealed class OrganizationTreeGrain(IReadModelStore readModel, JurisdictionTemplateCatalog catalog, Hosting.SiloLookupCache lookups) : Grain, IOrganizationTreeGrain
{
    private OrganizationTree? _tree;

    /// <summary>The build in progress (one per activation, shared by every <see cref="Cover"/> that needs the tree), or null.</summary>
    private Task<OrganizationTree>? _building;

    /// <summary>Units added while the tree is being built, applied once it is (the read side may have been read before their rows).</summary>
    private List<(string Id, string? ParentId, OrganizationKind Kind)>? _addedWhileBuilding;

    /// <inheritdoc />
    public Task Added(string organizationId, string? parentId, OrganizationKind kind)
    {
        if (_tree is not null)
        {
            _tree.Add(organizationId, parentId, kind);
        }
        else
        {
            (_addedWhileBuilding ??= []).Add((organizationId, parentId, kind));
        }

        lookups.ForgetScopes(this.GetPrimaryKeyString()); // a new unit below a member's unit widens their scope
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<StaffScope> Cover(Dictionary<string, List<string>> rolesByUnit) => (_tree ?? await TreeAsync()).Cover(rolesByUnit);

    /// <inheritdoc />
    public async Task<StaffScope> CoverForWork(Dictionary<string, List<string>> rolesByUnit) => (_tree ?? await TreeAsync()).CoverForWork(rolesByUnit);

    /// <summary>The tree being built, starting the build unless one is under way (a failed one is started again).</summary>
    private Task<OrganizationTree> TreeAsync()
    {
        if (_building is null || _building.IsCompleted)
        {
            _building = BuildAsync();
        }

        return _building;
    }

    private async Task<OrganizationTree> BuildAsync()
    {
        var tenantId = this.GetPrimaryKeyString();
        var applied = (await GrainFactory.GetGrain<IJurisdictionGrain>(tenantId).Get()).Template;
        // The current file of the tenant's template decides what a kind serves (a security rule, docs/access.md), so a tenant
        // provisioned before "serves" existed follows it too; a template no longer shipped keeps its stored copy.
        var template = applied is null ? null : catalog.Find(applied.Id) ?? applied;
        var tree = new OrganizationTree(template?.OrganizationKinds ?? [], template?.Roles ?? []);
        foreach (var row in await readModel.ListOrganizationsAsync(tenantId))
        {
            tree.Add(row.Id, row.ParentId, row.Kind);
        }

        foreach (var (id, parentId, kind) in _addedWhileBuilding ?? [])
        {
            tree.Add(id, parentId, kind);
        }

        _addedWhileBuilding = null;
        return _tree = tree;
    }
}
