using CareGrid.Grains.People;

namespace CareGrid.Grains.Statistics;

/// <summary>
/// People served now (<see cref="Sections.PeopleSection"/>, docs/statistics.md "People and census"): every person of the
/// units counted who is not staff (<c>PersonRow.IsStaff</c>), by target group, by monitoring level
/// and by unit. Counts only.
/// </summary>
/// <param name="Served">People served (not staff).</param>
/// <param name="ByTargetGroup">People per catalogued target group code (<see cref="TargetGroupCatalog"/>), codes in ordinal order, only
/// codes held by someone, then <c>OTHER</c> for people holding any code not catalogued (counted once). A person in
/// several groups counts in each (R-1.2 "one person can be in several"), so these do not add up to <paramref name="Served"/>.</param>
/// <param name="WithoutTargetGroup">People served in no target group.</param>
/// <param name="ByMonitoring">People per monitoring level (every level listed, in the order of ); adds up to <paramref name="Served"/>.</param>
/// <param name="ByUnit">People per unit with people served (unit ids in ordinal order; people without a unit last, under null).</param>
[GenerateSerializer, Alias("CareGrid.PeopleFigures"), Immutable]
public sealed record PeopleFigures(
    [property: Id(0)] long Served,
    [property: Id(1)] IReadOnlyList<CountOf<string>> ByTargetGroup,
    [property: Id(2)] long WithoutTargetGroup,
    [property: Id(3)] IReadOnlyList<CountOf<MonitoringLevel>> ByMonitoring,
    [property: Id(4)] IReadOnlyList<UnitPeople> ByUnit);

/// <summary>People served in one unit (<see cref="PeopleFigures.ByUnit"/>).</summary>
/// <param name="OrganizationId">The unit, or null for people without a unit (whole-tenant figures only).</param>
/// <param name="Served">People served in the unit.</param>
/// <param name="ByMonitoring">Per monitoring level (every level listed).</param>
[GenerateSerializer, Alias("CareGrid.UnitPeople"), Immutable]
public sealed record UnitPeople(
    [property: Id(0)] string? OrganizationId,
    [property: Id(1)] long Served,
    [property: Id(2)] IReadOnlyList<CountOf<MonitoringLevel>> ByMonitoring)
{
    /// <summary>The unit's name when the report knows it (<c>StatisticsContext.UnitName</c>), else null.</summary>
    [Id(3)] public string? Name { get; init; }
}
