using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Statistics;
using CareGrid.Grains.Statistics.RollUp;
using CareGrid.GraphApi.Audit;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// What a statistics answer tells of the people of a small unit (round-33 re-check F2; docs/statistics.md "People and
/// census", docs/access.md). A unit with fewer than <see cref="Threshold"/> people served is a group whose target groups
/// and monitoring levels the people figures tell person by person — a unit of one tells that person's —
/// which <c>person(id)</c> keeps behind need-to-know. So whenever an answer shows those figures (the typed people fields,
/// <c>tables</c>, the statistics export), every person served in such a unit is recorded as <c>READ Person</c> with the
/// unit as the record's field and <c>statistics</c> as its purpose, as the people list does under a target-group filter.
/// Larger units are not recorded: a count over five or more people does not say whose it is. Units are counted by their
/// own people, so a figure derived by subtracting one request from another (a subtree less a child's subtree) is about
/// units each counted here. People without a unit (a whole-tenant answer's <c>null</c> row) are not recorded: finding them
/// would scan the tenant's people, which statistics never do.
/// </summary>
/// <param name="readModel">Where the small units' people are listed (a page per 1,000 people).</param>
/// <param name="trail">Where the records are written (group-committed; the answer waits for them).</param>
public sealed class StatisticsPeopleReads(IReadModelStore readModel, AuditTrail trail)
{
    /// <summary>The smallest number of people served whose figures are not recorded person by person: the roll-up's threshold (5).</summary>
    public const int Threshold = RollUpSuppression.Threshold;

    /// <summary>The purpose of the records written (<c>statistics</c>).</summary>
    public const string Purpose = "statistics";

    /// <summary>The units of <paramref name="people"/> with 1 to <see cref="Threshold"/> − 1 people served, in the figures' order.</summary>
    public static IReadOnlyList<string> SmallUnits(PeopleFigures? people) =>
        people is null ? [] : [.. people.ByUnit.Where(u => u.OrganizationId is not null && u.Served is > 0 and < Threshold).Select(u => u.OrganizationId!)];

    /// <summary>
    /// Records <c>READ Person</c> of every person served (not staff) in a small unit of <paramref name="people"/>, with the
    /// field <c>statistics.organizationId=&lt;unit&gt;</c>. Nothing is written when no unit is small.
    /// </summary>
    /// <returns>How many people were recorded.</returns>
    public async Task<int> RecordAsync(string tenantId, CareGridUserContext caller, PeopleFigures? people)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var units = SmallUnits(people);
        if (units.Count == 0)
        {
            return 0;
        }

        var query = new PersonQuery(OrganizationIds: units.ToHashSet(StringComparer.Ordinal), Staff: false);
        var rows = await ReadModelCounts.ReadAllAsync(after => readModel.QueryPeopleAsync(tenantId, query, ReadModelCounts.PageSize, after), query.CursorOf).ConfigureAwait(false);
        await Task.WhenAll(rows.Select(r => trail.RecordAsync(tenantId, caller, AuditTrail.Read, "Person", r.Id,
            ["statistics.organizationId=" + r.OrganizationId], Purpose))).ConfigureAwait(false);
        return rows.Count;
    }
}
