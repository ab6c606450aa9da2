import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { allRoles, Supervision, TenantRoles, type Role } from '../auth/session';

/** A page of the console: its path, the roles that may open it, its menu label key (none: not in the menu). */
/**
 * A page: who may open it (`roles`), its menu entry (`nav`), and who sees that entry when it is fewer than `roles`
 * (`navRoles`; the GraphiQL page opens for every role, for integrators, but is in the menu only of administrators and
 * auditors — round-24 trial: "GraphiQL（对接开发）" in every teacher's menu).
 */
export type RouteDef = { path: string; roles: Role[]; nav?: string; navRoles?: Role[]; page: LazyExoticComponent<ComponentType> };

/** True when `route` has a menu entry for `role`. */
export const inMenu = (route: RouteDef, role: Role): boolean => !!route.nav && (route.navRoles ?? route.roles).includes(role);

// One line per page (append-only). Pages load on demand: each is its own chunk.
export const routes: RouteDef[] = [
  { path: '/', roles: allRoles, page: lazy(() => import('../pages/home/HomePage')) },
  { path: '/supervision', roles: Supervision, nav: 'nav.statistics', page: lazy(() => import('../pages/supervision/StatisticsPage')) },
  { path: '/supervision/overdue', roles: Supervision, nav: 'nav.overdueBoard', page: lazy(() => import('../pages/supervision/OverdueBoardPage')) },
  { path: '/supervision/roll-up', roles: ['Supervisor', 'TenantAdmin'], nav: 'nav.rollUp', page: lazy(() => import('../pages/supervision/RollUpPage')) },
  { path: '/audit', roles: ['Auditor'], nav: 'nav.audit', page: lazy(() => import('../pages/audit/AuditLogPage')) },
  { path: '/platform/tenants', roles: ['PlatformAdmin'], nav: 'nav.platformTenants', page: lazy(() => import('../pages/platform/TenantsPage')) },
  { path: '/platform/onboard', roles: ['PlatformAdmin'], nav: 'nav.platformOnboard', page: lazy(() => import('../pages/platform/OnboardPage')) },
  { path: '/admin/organizations', roles: ['TenantAdmin', 'Supervisor', 'Coordinator'], nav: 'nav.adminOrganizations', page: lazy(() => import('../pages/admin/OrganizationsPage')) },
  { path: '/admin/members', roles: ['TenantAdmin'], nav: 'nav.adminMembers', page: lazy(() => import('../pages/admin/MembersPage')) },
  { path: '/admin/import', roles: ['TenantAdmin'], nav: 'nav.adminImport', page: lazy(() => import('../pages/admin/ImportPage')) },
  { path: '/admin/settings', roles: ['TenantAdmin'], nav: 'nav.adminSettings', page: lazy(() => import('../pages/admin/SettingsPage')) },
  { path: '/report', roles: ['Caseworker', 'Reporter', 'Volunteer', 'Counsellor', 'Clinician', 'Coordinator', 'Supervisor', 'TenantAdmin'], nav: 'nav.report', page: lazy(() => import('../pages/frontline/ReportConcernPage')) },
  { path: '/my-reports', roles: ['Caseworker', 'Reporter', 'Volunteer', 'Counsellor', 'Clinician', 'Coordinator', 'Supervisor', 'TenantAdmin'], nav: 'nav.myReports', page: lazy(() => import('../pages/frontline/MyReportsPage')) },
  { path: '/my-tasks', roles: ['Caseworker', 'Volunteer', 'Counsellor', 'Clinician', 'Coordinator', 'Supervisor', 'TenantAdmin'], nav: 'nav.myTasks', page: lazy(() => import('../pages/frontline/MyTasksPage')) },
  { path: '/cases', roles: ['Caseworker', 'Counsellor', 'Clinician', 'Coordinator', 'Supervisor', 'TenantAdmin'], nav: 'nav.cases', page: lazy(() => import('../pages/cases/CaseQueuePage')) },
  { path: '/cases/:id', roles: ['Caseworker', 'Counsellor', 'Clinician', 'Coordinator', 'Supervisor', 'TenantAdmin'], page: lazy(() => import('../pages/cases/CasePage')) },
  { path: '/cases/:id/screening', roles: ['Caseworker', 'Counsellor', 'Clinician', 'Coordinator', 'Supervisor', 'TenantAdmin'], page: lazy(() => import('../pages/screening/ScreeningPage')) },
  { path: '/graphiql', roles: allRoles, navRoles: ['PlatformAdmin', 'TenantAdmin', 'Auditor'], nav: 'nav.graphiql', page: lazy(() => import('../pages/graphiql/GraphiQLPage')) },
  { path: '/people', roles: ['Caseworker', 'Counsellor', 'Clinician', 'Coordinator', 'Supervisor', 'TenantAdmin'], nav: 'nav.people', page: lazy(() => import('../pages/people/PeoplePage')) },
  { path: '/calls', roles: ['Caseworker', 'Reporter', 'Volunteer', 'Counsellor', 'Clinician', 'Coordinator', 'Supervisor', 'TenantAdmin'], nav: 'nav.calls', page: lazy(() => import('../pages/frontline/CallLogPage')) },
];

/** The roles of a tenant, for pages every tenant member may open. */
export const anyTenantRole = TenantRoles;

/**
 * Pages in `role`'s menu that a mistyped or guessed address may have meant (round-33 trial: `/statistics` showed only "此页面不存在"):
 * a page whose path or menu key holds the address's last word (three letters or more; hyphens ignored).
 */
export function suggestRoutes(pathname: string, role: Role): RouteDef[] {
  const word = (pathname.split('/').filter(Boolean).pop() ?? '').toLowerCase().replace(/[^a-z]/g, '');
  if (word.length < 3) return [];
  return routes.filter((r) => inMenu(r, role)
    && (r.path.toLowerCase().replace(/-/g, '').includes(word) || (r.nav ?? '').toLowerCase().includes(word)));
}
