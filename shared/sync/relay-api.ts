// The relay's HTTP API, declared once: each request and response body as a zod schema, parsed by
// the relay on the way in and by the console on the way back.
import { z } from 'zod';
import { Id, IsoTime } from '../model/common.js';
import { ClientId, ClientOp, EntityKindName, EntityStateSchema, LoggedOp, MAX_PULL_OPS, MAX_PUSH_OPS } from './operation.js';
import { Role } from './roles.js';

export const MemberName = z.string().trim().min(1, 'must not be empty').max(120, 'is too long');

export const Member = z.object({
  id: Id,
  name: z.string(),
  role: Role,
  joinedAt: IsoTime,
  revokedAt: IsoTime.nullable(),
  /** Whether this member's console is connected to the relay now. */
  online: z.boolean(),
});
export type Member = z.infer<typeof Member>;

export const Workspace = z.object({ id: Id, name: z.string(), logId: Id });
export type Workspace = z.infer<typeof Workspace>;

export const JoinRequest = z.strictObject({ invitation: z.string().max(400), name: MemberName, consoleId: Id });
export const JoinResponse = z.object({ workspace: Workspace, member: Member, token: z.string() });
export type JoinResponse = z.infer<typeof JoinResponse>;

export const MeResponse = z.object({ workspace: Workspace, member: Member, head: z.number().int() });

export const MembersResponse = z.object({ members: z.array(Member) });

export const InvitationRequest = z.strictObject({ role: Role, expiresInHours: z.number().positive().max(24 * 90).default(72) });
export const InvitationResponse = z.object({ id: Id, invitation: z.string(), role: Role, expiresAt: IsoTime });

export const RoleRequest = z.strictObject({ memberId: Id, role: Role });
export const RevokeRequest = z.strictObject({ memberId: Id });

export const PushRequest = z.strictObject({ clientId: ClientId, ops: z.array(ClientOp).min(1).max(MAX_PUSH_OPS) });
export const PushResponse = z.object({
  /** Log position of each pushed op, in order; a duplicate gets the position it was first given (0 if compacted). */
  results: z.array(z.object({ clientSeq: z.number().int(), seq: z.number().int(), duplicate: z.boolean() })),
  head: z.number().int(),
});
export type PushResponse = z.infer<typeof PushResponse>;

/** Pull: `cursor` is the last log position the console holds, `logId` the log it belongs to. */
export const PullQuery = z.strictObject({
  cursor: z.coerce.number().int().min(0),
  logId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_OPS).default(1000),
});
export const PullResponse = z.discriminatedUnion('reset', [
  z.object({ reset: z.literal(false), logId: Id, ops: z.array(LoggedOp), cursor: z.number().int(), head: z.number().int() }),
  /** The cursor is older than the log the relay keeps, or belongs to another log: start again from a snapshot. */
  z.object({ reset: z.literal(true), logId: Id, head: z.number().int(), reason: z.string() }),
]);
export type PullResponse = z.infer<typeof PullResponse>;

export const SnapshotQuery = z.strictObject({
  after: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_OPS).default(1000),
});
export const SnapshotEntity = z.object({ kind: EntityKindName, id: Id, state: EntityStateSchema });
export type SnapshotEntity = z.infer<typeof SnapshotEntity>;
export const SnapshotResponse = z.object({
  logId: Id,
  /** The log position the snapshot is at least as new as: pull from here once every page is read. */
  head: z.number().int(),
  entities: z.array(SnapshotEntity),
  next: z.string().nullable(),
});

export const LeaseHolder = z.object({ consoleId: Id, memberId: Id, memberName: z.string(), online: z.boolean() });
export type LeaseHolder = z.infer<typeof LeaseHolder>;
export const ClaimRequest = z.strictObject({ consoleId: Id, computerIds: z.array(Id).min(1).max(10_000) });
export const ClaimResponse = z.object({
  granted: z.array(Id),
  refused: z.array(z.object({ computerId: Id, holder: LeaseHolder })),
});
export type ClaimResponse = z.infer<typeof ClaimResponse>;
/** Releases this console's own leases; `force` (owners only) releases whoever holds them. */
export const ReleaseRequest = z.strictObject({ computerIds: z.array(Id).min(1).max(10_000), force: z.boolean().default(false) });
export const ReleaseResponse = z.object({ released: z.array(Id) });
export const LeasesResponse = z.object({ leases: z.array(z.object({ computerId: Id, holder: LeaseHolder })) });
export type LeasesResponse = z.infer<typeof LeasesResponse>;

/** A manual run asked for on one console, for computers another console serves. */
export const RunRequest = z.strictObject({
  computerIds: z.array(Id).min(1).max(10_000),
  deploymentIds: z.array(Id).min(1).max(10_000).optional(),
  priority: z.enum(['high', 'normal']),
  notify: z.enum(['none', 'failure', 'always']).optional(),
});
export type RunRequest = z.infer<typeof RunRequest>;
export const RunOutcome = z.union([
  z.object({ sessionIds: z.array(Id) }),
  z.object({ refused: z.string() }),
]);
export type RunOutcome = z.infer<typeof RunOutcome>;
export const ForwardResponse = z.object({
  results: z.array(z.object({ computerId: Id, sessionId: Id.nullable(), refused: z.string().nullable(), consoleId: Id.nullable() })),
});
export type ForwardResponse = z.infer<typeof ForwardResponse>;

export const RelayInfo = z.object({ workspace: Workspace, protocol: z.number().int(), head: z.number().int() });

export const RelayErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), expected: z.number().int().optional() }) });
export type RelayErrorBody = z.infer<typeof RelayErrorBody>;
