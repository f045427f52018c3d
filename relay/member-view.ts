// A member as the relay's API shows it.
import type { Member } from '../shared/sync/relay-api.js';
import type { MemberRecord } from './store/members-store.js';

export function memberView(m: MemberRecord, online: boolean): Member {
  return { id: m.id, name: m.name, role: m.role, joinedAt: m.joinedAt, revokedAt: m.revokedAt, online };
}
