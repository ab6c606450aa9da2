using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;

namespace CareGrid.Grains.Statistics.Sections;

/// <summary>
/// People served now by target group, monitoring level and unit; staff are not counted
/// (docs/statistics.md "People and census"). Counters per (unit, level) and (unit, group code), so a figure costs the
/// buckets, not the people. A person in several target groups counts in each.
/// </summary>
public sealed class PeopleSection : IStatisticsSection
{
    /// <summary>The key of people in no target group (a code is 1–64 letters and digits, never empty).</summary>
    private const string NoGroup = "";

    private readonly UnitCounts<MonitoringLevel> _byLevel = new();
    private readonly UnitCounts<string> _byGroup = new();

    /// <inheritdoc />
    public void OnPerson(PersonRow? before, PersonRow? after)
    {
        Count(before, -1);
        Count(after, +1);
    }

    private void Count(PersonRow? row, int delta)
    {
        if (row is null || row.IsStaff)
        {
            return;
        }

        _byLevel.Add(row.OrganizationId, row.Monitoring, delta);
        // Only catalogued codes are counted by code; any other code is free text and counts under OTHER (docs/statistics.md "People and census").
        var groups = row.TargetGroups.Select(TargetGroupCatalog.Bucket).Distinct(StringComparer.Ordinal).ToList();
        if (groups.Count == 0)
        {
            _byGroup.Add(row.OrganizationId, NoGroup, delta);
        }

        foreach (var group in groups)
        {
            _byGroup.Add(row.OrganizationId, group, delta);
        }
    }

    /// <inheritdoc />
    public void Fill(StatisticsContext context, StatisticsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var levels = _byLevel.Sum(context);
        var groups = _byGroup.Sum(context);
        var byUnit = _byLevel.ByUnit(context)
            .GroupBy(b => b.Unit)
            .OrderBy(g => g.Key is null).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new UnitPeople(g.Key, g.Sum(b => b.Count), AllLevels(g.ToDictionary(b => b.Key, b => b.Count))) { Name = context.UnitName(g.Key) })
            .ToList();
        report.People = new PeopleFigures(
            levels.Values.Sum(),
            [.. TargetGroupCatalog.Ordered(groups.Where(g => g.Key != NoGroup), g => g.Key).Select(g => new CountOf<string>(g.Key, g.Value))],
            groups.GetValueOrDefault(NoGroup),
            AllLevels(levels),
            byUnit);
    }

    private static List<CountOf<MonitoringLevel>> AllLevels(Dictionary<MonitoringLevel, long> counts) =>
        [.. Enum.GetValues<MonitoringLevel>().Select(l => new CountOf<MonitoringLevel>(l, counts.GetValueOrDefault(l)))];
}
