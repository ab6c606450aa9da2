namespace CareGrid.Grains.GroupCrisis;

/// <summary>Where a group-crisis signal comes from (R-4.5; docs/group-crisis.md).</summary>
[Flags]
[GenerateSerializer, Alias("CareGrid.GroupCrisisSources")]
public enum GroupCrisisSources
{
    /// <summary>None.</summary>
    None = 0,
    /// <summary>A flagged census record (<c>recordCensus</c>: a flag, or a LOW or DISTRESSED mood; ).</summary>
    Census = 1,
    /// <summary>A concern reported (<c>reportConcern</c>, <c>openCaseFromCensus</c>), a new case or one joining an open case .</summary>
    Concern = 2,
}

/// <summary>One person of a unit flagged or reported about at an instant: what the census round and the case grain send .</summary>
/// <param name="OrganizationId">The unit the record counts in: the census unit, or the case's unit.</param>
/// <param name="PersonId">The person (kept only while the window lasts, to count people once; never shown).</param>
/// <param name="Source">Census or concern (one of the two).</param>
/// <param name="At">When it was recorded (UTC, the domain clock).</param>
[GenerateSerializer, Alias("CareGrid.GroupCrisisSignal"), Immutable]
public sealed record GroupCrisisSignal(
    [property: Id(0)] string OrganizationId,
    [property: Id(1)] string PersonId,
    [property: Id(2)] GroupCrisisSources Source,
    [property: Id(3)] DateTimeOffset At);
