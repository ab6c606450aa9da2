using CareGrid.Grains.ReadModel;

namespace CareGrid.Grains.Statistics;

/// <summary>
/// Rows one grain has just written to the read side (<see cref="ITenantStatisticsGrain.Apply"/>): the case row and task rows
/// of a case, or a person row. Empty members changed nothing.
/// </summary>
/// <param name="Case">The case row written, or null.</param>
/// <param name="Tasks">Task rows written.</param>
/// <param name="Person">The person row written, or null.</param>
[GenerateSerializer, Alias("CareGrid.StatisticsFeed"), Immutable]
public sealed record StatisticsFeed(
    [property: Id(0)] CaseRow? Case,
    [property: Id(1)] IReadOnlyList<TaskRow> Tasks,
    [property: Id(2)] PersonRow? Person)
{
    /// <summary>True when the feed carries no row.</summary>
    public bool IsEmpty => Case is null && Tasks.Count == 0 && Person is null;
}
