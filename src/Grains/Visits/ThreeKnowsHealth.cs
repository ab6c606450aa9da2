using CareGrid.Grains.Hosting;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Visits;

/// <summary>
/// The three-knows rule of <c>organizationHealth</c> (R-6.2, R-2.2; docs/visits.md): every left-behind child (target group
/// <c>LeftBehindChild</c>, or the ledger group <c>LEFT_BEHIND</c>) has the basic situation, the guardian and the parents'
/// workplace and contact recorded. A child in a unit the caller's scope covers is named with the knows missing; the others
/// are counted per unit without names (need-to-know by organization, docs/access.md).
/// </summary>
public static class ThreeKnowsHealth
{
    /// <summary>The requirement numbers of the rule.</summary>
    public const string Requirement = "R-6.2, R-2.2";

    /// <summary>
    /// The findings for the left-behind children of <paramref name="units"/> (null: the whole tenant), as <paramref name="scope"/>
    /// may see them. One read-side pass over the left-behind people, one ledger-index call per unit, two grain calls per child.
    /// </summary>
    public static async Task<IReadOnlyList<HealthFinding>> FindAsync(IGrainFactory grains, IReadModelStore readModel, string tenantId,
        IReadOnlyCollection<string>? units, StaffScope scope)
    {
        var ids = await LeftBehindIdsAsync(grains, readModel, tenantId, units);
        var children = await Task.WhenAll(ids.Order(StringComparer.Ordinal).Select<string, Task<(PersonInfo Person, IReadOnlyList<ThreeKnow> Missing)?>>(async id =>
        {
            var person = await grains.GetRef<IPersonGrain>(TenantIds.Key(tenantId, id)).Get();
            var ledger = (await grains.GetRef<IPersonVisitsGrain>(IPersonVisitsGrain.KeyOf(tenantId, id)).Snapshot()).Ledger;
            return person is null || !SpecialGroupsRules.IsLeftBehind(person, ledger) || (units is not null && !units.Contains(person.OrganizationId))
                ? null
                : (Person: person, Missing: SpecialGroupsRules.MissingKnows(person, ledger));
        }));
        var incomplete = children.OfType<(PersonInfo Person, IReadOnlyList<ThreeKnow> Missing)>().Where(c => c.Missing.Count > 0).ToList();
        var findings = incomplete.Where(c => scope.Covers(c.Person.OrganizationId)).Select(c => Named(c.Person, c.Missing)).ToList();
        findings.AddRange(incomplete.Where(c => !scope.Covers(c.Person.OrganizationId)).GroupBy(c => c.Person.OrganizationId)
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Counted(g.Key, g.Count())));
        return findings;
    }

    /// <summary>
    /// <paramref name="report"/> with the three-knows findings of the subtree of <paramref name="rootId"/> (null: the tenant)
    /// appended, as <paramref name="viewer"/>'s organization scope may see them (<see cref="FindAsync"/>).
    /// </summary>
    public static async Task<OrganizationHealthReport> AddToAsync(IGrainFactory grains, IReadModelStore readModel, string tenantId, string? rootId,
        OrganizationHealthReport report, Actor viewer)
    {
        ArgumentNullException.ThrowIfNull(report);
        var units = rootId is null ? null : OrganizationHealth.Subtree(await readModel.ListOrganizationsAsync(tenantId), rootId);
        var scope = await StaffScopes.ResolveAsync(grains, tenantId, viewer);
        var found = await FindAsync(grains, readModel, tenantId, units, scope);
        return found.Count == 0 ? report : report with { Findings = [.. report.Findings, .. found] };
    }

    private static HealthFinding Named(PersonInfo child, IReadOnlyList<ThreeKnow> missing)
    {
        var en = string.Join(", ", missing.Select(k => SpecialGroupsRules.Name(k).En));
        var zh = string.Join("、", missing.Select(k => SpecialGroupsRules.Name(k).Zh));
        return new HealthFinding(HealthRuleKind.ThreeKnowsComplete, Requirement, child.OrganizationId, child.Id, null,
            $"{child.DisplayName} (left-behind child): the three knows are incomplete; missing {en} ({Requirement}). / "
            + $"{child.DisplayName}（留守儿童）“三个清楚”不完整：缺少{zh}。")
        { MissingKnows = missing };
    }

    private static HealthFinding Counted(string unit, int count) =>
        new(HealthRuleKind.ThreeKnowsComplete, Requirement, unit, null, null,
            $"{count} left-behind child(ren) of unit {unit} have incomplete three knows; names are shown to staff of the unit ({Requirement}). / "
            + $"单位 {unit} 有 {count} 名留守儿童“三个清楚”不完整；姓名仅向本单位工作人员显示。")
        { Count = count };

    /// <summary>The ids of people served with the target group <c>LeftBehindChild</c> in <paramref name="units"/>, and of those listed with <c>LEFT_BEHIND</c> in their ledger indexes.</summary>
    private static async Task<HashSet<string>> LeftBehindIdsAsync(IGrainFactory grains, IReadModelStore readModel, string tenantId, IReadOnlyCollection<string>? units)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var query = new PersonQuery(units, SpecialGroupsRules.LeftBehindTargetGroup, Staff: false);
        string? after = null;
        do
        {
            var page = await readModel.QueryPeopleAsync(tenantId, query, 500, after);
            ids.UnionWith(page.Items.Select(r => r.Id));
            after = page.HasNextPage && page.Items.Count > 0 ? page.Items[^1].Id : null;
        }
        while (after is not null);

        var unitIds = units ?? [.. (await readModel.ListOrganizationsAsync(tenantId)).Select(r => r.Id)];
        var indexes = await Task.WhenAll(unitIds.Select(u => grains.GetRef<ISpecialGroupsIndexGrain>(ISpecialGroupsIndexGrain.KeyOf(tenantId, u)).Entries()));
        ids.UnionWith(indexes.SelectMany(e => e).Where(e => e.Groups.Contains(SpecialGroup.LeftBehind)).Select(e => e.PersonId));
        return ids;
    }
}
