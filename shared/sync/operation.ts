// Sync operations: one change of one entity, numbered by its console (client id + sequence) and,
// once the relay accepts it, by its place in the team's one ordered log (seq).
import { z } from 'zod';
import { Id, IsoTime } from '../model/common.js';
import { isFieldName } from './field-merge.js';
import { HlcString } from './hlc.js';

export const SYNC_PROTOCOL_VERSION = 1;

/** Largest serialized operation (a software item with several versions' scripts fits). */
export const MAX_OP_BYTES = 4 * 1024 * 1024;
/** Largest push request body, and most operations in one push. */
export const MAX_PUSH_BYTES = 16 * 1024 * 1024;
export const MAX_PUSH_OPS = 500;
/** Most operations in one pull page. */
export const MAX_PULL_OPS = 5000;
/** A change stamped further ahead of the relay's clock than this is refused: that console's clock is wrong. */
export const MAX_CLOCK_AHEAD_MS = 24 * 3600_000;

export const EntityKindName = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'is not an entity kind name');
export const FieldName = z.string().refine(isFieldName, 'is not a field name');
export const ClientId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'is not a client id');

/** An operation as a console sends it. */
export const ClientOp = z.strictObject({
  clientSeq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  kind: EntityKindName,
  entityId: Id,
  hlc: HlcString,
  set: z.record(FieldName, z.unknown()),
  unset: z.array(FieldName).max(500),
  deleted: z.boolean(),
});
export type ClientOp = z.infer<typeof ClientOp>;

/** An operation in the relay's log: who sent it (the relay decides `author`, not the console) and where it is. */
export const LoggedOp = ClientOp.extend({
  seq: z.number().int().min(1),
  clientId: ClientId,
  author: Id,
  at: IsoTime,
});
export type LoggedOp = z.infer<typeof LoggedOp>;

export const FieldValueSchema = z.object({ v: z.unknown().optional(), h: HlcString, by: Id.nullable() });
export const EntityStateSchema = z.object({
  fields: z.record(FieldName, FieldValueSchema),
  deleted: z.object({ h: HlcString, by: Id.nullable() }).nullable(),
});
