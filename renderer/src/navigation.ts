// The console's screens: each navigation entry is one line here and becomes both a drawer item and
// a route. Screens reached from another one (a session's detail, the software editor) are in
// DETAIL_ROUTES. Views load on demand and are prefetched once the first screen has painted.
import type { Component } from 'vue';
import type { RouteRecordRaw } from 'vue-router';
import { whenIdle } from './after-paint.js';

export interface NavEntry {
  /** Route name, also the `data-view` of the screen (tests and the benchmark wait for it). */
  name: string;
  title: string;
  icon: string;
  path: string;
  view: () => Promise<Component>;
}

export const NAV_ENTRIES: NavEntry[] = [
  { name: 'dashboard', title: 'Dashboard', icon: '$dashboard', path: '/', view: () => import('./views/DashboardView.vue') },
  { name: 'tenants', title: 'Tenants', icon: '$tenant', path: '/tenants', view: () => import('./views/TenantsView.vue') },
  { name: 'computers', title: 'Computers', icon: '$computer', path: '/computers', view: () => import('./views/ComputersView.vue') },
  { name: 'software', title: 'Software', icon: '$software', path: '/software', view: () => import('./views/SoftwareView.vue') },
  { name: 'tasks', title: 'Tasks', icon: '$task', path: '/tasks', view: () => import('./views/TasksView.vue') },
  { name: 'deployments', title: 'Deployments', icon: '$deployment', path: '/deployments', view: () => import('./views/DeploymentsView.vue') },
  { name: 'windows', title: 'Windows', icon: '$window', path: '/windows', view: () => import('./views/WindowsView.vue') },
  { name: 'sessions', title: 'Sessions', icon: '$session', path: '/sessions', view: () => import('./views/SessionsView.vue') },
  { name: 'queue', title: 'Queue', icon: '$queue', path: '/queue', view: () => import('./views/QueueView.vue') },
  { name: 'compliance', title: 'Compliance', icon: '$compliance', path: '/compliance', view: () => import('./views/ComplianceView.vue') },
  { name: 'settings', title: 'Settings', icon: '$settings', path: '/settings', view: () => import('./views/SettingsView.vue') },
];

/** Screens opened from another screen; `parent` is the nav entry that stays highlighted. */
export const DETAIL_ROUTES: (RouteRecordRaw & { meta: { parent: string; title: string } })[] = [
  { name: 'computer', path: '/computers/:id', component: () => import('./views/ComputerDetailView.vue'), props: true, meta: { parent: 'computers', title: 'Computer' } },
  { name: 'software-new', path: '/software/new', component: () => import('./views/SoftwareEditView.vue'), meta: { parent: 'software', title: 'New software' } },
  { name: 'software-edit', path: '/software/:id', component: () => import('./views/SoftwareEditView.vue'), props: true, meta: { parent: 'software', title: 'Edit software' } },
  { name: 'tenant-maintenance', path: '/tenants/:id/maintenance', component: () => import('./views/TenantMaintenanceView.vue'), props: true, meta: { parent: 'windows', title: 'Windows and groups' } },
  { name: 'notification-settings', path: '/settings/notifications', component: () => import('./views/NotificationSettingsView.vue'), meta: { parent: 'settings', title: 'Notifications' } },
  { name: 'session', path: '/sessions/:id', component: () => import('./views/SessionDetailView.vue'), props: true, meta: { parent: 'sessions', title: 'Session' } },
];

/** The code of every screen above, loaded on demand. */
export const SCREEN_LOADERS: readonly (() => Promise<unknown>)[] = [
  ...NAV_ENTRIES.map((entry) => entry.view),
  ...DETAIL_ROUTES.flatMap((route) => (typeof route.component === 'function' ? [route.component as () => Promise<unknown>] : [])),
];

/**
 * Loads every screen's code ahead of its first visit, one screen per idle moment: importing all of
 * them at once parsed ~40 chunks in one burst, and a click that landed in it waited 300–400 ms.
 */
export function prefetchViews(): void {
  const loaders = [...SCREEN_LOADERS];
  const schedule = () => whenIdle(next, 2000);
  const next = (): void => {
    const load = loaders.shift();
    if (load) void load().then(schedule, schedule);
  };
  next();
}
