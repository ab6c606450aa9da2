using CareGrid.Grains.Cases;

namespace CareGrid.Grains.Statistics;

/// <summary>
/// What a case remembers for the timeliness statistics (R-1.10, R-1.12, R-2.4; docs/statistics.md "Timeliness"): compact
/// running values the case aggregate keeps as its transitions happen, because a long case moves old tasks, contacts and
/// referrals out of its hot state (docs/storage.md) and the statistics may not recompute them from the hot lists. Carried
/// on the read side as <see cref="ReadModel.CaseRow.Facts"/>; the case grain skips a row write when the row equals the last
/// one written, so equality is by value, lists included (<see cref="Equals(CaseFacts?)"/>).
/// </summary>
/// <remarks>
/// Bounded whatever the case's length: at most <see cref="MaxReferrals"/> referrals in detail (later ones counted by outcome
/// only), at most 5 open protocol tasks (one kind), at most <see cref="MaxServiceWeeks"/> (unit, week) service
/// entries (older ones kept as totals only), at most <see cref="MaxHandOvers"/> hand-overs. Every instant is UTC.
/// </remarks>
[GenerateSerializer, Alias("CareGrid.CaseFacts")]
public sealed partial record CaseFacts
{
    /// <summary>How many referrals are kept in detail (<see cref="Referrals"/>); later ones are counted in <see cref="ReferralsBeyond"/>.</summary>
    public const int MaxReferrals = 16;

    /// <summary>How many (unit, week) service entries are kept (<see cref="Service"/>); the oldest beyond it fold into <see cref="EarlierService"/>.</summary>
    public const int MaxServiceWeeks = 200;

    /// <summary>How many discharge hand-over tasks are kept (<see cref="HandOvers"/>).</summary>
    public const int MaxHandOvers = 8;

    /// <summary>How many ended high-risk episodes are kept (<see cref="EarlierEpisodes"/>); older ones are counted in <see cref="EpisodesBeyond"/>.</summary>
    public const int MaxEarlierEpisodes = 16;

    // The lists are stored as null while empty (Stored): an empty list written as a field of an interface type carries its
    // type's full name, ~25-55 bytes each, ~190 bytes of a LOW case's stored state for seven empty lists (docs/memory.md
    // "Round 40"). The ids and the declared types are the properties' of before, so states stored earlier read the same.
    [Id(9)] private readonly IReadOnlyList<ProtocolTaskDue>? protocolOpen;
    [Id(10)] private readonly IReadOnlyList<ReferralFact>? referrals;
    [Id(11)] private readonly IReadOnlyList<ReferralCount>? referralsBeyond;
    [Id(13)] private readonly IReadOnlyList<ServiceWeek>? service;
    [Id(17)] private readonly IReadOnlyList<HandOverFact>? handOvers;
    [Id(18)] private readonly IReadOnlyList<EpisodeFact>? earlierEpisodes;
    [Id(19)] private readonly IReadOnlyList<EpisodeCount>? episodesBeyond;

    /// <summary>How many times the case was reopened (<c>reopenCase</c>).</summary>
    [Id(0)] public int ReopenCount { get; init; }

    /// <summary>When the case was last closed; null while it is open.</summary>
    [Id(1)] public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>When the case was last reopened, or null.</summary>
    [Id(2)] public DateTimeOffset? ReopenedAt { get; init; }

    /// <summary>
    /// The first professional contact: the earliest contact logged by, or professional intervention started by, a level-3
    /// professional (an actor holding the Counsellor or Clinician role when acting, R-4.3). Null until then.
    /// </summary>
    [Id(3)] public DateTimeOffset? FirstProfessionalContactAt { get; init; }

    /// <summary>When the current or last high-risk episode began (risk rose from below High to High or Imminent, R-1.10); null when never.</summary>
    [Id(4)] public DateTimeOffset? HighRiskSince { get; init; }

    /// <summary>
    /// When crisis intervention started in the current or last high-risk episode: its <c>PROFESSIONAL_CRISIS_INTERVENTION</c>
    /// task done (by <c>startIntervention</c> or <c>completeTask</c>), or <c>startIntervention</c> while at High or Imminent.
    /// </summary>
    [Id(5)] public DateTimeOffset? CrisisInterventionAt { get; init; }

    /// <summary>Protocol tasks of the episode done by their deadline (closed at or before <c>dueAt</c>).</summary>
    [Id(6)] public int ProtocolMet { get; init; }

    /// <summary>Protocol tasks of the episode done after their deadline, or cancelled after it.</summary>
    [Id(7)] public int ProtocolMissed { get; init; }

    /// <summary>Protocol tasks of the episode cancelled before their deadline (not done, not late).</summary>
    [Id(8)] public int ProtocolCancelled { get; init; }

    /// <summary>The episode's open protocol tasks (at most one kind), with their deadlines.</summary>
    public IReadOnlyList<ProtocolTaskDue> ProtocolOpen { get => protocolOpen ?? []; init => protocolOpen = Stored(value); }

    /// <summary>The case's first <see cref="MaxReferrals"/> referrals, in order, as they are now.</summary>
    public IReadOnlyList<ReferralFact> Referrals { get => referrals ?? []; init => referrals = Stored(value); }

    /// <summary>Referrals after the first <see cref="MaxReferrals"/> that are finished, counted by outcome (ordered by status).</summary>
    public IReadOnlyList<ReferralCount> ReferralsBeyond { get => referralsBeyond ?? []; init => referralsBeyond = Stored(value); }

    /// <summary>The newest referral after the first <see cref="MaxReferrals"/> (the only one of them that may still change), or null.</summary>
    [Id(12)] public ReferralFact? LatestBeyond { get; init; }

    /// <summary>Contacts and minutes per (provider unit, ISO week), oldest week first; at most <see cref="MaxServiceWeeks"/> entries.</summary>
    public IReadOnlyList<ServiceWeek> Service { get => service ?? []; init => service = Stored(value); }

    /// <summary>Contacts and minutes of entries that fell out of <see cref="Service"/> (totals only, no week or unit).</summary>
    [Id(14)] public ServiceTotal EarlierService { get; init; } = new(0, 0);

    /// <summary>The IANA time zone the weeks of <see cref="Service"/> are counted in: the tenant's when the case opened.</summary>
    [Id(15)] public string? TimeZoneId { get; init; }

    /// <summary>True when these facts were computed from an old case's hot state (best effort, docs/statistics.md "Timeliness").</summary>
    [Id(16)] public bool Backfilled { get; init; }

    /// <summary>The case's first <see cref="MaxHandOvers"/> discharge hand-over tasks, as they are now; later ones are not kept.</summary>
    public IReadOnlyList<HandOverFact> HandOvers { get => handOvers ?? []; init => handOvers = Stored(value); }

    /// <summary>
    /// The case's ended high-risk episodes that count in the figures (a protocol outcome or a crisis intervention), oldest
    /// first, at most <see cref="MaxEarlierEpisodes"/>: an episode ends when the next one begins (<see cref="HighRiskBegan"/>),
    /// so a protocol deadline missed before the risk dropped and rose again, or before the case was closed and reopened,
    /// stays in the statistics (R-1.10; docs/statistics.md "Timeliness").
    /// </summary>
    public IReadOnlyList<EpisodeFact> EarlierEpisodes { get => earlierEpisodes ?? []; init => earlierEpisodes = Stored(value); }

    /// <summary>
    /// Ended episodes that left <see cref="EarlierEpisodes"/> past its bound, counted by outcome (ordered by outcome; not in the
    /// weekly figures). Missed ones leave last: only once all kept episodes are missed.
    /// </summary>
    public IReadOnlyList<EpisodeCount> EpisodesBeyond { get => episodesBeyond ?? []; init => episodesBeyond = Stored(value); }

    /// <summary><paramref name="list"/> as a list field keeps it: null when empty (what the getters read as empty).</summary>
    private static IReadOnlyList<T>? Stored<T>(IReadOnlyList<T>? list) => list is { Count: > 0 } ? list : null;

    /// <summary>The outcome of the current or last episode's protocol (<see cref="ProtocolOutcome"/>), as recorded (without the clock).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ProtocolOutcome Protocol =>
        HighRiskSince is null ? ProtocolOutcome.None
        : ProtocolMissed > 0 ? ProtocolOutcome.Missed
        : ProtocolOpen.Count > 0 ? ProtocolOutcome.Pending
        : ProtocolCancelled > 0 ? ProtocolOutcome.Cancelled
        : ProtocolMet > 0 ? ProtocolOutcome.Met
        : ProtocolOutcome.None;

    /// <summary>The earliest deadline of an open protocol task, or null: a <see cref="ProtocolOutcome.Pending"/> episode is missed once the clock passes it.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public DateTimeOffset? ProtocolPendingDue => ProtocolOpen.Count == 0 ? null : ProtocolOpen.Min(t => t.DueAt);

    /// <summary>Value equality, lists compared element by element in order.</summary>
    public bool Equals(CaseFacts? other) =>
        other is not null && ReopenCount == other.ReopenCount && ClosedAt == other.ClosedAt && ReopenedAt == other.ReopenedAt
        && FirstProfessionalContactAt == other.FirstProfessionalContactAt && HighRiskSince == other.HighRiskSince
        && CrisisInterventionAt == other.CrisisInterventionAt && ProtocolMet == other.ProtocolMet
        && ProtocolMissed == other.ProtocolMissed && ProtocolCancelled == other.ProtocolCancelled
        && ProtocolOpen.SequenceEqual(other.ProtocolOpen) && Referrals.SequenceEqual(other.Referrals)
        && ReferralsBeyond.SequenceEqual(other.ReferralsBeyond) && LatestBeyond == other.LatestBeyond
        && Service.SequenceEqual(other.Service) && EarlierService == other.EarlierService
        && TimeZoneId == other.TimeZoneId && Backfilled == other.Backfilled && HandOvers.SequenceEqual(other.HandOvers)
        && EarlierEpisodes.SequenceEqual(other.EarlierEpisodes) && EpisodesBeyond.SequenceEqual(other.EpisodesBeyond);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ReopenCount, ClosedAt, FirstProfessionalContactAt, HighRiskSince,
        CrisisInterventionAt, ProtocolOpen.Count, Referrals.Count, HashCode.Combine(Service.Count, EarlierEpisodes.Count));
}

/// <summary>The outcome of a high-risk episode's protocol (docs/statistics.md "Timeliness").</summary>
[GenerateSerializer, Alias("CareGrid.ProtocolOutcome")]
public enum ProtocolOutcome
{
    /// <summary>No high-risk episode (or one without protocol tasks).</summary>
    None,
    /// <summary>Some protocol task is still open and none was missed; missed once the clock passes an open task's deadline.</summary>
    Pending,
    /// <summary>Every protocol task of the episode was done at or before its deadline.</summary>
    Met,
    /// <summary>Some protocol task was done or cancelled after its deadline.</summary>
    Missed,
    /// <summary>None missed and none open, but some task was cancelled before its deadline (not done).</summary>
    Cancelled,
}

/// <summary>An ended high-risk episode (<see cref="CaseFacts.EarlierEpisodes"/>); instants UTC.</summary>
/// <param name="Began">When it began (risk rose to High or Imminent, or a case at that risk was reopened).</param>
/// <param name="CrisisInterventionAt">When its crisis intervention started, or null when it ended without one.</param>
/// <param name="Outcome">
/// Its protocol outcome when it ended: <see cref="ProtocolOutcome.Missed"/> when a protocol task was done or
/// cancelled after its deadline, or was still open past it; else <see cref="ProtocolOutcome.Cancelled"/>,
/// <see cref="ProtocolOutcome.Met"/> or <see cref="ProtocolOutcome.None"/> by the tasks it closed. Never pending: open
/// tasks not yet due go on in the next episode.
/// </param>
[GenerateSerializer, Alias("CareGrid.EpisodeFact"), Immutable]
public sealed record EpisodeFact(
    [property: Id(0)] DateTimeOffset Began,
    [property: Id(1)] DateTimeOffset? CrisisInterventionAt,
    [property: Id(2)] ProtocolOutcome Outcome);

/// <summary>How many ended episodes beyond the kept ones had <paramref name="Outcome"/>.</summary>
[GenerateSerializer, Alias("CareGrid.EpisodeCount"), Immutable]
public sealed record EpisodeCount([property: Id(0)] ProtocolOutcome Outcome, [property: Id(1)] int Count);

/// <summary>An open protocol task and its deadline (UTC).</summary>
/// <param name="TaskId">The task's id (<c>t{n}</c>).</param>
/// <param name="DueAt">Its deadline.</param>
[GenerateSerializer, Alias("CareGrid.ProtocolTaskDue"), Immutable]
public sealed record ProtocolTaskDue([property: Id(0)] string TaskId, [property: Id(1)] DateTimeOffset DueAt);

/// <summary>A referral as the statistics see it: its outcome so far and its times (UTC), nothing shared.</summary>
/// <param name="Id">The referral's id (<c>r{n}</c>).</param>
/// <param name="Status">Its status now (the outcome once finished).</param>
/// <param name="ProposedAt">When proposed.</param>
/// <param name="SentAt">When sent, or null.</param>
/// <param name="AcceptedAt">When the institution accepted, or null.</param>
[GenerateSerializer, Alias("CareGrid.ReferralFact"), Immutable]
public sealed record ReferralFact(
    [property: Id(0)] string Id,
    [property: Id(1)] ReferralStatus Status,
    [property: Id(2)] DateTimeOffset ProposedAt,
    [property: Id(3)] DateTimeOffset? SentAt,
    [property: Id(4)] DateTimeOffset? AcceptedAt);

/// <summary>A discharge hand-over task (R-2.4: within 5 working days) as the statistics see it; instants UTC.</summary>
/// <param name="TaskId">The task's id (<c>t{n}</c>).</param>
/// <param name="DueAt">Its deadline.</param>
/// <param name="Status">Open, done or cancelled.</param>
/// <param name="ClosedAt">When done or cancelled, or null while open.</param>
[GenerateSerializer, Alias("CareGrid.HandOverFact"), Immutable]
public sealed record HandOverFact(
    [property: Id(0)] string TaskId,
    [property: Id(1)] DateTimeOffset DueAt,
    [property: Id(2)] CaseTaskStatus Status,
    [property: Id(3)] DateTimeOffset? ClosedAt);

/// <summary>How many referrals beyond the detailed ones ended with <paramref name="Status"/>.</summary>
[GenerateSerializer, Alias("CareGrid.ReferralCount"), Immutable]
public sealed record ReferralCount([property: Id(0)] ReferralStatus Status, [property: Id(1)] int Count);

/// <summary>
/// Service volume of one provider unit in one ISO week: contacts logged and their minutes. The provider unit is the
/// case's responsible unit when the contact was logged (a contact names no unit of its own); null when the case had none.
/// </summary>
/// <param name="UnitId">The unit's local id, or null.</param>
/// <param name="Week">The Monday of the ISO week, in <see cref="CaseFacts.TimeZoneId"/>.</param>
/// <param name="Contacts">Contacts logged.</param>
/// <param name="Minutes">Their minutes.</param>
[GenerateSerializer, Alias("CareGrid.ServiceWeek"), Immutable]
public sealed record ServiceWeek(
    [property: Id(0)] string? UnitId,
    [property: Id(1)] DateOnly Week,
    [property: Id(2)] int Contacts,
    [property: Id(3)] long Minutes);

/// <summary>Contacts and minutes without a unit or week (service entries beyond <see cref="CaseFacts.MaxServiceWeeks"/>).</summary>
[GenerateSerializer, Alias("CareGrid.ServiceTotal"), Immutable]
public sealed record ServiceTotal([property: Id(0)] int Contacts, [property: Id(1)] long Minutes);
