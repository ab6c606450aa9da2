using CareGrid.Grains.Cases;
using CareGrid.Grains.People;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using Orleans.Concurrency;

namespace CareGrid.Grains.Census;

/// <summary>
/// A screening census round (R-3.5 "每班摸排", R-7.4 level 1) over one or more units — classes or communities. Key:
/// <c>"{tenant}/{roundId}"</c>. Lifecycle <c>Open → Closed</c>. Each person of the units gets a census record (mood and
/// the exposure flags of ); a flagged person moves to Tracking (R-7.4 level 2); a case can be opened from a flag
/// (<see cref="ICaseGrain.Report"/>), which moves the person to IndividualCase (level 3).
/// </summary>
public interface ICensusRoundGrain : ITenantScopedGrain
{
    /// <summary>
    /// Opens the round over <see cref="StartCensusRound.OrganizationIds"/>; the people of those units at this moment are the
    /// expected ones (from the read side). <c>ALREADY_EXISTS</c>, <c>NOT_FOUND</c> (unit), <c>VALIDATION_FAILED</c>
    /// (<c>name</c>, <c>organizationIds</c>: 1–50 units, none closed, at most <see cref="CensusRoundLimits.MaxPeople"/> people
    /// whose ids fit <see cref="CensusRoundLimits.MaxExpectedBytes"/>).
    /// </summary>
    Task<CensusProgress> Start(StartCensusRound input, Actor actor);

    /// <summary>
    /// Records one person's census (again: the later record counts); the answer lists flagged ids as <see cref="GetProgressFor"/>.
    /// <c>FORBIDDEN</c> (<c>rule</c> <c>need-to-know</c>) when the caller's scope does not cover the person's unit (R-4.3,
    /// docs/access.md "Census rounds"); <c>NOT_FOUND</c> (round, person),
    /// <c>INVALID_TRANSITION</c> when the round is closed, <c>VALIDATION_FAILED</c> (<c>personId</c> not in the round's units, <c>note</c>),
    /// <c>STORAGE_LIMIT</c> when the round's state would pass <see cref="CensusRoundLimits.MaxStateBytes"/> (docs/storage.md).
    /// </summary>
    Task<CensusProgress> Record(CensusEntry entry, Actor actor);

    /// <summary>
    /// Opens a case from a person's flag in this round (reusing <c>reportConcern</c>) and moves the person to
    /// IndividualCase. <paramref name="riskLevel"/> is the caller's grading; null opens the case not yet graded
    /// (<see cref="CaseState.RiskUngraded"/>, with its GRADE_RISK task), never as an implicit Low (finding RT19-3,
    /// docs/protocol.md "Ungraded reports"). <c>FORBIDDEN</c> (<c>rule</c> <c>need-to-know</c>) when the caller's scope does not cover the person's
    /// unit (checked first, R-4.3); <c>VALIDATION_FAILED</c> (<c>personId</c>) when the person was not flagged here; <c>ALREADY_EXISTS</c>
    /// (with <c>caseId</c>) when a case was already opened from this flag.
    /// </summary>
    /// <remarks>
    /// The concern goes through <see cref="ConcernIntake"/>: when the person has an open case it joins it (docs/idempotency.md).
    /// With <paramref name="idempotencyKey"/>, a retry answers the first result; <c>ALREADY_EXISTS</c> answers a call
    /// for a flag that already opened a case under another key or none.
    /// </remarks>
    Task<CaseView> OpenCase(string personId, string summary, RiskLevel? riskLevel, Actor actor, string? idempotencyKey = null);

    /// <summary>Closes the round (<c>Open → Closed</c>); <c>INVALID_TRANSITION</c> when closed already.</summary>
    Task<CensusProgress> Close(Actor actor);

    /// <summary>The round's completion per unit with every flagged person id (for the service itself), or null when there is no such round.</summary>
    Task<CensusProgress?> GetProgress();

    /// <summary>
    /// The round's completion per unit as <paramref name="viewer"/> may see it, or null when there is no such round: every
    /// unit's counts, but the flagged person ids only of units the viewer's <see cref="StaffScope"/> covers (need-to-know by
    /// organization, R-4.3, docs/access.md "Census rounds").
    /// </summary>
    Task<CensusProgress?> GetProgressFor(Actor viewer);

    /// <summary>
    /// The round's counts per unit (no name, note or person id), or null when there is no such round. Read from counts the
    /// round keeps as it changes, so it costs the number of units. It interleaves with the round's commands (it reads, and
    /// the tenant's statistics ask it while a command of this round may be waiting on them; docs/statistics.md).
    /// </summary>
    [AlwaysInterleave]
    Task<CensusCoverage?> GetCoverage();

    /// <summary>Erases the round (tenant deletion after export).</summary>
    Task Purge();
}

/// <summary>Limits of a census round.</summary>
public static class CensusRoundLimits
{
    /// <summary>Most units in one round.</summary>
    public const int MaxOrganizations = 50;

    /// <summary>Most people expected in one round (the round keeps their ids).</summary>
    public const int MaxPeople = 20_000;

    /// <summary>
    /// Most bytes of person and unit ids a round's stored state may hold (docs/storage.md): the round keeps each
    /// person's id and unit as expected and again as recorded, so a round is refused at start (<c>VALIDATION_FAILED</c>,
    /// split it) when <see cref="EstimatedBytes"/> of its expected people passes this, and a record or case that would
    /// pass <see cref="MaxStateBytes"/> answers <c>STORAGE_LIMIT</c>. Azure Table Storage holds about 960 KiB per state.
    /// </summary>
    public const int MaxExpectedBytes = 720 * 1024;

    /// <summary>Most estimated bytes of a round's whole stored state (ids as expected, recorded, flagged, and opened cases).</summary>
    public const int MaxStateBytes = 900 * 1024;

    /// <summary>Estimated stored bytes of one person's entry in one of the round's id maps (ids are ASCII).</summary>
    public static long EstimatedBytes(string personId, string? value) => personId.Length + (value?.Length ?? 0) + 6;
}

/// <summary>Input to open a census round.</summary>
/// <param name="Name">1–200 characters, e.g. "Return-to-school census, week 1".</param>
/// <param name="OrganizationIds">The units screened (classes, communities).</param>
/// <param name="IdempotencyKey">The client's idempotency key when the round id was derived from it (docs/idempotency.md), or null.</param>
[GenerateSerializer, Alias("CareGrid.StartCensusRound")]
public sealed record StartCensusRound([property: Id(0)] string Name, [property: Id(1)] IReadOnlyList<string> OrganizationIds,
    [property: Id(2)] string? IdempotencyKey = null);

/// <summary>One person's census answers.</summary>
/// <param name="PersonId">The person.</param>
/// <param name="Mood">Emotional state.</param>
/// <param name="Flags">Exposure and warning flags .</param>
/// <param name="Note">At most 1000 characters, or null.</param>
/// <param name="IdempotencyKey">The recorder's idempotency key (docs/idempotency.md), or null.</param>
[GenerateSerializer, Alias("CareGrid.CensusEntry")]
public sealed record CensusEntry(
    [property: Id(0)] string PersonId,
    [property: Id(1)] CensusMood Mood,
    [property: Id(2)] CensusFlags Flags,
    [property: Id(3)] string? Note,
    [property: Id(4)] string? IdempotencyKey = null);

/// <summary>Census round status.</summary>
[GenerateSerializer, Alias("CareGrid.CensusRoundStatus")]
public enum CensusRoundStatus
{
    /// <summary>Taking records.</summary>
    Open = 0,
    /// <summary>Closed; its records are kept.</summary>
    Closed = 1,
}

/// <summary>Completion of a round in one unit.</summary>
/// <param name="OrganizationId">The unit.</param>
/// <param name="Expected">People of the unit at the start, plus those recorded since who were not.</param>
/// <param name="Recorded">People with a census record in this round.</param>
/// <param name="Flagged">People flagged (moved to Tracking).</param>
/// <param name="CasesOpened">Cases opened from flags.</param>
[GenerateSerializer, Alias("CareGrid.CensusUnitProgress")]
public sealed record CensusUnitProgress(
    [property: Id(0)] string OrganizationId,
    [property: Id(1)] int Expected,
    [property: Id(2)] int Recorded,
    [property: Id(3)] int Flagged,
    [property: Id(4)] int CasesOpened)
{
    /// <summary>Recorded / Expected, 0–1 (1 when nobody is expected).</summary>
    public double Completion => Expected == 0 ? 1 : Math.Min(1, (double)Recorded / Expected);
}

/// <summary>Progress of a census round.</summary>
/// <param name="RoundId">The round.</param>
/// <param name="Name">Its name.</param>
/// <param name="Status">Open or closed.</param>
/// <param name="StartedAt">When it opened (UTC).</param>
/// <param name="StartedBy">The sub of who opened it.</param>
/// <param name="ClosedAt">When it closed, or null.</param>
/// <param name="Units">Completion per unit, in the order given at the start.</param>
/// <param name="FlaggedPersonIds">People flagged in this round (ids only).</param>
[GenerateSerializer, Alias("CareGrid.CensusProgress")]
public sealed record CensusProgress(
    [property: Id(0)] string RoundId,
    [property: Id(1)] string Name,
    [property: Id(2)] CensusRoundStatus Status,
    [property: Id(3)] DateTimeOffset StartedAt,
    [property: Id(4)] string StartedBy,
    [property: Id(5)] DateTimeOffset? ClosedAt,
    [property: Id(6)] IReadOnlyList<CensusUnitProgress> Units,
    [property: Id(7)] IReadOnlyList<string> FlaggedPersonIds);
