// Events relay instances tell each other (in-process with SQLite, LISTEN/NOTIFY with PostgreSQL).
// Small on purpose: the data lives in the database, the event only says where to look.
import { z } from 'zod';
import { Id } from '../shared/model/common.js';

export const BusEvent = z.discriminatedUnion('type', [
  /** The log grew to `head`. */
  z.object({ type: z.literal('ops'), head: z.number().int() }),
  /** A member was revoked: close their connections at once. */
  z.object({ type: z.literal('revoked'), memberId: Id }),
  /** A member's role or name changed, or someone joined or left. */
  z.object({ type: z.literal('members'), memberId: Id }),
  z.object({ type: z.literal('leases'), computerIds: z.array(Id).max(200) }),
  /** A forwarded run waits in the forwards table for `consoleId`. */
  z.object({ type: z.literal('forward'), id: Id, consoleId: Id }),
  z.object({ type: z.literal('forward-reply'), id: Id }),
  /** A console connected or dropped: presence changed. */
  z.object({ type: z.literal('presence'), consoleId: Id }),
]);
export type BusEvent = z.infer<typeof BusEvent>;
