using CareGrid.Grains.Calendar;
using CareGrid.Grains.Statistics.Sections;

namespace CareGrid.Grains.Statistics;

/// <summary>The sections of <see cref="TenantStatistics"/> and the tables of a report, listed explicitly (docs/statistics.md).</summary>
public static class StatisticsSections
{
    /// <summary>Fresh sections whose weeks are counted on <paramref name="calendar"/>.</summary>
    public static List<IStatisticsSection> Create(WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var tasks = new TaskSection(calendar);
        return
        [
            new CaseSection(calendar),
            tasks,
            new CaseloadSection(tasks),
            new TimelinessSection(calendar),
            new PeopleSection(),
            new OverdueBoardSection(),
        ];
    }

    /// <summary>Every table of <paramref name="report"/> in <paramref name="language"/>, in a stable order (exports, docs/statistics.md).</summary>
    public static IEnumerable<StatisticsTable> Tables(StatisticsReport report, ReportLanguage language)
    {
        ArgumentNullException.ThrowIfNull(report);
        return CaseSection.Tables(report, language)
            .Concat(TaskSection.Tables(report, language))
            .Concat(CaseloadSection.Tables(report, language))
            .Concat(TimelinessSection.Tables(report, language))
            .Concat(PeopleTables.Tables(report, language))
            .Concat(ActivityTables.Tables(report, language));
    }
}
