using CareGrid.Grains.Cases;

namespace CareGrid.Grains.Statistics;

/// <summary>Cases now and cases per week of the period (<see cref="Sections.CaseSection"/>, docs/statistics.md "Cases and tasks").</summary>
/// <param name="ByStatus">Every case counted, by status (statuses without cases are listed with 0), in the status order of the lifecycle.</param>
[GenerateSerializer, Alias("CareGrid.CaseFigures"), Immutable]
public sealed record CaseFigures([property: Id(0)] IReadOnlyList<CountOf<CaseStatus>> ByStatus)
{
    /// <summary>Open cases (every status but Closed) by current risk level, Low to Imminent, every level listed; a case not yet
    /// graded is not in it (its Low is a placeholder) but in <see cref="OpenUngraded"/>.</summary>
    [Id(1)] public IReadOnlyList<CountOf<RiskLevel>> OpenByRiskLevel { get; init; } = [];

    /// <summary>Open cases by current escalation level (R-4.3: 1 class, 2 grade/school, 3 professionals), levels 1–3 always listed.</summary>
    [Id(2)] public IReadOnlyList<CountOf<int>> OpenByEscalationLevel { get; init; } = [];

    /// <summary>Open and closed cases per unit (ordinal by unit id; cases without a unit last, under a null id).</summary>
    [Id(3)] public IReadOnlyList<UnitCases> ByUnit { get; init; } = [];

    /// <summary>Per week of the period, oldest first: cases reported, closed and reopened in it.</summary>
    [Id(4)] public IReadOnlyList<CaseWeek> Weeks { get; init; } = [];

    /// <summary>Open cases nobody has graded yet (reported as unsure, <c>riskGraded: false</c>; docs/protocol.md "Ungraded
    /// reports"): their own bucket, never counted under Low. <see cref="OpenByRiskLevel"/> plus this is every open case.</summary>
    [Id(5)] public long OpenUngraded { get; init; }
}

/// <summary>A count of one category.</summary>
/// <param name="Key">The category.</param>
/// <param name="Count">How many.</param>
[GenerateSerializer, Alias("CareGrid.CountOf`1"), Immutable]
public sealed record CountOf<TKey>([property: Id(0)] TKey Key, [property: Id(1)] long Count);

/// <summary>Cases of one unit now.</summary>
/// <param name="OrganizationId">The unit's local id, or null for cases without a unit.</param>
/// <param name="Name">The unit's name, or null when unknown (no unit, or a unit since removed).</param>
/// <param name="Open">Cases not closed.</param>
/// <param name="Closed">Closed cases.</param>
[GenerateSerializer, Alias("CareGrid.UnitCases"), Immutable]
public sealed record UnitCases([property: Id(0)] string? OrganizationId, [property: Id(1)] string? Name, [property: Id(2)] long Open, [property: Id(3)] long Closed);

/// <summary>One week's case flow (docs/statistics.md "Cases and tasks").</summary>
/// <param name="Week">The week's Monday (tenant time zone).</param>
/// <param name="New">Cases reported in the week.</param>
/// <param name="Closed">Cases whose last closing fell in the week and that are still closed.</param>
/// <param name="Reopened">Cases whose last reopening fell in the week.</param>
[GenerateSerializer, Alias("CareGrid.CaseWeek"), Immutable]
public sealed record CaseWeek([property: Id(0)] DateOnly Week, [property: Id(1)] long New, [property: Id(2)] long Closed, [property: Id(3)] long Reopened);

/// <summary>A count of one unit.</summary>
/// <param name="OrganizationId">The unit's local id, or null for records without a unit.</param>
/// <param name="Name">The unit's name, or null when unknown.</param>
/// <param name="Count">How many.</param>
[GenerateSerializer, Alias("CareGrid.UnitCount"), Immutable]
public sealed record UnitCount([property: Id(0)] string? OrganizationId, [property: Id(1)] string? Name, [property: Id(2)] long Count);
