using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using Orleans.Concurrency;

namespace CareGrid.Grains.Activities;

/// <summary>
/// One unit's activity plan and hazard ledger of the bullying-risk sweep. Key: <c>"{tenant}/{organizationId}"</c>.
/// The API checks that the unit exists and is in the caller's scope before calling (docs/activities.md); the grain checks
/// that an owner is a member of the unit or of a unit above it, applies the rules of <see cref="ActivityPlanAggregate"/> and
/// <see cref="HazardLedgerAggregate"/>, and saves. Bounded by <see cref="ActivityPlanLimits"/>.
/// </summary>
public interface IActivityPlanGrain : ITenantScopedGrain
{
    /// <summary>The plan's activities in the order added, each with whether it is overdue today (tenant's time zone).</summary>
    [ReadOnly]
    Task<IReadOnlyList<ActivityView>> Activities();

    /// <summary>Adds an activity (<see cref="ActivityPlanAggregate.Add"/>); <c>VALIDATION_FAILED</c> (<c>input.owner</c>) when the owner is not a member here.</summary>
    Task<ActivityView> AddActivity(NewActivity activity, Actor actor);

    /// <summary>
    /// Adds every activity of template <paramref name="templateId"/> starting on <paramref name="startsOn"/>, ids
    /// <c>{prefix}-{code}</c>, all owned by <paramref name="owner"/>; all or none (<see cref="ActivityPlanAggregate.AddAll"/>).
    /// </summary>
    Task<IReadOnlyList<ActivityView>> AddFromTemplate(string templateId, string prefix, DateOnly startsOn, string owner, Actor actor);

    /// <summary>Moves an activity (<see cref="ActivityPlanAggregate.SetStatus"/>).</summary>
    Task<ActivityView> SetActivityStatus(string activityId, ActivityStatus status, Actor actor);

    /// <summary>Adds an evidence note (<see cref="ActivityPlanAggregate.AddEvidence"/>).</summary>
    Task<ActivityView> AddEvidence(string activityId, string note, Actor actor);

    /// <summary>The hazard ledger in the order recorded, each with whether its fix is overdue today.</summary>
    [ReadOnly]
    Task<IReadOnlyList<HazardView>> Hazards();

    /// <summary>Records a hazard (<see cref="HazardLedgerAggregate.Record"/>); <c>VALIDATION_FAILED</c> (<c>input.owner</c>) when the owner is not a member here.</summary>
    Task<HazardView> RecordHazard(NewHazard hazard, Actor actor);

    /// <summary>Records a hazard's fix (<see cref="HazardLedgerAggregate.MarkFixed"/>).</summary>
    Task<HazardView> MarkHazardFixed(string hazardId, string? note, Actor actor);

    /// <summary>
    /// The unit's counts on <paramref name="today"/> (the tenant's local date) for the supervision statistics
    /// (docs/statistics.md "Activities and hazards"): counts only. Interleaves (a read the statistics grain makes).
    /// </summary>
    [AlwaysInterleave]
    Task<UnitActivityCounts> Counts(DateOnly today);

    /// <summary>Erases the unit's plan and ledger (tenant deletion after export).</summary>
    Task Purge();
}

/// <summary>An activity as read, with <paramref name="Overdue"/> decided on the tenant's local date of the read.</summary>
/// <param name="OrganizationId">The unit.</param>
/// <param name="Activity">The activity.</param>
/// <param name="Overdue">True when its deadline has passed and it is neither done nor cancelled .</param>
[GenerateSerializer, Alias("CareGrid.ActivityView")]
public sealed record ActivityView([property: Id(0)] string OrganizationId, [property: Id(1)] ActivityEntry Activity, [property: Id(2)] bool Overdue);

/// <summary>A hazard as read, with <paramref name="Overdue"/> decided on the tenant's local date of the read.</summary>
/// <param name="OrganizationId">The unit.</param>
/// <param name="Hazard">The hazard.</param>
/// <param name="Overdue">True when it is not fixed and its fix deadline has passed .</param>
[GenerateSerializer, Alias("CareGrid.HazardView")]
public sealed record HazardView([property: Id(0)] string OrganizationId, [property: Id(1)] HazardEntry Hazard, [property: Id(2)] bool Overdue);

/// <summary>A unit's activity and hazard counts on one date (no titles, places or subs).</summary>
/// <param name="OrganizationId">The unit.</param>
/// <param name="Activities">Activities in the plan.</param>
/// <param name="ActivitiesOpen">Activities planned or in progress.</param>
/// <param name="ActivitiesOverdue">Open activities past their deadline.</param>
/// <param name="Hazards">Hazards recorded.</param>
/// <param name="HazardsOpen">Hazards not yet fixed.</param>
/// <param name="HazardsOverdue">Open hazards past their fix deadline.</param>
[GenerateSerializer, Alias("CareGrid.UnitActivityCounts"), Immutable]
public sealed record UnitActivityCounts(
    [property: Id(0)] string OrganizationId,
    [property: Id(1)] int Activities,
    [property: Id(2)] int ActivitiesOpen,
    [property: Id(3)] int ActivitiesOverdue,
    [property: Id(4)] int Hazards,
    [property: Id(5)] int HazardsOpen,
    [property: Id(6)] int HazardsOverdue);

/// <summary>
/// The units of a tenant that hold an activity plan or hazard ledger (key: the bare tenant id), so the statistics and
/// tenant deletion find them without a scan (docs/activities.md). Bounded by the tenant's units.
/// </summary>
public interface IActivityRegistryGrain : ITenantScopedGrain
{
    /// <summary>Remembers unit <paramref name="organizationId"/> (idempotent).</summary>
    Task Track(string organizationId);

    /// <summary>The units remembered, in ordinal order. Interleaves.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<string>> Units();

    /// <summary>Erases every remembered unit's plan and ledger, then itself (tenant deletion after export).</summary>
    Task Purge();
}

/// <summary>Persisted state of the <see cref="IActivityRegistryGrain"/>.</summary>
[GenerateSerializer, Alias("CareGrid.ActivityRegistryState")]
public sealed class ActivityRegistryState
{
    /// <summary>Units with a plan or ledger.</summary>
    [Id(0)] public SortedSet<string> OrganizationIds { get; set; } = new(StringComparer.Ordinal);
}
