using CareGrid.Grains.Calendar;

namespace CareGrid.Grains.Statistics;

/// <summary>What a caller asks of <see cref="ITenantStatisticsGrain.Get"/>.</summary>
/// <param name="Period">The weeks of the flow figures, or null for <see cref="StatisticsPeriod.Default"/>.</param>
/// <param name="OrganizationIds">The units counted (a unit and its subtree, or a Coordinator's scope; docs/access.md), or null
/// for the whole tenant including records without a unit.</param>
[GenerateSerializer, Alias("CareGrid.StatisticsRequest"), Immutable]
public sealed record StatisticsRequest(
    [property: Id(0)] StatisticsPeriod? Period,
    [property: Id(1)] IReadOnlyList<string>? OrganizationIds);

/// <summary>What a section needs to fill its figures (<see cref="IStatisticsSection.Fill"/>).</summary>
/// <param name="Period">The weeks of the flow figures.</param>
/// <param name="Units">The units counted, or null for the whole tenant (records without a unit included).</param>
/// <param name="Now">The domain clock's now (snapshot figures such as overdue tasks are "now").</param>
/// <param name="Calendar">The tenant's working-day calendar: its time zone makes the weeks; its working days make "in working days".</param>
public sealed record StatisticsContext(StatisticsPeriod Period, IReadOnlySet<string>? Units, DateTimeOffset Now, WorkingCalendar Calendar)
{
    /// <summary>True when a record of unit <paramref name="organizationId"/> (null: none) is counted.</summary>
    public bool Covers(string? organizationId) => Units is null || (organizationId is not null && Units.Contains(organizationId));

    /// <summary>Unit names by local id (the tenant's organizations, read once per request), or null when not looked up.</summary>
    public IReadOnlyDictionary<string, string>? UnitNames { get; init; }

    /// <summary>The name of unit <paramref name="organizationId"/>, or null (no unit, or not known).</summary>
    public string? UnitName(string? organizationId) =>
        organizationId is not null && UnitNames is not null && UnitNames.TryGetValue(organizationId, out var name) ? name : null;
}
