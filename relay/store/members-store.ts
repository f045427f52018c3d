// The workspace, its members and their invitations.
import { newId } from '../../shared/ids.js';
import { formatCredential, parseCredential } from '../../shared/sync/credentials.js';
import type { Role } from '../../shared/sync/roles.js';
import type { Workspace } from '../../shared/sync/relay-api.js';
import { str, strOrNull, type Querier, type Row, type SqlDriver } from '../sql/driver.js';
import { hashSecret, newSecret, secretMatches } from '../secrets.js';

export interface MemberRecord {
  id: string;
  name: string;
  role: Role;
  consoleId: string;
  joinedAt: string;
  revokedAt: string | null;
}

export type JoinRefusal = 'unknown' | 'used' | 'expired';

function toMember(r: Row): MemberRecord {
  return { id: str(r.id), name: str(r.name), role: str(r.role) as Role, consoleId: str(r.console_id), joinedAt: str(r.joined_at), revokedAt: strOrNull(r.revoked_at) };
}

const MEMBER_COLUMNS = 'id, name, role, console_id, joined_at, revoked_at';

export class MembersStore {
  constructor(private readonly db: SqlDriver) {}

  private async meta(q: Querier, key: string): Promise<string | null> {
    const rows = await q.query('SELECT value FROM relay_meta WHERE key = $1', [key]);
    return rows[0] ? str(rows[0].value) : null;
  }

  /** Creates the workspace on first start. Returns a fresh owner invitation while the team has no owner. */
  async init(name: string, now: Date, forceOwnerInvite: boolean): Promise<{ workspace: Workspace; ownerInvitation: string | null }> {
    return this.db.tx(async (q) => {
      let id = await this.meta(q, 'workspace-id');
      if (id === null) {
        id = newId();
        await q.run('INSERT INTO relay_meta (key, value) VALUES ($1, $2)', ['workspace-id', id]);
        await q.run('INSERT INTO relay_meta (key, value) VALUES ($1, $2)', ['workspace-name', name]);
        await q.run('INSERT INTO relay_meta (key, value) VALUES ($1, $2)', ['log-id', newId()]);
      }
      const workspace = { id, name: (await this.meta(q, 'workspace-name')) ?? name, logId: (await this.meta(q, 'log-id'))! };
      const owners = await q.query("SELECT id FROM members WHERE role = 'owner' AND revoked_at IS NULL");
      const pending = await q.query("SELECT id FROM invitations WHERE role = 'owner' AND created_by IS NULL AND used_at IS NULL AND expires_at > $1", [now.toISOString()]);
      const needsInvite = forceOwnerInvite || (owners.length === 0 && pending.length === 0);
      const ownerInvitation = needsInvite ? await this.invite(q, 'owner', null, now, new Date(now.getTime() + 30 * 24 * 3600_000)) : null;
      return { workspace, ownerInvitation };
    });
  }

  async workspace(): Promise<Workspace> {
    const rows = await this.db.query("SELECT key, value FROM relay_meta WHERE key IN ('workspace-id', 'workspace-name', 'log-id')");
    const get = (key: string) => str(rows.find((r) => r.key === key)?.value);
    return { id: get('workspace-id'), name: get('workspace-name'), logId: get('log-id') };
  }

  private async invite(q: Querier, role: Role, createdBy: string | null, now: Date, expiresAt: Date): Promise<string> {
    const id = newId();
    const secret = newSecret();
    await q.run('INSERT INTO invitations (id, secret_hash, role, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      id, hashSecret(secret), role, createdBy, now.toISOString(), expiresAt.toISOString(),
    ]);
    return formatCredential('invitation', { id, secret });
  }

  async createInvitation(role: Role, createdBy: string, now: Date, expiresAt: Date): Promise<{ id: string; invitation: string }> {
    const invitation = await this.db.tx((q) => this.invite(q, role, createdBy, now, expiresAt));
    return { id: parseCredential('invitation', invitation)!.id, invitation };
  }

  /** Redeems an invitation once: creates the member and returns their token. */
  async join(invitation: string, name: string, consoleId: string, now: Date): Promise<{ member: MemberRecord; token: string } | { refused: JoinRefusal }> {
    const credential = parseCredential('invitation', invitation);
    if (!credential) return { refused: 'unknown' };
    return this.db.tx(async (q) => {
      const rows = await q.query('SELECT secret_hash, role, expires_at, used_at FROM invitations WHERE id = $1', [credential.id]);
      const row = rows[0];
      if (!row || !secretMatches(credential.secret, str(row.secret_hash))) return { refused: 'unknown' as const };
      if (row.used_at !== null) return { refused: 'used' as const };
      if (str(row.expires_at) <= now.toISOString()) return { refused: 'expired' as const };
      const id = newId();
      const secret = newSecret();
      const joinedAt = now.toISOString();
      await q.run('INSERT INTO members (id, name, role, token_hash, console_id, joined_at) VALUES ($1, $2, $3, $4, $5, $6)', [
        id, name, str(row.role), hashSecret(secret), consoleId, joinedAt,
      ]);
      const used = await q.run('UPDATE invitations SET used_at = $1, used_by = $2 WHERE id = $3 AND used_at IS NULL', [joinedAt, id, credential.id]);
      if (used !== 1) throw new Error('invitation was redeemed concurrently');
      const member: MemberRecord = { id, name, role: str(row.role) as Role, consoleId, joinedAt, revokedAt: null };
      return { member, token: formatCredential('member', { id, secret }) };
    });
  }

  /** The member a token belongs to, revoked or not; null for a token the relay never issued. */
  async authenticate(token: string): Promise<MemberRecord | null> {
    const credential = parseCredential('member', token);
    if (!credential) return null;
    const rows = await this.db.query(`SELECT ${MEMBER_COLUMNS}, token_hash FROM members WHERE id = $1`, [credential.id]);
    const row = rows[0];
    if (!row || !secretMatches(credential.secret, str(row.token_hash))) return null;
    return toMember(row);
  }

  async get(id: string): Promise<MemberRecord | null> {
    const rows = await this.db.query(`SELECT ${MEMBER_COLUMNS} FROM members WHERE id = $1`, [id]);
    return rows[0] ? toMember(rows[0]) : null;
  }

  async list(): Promise<MemberRecord[]> {
    return (await this.db.query(`SELECT ${MEMBER_COLUMNS} FROM members ORDER BY joined_at, id`)).map(toMember);
  }

  /** Changes a role; refuses to leave the team without an owner. */
  async setRole(id: string, role: Role): Promise<MemberRecord | 'not-found' | 'last-owner'> {
    return this.db.tx(async (q) => {
      const rows = await q.query(`SELECT ${MEMBER_COLUMNS} FROM members WHERE id = $1 AND revoked_at IS NULL`, [id]);
      if (!rows[0]) return 'not-found' as const;
      const member = toMember(rows[0]);
      if (member.role === 'owner' && role !== 'owner' && (await this.otherOwners(q, id)) === 0) return 'last-owner' as const;
      await q.run('UPDATE members SET role = $1 WHERE id = $2', [role, id]);
      return { ...member, role };
    });
  }

  /** Revokes a member (or lets one leave): their token stops working and their leases are freed. */
  async revoke(id: string, now: Date): Promise<MemberRecord | 'not-found' | 'last-owner'> {
    return this.db.tx(async (q) => {
      const rows = await q.query(`SELECT ${MEMBER_COLUMNS} FROM members WHERE id = $1 AND revoked_at IS NULL`, [id]);
      if (!rows[0]) return 'not-found' as const;
      const member = toMember(rows[0]);
      if (member.role === 'owner' && (await this.otherOwners(q, id)) === 0) return 'last-owner' as const;
      await q.run('UPDATE members SET revoked_at = $1 WHERE id = $2', [now.toISOString(), id]);
      await q.run('DELETE FROM leases WHERE member_id = $1', [id]);
      return { ...member, revokedAt: now.toISOString() };
    });
  }

  private async otherOwners(q: Querier, id: string): Promise<number> {
    return (await q.query("SELECT id FROM members WHERE role = 'owner' AND revoked_at IS NULL AND id <> $1", [id])).length;
  }
}
