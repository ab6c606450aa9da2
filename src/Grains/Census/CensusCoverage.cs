namespace CareGrid.Grains.Census;

/// <summary>
/// A census round's counts per unit for supervision (<see cref="ICensusRoundGrain.GetCoverage"/>, R-3.5, R-7.4;
/// docs/statistics.md "People and census"): no name, note or person id.
/// </summary>
/// <param name="RoundId">The round's local id.</param>
/// <param name="Status">Open or closed.</param>
/// <param name="StartedAt">When it opened (UTC).</param>
/// <param name="ClosedAt">When it closed (UTC), or null while open.</param>
/// <param name="Units">Counts per unit, in the order given at the start.</param>
[GenerateSerializer, Alias("CareGrid.CensusCoverage"), Immutable]
public sealed record CensusCoverage(
    [property: Id(0)] string RoundId,
    [property: Id(1)] CensusRoundStatus Status,
    [property: Id(2)] DateTimeOffset StartedAt,
    [property: Id(3)] DateTimeOffset? ClosedAt,
    [property: Id(4)] IReadOnlyList<CensusUnitProgress> Units);
