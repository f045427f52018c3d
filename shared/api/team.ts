// Console API: team sharing through a relay — joining, inviting, members and roles, sync status,
// and who changed what.
import { z } from 'zod';
import { Id, IsoTime } from '../model/common.js';
import { Member, MemberName } from '../sync/relay-api.js';
import { Role } from '../sync/roles.js';
import { command, query } from './method.js';

export const TeamState = z.enum(['online', 'offline', 'syncing']);
export type TeamState = z.infer<typeof TeamState>;

export const TeamStatus = z.object({
  state: TeamState,
  /** Local changes the relay has not acknowledged yet (they survive restarts). */
  pendingChanges: z.number().int(),
  relayUrl: z.string().nullable(),
  members: z.array(Member),
  joined: z.boolean(),
  team: z.object({ id: Id, name: z.string() }).nullable(),
  /** This console's membership. */
  member: z.object({ id: Id, name: z.string(), role: Role }).nullable(),
  /** The relay removed this console from the team: nothing is shared any more. */
  revoked: z.boolean(),
  /** The last problem talking to the relay, in words; null when all is well. */
  lastError: z.string().nullable(),
  /** Changes the relay refused (a viewer's console cannot change the team). */
  refusedChanges: z.number().int(),
});
export type TeamStatus = z.infer<typeof TeamStatus>;

export const HistoryEntry = z.object({
  at: IsoTime,
  author: z.object({ id: Id, name: z.string() }).nullable(),
  /** Top-level fields the change set (a deletion lists none). */
  fields: z.array(z.string()),
  deleted: z.boolean(),
  /** Not yet acknowledged by the relay. */
  pending: z.boolean(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const ActivityEntry = HistoryEntry.extend({
  kind: z.string(),
  id: Id,
  /** The entity's name (or its id when it has none). */
  label: z.string(),
  action: z.enum(['created', 'changed', 'deleted']),
});
export type ActivityEntry = z.infer<typeof ActivityEntry>;

export const FieldAuthor = z.object({ field: z.string(), at: IsoTime, author: z.object({ id: Id, name: z.string() }).nullable() });

export const teamApi = {
  'team.join': command(
    z.strictObject({ relayUrl: z.string().trim().min(1).max(2000), invitation: z.string().trim().min(1).max(400), memberName: MemberName.optional() }),
    TeamStatus,
  ),
  'team.leave': command(z.strictObject({}), z.object({ droppedChanges: z.number().int(), relayInformed: z.boolean() })),
  'team.status': query(z.strictObject({}), TeamStatus),
  'team.createInvitation': command(
    z.strictObject({ role: Role, expiresInHours: z.number().positive().max(24 * 90).optional() }),
    z.object({ invitation: z.string(), role: Role, expiresAt: IsoTime }),
  ),
  'team.members': query(z.strictObject({}), z.object({ members: z.array(Member) })),
  'team.setRole': command(z.strictObject({ memberId: Id, role: Role }), Member),
  'team.revoke': command(z.strictObject({ memberId: Id }), Member),
  /** Who changed an entity, newest first, and who last set each of its fields. */
  'team.history': query(
    z.strictObject({ kind: z.string().min(1).max(40), id: Id, limit: z.number().int().min(1).max(500).default(50) }),
    z.object({ items: z.array(HistoryEntry), fields: z.array(FieldAuthor) }),
  ),
  /** The team's latest changes to shared entities, newest first: who created, changed or deleted what. */
  'team.activity': query(z.strictObject({ limit: z.number().int().min(1).max(500).default(50) }), z.object({ items: z.array(ActivityEntry) })),
  /** Who created and who last changed each shared entity of a kind (empty outside a team). */
  'team.authors': query(
    z.strictObject({ kind: z.string().min(1).max(40) }),
    z.object({ items: z.array(z.object({ id: Id, createdBy: z.string().nullable(), changedBy: z.string().nullable(), changedAt: IsoTime })) }),
  ),
  /** Which console serves (runs the sessions of) each computer this console knows to be served. */
  'team.computers': query(
    z.strictObject({}),
    z.object({ items: z.array(z.object({ computerId: Id, servedHere: z.boolean(), holder: z.string().nullable(), status: z.enum(['held', 'wanted', 'other']) })) }),
  ),
  /** Owners only: frees a computer from the console that serves it (that console is gone for good). */
  'team.releaseComputer': command(z.strictObject({ computerId: Id }), z.object({ released: z.boolean() })),
} as const;
