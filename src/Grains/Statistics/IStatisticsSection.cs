using CareGrid.Grains.ReadModel;

namespace CareGrid.Grains.Statistics;

/// <summary>
/// One family of figures of <see cref="TenantStatistics"/> (docs/statistics.md), a plain class owning its counters. It is
/// told of every row change and fills its part of a report. Its counters are kept per (unit, week) bucket or similar, so
/// <see cref="Fill"/> costs what the buckets cost, never a pass over the tenant's cases.
/// </summary>
public interface IStatisticsSection
{
    /// <summary>A case row changed: <paramref name="before"/> is what was counted (null: new), <paramref name="after"/> what is now (null: gone).</summary>
    void OnCase(CaseRow? before, CaseRow? after) { }

    /// <summary>A task row changed (<see cref="OnCase"/>'s convention).</summary>
    void OnTask(TaskRow? before, TaskRow? after) { }

    /// <summary>A person row changed (<see cref="OnCase"/>'s convention).</summary>
    void OnPerson(PersonRow? before, PersonRow? after) { }

    /// <summary>Writes this section's figures for <paramref name="context"/> into <paramref name="report"/>.</summary>
    void Fill(StatisticsContext context, StatisticsReport report);
}
