using CareGrid.Grains.Cases;

namespace CareGrid.Grains.Statistics;

/// <summary>Cases now (<see cref="Sections.CaseSection"/>, docs/statistics.md "Cases and tasks").</summary>
/// <param name="ByStatus">Every case counted, by status (statuses without cases are listed with 0), in the status order of the lifecycle.</param>
[GenerateSerializer, Alias("CareGrid.CaseFigures"), Immutable]
public sealed record CaseFigures([property: Id(0)] IReadOnlyList<CountOf<CaseStatus>> ByStatus);

/// <summary>A count of one category.</summary>
/// <param name="Key">The category.</param>
/// <param name="Count">How many.</param>
[GenerateSerializer, Alias("CareGrid.CountOf`1"), Immutable]
public sealed record CountOf<TKey>([property: Id(0)] TKey Key, [property: Id(1)] long Count);
