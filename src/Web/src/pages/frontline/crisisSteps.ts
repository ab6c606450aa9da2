import type { Role } from '../../auth/session';

/** The level-3 professionals: a High or Imminent case of their unit becomes theirs when they grade it. */
export const Level3Roles: Role[] = ['Counsellor', 'Clinician'];

/** The queue of the level-3 professionals of a case's unit (docs/protocol.md: a High case nobody of its unit owns waits there). */
export const Level3Queue = 'queue:level-3';

/**
 * Who owns the case a report opened or joined, as far as the reporter may know: themselves, the level-3 queue (nobody
 * yet: one of the unit's level-3 professionals takes it), someone else, or not known.
 */
export type CaseOwner = 'me' | 'level3Queue' | 'other' | 'unknown';

/**
 * The steps of "what to do now" (keys of `frontline.crisis.step.*`), in order. The last one depends on who owns the case
 * (new-user trial, round 40: a psychology teacher who graded her own report High was told to wait for the level-3
 * professional — herself — while the 2-hour task to notify the family was hers): the owner is told the case is theirs;
 * a level-3 reporter whose case waits in the level-3 queue is told to take it unless a colleague has; someone who is not
 * its owner waits to be reached; a level-3 reporter whose ownership is not known (before sending, or when the case could
 * not be read) gets no last step rather than a wrong one.
 */
export function crisisStepKeys(role: Role | undefined, owner: CaseOwner): string[] {
  const level3 = !!role && Level3Roles.includes(role);
  const last = owner === 'me' ? ['yours']
    : owner === 'level3Queue' && level3 ? ['take']
    : owner === 'other' || owner === 'level3Queue' || !level3 ? ['wait'] : [];
  // Case staff below level 3 may do the notify-the-family task themselves (docs/protocol.md "Who completes which task"):
  // session 41's trial, a grid worker was only told to wait while the 2-hour task was one she could do.
  const notify = !level3 && !!role && FamilyNotifierRoles.includes(role) && owner !== 'me' ? ['notify'] : [];
  return ['call', 'stay', 'means', 'hotline', ...notify, ...last];
}

/** Case staff below level 3 who may complete NOTIFY_FAMILY_EMERGENCY_CONTACT (R-4.3: the homeroom teacher or grid worker calls the family). */
export const FamilyNotifierRoles: Role[] = ['Caseworker', 'Coordinator', 'Supervisor', 'TenantAdmin'];

/** The owner of a case whose assignee is `assigneeId`, for the signed-in user `sub` (null assignee or user: not known). */
export function ownerOf(assigneeId: string | null | undefined, sub: string | undefined): CaseOwner {
  if (!assigneeId || !sub) return 'unknown';
  return assigneeId === sub ? 'me' : assigneeId === Level3Queue ? 'level3Queue' : 'other';
}

/**
 * The receipt's high-risk line (a key of `frontline.receipt.*`): the owner reads that the case is theirs; a level-3
 * reporter whose case waits in the level-3 queue reads that it waits for one of them to take it (session 40's note: she
 * was told the case "is with level 3", as if someone else had it); everyone else that it is with level 3.
 */
export function receiptHighRiskKey(role: Role | undefined, owner: CaseOwner): string {
  if (owner === 'me') return 'frontline.receipt.highRiskMine';
  return owner === 'level3Queue' && !!role && Level3Roles.includes(role) ? 'frontline.receipt.highRiskQueue' : 'frontline.receipt.highRisk';
}
