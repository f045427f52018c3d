// Console API: running maintenance and following sessions.
import { z } from 'zod';
import { Id, IsoTime } from '../model/common.js';
import { NotifyPreference } from '../model/settings.js';
import { LogLine, Priority, Session, SessionStatus, SessionSummary, SessionTrigger } from '../model/session.js';
import { command, query } from './method.js';

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
  'sessions.logs': query(
    z.strictObject({ id: Id, afterSeq: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(10_000).default(1000) }),
    z.object({ lines: z.array(LogLine) }),
  ),
  'sessions.list': query(
    z.strictObject({
      status: z.union([SessionStatus, z.array(SessionStatus)]).optional(),
      computerId: Id.optional(),
      tenantId: Id.optional(),
      trigger: SessionTrigger.optional(),
      from: IsoTime.optional(),
      to: IsoTime.optional(),
      limit: z.number().int().min(1).max(500).default(50),
      cursor: z.string().max(200).optional(),
    }),
    z.object({ items: z.array(SessionSummary), nextCursor: z.string().nullable() }),
  ),
  'sessions.cancel': command(z.strictObject({ id: Id }), SessionSummary),
} as const;
