using CareGrid.Grains.History;
using CareGrid.Grains.Screening;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Cases;

/// <summary>
/// One episode of concern for one person. Key: <c>"{tenant}/{caseId}"</c>. Every command validates first and
/// changes nothing when it fails; common errors: <c>NOT_FOUND</c> (no such case), <c>FORBIDDEN</c> (the
/// actor's roles may not), <c>INVALID_TRANSITION</c> (not permitted in the current state; details carry
/// <c>state</c> and <c>permittedTriggers</c>), <c>VALIDATION_FAILED</c> (bad input; details carry <c>field</c>).
/// A write called with an idempotency key in <see cref="Idempotency.IdempotencyContext"/> (every command but
/// <see cref="Report"/>, whose key is in its input) is applied once: a retry with the same key and arguments answers the
/// case as it is, writing nothing; other arguments answer <c>IDEMPOTENCY_KEY_REUSED</c> (docs/idempotency.md).
/// </summary>
public interface ICaseGrain : ITenantScopedGrain
{
    /// <summary>
    /// Opens the case in <c>Reported</c> (R-1.5). A first grading of High or Imminent runs the high-risk protocol
    /// at once. Also <c>ALREADY_EXISTS</c>, and <c>NOT_FOUND</c> for an unknown person or organization.
    /// A report routed by <see cref="ConcernIntake"/> to a case that exists joins it (<c>ConcernAdded</c>); a keyed
    /// retry answers the first result (<see cref="CaseView.ReportOutcome"/> says which) (docs/idempotency.md).
    /// </summary>
    Task<CaseView> Report(ReportConcern input, Actor actor);

    /// <summary>
    /// <see cref="Report"/> for <see cref="ConcernIntake"/>: the same rules, errors and stored change, but the group-crisis
    /// signal of the concern is returned (<see cref="TakenConcern.Signal"/>) instead of sent, so the intake sends it
    /// together with the reporter's receipt and the earlier case's note — one sequential round trip after the case is
    /// stored instead of one each (docs/storage-requests.md).
    /// </summary>
    Task<TakenConcern> ReportForIntake(ReportConcern input, Actor actor);

    /// <summary>
    /// The case as seen by <paramref name="viewer"/> (its available actions are the viewer's). <c>FORBIDDEN</c> (extensions
    /// <c>rule: need-to-know</c>) when the viewer is not on the case's need-to-know list and holds no break-the-glass grant —
    /// and the same refusal when the case does not exist, unless need-to-know would open any case to the viewer (the
    /// system), who gets null: so ids cannot be probed for existence (round 16 red team F12). Every command but
    /// <see cref="Report"/> applies the same rule (a missing case: that refusal, or <c>NOT_FOUND</c> for the system).
    /// </summary>
    Task<CaseView?> Get(Actor viewer);

    /// <summary>
    /// Like <see cref="Get"/>, with every history complete (read from the case history store): for exports. A missing case
    /// answers as in <see cref="Get"/>.
    /// </summary>
    Task<CaseView?> GetComplete(Actor viewer);

    /// <summary>
    /// A slice of one history of the case (docs/storage.md), oldest first: all entries, or the first
    /// <paramref name="first"/> (at least 1), then of those the last <paramref name="last"/> (1–1000; else
    /// <c>VALIDATION_FAILED</c>): entries k·m+1…(k+1)·m are <c>first = (k+1)·m, last = m</c>. Tasks and referrals list the archived (closed, finished) ones first, then the
    /// current ones, each oldest first. Same need-to-know rule as <see cref="Get"/>.
    /// </summary>
    Task<CaseHistoryPage> History(CaseHistoryKind kind, int? first, int? last, Actor viewer);

    /// <summary>True when the case exists and <paramref name="viewer"/> is on its need-to-know list (or holds a grant).</summary>
    Task<bool> HasNeedToKnow(Actor viewer);

    /// <summary>
    /// True when the case exists and opens its person's sensitive fields to <paramref name="viewer"/>
    /// (<see cref="NeedToKnowPolicy.ForPersonThroughCase"/>: as <see cref="HasNeedToKnow"/>, but having reported the case is not enough).
    /// </summary>
    Task<bool> OpensPersonTo(Actor viewer);

    /// <summary>
    /// True when the case exists and lets <paramref name="viewer"/> change its person's record (<c>IPersonGrain.EnsureMayChange</c>):
    /// as <see cref="OpensPersonTo"/>, but a break-the-glass grant on the case counts only when the viewer's units cover the
    /// case's unit (<see cref="NeedToKnowPolicy.GrantMayChangeCase"/>; round-26 red team: a minute of glass on a case rewrote
    /// the pupil's guardian and consents).
    /// </summary>
    Task<bool> OpensPersonToChange(Actor viewer);

    /// <summary>
    /// The case for <paramref name="actor"/> to act on from another grain (material aid, <c>ICaseAidGrain</c>): as
    /// <see cref="Get"/>, but a case that only a break-the-glass grant opens is refused <c>FORBIDDEN</c>
    /// <c>break-the-glass-read-only</c> unless the actor's units cover its unit (round-27 red team: the aid mutations wrote
    /// with a grant alone). A case id that names no case answers as a case outside need-to-know (or <c>NOT_FOUND</c> to the system).
    /// </summary>
    Task<CaseView> GetToAct(Actor actor);

    /// <summary>Raises the escalation level (never lowers) with a reason, notifying the new level .</summary>
    Task<CaseView> Escalate(int level, string reason, Actor actor);

    /// <summary>
    /// <c>takeCase</c>: the caller becomes the case's owner (R-4.3, R-1.6; rules in <see cref="Domain.CaseAggregate.Take"/>).
    /// Need-to-know first (<c>FORBIDDEN</c>, <c>rule: need-to-know</c>); the owner calling it again changes nothing.
    /// </summary>
    Task<CaseView> TakeCase(Actor actor);

    /// <summary>
    /// <c>requestProfessionalReview</c>: escalates the case to level 3 with the reason, for whoever works it at level 1
    /// (R-4.3, R-4.4; rules in <see cref="Domain.CaseAggregate.RequestProfessionalReview"/>). Need-to-know first; a case at
    /// level 3 already is answered as it is.
    /// </summary>
    Task<CaseView> RequestProfessionalReview(string reason, Actor actor);

    /// <summary>
    /// Fires a trigger. <c>StartIntervention</c> needs a level-3 role and ProfessionalIntervention consent, or at
    /// Imminent risk a written <see cref="CaseCommand.ConsentOverrideReason"/> (<c>CONSENT_REQUIRED</c> otherwise,
    /// <c>Close</c> of a High/Imminent case needs a level-3 role and a level-3 reassessment since risk rose
    /// (<c>REASSESSMENT_REQUIRED</c>); closing cancels open tasks. <c>Refer</c> and <c>ReferralDeclined</c> are
    /// fired by the referral commands only.
    /// </summary>
    Task<CaseView> Fire(CaseTrigger trigger, CaseCommand command, Actor actor);

    /// <summary>
    /// Grades the risk with a reason. Raising to High or Imminent runs the high-risk protocol in the same change
    /// . Only a level-3 role may lower a risk; a level-3 assessment counts as a reassessment.
    /// </summary>
    Task<CaseView> AssessRisk(RiskLevel level, string reason, Actor actor);

    /// <summary>
    /// Scores a screening instrument (PHQ-9, GAD-7, C-SSRS, K10), attaches the result and raises the risk to the
    /// suggested level when higher — never lowers it (PHQ-9 item 9 &gt; 0 suggests at least High). By a level-3 role it is
    /// a professional action: <c>CONSENT_REQUIRED</c> once ProfessionalIntervention consent is Refused or Withdrawn, unless
    /// at Imminent risk <paramref name="consentOverrideReason"/> is written (<see cref="ConsentGate"/>, R-1.7).
    /// </summary>
    Task<CaseView> RecordScreening(ScreeningAnswers answers, Actor actor, string? consentOverrideReason = null);

    /// <summary>
    /// Logs a contact (channel, duration 0–1440 minutes, notes); completes open follow-up visit tasks, and with
    /// <paramref name="familyNotified"/> the family-notice task (<see cref="Domain.CaseContacts.Log"/>). By a level-3 role it is
    /// gated like <see cref="RecordScreening"/>; a level-1 role's own contact never is.
    /// </summary>
    Task<CaseView> LogContact(ContactChannel channel, int durationMinutes, string? notes, Actor actor, string? consentOverrideReason = null, bool familyNotified = false);

    /// <summary>
    /// Schedules a follow-up visit task, due at <paramref name="dueAt"/> or after the case's visit interval. By a level-3 role
    /// it is gated like <see cref="RecordScreening"/>.
    /// </summary>
    Task<CaseView> ScheduleFollowUp(DateTimeOffset? dueAt, Actor actor, string? consentOverrideReason = null);

    /// <summary>
    /// Marks a task done. Completing a <see cref="CaseTaskKind.ProfessionalCrisisIntervention"/> task needs
    /// <c>PROFESSIONAL_INTERVENTION</c> granted, a <see cref="CaseTaskKind.GuideToPsychiatricInstitution"/> task needs it not
    /// refused or withdrawn; else <c>CONSENT_REQUIRED</c>, unless at Imminent risk <paramref name="consentOverrideReason"/>
    /// is written (<see cref="ConsentGate"/>, R-1.7). Other task kinds are never gated.
    /// </summary>
    Task<CaseView> CompleteTask(string taskId, string? note, Actor actor, string? consentOverrideReason = null);

    /// <summary>Cancels a task with a reason (level 3, Coordinator, Supervisor, TenantAdmin).</summary>
    Task<CaseView> CancelTask(string taskId, string reason, Actor actor);

    /// <summary>
    /// Proposes a referral to an institution; the case must be Active with no open referral. <c>CONSENT_REQUIRED</c> once
    /// ProfessionalIntervention consent is Refused or Withdrawn, unless the Imminent override is written (<see cref="ConsentGate"/>).
    /// </summary>
    Task<CaseView> ProposeReferral(string institution, string reason, Actor actor, string? consentOverrideReason = null);

    /// <summary>
    /// Sends the proposed referral (case <c>Active → Referred</c>), carrying only the minimal fields. Needs
    /// ProfessionalIntervention and InformationSharing consent granted or, at Imminent risk, a written override reason
    /// (<c>CONSENT_REQUIRED</c>, <see cref="ConsentGate"/>).
    /// </summary>
    Task<CaseView> SendReferral(string? consentOverrideReason, Actor actor);

    /// <summary>Records the institution's answer: accepted, or declined (case back to Active).</summary>
    Task<CaseView> RecordReferralResponse(bool accepted, string? note, Actor actor);

    /// <summary>Completes an accepted referral; the case moves to FollowUp.</summary>
    Task<CaseView> CompleteReferral(string? note, Actor actor);

    /// <summary>
    /// Escalates every open task past its deadline (domain clock) one level, once, recording it on the timeline;
    /// returns how many were escalated. Called by the case's Orleans reminder and by the deadline sweep after a restart
    /// (<see cref="DeadlineSweep"/>); safe to call any time, from several callers at once (each task is escalated once).
    /// </summary>
    Task<int> CheckDeadlines();

    /// <summary>
    /// Told by the person grain after a consent decision on the person: an open case records it on its timeline (a
    /// <c>system</c> entry naming the purpose, the status, who gave it and who recorded it); every case remembers the new
    /// statuses for <c>availableActions</c>. What happened before stays as it was.
    /// </summary>
    Task ConsentChanged(ConsentChange change);

    /// <summary>
    /// Told by the person grain after the person's unit changed (a roster import with moves allowed, <c>updatePerson</c>): an
    /// open case moves to <paramref name="organizationId"/> (or the nearest open unit above it) and records it on its timeline
    /// (<see cref="Domain.CaseAggregate.FollowPersonToUnit"/>); a closed case, or one already there, is unchanged. Idempotent.
    /// </summary>
    /// <param name="organizationId">The person's unit now (local id).</param>
    /// <param name="actor">Who moved the person.</param>
    Task PersonMoved(string organizationId, Actor actor);

    /// <summary>Erases the case's stored state and reminder (tenant deletion after export); the grain then deactivates.</summary>
    Task Purge();

    /// <summary>
    /// Records on this case's timeline (<c>SeparateCaseOpened</c>) that the reporter opened case <paramref name="caseId"/>
    /// apart from it, with the reason; recording the same note again changes nothing (docs/idempotency.md).
    /// Called by <see cref="ConcernIntake"/> only, which needs no view of this case back (none is built).
    /// </summary>
    Task NoteSeparateCase(string caseId, string reason, Actor actor);

    /// <summary>
    /// How a keyed report relates to this case, whose id is derived from the report's (tenant, caller, key)
    /// (docs/idempotency.md): <see cref="Idempotency.KeyMatch.None"/> when the case does not exist (or no longer remembers the key and
    /// is about <paramref name="personId"/>); <see cref="Idempotency.KeyMatch.Replay"/> when the key with the same
    /// <paramref name="fingerprint"/> is remembered; <see cref="Idempotency.KeyMatch.Reused"/> when the key is remembered with another
    /// fingerprint, or the case is about another person (the key's first report was about someone else). Reads only.
    /// Called by <see cref="ConcernIntake"/> before a report is routed, so a reused key is refused before anything is written.
    /// </summary>
    Task<Idempotency.KeyMatch> MatchReportKey(string subject, string key, string fingerprint, string personId);

    /// <summary>
    /// What <c>reassignWork</c> needs of this case to plan a move (docs/staff-changes.md): unit, level, risk, whether open,
    /// owner and open task owners; null when the case does not exist. Reads only; called by the reassignment service after
    /// it checked the caller's role and scope, so no need-to-know check applies.
    /// </summary>
    Task<CaseWorkFacts?> WorkFacts();

    /// <summary>
    /// Moves a departing member's work on this case to a receiver in one write (docs/staff-changes.md): the case when still
    /// theirs and asked for, and the named open tasks still theirs, each with a timeline entry naming from whom to whom and
    /// why; work already the receiver's counts as moved, work someone else owns by now is left. <c>FORBIDDEN</c> unless
    /// TenantAdmin or Coordinator, <c>INVALID_TRANSITION</c> on a closed case, <c>RECEIVER_NOT_ELIGIBLE</c> when the
    /// receiver's roles may not own a case at its level, <c>VALIDATION_FAILED</c> without a reason; nothing changes then.
    /// Called by the reassignment service only, after it checked the caller's scope.
    /// </summary>
    Task<CaseWorkMoved> ReassignWork(CaseWorkMove move, Actor actor);

    /// <summary>
    /// The receipt <paramref name="subject"/> may see of this case (docs/access.md "Receipts for reporters"): its status
    /// mapped to <see cref="ReceiptStatus"/> and when it last changed — only when <paramref name="subject"/> reported a
    /// concern that opened or joined it; else, and when the case does not exist, null. Reads only.
    /// </summary>
    Task<ReceiptState?> ReceiptFor(string subject);

    /// <summary>Every subject that reported a concern on this case (the first reporter and those whose concerns joined), for tenant deletion.</summary>
    Task<IReadOnlyList<string>> ReporterSubjects();

    /// <summary>
    /// Records a discharge handed over to this case (R-2.4; rules in <see cref="Domain.CaseAggregate.RecordDischarge"/>): the
    /// <c>DISCHARGE_HAND_OVER</c> task; the same hospital and discharge instant again changes nothing. Called by
    /// <see cref="Discharge.DischargeIntake"/> only, after it checked the hospital, the units and the caller and routed the
    /// discharge as a concern to this case. Answers the case, or a receipt when the caller is not on its need-to-know list.
    /// </summary>
    Task<CaseView> RecordDischarge(Discharge.DischargeHandOver handOver, Actor actor);

    /// <summary>
    /// <c>recordDischargeStep</c> (R-2.4, R-2.5; rules in <see cref="Domain.CaseAggregate.RecordDischargeStep"/>). Need-to-know first
    /// (<c>FORBIDDEN</c>, <c>rule: need-to-know</c>); a step already recorded changes nothing.
    /// </summary>
    Task<CaseView> RecordDischargeStep(string dischargeId, Discharge.DischargeStep step, string? note, Actor actor);
}
