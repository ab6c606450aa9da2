using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Statistics.RollUp;

/// <summary>A tenant a roll-up covers: its id, name and kind — nothing about its cases or people.</summary>
/// <param name="Id">The tenant id.</param>
/// <param name="Name">The tenant's display name.</param>
/// <param name="Kind">District, Town or School.</param>
public sealed record RollUpTenant(string Id, string Name, TenantKind Kind);

/// <summary>
/// Builds the roll-up's tables (docs/statistics.md "Roll-up"): for each <see cref="RollUpFamilies"/> family, a row per tenant
/// (name, kind, a count per category, the row total) and the total row, every count passed through
/// <see cref="RollUpSuppression"/> — a suppressed count is a <see cref="StatisticsCell.Withheld"/> cell, never a value.
/// </summary>
public static class RollUpTables
{
    /// <summary>
    /// The tables of <paramref name="tenants"/> whose reports are <paramref name="reports"/> (same order), in
    /// <paramref name="language"/>. No tenant, no table; a family a report does not hold is left out.
    /// </summary>
    public static IReadOnlyList<StatisticsTable> Build(IReadOnlyList<RollUpTenant> tenants, IReadOnlyList<StatisticsReport> reports, ReportLanguage language)
    {
        ArgumentNullException.ThrowIfNull(tenants);
        ArgumentNullException.ThrowIfNull(reports);
        if (tenants.Count == 0 || tenants.Count != reports.Count)
        {
            return [];
        }

        var tables = new List<StatisticsTable>();
        foreach (var family in RollUpFamilies.All)
        {
            var read = reports.Select(family.Read).ToList();
            if (read.Any(r => r is null) || read[0]!.Count == 0)
            {
                continue;
            }

            tables.Add(Table(family, tenants, read!, language));
        }

        return tables;
    }

    /// <summary>
    /// What every roll-up title ends with, so a reader of the table or its export knows why cells are empty (docs/statistics.md
    /// "Roll-up", suppression by <see cref="RollUpSuppression"/>).
    /// </summary>
    public static readonly LocalizedText WithheldNote = new(" (counts under 5 and the totals that would reveal them are withheld)", "（少于5的数字及可推算出它们的合计不公布）");

    /// <summary>
    /// The families whose row totals do not depend on the period (snapshots: counts of cases now). Every other family's row
    /// totals are withheld, since two reads whose periods differ by a week would give that week's cells through them
    /// (docs/statistics.md "Suppression"); a family missing here is thus safe by default.
    /// </summary>
    public static IReadOnlySet<string> RowTotalsIndependentOfPeriod { get; } =
        new HashSet<string>(StringComparer.Ordinal) { "rollup-open-cases-by-risk-level" };

    /// <summary>A tenant kind as a supervisor reads it.</summary>
    public static LocalizedText Kind(TenantKind kind) => kind switch
    {
        TenantKind.District => new("District", "区"),
        TenantKind.Town => new("Town", "镇（街道）"),
        TenantKind.School => new("School", "学校"),
        _ => new(kind.ToString(), kind.ToString()),
    };

    private static StatisticsTable Table(RollUpFamily family, IReadOnlyList<RollUpTenant> tenants, IReadOnlyList<IReadOnlyList<RollUpCategory>> read, ReportLanguage language)
    {
        var categories = read.SelectMany(r => r).DistinctBy(c => c.Key).ToList();
        var counts = new long[tenants.Count, categories.Count];
        for (var i = 0; i < tenants.Count; i++)
        {
            var mine = read[i].ToDictionary(c => c.Key, c => c.Count);
            for (var j = 0; j < categories.Count; j++)
            {
                counts[i, j] = mine.GetValueOrDefault(categories[j].Key);
            }
        }

        var grid = RollUpSuppression.Suppress(counts, withholdRowTotals: !RowTotalsIndependentOfPeriod.Contains(family.Key));
        var total = new LocalizedText("Total", "合计").In(language);
        var rows = new List<IReadOnlyList<StatisticsCell>>();
        for (var i = 0; i <= tenants.Count; i++)
        {
            var row = i < tenants.Count
                ? new List<StatisticsCell> { StatisticsCell.Of(tenants[i].Name), StatisticsCell.Of(Kind(tenants[i].Kind).In(language)) }
                : [StatisticsCell.Of(total), StatisticsCell.Of("")];
            for (var j = 0; j <= categories.Count; j++)
            {
                row.Add(grid.Published(i, j) is { } n ? StatisticsCell.Of((decimal)n) : StatisticsCell.Withheld);
            }

            rows.Add(row);
        }

        List<string> columns = [new LocalizedText("Tenant", "单位").In(language), new LocalizedText("Kind", "类型").In(language),
            .. categories.Select(c => c.Label.In(language)), total];
        return new StatisticsTable(family.Key, family.Title.In(language) + WithheldNote.In(language), columns, rows);
    }
}
