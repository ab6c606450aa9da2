import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { allRoles, TenantRoles, type Role } from '../auth/session';

/** A page of the console: its path, the roles that may open it, its menu label key (none: not in the menu). */
export type RouteDef = { path: string; roles: Role[]; nav?: string; page: LazyExoticComponent<ComponentType> };

// One line per page (append-only). Pages load on demand: each is its own chunk.
export const routes: RouteDef[] = [
  { path: '/', roles: allRoles, page: lazy(() => import('../pages/home/HomePage')) },
  { path: '/graphiql', roles: allRoles, nav: 'nav.graphiql', page: lazy(() => import('../pages/graphiql/GraphiQLPage')) },
  { path: '/report', roles: ['Caseworker', 'Reporter', 'Volunteer', 'Counsellor', 'Clinician', 'Coordinator', 'Supervisor', 'TenantAdmin'], nav: 'nav.report', page: lazy(() => import('../pages/frontline/ReportConcernPage')) },
  { path: '/my-reports', roles: ['Caseworker', 'Reporter', 'Volunteer', 'Counsellor', 'Clinician', 'Coordinator', 'Supervisor', 'TenantAdmin'], nav: 'nav.myReports', page: lazy(() => import('../pages/frontline/MyReportsPage')) },
  { path: '/my-tasks', roles: ['Caseworker', 'Volunteer', 'Counsellor', 'Clinician', 'Coordinator', 'Supervisor', 'TenantAdmin'], nav: 'nav.myTasks', page: lazy(() => import('../pages/frontline/MyTasksPage')) },
  { path: '/cases', roles: ['Caseworker', 'Counsellor', 'Clinician', 'Coordinator', 'Supervisor', 'TenantAdmin'], nav: 'nav.cases', page: lazy(() => import('../pages/cases/CaseQueuePage')) },
  { path: '/cases/:id', roles: ['Caseworker', 'Counsellor', 'Clinician', 'Coordinator', 'Supervisor', 'TenantAdmin'], page: lazy(() => import('../pages/cases/CasePage')) },
  { path: '/cases/:id/screening', roles: ['Caseworker', 'Counsellor', 'Clinician', 'Coordinator', 'Supervisor', 'TenantAdmin'], page: lazy(() => import('../pages/screening/ScreeningPage')) },
];

/** The roles of a tenant, for pages every tenant member may open. */
export const anyTenantRole = TenantRoles;
