// Events the core pushes to the UI and scripts over /api/events (and IPC in the desktop app).
import { z } from 'zod';
import { Id } from '../model/common.js';
import { Computer } from '../model/computer.js';
import { DesktopNotice, OutboxItem } from '../model/notification.js';
import { Action, LogLine, SessionSummary } from '../model/session.js';
import { TeamStatus } from './team.js';

export const ConsoleEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('session'), session: SessionSummary }),
  z.object({ type: z.literal('action'), sessionId: Id, action: Action }),
  z.object({ type: z.literal('log'), sessionId: Id, lines: z.array(LogLine) }),
  z.object({ type: z.literal('computer'), computer: Computer }),
  z.object({ type: z.literal('changes'), cursor: z.number().int() }),
  /** Team sync status changed (online/offline/syncing, pending changes, members). */
  z.object({ type: z.literal('team'), status: TeamStatus }),
  /** A desktop (tray or browser) notification is due: a session ended and the settings ask for it. */
  z.object({ type: z.literal('notice'), notice: DesktopNotice }),
  /** A mail in the outbox changed state (sent, retried, failed). */
  z.object({ type: z.literal('mail'), mail: OutboxItem }),
  /** Sent once when the socket opens. */
  z.object({ type: z.literal('hello') }),
  /** The console could not understand a message the client sent. */
  z.object({ type: z.literal('error'), message: z.string() }),
]);
export type ConsoleEvent = z.infer<typeof ConsoleEvent>;
