using CareGrid.Grains.Activities;

namespace CareGrid.Grains.Statistics.Sections;

/// <summary>
/// The table of <see cref="StatisticsReport.Activities"/> in one language (docs/statistics.md "Activities and hazards"):
/// per unit, activities of its plan and hazards of its bullying-risk sweep ledger, open and overdue, now.
/// Counts and unit names only — no titles, places or owners.
/// </summary>
public static class ActivityTables
{
    /// <summary>The <c>activities-and-hazards-by-unit</c> table, when the report has activity figures.</summary>
    public static IEnumerable<StatisticsTable> Tables(StatisticsReport report, ReportLanguage language)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Activities is not { } units)
        {
            yield break;
        }

        yield return new StatisticsTable("activities-and-hazards-by-unit",
            new LocalizedText("Activity plans and bullying-risk hazards by unit (now)", "各单位活动计划与欺凌隐患台账（当前）").In(language),
            [new LocalizedText("Unit", "单位").In(language), new LocalizedText("Activities", "活动数").In(language),
                new LocalizedText("Activities open", "未完成活动数").In(language), new LocalizedText("Activities overdue", "逾期活动数").In(language),
                new LocalizedText("Hazards", "隐患数").In(language), new LocalizedText("Hazards not fixed", "未整改隐患数").In(language),
                new LocalizedText("Hazard fixes overdue", "逾期未整改隐患数").In(language)],
            [.. units.Select(Row), Total(units, language)]);
    }

    private static IReadOnlyList<StatisticsCell> Row(UnitActivityCounts u) =>
        [StatisticsCell.Of(u.OrganizationId), StatisticsCell.Of(u.Activities), StatisticsCell.Of(u.ActivitiesOpen), StatisticsCell.Of(u.ActivitiesOverdue),
            StatisticsCell.Of(u.Hazards), StatisticsCell.Of(u.HazardsOpen), StatisticsCell.Of(u.HazardsOverdue)];

    private static IReadOnlyList<StatisticsCell> Total(IReadOnlyList<UnitActivityCounts> units, ReportLanguage language) =>
        [StatisticsCell.Of(new LocalizedText("All units", "合计").In(language)), StatisticsCell.Of(units.Sum(u => u.Activities)),
            StatisticsCell.Of(units.Sum(u => u.ActivitiesOpen)), StatisticsCell.Of(units.Sum(u => u.ActivitiesOverdue)),
            StatisticsCell.Of(units.Sum(u => u.Hazards)), StatisticsCell.Of(units.Sum(u => u.HazardsOpen)), StatisticsCell.Of(units.Sum(u => u.HazardsOverdue))];
}
