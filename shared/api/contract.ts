// The Console API, declared once: every method the UI and scripts may call.
import type { z } from 'zod';
import { complianceApi } from './compliance.js';
import { computersApi } from './computers.js';
import { dashboardApi } from './dashboard.js';
import { deploymentsApi } from './deployments.js';
import { notificationsApi } from './notifications.js';
import { sessionsApi } from './sessions.js';
import { settingsApi } from './settings.js';
import { softwareApi } from './software.js';
import { systemApi } from './system.js';
import { tenantsApi } from './tenants.js';

export const consoleApi = {
  ...tenantsApi,
  ...computersApi,
  ...softwareApi,
  ...deploymentsApi,
  ...sessionsApi,
  ...settingsApi,
  ...systemApi,
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
