namespace CareGrid.Grains.GroupCrisis;

/// <summary>
/// Persisted state of one unit's group-crisis counter (<see cref="GroupCrisisUnitGrain"/>): the current window only, with the
/// people counted in it (at most <see cref="GroupCrisisCounter.MaxPeoplePerWindow"/>) and whether its alert was raised. A new
/// window replaces the old one, so the state stays bounded (docs/storage.md).
/// </summary>
[GenerateSerializer, Alias("CareGrid.GroupCrisisUnitState")]
public sealed class GroupCrisisUnitState
{
    /// <summary>The first local date of the current window, or null before the first signal.</summary>
    [Id(0)] public DateOnly? WindowStart { get; set; }
    /// <summary>The current window's length in days.</summary>
    [Id(1)] public int WindowDays { get; set; }
    /// <summary>Person id → the sources that flagged them in the current window.</summary>
    [Id(2)] public Dictionary<string, GroupCrisisSources> People { get; set; } = new(StringComparer.Ordinal);
    /// <summary>The alert raised for the current window, or null (once per window, R-4.5).</summary>
    [Id(3)] public string? AlertId { get; set; }
}
