// The Console API, declared once: every method the UI and scripts may call.
import type { z } from 'zod';
import { complianceApi } from './compliance.js';
import { computersApi } from './computers.js';
import { dashboardApi } from './dashboard.js';
import { deploymentsApi } from './deployments.js';
import { desktopApi } from './desktop.js';
import { groupsApi } from './groups.js';
import { maintenanceApi } from './maintenance.js';
import { notificationsApi } from './notifications.js';
import { sessionsApi } from './sessions.js';
import { settingsApi } from './settings.js';
import { softwareApi } from './software.js';
import { systemApi } from './system.js';
import { teamApi } from './team.js';
import { tenantsApi } from './tenants.js';
import { tasksApi } from './tasks.js';
import { previewApi } from './preview.js';
import { windowsApi } from './windows.js';

export const consoleApi = {
  ...tenantsApi,
  ...computersApi,
  ...softwareApi,
  ...deploymentsApi,
  ...tasksApi,
  ...previewApi,
  ...sessionsApi,
  ...windowsApi,
  ...groupsApi,
  ...maintenanceApi,
  ...settingsApi,
  ...systemApi,
  ...teamApi,
  ...desktopApi,
  ...complianceApi,
  ...notificationsApi,
  ...dashboardApi,
} as const;

export type ConsoleApi = typeof consoleApi;
export type MethodName = keyof ConsoleApi;
export type ApiInput<M extends MethodName> = z.input<ConsoleApi[M]['input']>;
export type ApiParsedInput<M extends MethodName> = z.output<ConsoleApi[M]['input']>;
export type ApiOutput<M extends MethodName> = z.output<ConsoleApi[M]['output']>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(consoleApi, name);
}

/** Errors every transport reports the same way. */
export const API_ERROR_CODES = ['invalid-input', 'not-found', 'conflict', 'unauthorized', 'forbidden', 'unavailable', 'internal'] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; field?: string };
}
