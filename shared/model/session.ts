// Maintenance sessions and their actions, as stored and as the API returns them.
import { z } from 'zod';
import { Id, IsoTime } from './common.js';
import { SESSION_SORTS, SESSION_STATUSES, SESSION_TRIGGERS } from './session-values.js';

export const SessionStatus = z.enum(SESSION_STATUSES);
export type SessionStatus = z.infer<typeof SessionStatus>;

export const TERMINAL_SESSION_STATUSES: readonly SessionStatus[] = ['completed', 'failed', 'cancelled', 'skipped', 'incomplete'];

export function isTerminal(status: SessionStatus): boolean {
  return TERMINAL_SESSION_STATUSES.includes(status);
}

export const SessionTrigger = z.enum(SESSION_TRIGGERS);
export type SessionTrigger = z.infer<typeof SessionTrigger>;

export const Priority = z.enum(['high', 'normal']);
export type Priority = z.infer<typeof Priority>;

export const ActionStatus = z.enum(['pending', 'running', 'succeeded', 'failed', 'skipped']);
export type ActionStatus = z.infer<typeof ActionStatus>;

export const ActionKind = z.enum(['install', 'upgrade', 'uninstall', 'run-task', 'install-updates', 'reboot']);
export type ActionKind = z.infer<typeof ActionKind>;

export const Action = z.object({
  id: Id,
  deploymentId: Id.nullable(),
  kind: ActionKind,
  status: ActionStatus,
  reason: z.string().nullable(),
  fromVersion: z.string().nullable(),
  toVersion: z.string().nullable(),
  startedAt: IsoTime.nullable(),
  endedAt: IsoTime.nullable(),
  exitCode: z.number().int().nullable(),
});
export type Action = z.infer<typeof Action>;

/** Why a deployment won or lost for this session's computer. */
export const Decision = z.object({
  deploymentId: Id,
  itemKind: z.enum(['software', 'task']),
  itemId: Id,
  won: z.boolean(),
  reason: z.string(),
});
export type Decision = z.infer<typeof Decision>;

export const SessionSummary = z.object({
  id: Id,
  computerId: Id,
  tenantId: Id,
  status: SessionStatus,
  trigger: SessionTrigger,
  priority: Priority,
  reason: z.string().nullable(),
  createdAt: IsoTime,
  startedAt: IsoTime.nullable(),
  endedAt: IsoTime.nullable(),
});
export type SessionSummary = z.infer<typeof SessionSummary>;

/** A row of the sessions list: the summary plus names, so a script need not look them up. */
export const ListedSession = SessionSummary.extend({
  computerName: z.string().nullable(),
  tenantName: z.string().nullable(),
});
export type ListedSession = z.infer<typeof ListedSession>;

/** Sort orders of the sessions list; a leading "-" means descending. */
export const SessionSort = z.enum(SESSION_SORTS);
export type SessionSort = z.infer<typeof SessionSort>;

export const Session = SessionSummary.extend({
  deploymentIds: z.array(Id).nullable(),
  actions: z.array(Action),
  decisions: z.array(Decision),
});
export type Session = z.infer<typeof Session>;

export const LogLevel = z.enum(['info', 'stdout', 'stderr', 'error']);
export type LogLevel = z.infer<typeof LogLevel>;

export const LogLine = z.object({
  seq: z.number().int(),
  at: IsoTime,
  level: LogLevel,
  actionId: Id.nullable(),
  text: z.string(),
});
export type LogLine = z.infer<typeof LogLine>;
