// Console API: running maintenance and following sessions.
import { z } from 'zod';
import { Id, IsoTime } from '../model/common.js';
import { NotifyPreference } from '../model/settings.js';
import { ListedSession, LogLevel, LogLine, Priority, Session, SessionSort, SessionStatus, SessionSummary, SessionTrigger } from '../model/session.js';
import { command, query } from './method.js';

export const StatusCounts = z.record(SessionStatus, z.number().int());
export type StatusCounts = z.infer<typeof StatusCounts>;

export const sessionsApi = {
  'maintenance.run': command(
    z.strictObject({
      computerIds: z.array(Id).min(1, 'needs at least one computer').max(10_000),
      deploymentIds: z.array(Id).min(1, 'when given, needs at least one deployment').optional(),
      priority: Priority.default('normal'),
      /** Desktop notification when the session ends: defaults to the automated-maintenance setting. */
      notify: NotifyPreference.optional(),
    }),
    z.object({
      sessionIds: z.array(Id),
      /** In a team: computers whose serving console could not be asked, with the reason (no session was created for them). */
      refused: z.array(z.object({ computerId: Id, reason: z.string() })).optional(),
    }),
  ),
  'sessions.get': query(z.strictObject({ id: Id }), Session),
  /** A session's log lines after `afterSeq`, optionally only those containing `search` or of some levels. */
  'sessions.logs': query(
    z.strictObject({
      id: Id,
      afterSeq: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(10_000).default(1000),
      search: z.string().max(200).optional(),
      levels: z.array(LogLevel).min(1).optional(),
    }),
    z.object({ lines: z.array(LogLine), more: z.boolean() }),
  ),
  /** The whole log as plain text (what GET /api/sessions/<id>/log.txt downloads). */
  'sessions.logText': query(z.strictObject({ id: Id }), z.object({ fileName: z.string(), text: z.string() })),
  'sessions.list': query(
    z.strictObject({
      status: z.union([SessionStatus, z.array(SessionStatus)]).optional(),
      computerId: Id.optional(),
      tenantId: Id.optional(),
      trigger: SessionTrigger.optional(),
      windowId: Id.optional(),
      occurrenceStart: IsoTime.optional(),
      from: IsoTime.optional(),
      to: IsoTime.optional(),
      sort: SessionSort.default('-createdAt'),
      limit: z.number().int().min(1).max(500).default(50),
      cursor: z.string().max(2000).optional(),
    }),
    z.object({
      items: z.array(ListedSession),
      nextCursor: z.string().nullable(),
      /** Sessions matching every filter (all pages). */
      total: z.number().int(),
      /** Sessions matching the other filters, per status: the numbers on the status filter. */
      counts: StatusCounts,
    }),
  ),
  'sessions.cancel': command(z.strictObject({ id: Id }), SessionSummary),
  /** A new manual session limited to the deployments whose actions failed in this one. */
  'sessions.retryFailed': command(z.strictObject({ id: Id }), z.object({ sessionId: Id })),
  /** A new manual session for the same computer and the same deployment choice. */
  'sessions.rerun': command(z.strictObject({ id: Id }), z.object({ sessionId: Id })),
} as const;
