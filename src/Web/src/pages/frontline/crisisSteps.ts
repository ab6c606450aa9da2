import type { Role } from '../../auth/session';

/** The level-3 professionals: a High or Imminent case of their unit becomes theirs when they grade it. */
export const Level3Roles: Role[] = ['Counsellor', 'Clinician'];

/** Who owns the case a report opened or joined, as far as the reporter may know: themselves, someone else, or not known. */
export type CaseOwner = 'me' | 'other' | 'unknown';

/**
 * The steps of "what to do now" (keys of `frontline.crisis.step.*`), in order. The last one depends on who owns the case
 * (new-user trial, round 40: a psychology teacher who graded her own report High was told to wait for the level-3
 * professional — herself — while the 2-hour task to notify the family was hers): the owner is told the case is theirs;
 * someone who is not its owner waits to be reached; a level-3 reporter whose ownership is not known (before sending, or
 * when the case could not be read) gets no last step rather than a wrong one.
 */
export function crisisStepKeys(role: Role | undefined, owner: CaseOwner): string[] {
  const last = owner === 'me' ? ['yours'] : owner === 'other' || !role || !Level3Roles.includes(role) ? ['wait'] : [];
  return ['call', 'stay', 'means', 'hotline', ...last];
}

/** The owner of a case whose assignee is `assigneeId`, for the signed-in user `sub` (null assignee or user: not known). */
export function ownerOf(assigneeId: string | null | undefined, sub: string | undefined): CaseOwner {
  if (!assigneeId || !sub) return 'unknown';
  return assigneeId === sub ? 'me' : 'other';
}
