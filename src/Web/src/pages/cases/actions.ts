import { gql } from '../../api/client';
import { graphql } from '../../gql';
import type { ContactChannel, RiskLevel } from '../../gql/graphql';
import { newIdempotencyKey } from '../frontline/roles';

// One named mutation per case action of nextActions (docs/api.md "Next actions"; the arguments as schema.graphql has
// them). Each answers the case; the page then reads the case again, so it shows only what the API returns.
const Take = graphql(`mutation CaseTake($id: ID!, $key: String) { takeCase(caseId: $id, idempotencyKey: $key) { id } }`);
const Triage = graphql(`mutation CaseTriage($id: ID!, $reason: String) { triageCase(id: $id, reason: $reason) { id } }`);
const Activate = graphql(`mutation CaseActivate($id: ID!, $reason: String, $assigneeId: String!) { activateCase(id: $id, reason: $reason, assigneeId: $assigneeId) { id } }`);
const StartIntervention = graphql(`mutation CaseStartIntervention($id: ID!, $reason: String, $override: String) { startIntervention(id: $id, reason: $reason, consentOverrideReason: $override) { id } }`);
const AssessRisk = graphql(`mutation CaseAssessRisk($id: ID!, $riskLevel: RiskLevel!, $reason: String!) { assessRisk(id: $id, riskLevel: $riskLevel, reason: $reason) { id } }`);
const Escalate = graphql(`mutation CaseEscalate($id: ID!, $level: Int!, $reason: String!) { escalateCase(id: $id, level: $level, reason: $reason) { id } }`);
const Review = graphql(`mutation CaseRequestReview($id: ID!, $reason: String!, $key: String) { requestProfessionalReview(caseId: $id, reason: $reason, idempotencyKey: $key) { id } }`);
const LogContact = graphql(`mutation CaseLogContact($id: ID!, $channel: ContactChannel!, $minutes: Int!, $notes: String, $override: String, $family: Boolean, $key: String) { logContact(id: $id, channel: $channel, durationMinutes: $minutes, notes: $notes, consentOverrideReason: $override, familyNotified: $family, idempotencyKey: $key) { id } }`);
const FollowUp = graphql(`mutation CaseScheduleFollowUp($id: ID!, $dueAt: DateTimeOffset, $override: String, $key: String) { scheduleFollowUp(id: $id, dueAt: $dueAt, consentOverrideReason: $override, idempotencyKey: $key) { id } }`);
const Propose = graphql(`mutation CaseProposeReferral($id: ID!, $institution: String!, $reason: String!, $override: String, $key: String) { proposeReferral(id: $id, institution: $institution, reason: $reason, consentOverrideReason: $override, idempotencyKey: $key) { id } }`);
const Send = graphql(`mutation CaseSendReferral($id: ID!, $override: String) { sendReferral(id: $id, consentOverrideReason: $override) { id } }`);
const Accept = graphql(`mutation CaseAcceptReferral($id: ID!, $note: String) { acceptReferral(id: $id, note: $note) { id } }`);
const Decline = graphql(`mutation CaseDeclineReferral($id: ID!, $note: String) { declineReferral(id: $id, note: $note) { id } }`);
const CompleteReferral = graphql(`mutation CaseCompleteReferral($id: ID!, $note: String) { completeReferral(id: $id, note: $note) { id } }`);
const StartFollowUp = graphql(`mutation CaseStartFollowUp($id: ID!, $reason: String) { startFollowUp(id: $id, reason: $reason) { id } }`);
const Close = graphql(`mutation CaseClose($id: ID!, $reason: String) { closeCase(id: $id, reason: $reason) { id } }`);
const Reopen = graphql(`mutation CaseReopen($id: ID!, $reason: String) { reopenCase(id: $id, reason: $reason) { id } }`);
const CompleteTask = graphql(`mutation CaseCompleteTask($id: ID!, $taskId: ID!, $note: String, $override: String) { completeTask(id: $id, taskId: $taskId, note: $note, consentOverrideReason: $override) { id } }`);
const CancelTask = graphql(`mutation CaseCancelTask($id: ID!, $taskId: ID!, $reason: String!) { cancelTask(id: $id, taskId: $taskId, reason: $reason) { id } }`);

/** The inputs an action's form asks for. */
export type FieldName = 'reason' | 'reasonOptional' | 'note' | 'assignee' | 'riskLevel' | 'level' | 'channel' | 'duration' | 'familyNotified' | 'notes' | 'dueAt' | 'institution';

/** The form of each case action; `override` is added when the refusal allows a duty-of-care reason. */
export const FORMS: Record<string, FieldName[]> = {
  takeCase: [],
  triageCase: ['reasonOptional'],
  activateCase: ['assignee', 'reasonOptional'],
  startIntervention: ['reasonOptional'],
  assessRisk: ['riskLevel', 'reason'],
  escalateCase: ['level', 'reason'],
  requestProfessionalReview: ['reason'],
  logContact: ['channel', 'duration', 'familyNotified', 'notes'],
  scheduleFollowUp: ['dueAt'],
  proposeReferral: ['institution', 'reason'],
  sendReferral: [],
  acceptReferral: ['note'],
  declineReferral: ['note'],
  completeReferral: ['note'],
  startFollowUp: ['reasonOptional'],
  closeCase: ['reason'],
  reopenCase: ['reason'],
  completeTask: ['note'],
  cancelTask: ['reason'],
};

/** The form's values (strings as typed). */
export type Values = Partial<Record<FieldName | 'override', string>>;

const opt = (s?: string) => (s && s.trim() ? s.trim() : null);

/** Sends one case action. `key` is the idempotency key of the open form (a retry after UNAVAILABLE reuses it). */
export async function runAction(action: string, caseId: string, v: Values, taskId: string | null, key: string): Promise<void> {
  const id = caseId;
  const override = opt(v.override);
  switch (action) {
    case 'takeCase': await gql(Take, { id, key }); return;
    case 'triageCase': await gql(Triage, { id, reason: opt(v.reasonOptional) }); return;
    case 'activateCase': await gql(Activate, { id, reason: opt(v.reasonOptional), assigneeId: (v.assignee ?? '').trim() }); return;
    case 'startIntervention': await gql(StartIntervention, { id, reason: opt(v.reasonOptional), override }); return;
    case 'assessRisk': await gql(AssessRisk, { id, riskLevel: (v.riskLevel ?? 'LOW') as RiskLevel, reason: (v.reason ?? '').trim() }); return;
    case 'escalateCase': await gql(Escalate, { id, level: Number(v.level ?? '3'), reason: (v.reason ?? '').trim() }); return;
    case 'requestProfessionalReview': await gql(Review, { id, reason: (v.reason ?? '').trim(), key }); return;
    case 'logContact': await gql(LogContact, { id, channel: (v.channel ?? 'PHONE') as ContactChannel, minutes: Number(v.duration ?? '0'), notes: opt(v.notes), override, family: v.familyNotified === 'true', key }); return;
    case 'scheduleFollowUp': await gql(FollowUp, { id, dueAt: v.dueAt ? new Date(v.dueAt).toISOString() : null, override, key }); return;
    case 'proposeReferral': await gql(Propose, { id, institution: (v.institution ?? '').trim(), reason: (v.reason ?? '').trim(), override, key }); return;
    case 'sendReferral': await gql(Send, { id, override }); return;
    case 'acceptReferral': await gql(Accept, { id, note: opt(v.note) }); return;
    case 'declineReferral': await gql(Decline, { id, note: opt(v.note) }); return;
    case 'completeReferral': await gql(CompleteReferral, { id, note: opt(v.note) }); return;
    case 'startFollowUp': await gql(StartFollowUp, { id, reason: opt(v.reasonOptional) }); return;
    case 'closeCase': await gql(Close, { id, reason: (v.reason ?? '').trim() }); return;
    case 'reopenCase': await gql(Reopen, { id, reason: (v.reason ?? '').trim() }); return;
    case 'completeTask': await gql(CompleteTask, { id, taskId: taskId ?? '', note: opt(v.note), override }); return;
    case 'cancelTask': await gql(CancelTask, { id, taskId: taskId ?? '', reason: (v.reason ?? '').trim() }); return;
    default: throw new Error(`unknown action ${action}`);
  }
}

export { newIdempotencyKey };
