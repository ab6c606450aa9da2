using CareGrid.Grains.History;

namespace CareGrid.Grains.Cases;

/// <summary>Persisted state of a <see cref="CaseGrain"/>.</summary>
[GenerateSerializer, Alias("CareGrid.CaseState")]
public sealed class CaseState
{
    /// <summary>False until reported.</summary>
    [Id(0)] public bool Exists { get; set; }
    /// <summary>Person local id.</summary>
    [Id(1)] public string PersonId { get; set; } = "";
    /// <summary>Responsible organization local id.</summary>
    [Id(2)] public string? OrganizationId { get; set; }
    /// <summary>Status.</summary>
    [Id(3)] public CaseStatus Status { get; set; }
    /// <summary>Risk level.</summary>
    [Id(4)] public RiskLevel RiskLevel { get; set; }
    /// <summary>Escalation level 1–3 .</summary>
    [Id(5)] public int EscalationLevel { get; set; } = 1;
    /// <summary>Owner: the <c>sub</c> of the assigned staff member, or a queue (<see cref="CaseQueues"/>).</summary>
    [Id(6)] public string? AssigneeId { get; set; }
    /// <summary>What was reported (sensitive).</summary>
    [Id(7)] public string Summary { get; set; } = "";
    /// <summary>The reporter's <c>sub</c>.</summary>
    [Id(8)] public string ReportedBy { get; set; } = "";
    /// <summary>When reported (UTC).</summary>
    [Id(9)] public DateTimeOffset ReportedAt { get; set; }
    /// <summary>Last change (UTC).</summary>
    [Id(10)] public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Every accepted transition and event, oldest first.</summary>
    [Id(11)] public List<TimelineEntry> Timeline { get; set; } = [];
    /// <summary>Deadline tasks.</summary>
    [Id(12)] public List<CaseTask> Tasks { get; set; } = [];
    /// <summary>Screenings.</summary>
    [Id(13)] public List<ScreeningRecord> Screenings { get; set; } = [];
    /// <summary>Contacts.</summary>
    [Id(14)] public List<ContactLog> Contacts { get; set; } = [];
    /// <summary>Referrals.</summary>
    [Id(15)] public List<Referral> Referrals { get; set; } = [];
    /// <summary>Notices sent up the chain.</summary>
    [Id(16)] public List<CaseNotification> Notifications { get; set; } = [];
    /// <summary>When risk last rose to High or Imminent (UTC).</summary>
    [Id(17)] public DateTimeOffset? HighRiskSince { get; set; }
    /// <summary>When a level-3 professional last reassessed the risk (UTC).</summary>
    [Id(18)] public DateTimeOffset? Level3ReassessedAt { get; set; }
    /// <summary>When professional intervention started (UTC).</summary>
    [Id(19)] public DateTimeOffset? InterventionStartedAt { get; set; }
    /// <summary>Follow-up visit interval, hours.</summary>
    [Id(20)] public int VisitEveryHours { get; set; } = 336;
    /// <summary>Sequence for task, screening and referral ids.</summary>
    [Id(21)] public int Sequence { get; set; }
    /// <summary>Keyed writes remembered for retries (docs/idempotency.md; bounded by <see cref="Idempotency.RememberedWrites"/>).</summary>
    [Id(40)] public List<Idempotency.RememberedWrite>? RememberedWrites { get; set; }
    /// <summary>Subjects of reporters whose concerns joined this case after the first (a record only: it opens nothing to them).</summary>
    [Id(41)] public List<string>? Reporters { get; set; }
    /// <summary>
    /// How many entries of each history were moved to the case history store (docs/storage.md); the lists above hold only
    /// the entries after these. An old-shape state (histories inside) reads as all zero and is archived on activation.
    /// </summary>
    [Id(42)] public CaseHistoryMarks Archived { get; set; } = new();
    /// <summary>
    /// The access roles (<see cref="Security.Roles"/>) of the named owner <see cref="AssigneeId"/>, recorded when they were
    /// made owner (takeCase, activateCase, reassignWork, startIntervention, the protocol); null for a queue, nobody, or
    /// an owner assigned before this was recorded (counted as not a level-3 professional, docs/protocol.md "Who owns crisis work").
    /// </summary>
    [Id(43)] public List<string>? AssigneeRoles { get; set; }
    /// <summary>
    /// The running facts the timeliness statistics need (reopens, closing, first professional contact, the high-risk episode
    /// and its protocol outcome, referrals, service per unit and week), kept by the case aggregate as transitions happen
    /// (docs/statistics.md "Timeliness"); null on a case stored before they existed (filled from its hot state when next changed
    /// or activated, <see cref="Statistics.CaseFactsBackfill"/>).
    /// </summary>
    [Id(44)] public Statistics.CaseFacts? Facts { get; set; }
    /// <summary>Discharges handed over on this case (R-2.4, docs/discharge.md), oldest first, at most <see cref="Domain.CaseAggregate.MaxDischarges"/>; null when none.</summary>
    [Id(60)] public List<Discharge.DischargeRecord>? Discharges { get; set; }
    /// <summary>The <see cref="Events.CareEvent.Sequence"/> of the case's last raised event; 0 before the first (docs/events.md).</summary>
    [Id(61)] public long EventSequence { get; set; }
    /// <summary>
    /// Raised events not yet known to be taken by every sink, oldest first, written in the same write as the change that
    /// raised them and pruned lazily by the next write (at most <see cref="Events.CaseEventRecorder.MaxPending"/>, docs/events.md
    /// "Delivery"); null when none.
    /// </summary>
    [Id(62)] public List<Events.CareEvent>? PendingEvents { get; set; }
    /// <summary>Ids of the open tasks whose <see cref="Events.CareEventKind.TaskDueSoon"/> was raised (once per task); null when none.</summary>
    [Id(63)] public List<string>? DueSoonRaised { get; set; }
    /// <summary>
    /// True while nobody has graded the case's risk: it was reported without a <c>riskLevel</c> (the reporter was unsure, or a
    /// mailbox thread was converted without one) and no grading has happened since. <see cref="RiskLevel"/> then reads
    /// <see cref="Cases.RiskLevel.Low"/> only because the state machine and the statistics need a level; lists and the console
    /// show the case as not yet graded and put it right after High/Imminent (docs/protocol.md "Ungraded reports"). Cleared by
    /// any grading: <c>assessRisk</c>, a screening, a raise by a joined concern's grading. False (graded) on every state
    /// stored before this existed.
    /// </summary>
    [Id(64)] public bool RiskUngraded { get; set; }

    /// <summary>
    /// The deadlines of the protocol tasks that closing the case cancelled before they were due and that no protocol
    /// run has spent yet, one per task kind (at most 5); null when none, and on every state stored before 2026-12-05. The
    /// next time the protocol runs — the case reopened at High, or its risk raised to High later — each task is due no later
    /// than its kind's entry while that entry is still in force (docs/protocol.md "Reopening a High or Imminent case"), and
    /// the kinds that run deals with are spent (police transport stays until the case is Imminent again).
    /// </summary>
    [Id(65)] public List<StoppedDeadline>? StoppedDeadlines { get; set; }

    /// <summary>
    /// When the risk last rose while High or Imminent, or was first graded so: a rise from below High, from High to Imminent,
    /// or a reopening at High (UTC). Crisis work counts toward closing only after it (<c>CaseAggregate.CrisisWorkedThisEpisode</c>,
    /// docs/protocol.md "Guards"; round-32 red team: a guidance task done at High let an Imminent case close). Null below
    /// High, and on states stored before 2026-12-05 (then <see cref="HighRiskSince"/> stands in).
    /// </summary>
    [Id(66)] public DateTimeOffset? RiskRoseAt { get; set; }

    /// <summary>
    /// The words suggesting a risk of self-harm or suicide (<see cref="Domain.CrisisWords"/>) found in concerns reported
    /// below High or without a grading (<see cref="Domain.CaseAggregate.FlagCrisisWords"/>), each once, in the order first
    /// found; null when none ever was (and on states stored before 2026-12-06). Kept when the case is graded: it tells
    /// why the case went to level 3.
    /// </summary>
    [Id(67)] public List<string>? CrisisWords { get; set; }
}

/// <summary>A protocol task's deadline that closing the case stopped (<see cref="CaseState.StoppedDeadlines"/>).</summary>
/// <param name="Kind">The task kind.</param>
/// <param name="DueAt">When the cancelled task was due (UTC).</param>
[GenerateSerializer, Alias("CareGrid.StoppedDeadline")]
public sealed record StoppedDeadline([property: Id(0)] CaseTaskKind Kind, [property: Id(1)] DateTimeOffset DueAt);
