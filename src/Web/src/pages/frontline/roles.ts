import type { Role } from '../../auth/session';

// Who may call what, as docs/access.md's generated table states it for each root field. The console only hides what
// the API would refuse; the API decides.

/** `people` (person search): case staff with a unit scope (docs/access.md `Query.people`). */
export const PeopleSearchRoles: Role[] = ['TenantAdmin', 'Supervisor', 'Coordinator', 'Counsellor', 'Clinician', 'Caseworker'];
/** `case`, `cases`, `recordScreening`, `recordConsent`, `person` (docs/access.md). */
export const CaseRoles: Role[] = ['TenantAdmin', 'Supervisor', 'Coordinator', 'Counsellor', 'Clinician', 'Caseworker'];

export function newIdempotencyKey(prefix: string): string {
  const random = typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  // docs/idempotency.md: 1–100 of A–Z a–z 0–9 . _ : -
  return `${prefix}:${random}`.replace(/[^A-Za-z0-9._:-]/g, '-').slice(0, 100);
}

/**
 * docs/idempotency.md: after UNAVAILABLE (or no answer at all) the outcome is unknown, so a retry must reuse the same
 * key; after any other refusal nothing was written and the next attempt (perhaps with corrected input) takes a new key.
 */
export function keepKeyAfter(code: string | undefined): boolean {
  return code === 'UNAVAILABLE' || code === 'NETWORK';
}
