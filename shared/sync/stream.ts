// The relay's WebSocket stream: new log entries fanned out as they are written, and the few
// messages that must reach a console at once (membership changes, forwarded runs).
import { z } from 'zod';
import { Id } from '../model/common.js';
import { LoggedOp } from './operation.js';
import { Member, RunOutcome, RunRequest, Workspace } from './relay-api.js';

/** Largest message a console may send on the stream; everything bigger goes over HTTP. */
export const MAX_CONSOLE_STREAM_MESSAGE = 64 * 1024;

export const RelayMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), workspace: Workspace, member: Member, head: z.number().int(), protocol: z.number().int() }),
  /** Entries `after`+1 … in log order; a console whose cursor is not `after` pulls instead. */
  z.object({ type: z.literal('ops'), after: z.number().int(), ops: z.array(LoggedOp) }),
  z.object({ type: z.literal('members-changed') }),
  z.object({ type: z.literal('leases-changed'), computerIds: z.array(Id) }),
  z.object({ type: z.literal('run-request'), requestId: Id, from: z.object({ memberId: Id, name: z.string() }), request: RunRequest }),
  z.object({ type: z.literal('error'), message: z.string() }),
]);
export type RelayMessage = z.infer<typeof RelayMessage>;

export const ConsoleMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('heartbeat') }),
  z.strictObject({ type: z.literal('run-result'), requestId: Id, outcome: RunOutcome }),
]);
export type ConsoleMessage = z.infer<typeof ConsoleMessage>;

/** WebSocket close codes the relay uses, so a console knows whether to come back. */
export const CLOSE_REVOKED = 4003;
export const CLOSE_UNAUTHORIZED = 4001;
export const CLOSE_PROTOCOL = 4002;
