// Console API: the queue of maintenance sessions waiting to start, and the scheduler's openings.
import { z } from 'zod';
import { query } from './method.js';
import { Id, IsoTime } from '../model/common.js';
import { Priority, SessionStatus, SessionTrigger } from '../model/session.js';

export const QueueClass = z.enum(['resume', 'manual-high', 'manual-normal', 'scheduled', 'retry']);
export type QueueClass = z.infer<typeof QueueClass>;

/** Why a queued session has not started: its agent is offline, no slot is free, or its computer is busy. */
export const WaitingFor = z.enum(['agent', 'slot', 'computer-busy']);
export type WaitingFor = z.infer<typeof WaitingFor>;

export const QueueItem = z.object({
  position: z.number().int(),
  sessionId: Id,
  computerId: Id,
  computerName: z.string(),
  tenantId: Id,
  queueClass: QueueClass,
  trigger: SessionTrigger,
  priority: Priority,
  status: SessionStatus,
  waitingFor: WaitingFor,
  windowId: Id.nullable(),
  /** Nothing starts after this instant (the end of the window occurrence). */
  deadline: IsoTime.nullable(),
  createdAt: IsoTime,
});
export type QueueItem = z.infer<typeof QueueItem>;

export const UpcomingOpening = z.object({
  windowId: Id,
  windowName: z.string(),
  timeZone: z.string(),
  start: IsoTime,
  end: IsoTime,
  /** Computers whose effective window this is. */
  computers: z.number().int(),
});
export type UpcomingOpening = z.infer<typeof UpcomingOpening>;

export const QueueView = z.object({
  running: z.number().int(),
  limit: z.number().int(),
  total: z.number().int(),
  /** Waiting sessions in the order they would start. */
  items: z.array(QueueItem),
  upcoming: z.array(UpcomingOpening),
  automatedEnabled: z.boolean(),
});
export type QueueView = z.infer<typeof QueueView>;

export const OpeningOutcome = z.enum(['served', 'missed']);

export const OpeningRecord = z.object({
  windowId: Id,
  occurrenceStart: IsoTime,
  occurrenceEnd: IsoTime,
  outcome: OpeningOutcome,
  /** What made the scheduler handle it: its timer, a start, a wake from sleep, a clock change… */
  cause: z.string(),
  handledAt: IsoTime,
});
export type OpeningRecord = z.infer<typeof OpeningRecord>;

export const maintenanceApi = {
  'maintenance.queue': query(z.strictObject({ limit: z.number().int().min(1).max(10_000).default(1000) }), QueueView),
  /** Window openings the scheduler handled, newest first: served, or missed while the console was not running. */
  'scheduler.openings': query(
    z.strictObject({ windowId: Id.optional(), limit: z.number().int().min(1).max(1000).default(100) }),
    z.object({ items: z.array(OpeningRecord) }),
  ),
} as const;
