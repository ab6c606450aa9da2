using CareGrid.Grains.Security;

namespace CareGrid.Grains.Cases;

/// <summary>
/// Case status: <c>Reported → Triage → Active → (Referred) → FollowUp → Closed</c>, <c>Closed → Triage</c> on reopen
/// (docs/architecture.md "CaseGrain").
/// </summary>
[GenerateSerializer, Alias("CareGrid.CaseStatus")]
public enum CaseStatus
{
    /// <summary>A concern was raised; nobody has looked at it yet.</summary>
    Reported,
    /// <summary>Being screened and graded.</summary>
    Triage,
    /// <summary>Being worked by an assignee.</summary>
    Active,
    /// <summary>Referred to an outside institution .</summary>
    Referred,
    /// <summary>Follow-up visits .</summary>
    FollowUp,
    /// <summary>Closed; can be reopened into Triage.</summary>
    Closed,
}

/// <summary>Triggers of the case state machine; each is fired by one GraphQL mutation.</summary>
[GenerateSerializer, Alias("CareGrid.CaseTrigger")]
public enum CaseTrigger
{
    /// <summary><c>Reported → Triage</c> (<c>triageCase</c>).</summary>
    Triage,
    /// <summary><c>Triage → Active</c>; needs an assignee (<c>activateCase</c>).</summary>
    Activate,
    /// <summary>
    /// <c>Reported | Triage | Active → Active</c>: a level-3 professional starts professional intervention
    /// (<c>startIntervention</c>); needs ProfessionalIntervention consent unless risk is Imminent.
    /// </summary>
    StartIntervention,
    /// <summary><c>Active → Referred</c>: fired when a referral is sent (<c>sendReferral</c>).</summary>
    Refer,
    /// <summary><c>Referred → Active</c>: the institution declined the referral.</summary>
    ReferralDeclined,
    /// <summary><c>Active | Referred → FollowUp</c> (<c>startFollowUp</c>, or <c>completeReferral</c>).</summary>
    StartFollowUp,
    /// <summary><c>Triage | Active | FollowUp → Closed</c>; needs a reason (<c>closeCase</c>).</summary>
    Close,
    /// <summary><c>Closed → Triage</c>; needs a reason (<c>reopenCase</c>).</summary>
    Reopen,
}

/// <summary>Channels of a logged contact .</summary>
[GenerateSerializer, Alias("CareGrid.ContactChannel")]
public enum ContactChannel
{
    /// <summary>Phone call.</summary>
    Phone,
    /// <summary>Home visit (R-6.2 "more home visits", R-7.3).</summary>
    HomeVisit,
    /// <summary>Online (messaging, video).</summary>
    Online,
    /// <summary>Hotline call (R-5.1 24-hour line).</summary>
    Hotline,
    /// <summary>Worry mailbox message .</summary>
    Mailbox,
    /// <summary>In person at school or the centre.</summary>
    InPerson,
}

/// <summary>Referral status: <c>Proposed → Sent → Accepted | Declined</c>, <c>Accepted → Completed</c>.</summary>
[GenerateSerializer, Alias("CareGrid.ReferralStatus")]
public enum ReferralStatus
{
    /// <summary>Drafted; nothing shared yet.</summary>
    Proposed,
    /// <summary>Sent with the minimal consented fields.</summary>
    Sent,
    /// <summary>The institution took the person on.</summary>
    Accepted,
    /// <summary>The institution declined; the case returns to Active.</summary>
    Declined,
    /// <summary>The institution's episode ended; the case moves to FollowUp.</summary>
    Completed,
}

/// <summary>Triggers of a referral.</summary>
[GenerateSerializer, Alias("CareGrid.ReferralTrigger")]
public enum ReferralTrigger
{
    /// <summary><c>Proposed → Sent</c>.</summary>
    Send,
    /// <summary><c>Sent → Accepted</c>.</summary>
    Accept,
    /// <summary><c>Sent → Declined</c>.</summary>
    Decline,
    /// <summary><c>Accepted → Completed</c>.</summary>
    Complete,
}

/// <summary>
/// A deadline task on a case. Overdue is derived: open and past <see cref="DueAt"/>. A closed task says who closed it
/// (<see cref="ClosedBy"/>), when (<see cref="ClosedAt"/>) and by which mutation (<see cref="ClosedByAction"/>: <c>completeTask</c>,
/// <c>cancelTask</c>, or the action that did the task's work — <c>startIntervention</c>, <c>logContact</c>,
/// <c>sendReferral</c>, <c>closeCase</c>; ). <see cref="ClosedByAction"/> is null on tasks closed before it was recorded.
/// </summary>
[GenerateSerializer, Alias("CareGrid.CaseTask")]
public sealed record CaseTask(
    [property: Id(0)] string Id,
    [property: Id(1)] CaseTaskKind Kind,
    [property: Id(2)] string OwnerId,
    [property: Id(3)] CaseTaskStatus Status,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset DueAt,
    [property: Id(6)] int EscalationCount,
    [property: Id(7)] DateTimeOffset? EscalatedAt,
    [property: Id(8)] string? OriginalOwnerId,
    [property: Id(9)] DateTimeOffset? ClosedAt,
    [property: Id(10)] string? ClosedBy,
    [property: Id(11)] string? Note,
    [property: Id(12)] string? ClosedByAction = null)
{
    /// <summary>True when open and past its deadline at <paramref name="now"/>.</summary>
    public bool IsOverdue(DateTimeOffset now) => Status == CaseTaskStatus.Open && DueAt <= now;
}

/// <summary>A screening attached to a case: the answers and the scored result.</summary>
[GenerateSerializer, Alias("CareGrid.ScreeningRecord")]
public sealed record ScreeningRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string By,
    [property: Id(3)] Screening.ScreeningResult Result,
    [property: Id(4)] IReadOnlyList<int?> Answers);

/// <summary>A logged contact with the person or family.</summary>
/// <param name="At">When it was logged (UTC, domain clock).</param>
/// <param name="By">The sub of the staff member who logged it.</param>
/// <param name="Channel">How the contact was made.</param>
/// <param name="DurationMinutes">Minutes, 0–1440.</param>
/// <param name="Notes">Free text, or null.</param>
/// <param name="ProviderUnitId">The unit that delivered it (local id): the logging member's unit — a quarantine site's team
/// a school's emergency volunteer team — as credited in the service volume; null for contacts logged
/// before it was stored, or when neither the member nor the case has a unit.</param>
[GenerateSerializer, Alias("CareGrid.ContactLog")]
public sealed record ContactLog(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string By,
    [property: Id(2)] ContactChannel Channel,
    [property: Id(3)] int DurationMinutes,
    [property: Id(4)] string? Notes,
    [property: Id(5)] string? ProviderUnitId = null);

/// <summary>A notice sent up the escalation chain (R-1.10: level 2 is told at once).</summary>
[GenerateSerializer, Alias("CareGrid.CaseNotification")]
public sealed record CaseNotification(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string To,
    [property: Id(2)] string Message);

/// <summary>A referral to an external institution .</summary>
[GenerateSerializer, Alias("CareGrid.Referral")]
public sealed record Referral(
    [property: Id(0)] string Id,
    [property: Id(1)] string Institution,
    [property: Id(2)] string Reason,
    [property: Id(3)] ReferralStatus Status,
    [property: Id(4)] DateTimeOffset ProposedAt,
    [property: Id(5)] string ProposedBy,
    [property: Id(6)] DateTimeOffset? SentAt,
    [property: Id(7)] IReadOnlyList<string> SharedFields,
    [property: Id(8)] IReadOnlyDictionary<string, string> SharedData,
    [property: Id(9)] string? ConsentOverrideReason,
    [property: Id(10)] DateTimeOffset? RespondedAt,
    [property: Id(11)] DateTimeOffset? CompletedAt,
    [property: Id(12)] string? Note)
{
    /// <summary>
    /// When the person's <c>INFORMATION_SHARING</c> consent was withdrawn after this referral had shared its fields (it was
    /// sent): the institution holds data the person no longer agrees to share and should be told (round-31 trial: nothing on
    /// the referral said so). Null otherwise. Set once, by <see cref="Domain.CaseConsent.RecordChange"/>; a later grant
    /// leaves it (R-1.7; PIPL art. 15: a withdrawal does not undo what was shared before it, the recipient is informed).
    /// </summary>
    [Id(13)] public DateTimeOffset? ConsentWithdrawnAt { get; init; }
}

/// <summary>Input of <c>reportConcern</c>: a front-line person raises a concern about someone .</summary>
/// <param name="PersonId">Local id of the person concerned; must exist.</param>
/// <param name="Summary">What was noticed, 1–4000 characters (sensitive).</param>
/// <param name="RiskLevel">The reporter's first grading; Low when none was given (then <paramref name="Ungraded"/>).</param>
/// <param name="OrganizationId">The unit responsible (defaults to the person's organization).</param>
/// <param name="IdempotencyKey">The client's idempotency key (docs/idempotency.md), or null.</param>
/// <param name="SeparateCaseReason">Set when the reporter opens a separate case although the person has an open one: why (1–4000 characters).</param>
/// <param name="Routing">How <see cref="ConcernIntake"/> routed the report; <see cref="ConcernRouting.Direct"/> for a plain create.</param>
/// <param name="SeparatedFrom">With <paramref name="SeparateCaseReason"/>: the person's open case this one is kept apart from.</param>
/// <param name="Ungraded">True when the reporter gave no grading (<c>riskLevel</c> absent): <paramref name="RiskLevel"/> is then
/// <see cref="Cases.RiskLevel.Low"/> and the new case is marked <see cref="CaseState.RiskUngraded"/> until someone grades it.</param>
/// <param name="ReceiptId">Set by <see cref="ConcernIntake"/>: the id the reporter's receipt gets should they be answered with a
/// receipt (<see cref="ReportReceipts.NewReceiptId"/>); the case notes it on its timeline then (<c>ReceiptGiven</c>, round 16 F3).
/// Not part of the report's fingerprint.</param>
/// <param name="DischargeHospitalId">Set by the discharge intake (<c>recordDischarge</c>): the discharging hospital, so an open
/// case already holding <see cref="Domain.CaseAggregate.MaxDischarges"/> discharges refuses the concern before joining it
/// (round-26 red team: a refused discharge left its concern and receipt on the case). Not part of the fingerprint.</param>
/// <param name="DischargedAt">With <paramref name="DischargeHospitalId"/>: the discharge instant (a retry of a recorded discharge passes).</param>
/// <param name="StoppedDeadlines">Set by <see cref="ConcernIntake"/> for a new case: the protocol deadlines the person's last
/// closed case had stopped, which the new case's protocol keeps while they are in force (docs/protocol.md "Reopening a High or
/// Imminent case"). Not part of the fingerprint.</param>
/// <param name="GradedBy">The <c>sub</c> of who gave <paramref name="RiskLevel"/> when it was not the reporter — a converted
/// call's answerer — or null. A professional's own grading stands against crisis words, someone else's does not
/// (<see cref="Domain.CaseAggregate.FlagCrisisWords"/>; round-35 re-check: a coordinator's LOW call was read as the converting
/// counsellor's). Not part of the fingerprint.</param>
[GenerateSerializer, Alias("CareGrid.ReportConcern"), Immutable]
public sealed record ReportConcern(
    [property: Id(0)] string PersonId,
    [property: Id(1)] string Summary,
    [property: Id(2)] RiskLevel RiskLevel,
    [property: Id(3)] string? OrganizationId,
    [property: Id(4)] string? IdempotencyKey = null,
    [property: Id(5)] string? SeparateCaseReason = null,
    [property: Id(6)] ConcernRouting Routing = ConcernRouting.Direct,
    [property: Id(7)] string? SeparatedFrom = null,
    [property: Id(8)] bool Ungraded = false,
    [property: Id(9)] string? ReceiptId = null,
    [property: Id(10)] string? DischargeHospitalId = null,
    [property: Id(11)] DateTimeOffset? DischargedAt = null,
    [property: Id(12)] IReadOnlyList<StoppedDeadline>? StoppedDeadlines = null,
    [property: Id(13)] string? GradedBy = null)
{
    /// <summary>True when the reporter gave <see cref="RiskLevel"/> themself (<see cref="GradedBy"/> empty or theirs).</summary>
    public bool GradedByReporter(Actor actor) => GradedBy is null || GradedBy == actor.Subject;
}

/// <summary>What <see cref="ICaseGrain.ReportForIntake"/> did: the answer, the group-crisis signal, and whether the case already sent the report's follow-ups.</summary>
/// <param name="View">The answer, as <see cref="ICaseGrain.Report"/> gives it (the case or a receipt, with its <see cref="CaseView.ReportOutcome"/>).</param>
/// <param name="Signal">The concern's group-crisis signal when the case stored the concern (opened or joined); null for a
/// keyed retry, which stored nothing. Unless <paramref name="FollowedUp"/>, the caller sends it with <see cref="GroupCrisis.GroupCrisisFeed.SignalAsync"/>.</param>
/// <param name="FollowedUp">True when the case wrote the reporter's receipt, the earlier case's note of a separate case and the
/// group-crisis signal itself, concurrently with its own state write (a report from <see cref="ConcernIntake"/> that the case
/// stored: docs/storage-requests.md); false for a keyed retry the case answered without a write, and for a report that did not
/// come through the intake, whose caller still sends them.</param>
[GenerateSerializer, Alias("CareGrid.TakenConcern"), Immutable]
public sealed record TakenConcern([property: Id(0)] CaseView View, [property: Id(1)] GroupCrisis.GroupCrisisSignal? Signal, [property: Id(2)] bool FollowedUp = false);

/// <summary>How a report reached its case (docs/idempotency.md, "One open case per person").</summary>
[GenerateSerializer, Alias("CareGrid.ConcernRouting")]
public enum ConcernRouting
{
    /// <summary>A plain create under the given id: an existing case answers <c>ALREADY_EXISTS</c> (unless a keyed retry).</summary>
    Direct,
    /// <summary>The person's open-case registry chose this id for a new case; should it exist by then, the concern joins it.</summary>
    Opens,
    /// <summary>The person's open-case registry named this as the person's open case: the concern joins it.</summary>
    Joins,
}

/// <summary>What a report did: opened a new case, or joined the person's open case (R-1.5; docs/idempotency.md).</summary>
[GenerateSerializer, Alias("CareGrid.ReportOutcome")]
public enum ReportOutcome
{
    /// <summary>The report opened a new case.</summary>
    OpenedNewCase,
    /// <summary>The person had an open case: the concern was added to it (timeline <c>ConcernAdded</c>).</summary>
    JoinedOpenCase,
    /// <summary>
    /// The concern was received: what a report-only caller (role Reporter) is told instead of the two above, in the answer of
    /// <c>reportConcern</c> and in <c>myReports</c>, so a report cannot tell whether the person already had an open case
    /// (docs/access.md "Receipts for reporters", R-7.5).
    /// </summary>
    Received,
}

/// <summary>One event on a case's timeline: who did what, when, and why.</summary>
/// <param name="At">When (UTC).</param>
/// <param name="Actor">The <c>sub</c> of who did it (<c>system</c> for the service itself).</param>
/// <param name="Action">The trigger or event name (e.g. <c>Report</c>, <c>Triage</c>, <c>AssessRisk</c>).</param>
/// <param name="FromStatus">Status before.</param>
/// <param name="ToStatus">Status after.</param>
/// <param name="Reason">The stated reason or note, if any.</param>
[GenerateSerializer, Alias("CareGrid.TimelineEntry")]
public sealed record TimelineEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Actor,
    [property: Id(2)] string Action,
    [property: Id(3)] CaseStatus FromStatus,
    [property: Id(4)] CaseStatus ToStatus,
    [property: Id(5)] string? Reason);

/// <summary>A case as returned to a caller, with the actions that caller may take next.</summary>
[GenerateSerializer, Alias("CareGrid.CaseView"), Immutable]
public sealed class CaseView
{
    /// <summary>Tenant id.</summary>
    [Id(0)] public required string TenantId { get; init; }
    /// <summary>Case local id.</summary>
    [Id(1)] public required string Id { get; init; }
    /// <summary>Person local id.</summary>
    [Id(2)] public required string PersonId { get; init; }
    /// <summary>Responsible organization.</summary>
    [Id(3)] public string? OrganizationId { get; init; }
    /// <summary>Status.</summary>
    [Id(4)] public CaseStatus Status { get; init; }
    /// <summary>Risk level.</summary>
    [Id(5)] public RiskLevel RiskLevel { get; init; }
    /// <summary>Escalation level 1–3 .</summary>
    [Id(6)] public int EscalationLevel { get; init; }
    /// <summary>Owner: a staff sub or a queue (<c>queue:level-3</c>).</summary>
    [Id(7)] public string? AssigneeId { get; init; }
    /// <summary>What was reported (sensitive).</summary>
    [Id(8)] public required string Summary { get; init; }
    /// <summary>Reporter sub.</summary>
    [Id(9)] public required string ReportedBy { get; init; }
    /// <summary>When reported (UTC).</summary>
    [Id(10)] public DateTimeOffset ReportedAt { get; init; }
    /// <summary>Last change (UTC).</summary>
    [Id(11)] public DateTimeOffset UpdatedAt { get; init; }
    /// <summary>Every accepted transition and event, oldest first (the most recent ones only when <see cref="Counts"/> says more exist).</summary>
    [Id(12)] public required IReadOnlyList<TimelineEntry> Timeline { get; init; }
    /// <summary>Mutation names the viewer may call now: the allowed <see cref="NextActions"/>, each name once.</summary>
    [Id(13)] public required IReadOnlyList<string> AvailableActions { get; init; }
    /// <summary>Deadline tasks, oldest first.</summary>
    [Id(14)] public required IReadOnlyList<CaseTask> Tasks { get; init; }
    /// <summary>Screenings, oldest first.</summary>
    [Id(15)] public required IReadOnlyList<ScreeningRecord> Screenings { get; init; }
    /// <summary>Contacts, oldest first.</summary>
    [Id(16)] public required IReadOnlyList<ContactLog> Contacts { get; init; }
    /// <summary>Referrals, oldest first (at most one not finished).</summary>
    [Id(17)] public required IReadOnlyList<Referral> Referrals { get; init; }
    /// <summary>Notices sent up the chain.</summary>
    [Id(18)] public required IReadOnlyList<CaseNotification> Notifications { get; init; }
    /// <summary>Follow-up visit interval in hours at the current risk.</summary>
    [Id(19)] public int VisitEveryHours { get; init; }
    /// <summary>When the next visit is due (last contact or report + interval), UTC.</summary>
    [Id(20)] public DateTimeOffset NextVisitDue { get; init; }
    /// <summary>When professional intervention started, if it has.</summary>
    [Id(21)] public DateTimeOffset? InterventionStartedAt { get; init; }
    /// <summary>When a level-3 professional last reassessed the risk.</summary>
    [Id(22)] public DateTimeOffset? Level3ReassessedAt { get; init; }
    /// <summary>On the answer of a report only: whether it opened a new case or joined the person's open one; else null.</summary>
    [Id(40)] public ReportOutcome? ReportOutcome { get; private set; }

    /// <summary>A copy of this view that carries <paramref name="outcome"/> as <see cref="ReportOutcome"/>.</summary>
    public CaseView WithReportOutcome(ReportOutcome outcome)
    {
        var copy = (CaseView)MemberwiseClone();
        copy.ReportOutcome = outcome;
        return copy;
    }

    /// <summary>
    /// How many entries each history holds in all. A list above with fewer entries is the recent window only: read the
    /// rest with <see cref="ICaseGrain.History"/> (docs/storage.md).
    /// </summary>
    [Id(41)] public History.CaseHistoryCounts Counts { get; init; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>
    /// True when this is only a receipt: the answer to a reporter whose concern joined an open case they are not on the
    /// need-to-know list of, or who reports only. It carries its id (the case's inside the case grain; the receipt's own,
    /// <c>rcpt-…</c>, once <see cref="ReportReceipts.AnswerFor"/> answers the caller — round 16 F3), the person and the
    /// reporter's own report, nothing of the case; the
    /// API refuses every other field of it with <c>FORBIDDEN</c> (rule need-to-know).
    /// </summary>
    [Id(42)] public bool IsReceipt { get; init; }

    /// <summary>
    /// On a receipt answered under its own id (<c>rcpt-…</c>, <see cref="ReportReceipts.AnswerFor"/>; round 16 red team F3):
    /// the case it stands for, so the API's audit record of <c>reportConcern</c> names the case written; null otherwise.
    /// Never serialized (no <c>Id</c>) and no field of the API: the caller never sees it.
    /// </summary>
    [field: NonSerialized] public string? ReceiptForCaseId { get; init; }

    /// <summary>
    /// Every case mutation that makes sense in the case's current state, for the viewer: allowed now, or why not (the code,
    /// message, consent purpose or roles its mutation would answer; <see cref="Domain.CaseActions.Next"/>).
    /// </summary>
    [Id(43)] public IReadOnlyList<Domain.NextAction> NextActions { get; init; } = [];

    /// <summary>The discharges handed over on this case, oldest first (R-2.4, docs/discharge.md).</summary>
    [Id(60)] public IReadOnlyList<Discharge.DischargeRecord> Discharges { get; init; } = [];

    /// <summary>
    /// True while nobody has graded the risk (<see cref="CaseState.RiskUngraded"/>): the case was reported without a grading and
    /// <see cref="RiskLevel"/> reads Low only as a placeholder (docs/protocol.md "Ungraded reports").
    /// </summary>
    [Id(61)] public bool RiskUngraded { get; init; }

    /// <summary>Words suggesting a risk of self-harm or suicide found in concerns reported below High (<see cref="CaseState.CrisisWords"/>); empty when none.</summary>
    [Id(62)] public IReadOnlyList<string> CrisisWords { get; init; } = [];
}

/// <summary>Arguments of a case trigger.</summary>
/// <param name="Reason">Why (recorded on the timeline); required for Close and Reopen.</param>
/// <param name="AssigneeId">For Activate: the <c>sub</c> of the staff member who takes the case.</param>
/// <param name="ConsentOverrideReason">For StartIntervention at Imminent risk without consent: the written duty-of-care reason .</param>
[GenerateSerializer, Alias("CareGrid.CaseCommand"), Immutable]
public sealed record CaseCommand(
    [property: Id(0)] string? Reason,
    [property: Id(1)] string? AssigneeId = null,
    [property: Id(2)] string? ConsentOverrideReason = null);
