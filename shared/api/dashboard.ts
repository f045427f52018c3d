// Console API: the dashboard — computers online, the last day's sessions, failures that need
// attention, compliance at a glance and the next maintenance windows.
import { z } from 'zod';
import { Id, IsoTime } from '../model/common.js';
import { ListedSession } from '../model/session.js';
import { query } from './method.js';
import { StatusCounts } from './sessions.js';

export const UpcomingWindow = z.object({
  windowId: Id,
  name: z.string(),
  start: IsoTime,
  end: IsoTime,
  /** Computers whose effective window it is, when known. */
  computers: z.number().int().nullable(),
});
export type UpcomingWindow = z.infer<typeof UpcomingWindow>;

export const dashboardApi = {
  'dashboard.summary': query(
    z.strictObject({ tenantId: Id.optional() }),
    z.object({
      computers: z.object({ total: z.number().int(), online: z.number().int(), offline: z.number().int() }),
      sessionsLast24h: StatusCounts,
      /** Queued, waiting or running now. */
      active: z.number().int(),
      /** The latest failure per computer in the last 7 days that no later successful session cleared. */
      attention: z.array(ListedSession),
      attentionComputers: z.number().int(),
      compliance: z.object({ compliant: z.number().int(), nonCompliant: z.number().int(), unknown: z.number().int(), nonCompliantComputers: z.number().int(), computedAt: IsoTime }),
      /** null until maintenance windows are available in this console. */
      nextWindows: z.array(UpcomingWindow).nullable(),
    }),
  ),
} as const;
