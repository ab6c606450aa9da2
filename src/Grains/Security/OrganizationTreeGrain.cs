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
    /// <summary>Records a unit created under <paramref name="parentId"/> (null: a root). Idempotent.</summary>
    Task Added(string organizationId, string? parentId, OrganizationKind kind);

    /// <summary>The scope of a member of <paramref name="memberUnits"/> (<see cref="OrganizationTree.Cover"/>).</summary>
    [ReadOnly]
    Task<StaffScope> Cover(IReadOnlyList<string> memberUnits);
}

/// <summary>One tenant's <see cref="OrganizationTree"/> (<see cref="IOrganizationTreeGrain"/>); nothing persisted.</summary>
[GrainType("organization-tree")]
public sealed class OrganizationTreeGrain(IReadModelStore readModel, JurisdictionTemplateCatalog catalog) : Grain, IOrganizationTreeGrain
{
    private OrganizationTree _tree = new([]);

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var tenantId = this.GetPrimaryKeyString();
        var applied = (await GrainFactory.GetGrain<IJurisdictionGrain>(tenantId).Get()).Template;
        // The current file of the tenant's template decides what a kind serves (a security rule, docs/access.md), so a tenant
        // provisioned before "serves" existed follows it too; a template no longer shipped keeps its stored copy.
        var template = applied is null ? null : catalog.Find(applied.Id) ?? applied;
        var tree = new OrganizationTree(template?.OrganizationKinds ?? []);
        foreach (var row in await readModel.ListOrganizationsAsync(tenantId))
        {
            tree.Add(row.Id, row.ParentId, row.Kind);
        }

        _tree = tree;
    }

    /// <inheritdoc />
    public Task Added(string organizationId, string? parentId, OrganizationKind kind)
    {
        _tree.Add(organizationId, parentId, kind);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<StaffScope> Cover(IReadOnlyList<string> memberUnits) => Task.FromResult(_tree.Cover(memberUnits));
}
