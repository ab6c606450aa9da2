import { useSyncExternalStore } from 'react';

/** The API's role names (docs/access.md). */
export type Role =
  | 'PlatformAdmin' | 'TenantAdmin' | 'Supervisor' | 'Coordinator' | 'Counsellor'
  | 'Clinician' | 'Caseworker' | 'Reporter' | 'Volunteer' | 'Auditor';

export const allRoles: Role[] = ['Caseworker', 'Reporter', 'Counsellor', 'Clinician', 'Coordinator', 'Supervisor', 'TenantAdmin', 'Auditor', 'Volunteer', 'PlatformAdmin'];

/** Roles that work cases (level 3 and the coordinators above them). */
export const CaseStaff: Role[] = ['Counsellor', 'Clinician', 'Coordinator', 'Supervisor', 'TenantAdmin'];
/** Roles that report concerns (level 1 and 2). */
export const FrontLine: Role[] = ['Caseworker', 'Reporter', 'Counsellor', 'Clinician', 'Coordinator', 'Volunteer'];
/** Roles that read the supervision figures. */
export const Supervision: Role[] = ['Supervisor', 'Coordinator', 'Counsellor', 'TenantAdmin', 'Auditor'];
/** Every role of a tenant. */
export const TenantRoles: Role[] = allRoles.filter((r) => r !== 'PlatformAdmin');

/** Who is signed in: the token and what it says (tenant, role, sub), kept for this browser tab only. */
export type Session = { tenant?: string; role: Role; sub: string; token: string; expiresAt?: string };

const key = 'caregrid.session';
let current: Session | null = read();
const listeners = new Set<() => void>();

function read(): Session | null {
  try {
    const raw = sessionStorage.getItem(key);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    if (s.expiresAt && Date.parse(s.expiresAt) <= Date.now()) return null;
    return s;
  } catch {
    return null;
  }
}

/** Signs in (stores the session for this tab) or out (null). */
export function setSession(session: Session | null): void {
  current = session;
  if (session) sessionStorage.setItem(key, JSON.stringify(session));
  else {
    // Signing out (or a refused token) also forgets what GraphiQL kept of this user's queries.
    for (const k of Object.keys(sessionStorage)) if (k === key || k.startsWith('caregrid.graphiql:')) sessionStorage.removeItem(k);
  }
  listeners.forEach((l) => l());
}

/** The current session, outside React. */
export function getSession(): Session | null {
  return current;
}

/** The current session; re-renders on sign-in and sign-out. */
export function useSession(): Session | null {
  return useSyncExternalStore(
    (l) => { listeners.add(l); return () => listeners.delete(l); },
    () => current,
  );
}

/** Reads tenant, role, sub and expiry from a token's payload (no verification: the service verifies every request). */
export function sessionFromToken(token: string, claims?: { tenant?: string; role?: string }): Session | null {
  try {
    const part = token.split('.')[1];
    const json = decodeURIComponent(escape(atob(part.replace(/-/g, '+').replace(/_/g, '/'))));
    const payload = JSON.parse(json) as Record<string, unknown>;
    const role = String(payload[claims?.role ?? 'role'] ?? '') as Role;
    if (!allRoles.includes(role)) return null;
    const tenant = payload[claims?.tenant ?? 'tenant'];
    const exp = typeof payload.exp === 'number' ? new Date(payload.exp * 1000).toISOString() : undefined;
    return { token, role, sub: String(payload.sub ?? ''), tenant: typeof tenant === 'string' && tenant ? tenant : undefined, expiresAt: exp };
  } catch {
    return null;
  }
}
