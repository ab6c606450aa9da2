using CareGrid.Grains.Hosting;
using CareGrid.Grains.ReadModel;

namespace CareGrid.Grains.Visits;

/// <summary>One of the people a unit's coverage names as not visited.</summary>
/// <param name="PersonId">The person.</param>
/// <param name="DisplayName">Their name.</param>
[GenerateSerializer, Alias("CareGrid.UnvisitedPerson"), Immutable]
public sealed record UnvisitedPerson([property: Id(0)] string PersonId, [property: Id(1)] string DisplayName);

/// <summary>
/// Visit coverage of one unit in a period ("every student visited", R-6.2, R-7.3; docs/visits.md): of the people served now in
/// the unit (staff left out), how many had a visit logged while in the unit on a day of the period.
/// </summary>
/// <param name="OrganizationId">The unit.</param>
/// <param name="People">People served now in the unit.</param>
/// <param name="Visited">Of them, visited in the period.</param>
/// <param name="Missing">The people not visited, by id; empty when the caller may not see the unit's names (then
/// <paramref name="NamesWithheld"/>).</param>
/// <param name="NamesWithheld">True when the names were left out: the caller's scope does not cover the unit.</param>
[GenerateSerializer, Alias("CareGrid.UnitVisitCoverage"), Immutable]
public sealed record UnitVisitCoverage(
    [property: Id(0)] string OrganizationId,
    [property: Id(1)] int People,
    [property: Id(2)] int Visited,
    [property: Id(3)] IReadOnlyList<UnvisitedPerson> Missing,
    [property: Id(4)] bool NamesWithheld)
{
    /// <summary>People not visited.</summary>
    public int NotVisited => People - Visited;

    /// <summary>Visited ÷ people, or null for a unit without people.</summary>
    public decimal? Coverage => People == 0 ? null : Math.Round((decimal)Visited / People, 4);
}

/// <summary>Counts visit coverage from the unit month tallies (<see cref="IVisitTallyGrain"/>) and the people rows of the read side.</summary>
public static class VisitCoverage
{
    /// <summary>
    /// The coverage of <paramref name="organizationId"/> from <paramref name="from"/> to <paramref name="to"/> (tenant-local days,
    /// checked by <see cref="VisitRules.CheckPeriod"/>); names of the people not visited only when <paramref name="names"/>.
    /// Costs one read-side pass over the unit's people and one grain call per month of the period.
    /// </summary>
    public static async Task<UnitVisitCoverage> OfUnitAsync(IGrainFactory grains, IReadModelStore readModel, string tenantId, string organizationId,
        DateOnly from, DateOnly to, bool names)
    {
        VisitRules.CheckPeriod(from, to);
        var people = await PeopleOfAsync(readModel, tenantId, organizationId);
        var months = VisitRules.Months(from, to);
        var tallies = await Task.WhenAll(months.Select(m => grains.GetRef<IVisitTallyGrain>(IVisitTallyGrain.KeyOf(tenantId, organizationId, m.Month)).Days()));
        var visited = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < months.Count; i++)
        {
            visited.UnionWith(tallies[i].Where(p => (p.Value & months[i].Mask) != 0).Select(p => p.Key));
        }

        var missing = people.Where(p => !visited.Contains(p.Id)).Select(p => new UnvisitedPerson(p.Id, p.DisplayName)).ToList();
        return new UnitVisitCoverage(organizationId, people.Count, people.Count - missing.Count, names ? missing : [], !names);
    }

    /// <summary>The people served now in <paramref name="organizationId"/> (staff left out), by id.</summary>
    public static async Task<List<PersonRow>> PeopleOfAsync(IReadModelStore readModel, string tenantId, string organizationId)
    {
        var query = new PersonQuery([organizationId], Staff: false);
        var rows = new List<PersonRow>();
        string? after = null;
        do
        {
            var page = await readModel.QueryPeopleAsync(tenantId, query, 500, after);
            rows.AddRange(page.Items);
            after = page.HasNextPage && page.Items.Count > 0 ? page.Items[^1].Id : null;
        }
        while (after is not null);
        return rows;
    }
}
